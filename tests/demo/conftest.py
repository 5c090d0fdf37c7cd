"""Fixtures for the demo content's tests: the demo loaded into the test database.

The demo is loaded the way ``make demo`` loads it (``demo.loader.load_demo``), into the database
the home app's migration prepared (a ``HomePage`` as the default site's root), so these tests see
what a tester of the demo site sees.

Loading publishes some sixty revisions through Wagtail (seconds of work), so it is done once for
this whole package inside a transaction that is rolled back when its last test is done; each test
runs in its own savepoint inside it (pytest-django's ``db``), so a test that changes or reloads
the content leaves the next one the demo as loaded. The package's modules run one after the other
on one pytest-xdist worker (``pytest_xdist_make_scheduler`` in tests/conftest.py), so a run loads
the demo here once. A module that needs the demo loaded otherwise (other settings, a fixed clock)
lives in tests/demo_variants/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import icalendar
import pytest
from demo.loader import DemoResult, load_demo
from django.db import transaction
from django.test import override_settings

from tests.feedcheck import read_feed
from wagtail_civil.models import MeetingPage


@contextmanager
def demo_for_module(django_db_blocker: Any, **settings: Any) -> Iterator[DemoResult]:
    """The demo loaded for today's date (with ``settings`` while it loads), in a transaction
    rolled back when the block ends: the tests of a module (or a package) share one load."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(**settings):
                result = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield result
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="package")
def loaded_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """The demo loaded for today's date, for this package's tests, rolled back afterwards."""
    with demo_for_module(django_db_blocker) as result:
        yield result


@pytest.fixture
def demo(loaded_demo: DemoResult, db: Any) -> DemoResult:
    """The demo as loaded for today's date; what a test changes is undone after it."""
    return loaded_demo


@pytest.fixture
def load(demo: DemoResult) -> Any:
    """``load(today=None)``: load the demo again, on top of the loaded one, as of ``today``."""

    def run(today: dt.date | None = None) -> DemoResult:
        return load_demo(today)

    return run


def meeting(title: str) -> MeetingPage:
    """The demo meeting with this title, as stored (published or not)."""
    return MeetingPage.objects.get(title=title)


@dataclass(frozen=True)
class Feed:
    path: str
    calendar: icalendar.Calendar
    events: dict[str, icalendar.Event]  # by UID, without the "@domain"

    def summaries(self) -> set[str]:
        return {str(e["SUMMARY"]) for e in self.events.values()}


def parse_feed(path: str, body: bytes) -> Feed:
    """A feed after both parsers accepted it (see :func:`tests.feedcheck.read_feed`)."""
    calendar = read_feed(body, path)
    events = calendar.walk("VEVENT")
    return Feed(
        path=path,
        calendar=calendar,
        events={str(e["UID"]).partition("@")[0]: e for e in events},
    )
