#!/usr/bin/env bash
# Install everything CTIMS needs from the package registries, idempotently:
# a virtualenv with the pinned Python packages, the npm packages, local keys,
# compiled translations and a migrated database. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv"
  "$PYTHON" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
fi
stamp=.venv/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s requirements/lock.txt "$stamp"; then
  echo "==> Installing Python packages (requirements/lock.txt)"
  .venv/bin/uv pip install --quiet --python .venv/bin/python --require-hashes -r requirements/lock.txt
  cp requirements/lock.txt "$stamp"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v msgfmt >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing gettext (msgfmt) with apt"
    apt-get update -qq && apt-get install -y -qq gettext >/dev/null
  else
    echo "msgfmt is missing: install gettext (apt-get install gettext) and run again." >&2
    exit 1
  fi
fi

# The printable leaflet needs a font with Polish and Cyrillic letters (DejaVu Sans).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -z "${CTIMS_LEAFLET_FONT_DIR:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing fonts-dejavu-core with apt (leaflet font)"
    apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null
  else
    echo "DejaVu fonts are missing: install fonts-dejavu-core (apt-get install fonts-dejavu-core) and run again." >&2
    exit 1
  fi
fi

echo "==> Compiling translations"
./scripts/compilemessages.sh
