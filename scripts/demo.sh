#!/usr/bin/env bash
# One command: install, create the SQLite database with demo data, and serve CTIMS
# on http://127.0.0.1:8000 with a background task worker. Run again: keeps the data.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DJANGO_SETTINGS_MODULE=ctims.settings.dev
# Links in e-mails and certificates name the address the demo serves on (production sets it itself).
export CTIMS_PUBLIC_BASE_URL="${CTIMS_PUBLIC_BASE_URL:-http://127.0.0.1:${PORT:-8000}}"
PY=.venv/bin/python
mkdir -p var
$PY manage.py generate_keys
$PY manage.py migrate --no-input -v0
$PY manage.py seed_demo
echo
echo "CTIMS is starting on http://127.0.0.1:${PORT:-8000}/  (demo password: ctims-demo-2026)"
echo "Stop it with Ctrl+C."
$PY manage.py task_worker --interval 1 --worker-id demo-1 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
$PY manage.py runserver "127.0.0.1:${PORT:-8000}" --noreload
