"""Production settings: what differs between deployments comes from the environment.

``DJANGO_SETTINGS_MODULE=example_site.settings.production`` (the default of ``wsgi.py``, so an
application server never falls back to the demo's DEBUG settings). docs/deployment.md lists
every variable; ``manage.py check --deploy`` passes with the documented ones set.
"""

import importlib.util
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEFAULT_FROM_EMAIL, DEMO_SECRET_KEY, MIDDLEWARE, STATIC_ROOT


def _list(name: str) -> list[str]:
    """A comma-separated variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1 or 0")


def _required(name: str, example: str) -> str:
    """The variable's value; without it the site refuses to start, saying what to set."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. The production settings read it from the environment, "
            f"for example {name}={example} (docs/deployment.md)."
        )
    return value


_NEW_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


DEBUG = False

# Sessions, password-reset links and CSRF tokens are signed with it: one per site, shared by all
# its app servers, never committed. The demo's key is published in base.py.
SECRET_KEY = _required("SECRET_KEY", f'"$({_NEW_KEY})"')
if SECRET_KEY == DEMO_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the demo's key, which is published in "
        "example_site/example_site/settings/base.py. "
        f"Generate one of your own: {_NEW_KEY}"
    )

_required("ALLOWED_HOSTS", "www.kommun.se")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
# Event UIDs end in @<this>; unset, the host of WAGTAILADMIN_BASE_URL (docs/settings.md).
WAGTAIL_CIVIL_UID_DOMAIN = os.environ.get("WAGTAIL_CIVIL_UID_DOMAIN", "")

# --- database: one PostgreSQL for every app server ----------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        _required("DATABASE_URL", "postgres://civil:password@db.internal:5432/civil"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# --- cache: shared by every app server ---------------------------------------------------------
# Feeds and Wagtail's own caches use the default cache. Several app servers must share it
# (Redis), or one would keep answering from what it cached before an editor published.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, except that a Redis that is down is a cache miss (and a
            # warning), not a 500 on every page and feed.
            "BACKEND": "wagtail_civil.failsafe_cache.FailSafeRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Several sites (or a test) can share one Redis under their own prefixes.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            # An unreachable Redis costs a fraction of a second per request, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
# Without REDIS_URL (one app server only) each process keeps its own cache: settings/base.py's.

# --- static files (WhiteNoise) and uploads -------------------------------------------------------
# WhiteNoise serves what collectstatic gathered, under names with a content hash, compressed, with
# far-future caching headers; it comes right after SecurityMiddleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(STATIC_ROOT))
# Uploaded images and documents: every app server must see the same directory (a shared volume),
# and the reverse proxy serves MEDIA_URL from it.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(SITE_DIR / "media"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- HTTPS --------------------------------------------------------------------------------------
# Behind a proxy that terminates TLS: the header it sets on requests that came in over HTTPS
# (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto). Only if the proxy always sets or strips it.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    _header = os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (f"HTTP_{_header}", "https")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the load balancer asks over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Start short; raise to a year (31536000) once every page is known to work over HTTPS.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "3600"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", True)

# --- mail ----------------------------------------------------------------------------------------
# Meeting confirmations and waitlist notices. Without EMAIL_HOST, mail is written to the log.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- background tasks: registration emails ------------------------------------------------------
# Queued in the database and sent by a worker beside gunicorn (docs/registration.md):
#   manage.py db_worker --backend emails
# Wagtail's own tasks (search index updates) stay immediate, as without this block, so a stopped
# worker delays emails and nothing else. Reminders: manage.py send_registration_reminders from
# cron or a systemd timer.
_TASKS = "django.tasks" if importlib.util.find_spec("django.tasks") else "django_tasks"
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {
    "default": {"BACKEND": f"{_TASKS}.backends.immediate.ImmediateBackend"},
    "emails": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WAGTAIL_CIVIL_TASK_BACKEND = "emails"
WAGTAIL_CIVIL_REGISTRATION_NOTIFY = _list("WAGTAIL_CIVIL_REGISTRATION_NOTIFY")

# --- logs: to standard error, where gunicorn and the service manager collect them ---------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
