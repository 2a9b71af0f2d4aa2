"""Production settings: everything secret comes from the environment; HTTPS only."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env, env_bool, env_list

DEBUG = False
CTIMS_DEMO_MODE = False  # never: every staff account must use MFA

for _name in ("SECRET_KEY", "BLIND_INDEX_KEY"):
    if not env(_name):
        raise ImproperlyConfigured(f"Set {_name} in the environment (see docs/configuration.md).")
if not env_list("FIELD_ENCRYPTION_KEYS"):
    raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS in the environment (see docs/configuration.md).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes from the proxy over plain HTTP (core.health)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Shared cache for the worker processes: counts and figures cached per organisation or user, never personal data
# (see docs/benchmarks.md, "CPU per request"). Demo and tests keep Django's local-memory default (no server).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "KEY_PREFIX": "ctims",
        "TIMEOUT": 300,
    }
}
