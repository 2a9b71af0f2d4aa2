"""Development and embedded demo settings: SQLite by default, demo mode on."""

from __future__ import annotations

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DEBUG", False)
CTIMS_DEMO_MODE = env_bool("CTIMS_DEMO_MODE", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Notification e-mails land as files in var/mail (one per message) instead of going out.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
