#!/usr/bin/env bash
# Set up, then run the whole test suite (unit, integration and browser tests) in parallel.
# DATABASE_URL=postgres://... runs it against PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Chromium for the browser tests (apt)"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Debian's chromium: apt-get install chromium" >&2
    exit 1
  fi
fi
export DJANGO_SETTINGS_MODULE=ctims.settings.test
echo "==> pytest on ${DATABASE_URL:-SQLite}"
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
