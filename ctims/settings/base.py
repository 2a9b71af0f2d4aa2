"""Settings shared by every environment. Secrets and databases come from the environment."""

from __future__ import annotations

import datetime
import os

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, env, env_bool, env_list, load_env_file

load_env_file(BASE_DIR / env("CTIMS_ENV_FILE", ".local/ctims.env"))

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Demo mode lets the demo accounts sign in without MFA. Never on in production settings.
CTIMS_DEMO_MODE = env_bool("CTIMS_DEMO_MODE", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs page's scripts locally (without it, django-ninja uses a CDN)
    "axes",  # failed sign-ins and lockout (accounts.lockout)
    "core",
    "audit",
    "accounts",
    "directory",
    "intake",
    "protection",
    "investigations",
    "links",
    "training",
    "programme",
    "stats",
    "retention",
    "notifications",
    "approvals",
    "timeline",
    "worklists",
    "supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy (core.csp)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestContextMiddleware",
    "core.middleware.HealthCheckMiddleware",  # /healthz, /readyz: before sessions and the host check
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",  # after messages: it tells the user why they were signed out
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.NoStoreForPersonalDataMiddleware",
]

ROOT_URLCONF = "ctims.urls"
WSGI_APPLICATION = "ctims.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ctims" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'ctims.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked"
    # surprises when two requests upgrade a read transaction to a write at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES["default"].setdefault("TEST", {})
