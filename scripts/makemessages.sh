#!/usr/bin/env bash
# Extract translatable strings into each module's own locale/ (en is the source language).
# Usage: scripts/makemessages.sh [module ...]   (default: every module and the project shell)
set -euo pipefail
cd "$(dirname "$0")/.."
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  modules=(ctims $(for d in */apps.py; do dirname "$d"; done))
fi
for m in "${modules[@]}"; do
  mkdir -p "$m/locale"
  (cd "$m" && ../.venv/bin/python ../manage.py makemessages -l pl -l uk -l ru --no-obsolete --no-location --no-wrap --ignore 'tests/*' >/dev/null)
  echo "updated $m/locale"
done
