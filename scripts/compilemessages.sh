#!/usr/bin/env bash
# Compile every module's .po files (each app has its own locale/ directory).
set -euo pipefail
cd "$(dirname "$0")/.."
find . -path ./node_modules -prune -o -path ./.venv -prune -o \( -name django.po -o -name djangojs.po \) -print | while read -r po; do
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    msgfmt --check-format -o "$mo" "$po"
  fi
done
