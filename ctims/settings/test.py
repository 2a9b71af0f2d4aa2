"""Test settings: fast hashing, tasks run immediately, fixed throwaway keys."""

from __future__ import annotations

import os

from cryptography.fernet import Fernet

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", Fernet.generate_key().decode())
os.environ.setdefault("BLIND_INDEX_KEY", "test-blind-index-key-0123456789abcdef")
os.environ.setdefault("CTIMS_ENV_FILE", "/nonexistent")

from .base import *  # noqa: F403

CTIMS_DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One folder per pytest-xdist worker: each worker has its own database, so two workers' uploads get the same
# ids and paths (SCORM package 1 ...) and would overwrite or delete each other's files.
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
