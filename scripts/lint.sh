#!/usr/bin/env bash
# Static checks: ruff, mypy, migrations in sync, production settings pass check --deploy.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "==> ruff"; .venv/bin/ruff check .
echo "==> mypy"; .venv/bin/mypy
echo "==> makemigrations --check"
DJANGO_SETTINGS_MODULE=ctims.settings.test .venv/bin/python manage.py makemigrations --check --dry-run
echo "==> check --deploy (production settings)"
DJANGO_SETTINGS_MODULE=ctims.settings.production SECRET_KEY="$(.venv/bin/python -c 'import secrets;print(secrets.token_urlsafe(50))')" \
  FIELD_ENCRYPTION_KEYS="$(.venv/bin/python -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())')" \
  BLIND_INDEX_KEY=lint-check-only ALLOWED_HOSTS=ctims.example.org CTIMS_PUBLIC_BASE_URL=https://ctims.example.org \
  .venv/bin/python manage.py check --deploy --fail-level WARNING
