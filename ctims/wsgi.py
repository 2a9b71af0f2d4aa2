"""WSGI entry point (gunicorn ctims.wsgi). Production uses ctims.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.production")
application = get_wsgi_application()
