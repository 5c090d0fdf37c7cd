"""Settings for the app tests.

SQLite and local memory by default; PostgreSQL / Redis when DATABASE_URL / REDIS_URL are set.
"""

import os
import sys
from importlib.util import find_spec
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# The example site's apps are importable so tests/demo can load the demo content: "home" (the
# start page, in INSTALLED_APPS below) and "demo" (the content). wagtail_civil never imports them.
EXAMPLE_SITE = str(BASE_DIR.parent / "example_site")
if EXAMPLE_SITE not in sys.path:
    sys.path.append(EXAMPLE_SITE)

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Testkommun"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The read API (docs/api.md) pages its lists; a follower may ask for up to 100 items at once.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_CIVIL_UID_DOMAIN = "test.example.org"

INSTALLED_APPS = [
    "wagtail_civil",
    "wagtail.contrib.forms",
    # Purges pages (and, through wagtail_civil.purging, feeds) when WAGTAILFRONTENDCACHE is set;
    # without it, as here, nothing is sent (tests/app/test_purging.py sets it).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # The example site's start page: after wagtail_civil, whose blocks it uses, and after wagtail,
    # so a test database's snapshot (serialized rollback) lists Wagtail's locales before the home
    # page. Wagtail 7.0 looks a locale up when such a snapshot loads a page (later versions don't).
    "home",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# wagtail-localize, as the example site has it (civilsamhalle[localize]): its tables are then in
# the test database that tests/deploy's servers, running the example site, use.
if find_spec("wagtail_localize"):
    _admin = INSTALLED_APPS.index("wagtail.admin")
    INSTALLED_APPS[_admin:_admin] = ["wagtail_localize", "wagtail_localize.locales"]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "test.sqlite3"}
    }

# pytest-xdist runs the suite in several processes at once ("gw0", "gw1", …): each keeps its own
# cache (a Redis database of its own) and uploaded files, as each already has its own test database.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def _worker_redis(url: str) -> str:
    """REDIS_URL with a database of this worker's own (the URL's number plus the worker's):
    a test that clears the cache runs FLUSHDB, which a key prefix does not stop at the other
    workers' keys, and their cached answers would vanish in the middle of a counted request."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    worker = int(XDIST_WORKER[2:]) if XDIST_WORKER.startswith("gw") else 0
    return urlunsplit(parts._replace(path=f"/{(base + worker) % 16}"))


if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _worker_redis(os.environ["REDIS_URL"]),
            "KEY_PREFIX": f"civil-tests-{XDIST_WORKER}",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},  # feeds keep an entry per meeting's event
        }
    }

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media" / XDIST_WORKER
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "Testkommun <noreply@testkommun.example.org>"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Wagtail 7.0 (django-tasks < 0.8) updates the search index in a task enqueued when the
# transaction commits, and a test's transaction never commits: run it at once, as later versions
# do. Newer django-tasks ignore the key.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}

# Registration emails are queued in a backend of their own that only keeps what is queued: a test
# sees that nothing was sent inside the request, then runs the queue (tests/app/task_queue.py).
TASKS["emails"] = {
    "BACKEND": "django_tasks.backends.dummy.DummyBackend",
    "ENQUEUE_ON_COMMIT": False,
}
WAGTAIL_CIVIL_TASK_BACKEND = "emails"


# The database backend and its worker, as the example site's production settings use them:
# django-tasks-db where it runs (Django 6, or django-tasks >= 0.12); else, with Wagtail 7.0's
# django-tasks 0.7 (make test-lowest), the database backend that package still ships.
def _database_tasks_usable() -> bool:
    from importlib.metadata import PackageNotFoundError, version
    from importlib.util import find_spec

    if find_spec("django_tasks_db") is None:
        return False
    if find_spec("django.tasks") is not None:
        return True
    try:
        major, minor = (int(part) for part in version("django-tasks").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (0, 12)


if _database_tasks_usable():
    INSTALLED_APPS.append("django_tasks_db")
    TASKS["database"] = {"BACKEND": "django_tasks_db.DatabaseBackend"}
else:
    INSTALLED_APPS.append("django_tasks.backends.database")
    TASKS["database"] = {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}
