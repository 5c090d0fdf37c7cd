"""Settings every flavour of the demo site shares: a Swedish municipality's site with the
civil-society app installed.

Everything an installing municipality must set for ``wagtail_civil`` is here and commented; the
rest is an ordinary Wagtail site. ``dev.py`` (the default of ``manage.py``: ``make demo``) adds
DEBUG, a fixed key and SQLite; ``production.py`` reads the rest from the environment
(docs/deployment.md). The same split as ``wagtail start`` and Wagtail's bakerydemo.
"""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # example_site/

# The demo's key, published in this file: dev.py uses it, production.py refuses it.
DEMO_SECRET_KEY = "demo-only-not-secret-change-me"

INSTALLED_APPS = [
    # The app and the three apps it builds on:
    "wagtail_civil",
    "wagtail.contrib.routable_page",
    "django_filters",
    "modelcluster",
    # The site's own start page, which uses the app's blocks (so it comes after the app):
    "home",
    # Translating pages and snippets in the admin (docs/languages.md): wagtail-localize
    # (civilsamhalle[localize]), whose "locales" app replaces Wagtail's own; without it, Wagtail's.
    *(
        ["wagtail_localize", "wagtail_localize.locales"]
        if find_spec("wagtail_localize")
        else ["wagtail.locales", "wagtail.contrib.simple_translation"]
    ),
    # An ordinary Wagtail site:
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Residents get the site in their browser's language among LANGUAGES (sv, nb, en).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
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

# The admin sends requests at the same time (autosave while the editor presses Publish).
# SQLite's default lets two transactions read and then fail to write ("database is locked",
# a 500): IMMEDIATE takes the write lock when a transaction begins, so the second waits its
# turn (up to "timeout" seconds), and WAL lets pages be read while the admin writes.
_sqlite_options: dict[str, object] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
SQLITE_DATABASE = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": SITE_DIR / "db.sqlite3",
    "OPTIONS": _sqlite_options,
}

DATABASES = {"default": SQLITE_DATABASE}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- language and time ---------------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")]
USE_I18N = True
# Pages and snippets in several languages (docs/languages.md): a Swedish tree and its English
# translation. Page addresses get the language first (/en/...) but for Swedish, the default
# (i18n_patterns in urls.py); Norwegian stays an admin and visitor language.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")]
USE_TZ = True  # required by wagtail_civil: meetings are stored in UTC
TIME_ZONE = "Europe/Stockholm"

# --- wagtail_civil -------------------------------------------------------------------------------
# Event UIDs in calendar feeds are "<uuid>@<this domain>". Calendar programs recognise a meeting
# by its UID for years, so set this once, to a domain you control, and never change it.
WAGTAIL_CIVIL_UID_DOMAIN = "demo.civilsamhalle.example"
# The remaining settings show their defaults (see docs/settings.md).
WAGTAIL_CIVIL_TIME_ZONE = TIME_ZONE
WAGTAIL_CIVIL_FEED_REFRESH = timedelta(hours=6)
WAGTAIL_CIVIL_CANCELLED_VISIBLE = timedelta(days=90)
WAGTAIL_CIVIL_FEED_MAX_AGE = 900
WAGTAIL_CIVIL_FEED_PAST_DAYS = 365

# Feeds keep each built feed and each meeting's event in the default cache (docs/feeds.md, "HTTP
# caching"). Django's local-memory cache holds 300 entries unless told otherwise: too few for a
# feed of a few hundred meetings, whose events would push each other out.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Demokommun"
# The read API (docs/api.md) pages its lists; a follower may ask for up to 100 items at once.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

STATIC_URL = "/static/"
STATIC_ROOT = SITE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = SITE_DIR / "media"

# Mail (meeting confirmations, waitlist notices) is printed to the console in the demo.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "demokommun@demo.civilsamhalle.example"