if os.environ.get("CTIMS_TEST_DB_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = os.environ["CTIMS_TEST_DB_NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: 30 minutes idle (last-seen time renewed at most once a minute), 12 hours absolute (middleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware writes the last-seen time at most once a minute
CTIMS_SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CTIMS_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
# Browser security headers in every environment (production adds HSTS and secure cookies);
# the Content-Security-Policy and Permissions-Policy come from core.middleware.SecurityHeadersMiddleware.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag, not the cookie

# Lockout (django-axes, see accounts/lockout.py): 5 failures of one username from one address lock
# that pair, not the account everywhere; 20 failures from one address lock the address for every
# account. Both clear 15 minutes after the last failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked pair before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_key"
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_ip"  # honours CTIMS_TRUSTED_PROXIES
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log already
AXES_VERBOSE = False  # no "AXES: BEGIN" line on every manage.py command
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_str"  # no username or address in the logs
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code", "current_code", "otp"]
CTIMS_LOCKOUT_MAX_FAILURES_PER_IP = 20
# CTIMS shows a lockout in its own sign-in page and API error shape (accounts.services), so it does
# not use AxesMiddleware, which would replace those answers with axes' own page.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
# Reverse proxies in front of CTIMS whose X-Forwarded-For is trusted (nginx alone: 1).
CTIMS_TRUSTED_PROXIES = int(env("CTIMS_TRUSTED_PROXIES", "0"))

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
LANGUAGE_COOKIE_NAME = "ctims_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "ctims" / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["ctims.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Front-end libraries come from the npm registry at install time (`npm ci`) and are
# served from node_modules under stable prefixes; nothing third-party is committed.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "ctims" / "static",  # the project's own stylesheet (ctims is not an app, so list it here)
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/cytoscape", NODE_MODULES / "cytoscape" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/scorm-again", NODE_MODULES / "scorm-again" / "dist"),
    ("vendor/idb", NODE_MODULES / "idb" / "build"),
    # the service worker's caching (core/pwa.py loads these with importScripts, no CDN)
    ("vendor/workbox-core", NODE_MODULES / "workbox-core" / "build"),
    ("vendor/workbox-routing", NODE_MODULES / "workbox-routing" / "build"),
    ("vendor/workbox-strategies", NODE_MODULES / "workbox-strategies" / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media-not-served/"  # uploaded files are personal data: served only by views that check access

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Each uploaded file is counted as it streams in and refused past its view's limit (core.uploads);
# this is the limit of views that set none (SCORM packages, case documents and images set their own).
FILE_UPLOAD_HANDLERS = [
    "core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CTIMS_UPLOAD_MAX_BYTES = int(env("CTIMS_UPLOAD_MAX_MB", "20")) * 1024 * 1024
# HTCDS/Kobo imports (protection.imports): largest file and most rows, each refused with a message saying it.
IMPORT_MAX_BYTES = int(env("CTIMS_IMPORT_MAX_MB", "20")) * 1024 * 1024
IMPORT_MAX_ROWS = int(env("CTIMS_IMPORT_MAX_ROWS", "50000"))

# Field encryption: comma-separated Fernet keys, newest first. Not SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
# Keyed hash for blind indexes (exact lookups on encrypted identifiers). Changing it
# breaks every stored index: see docs/configuration.md before ever doing so.
BLIND_INDEX_KEY = env("BLIND_INDEX_KEY")
PHONE_DEFAULT_REGIONS = ["PL", "UA"]
# Links (entity resolution): "duckdb" runs Splink in process; "spark" uses Splink's Spark backend
# (needs pyspark and a Spark session; see links/matching.py). Thresholds are match probabilities.
LINKS_ENGINE = env("LINKS_ENGINE", "duckdb")
LINKS_AUTO_THRESHOLD = 0.99
LINKS_PROPOSE_THRESHOLD = 0.5
LINKS_ALERT_MIN_RECORDS = 3
LINKS_ALERT_WINDOW_DAYS = 7

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Personal data never goes to logs: JSON lines with the request id and only known fields, query
# strings cut, exceptions without their messages (see core.logging); SQL with its parameters is
# never logged whatever LOG_LEVEL says; error reports show no form values (DEFAULT_EXCEPTION_REPORTER_FILTER).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "core.logging.ScrubPersonalDataFilter"}},
    "formatters": {"json": {"()": "core.logging.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["scrub"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # replaces Django's default handlers (mail_admins would send request details by e-mail)
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.logging.NoPostDataExceptionReporterFilter"
# A task worker silent for this long is taken for dead and its running task goes back to the queue (core.worker).
CTIMS_WORKER_STALE_SECONDS = int(env("CTIMS_WORKER_STALE_SECONDS", "120"))

NINJA_PAGINATION_PER_PAGE = 50
# Map tiles for the places map (e.g. an internal tile server). Empty: points on a plain background,
# and the browser makes no request outside CTIMS.
CTIMS_MAP_TILE_URL = env("CTIMS_MAP_TILE_URL", "")
# SCORM package files from a host name of their own (e.g. "https://scorm.ctims.example.org"); empty:
# from CTIMS's host, sandboxed with an opaque origin. See docs/production.md.
CTIMS_SCORM_CONTENT_ORIGIN = env("CTIMS_SCORM_CONTENT_ORIGIN", "")
# The address people use (https://ctims.example.org), printed in certificate and leaflet QR codes. Empty: the
# demo uses the address it is served on; production refuses to start (training.checks, check --deploy).
CTIMS_PUBLIC_BASE_URL = env("CTIMS_PUBLIC_BASE_URL", "")
# Notification e-mails (notifications app): an SMTP server in production (docs/production.md).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "CTIMS <no-reply@ctims.invalid>")
CTIMS_REMINDER_HOUR = int(env("CTIMS_REMINDER_HOUR", "6"))  # local hour of the daily review/task reminders
# An immediate-danger call or observation unassigned this long is flagged on the board and its organisation's
# supervisors are notified (intake.overdue); the worker looks every CTIMS_TRIAGE_CHECK_MINUTES.
CTIMS_TRIAGE_UNASSIGNED_MINUTES = int(env("CTIMS_TRIAGE_UNASSIGNED_MINUTES", "15"))
CTIMS_TRIAGE_CHECK_MINUTES = int(env("CTIMS_TRIAGE_CHECK_MINUTES", "5"))

# Directory: concerns sent from the public site go to this organisation's triage (Police HQ).
CTIMS_CONCERN_ORGANISATION_CODE = env("CTIMS_CONCERN_ORGANISATION_CODE", "POL")
CTIMS_CONCERN_MAX_PER_HOUR = int(env("CTIMS_CONCERN_MAX_PER_HOUR", "5"))  # per address
CTIMS_CONCERN_MIN_FILL_SECONDS = int(env("CTIMS_CONCERN_MIN_FILL_SECONDS", "3"))  # faster is a bot
# A TTF font with Latin, Polish and Cyrillic letters for the printable leaflet (Debian fonts-dejavu-core).
CTIMS_LEAFLET_FONT_DIR = env("CTIMS_LEAFLET_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

# Retention (retention app): days a record is kept after its date, then removed or anonymised; 0 keeps for ever.
# Closed cases are anonymised (statistics stay), the others deleted. See docs/configuration.md.
CTIMS_RETENTION_DAYS = {
    "case": int(env("CTIMS_RETENTION_CLOSED_CASE_DAYS", "1826")),  # after closure: 5 years
    "call": int(env("CTIMS_RETENTION_CALL_DAYS", "730")),  # calls nothing came of: 2 years
    "observation": int(env("CTIMS_RETENTION_OBSERVATION_DAYS", "730")),  # observations nothing came of: 2 years
    "concern": int(env("CTIMS_RETENTION_CONCERN_DAYS", "365")),  # triaged public concerns: 1 year
    "training": int(env("CTIMS_RETENTION_TRAINING_DAYS", "1826")),  # external participants after the event: 5 years
    "audit": int(env("CTIMS_RETENTION_AUDIT_DAYS", "3653")),  # audit events: 10 years
}
CTIMS_RETENTION_NOTICE_DAYS = int(env("CTIMS_RETENTION_NOTICE_DAYS", "30"))  # how far ahead the page looks
CTIMS_RETENTION_HOUR = int(env("CTIMS_RETENTION_HOUR", "2"))  # local hour of the daily run

_ = _  # gettext_lazy kept importable for settings that need translated labels
