"""WSGI entry point for an application server: ``gunicorn example_site.wsgi``.

Production settings unless DJANGO_SETTINGS_MODULE says otherwise (``manage.py runserver`` sets
the demo's), so a server started without it refuses to run without its SECRET_KEY instead of
serving the demo's DEBUG settings.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.production")

application = get_wsgi_application()
