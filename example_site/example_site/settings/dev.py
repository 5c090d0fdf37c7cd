"""Settings of ``make demo``: DEBUG on 127.0.0.1, SQLite, a published key (mail goes to
the console, as base.py says).

Needs no environment at all. ``DATABASE_URL`` (with ``pip install dj-database-url
psycopg[binary]``) points the demo at PostgreSQL instead.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEMO_SECRET_KEY, SQLITE_DATABASE

DEBUG = True
# A fixed key is fine for a demo that listens on 127.0.0.1 only; production.py refuses it.
SECRET_KEY = DEMO_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

if os.environ.get("DATABASE_URL"):
    try:
        import dj_database_url
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        raise ImproperlyConfigured(
            "DATABASE_URL is set but dj-database-url is not installed: "
            "pip install dj-database-url 'psycopg[binary]'"
        ) from exc
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {"default": SQLITE_DATABASE}
