"""WSGI entry point: ``gunicorn cica.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")

application = get_wsgi_application()
