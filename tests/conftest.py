"""What the whole suite shares: which services this run uses, and why a test does not run.

The suite runs in two worlds: on a laptop with SQLite and no browser, and in CI against
PostgreSQL, Redis and Chromium. A test that needs what is absent is skipped with a reason that
says how to run it, and the header says up front which world this is, so a green run on SQLite is
never mistaken for a PostgreSQL one. In CI (``CI=true``) nothing may be skipped for want of
Chromium: a missing browser there is a broken machine, not a choice.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

POSTGRES_HINT = "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"


def _database() -> tuple[str, bool]:
    """A description of the database the tests use, and whether it is PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return "SQLite (set DATABASE_URL for PostgreSQL)", False
    parts = urlsplit(url)
    is_postgres = parts.scheme.startswith("postgres")
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    return f"{parts.scheme} at {where}", is_postgres


def _cache() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "local memory (set REDIS_URL for Redis)"
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or 6379}{parts.path}"
    return f"Redis at {where} (and the next databases: one per xdist worker)"


def chromium_path() -> str | None:
    """Debian's Chromium, or the one named by CHROMIUM_PATH."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _is_browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_report_header(config: pytest.Config) -> list[str]:
    database, _ = _database()
    browser = chromium_path() or "absent (browser tests are skipped)"
    return [f"database: {database}", f"cache: {_cache()}", f"chromium: {browser}"]


# The demo's tests share one load of it (tests/demo/conftest.py): they go to one worker together.
DEMO_PACKAGE = "tests/demo/"


def _scope(nodeid: str) -> str:
    """What one pytest-xdist worker runs as a unit: a test module, or the whole demo package."""
    path = nodeid.split("::", 1)[0]
    return DEMO_PACKAGE if path.startswith(DEMO_PACKAGE) else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` (make test), except that the demo package is one unit: its modules
    share a package-scoped load of the demo, which a split across workers would load twice."""
    from xdist.scheduler import LoadFileScheduling

    if config.getvalue("dist") != "loadfile":
        return None

    class DemoTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

    return DemoTogether(config, log)


@pytest.hookimpl(trylast=True)  # after pytest-django has ordered the tests by type
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip what this machine cannot run (saying why), and start the longest modules first.

    With one pytest-xdist worker per module at a time, the longest modules (the wheels installed
    from the package index, then the browser's) go first and the short ones fill in at the end,
    so no worker is left finishing a long module alone. A browser module puts the migrated rows
    back when it ends (tests/browser/conftest.py), so it may run before the others.
    """
    items.sort(
        key=lambda item: (
            not item.get_closest_marker("slow"),
            not _is_browser(item),
            _scope(item.nodeid) != DEMO_PACKAGE,  # one long unit: early, not left for the end
        )
    )
    _, is_postgres = _database()
    has_chromium = chromium_path() is not None
    needs_postgres = pytest.mark.skip(reason=f"needs PostgreSQL: run with {POSTGRES_HINT}")
    needs_chromium = pytest.mark.skip(
        reason="needs Chromium: apt-get install chromium, or set CHROMIUM_PATH"
    )
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if browser_tests and not has_chromium and _in_ci():
        raise pytest.UsageError(
            f"CI is set but Chromium is missing, so {len(browser_tests)} browser tests would be "
            "skipped; install it (.ci/run does: apt-get install chromium)."
        )
    for item in items:
        if item.get_closest_marker("postgres") and not is_postgres:
            item.add_marker(needs_postgres)
        if item.get_closest_marker("browser") and not has_chromium:
            item.add_marker(needs_chromium)


@pytest.fixture(autouse=True)
def _no_language_left_active() -> Iterator[None]:
    """Each test starts with no language activated (the site's LANGUAGE_CODE): a request through
    LocaleMiddleware, or a page read in its own language, leaves that language active in the
    thread, and the next test's ``reverse()`` would add ``/en/``. The core's tests run without
    Django configured, and may run without Django at all."""
    try:
        from django.conf import settings
        from django.utils import translation
    except ImportError:
        configured = False
    else:
        configured = settings.configured
    if configured:
        translation.deactivate()
    yield
    if configured:
        translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _cache_empty_at_start() -> None:
    """Start from an empty cache: Redis keeps what an earlier run cached, whose test database
    gave the same primary keys to other content."""
    try:
        from django.conf import settings
    except ImportError:
        return
    if settings.configured and "redis" in settings.CACHES["default"]["BACKEND"].lower():
        from django.core.cache import caches

        caches["default"].clear()
