"""Fixtures for the demo content's tests: the demo loaded into the test database.

The demo is loaded the way ``make demo`` loads it (``demo.loader.load_demo``), into the database
the home app's migration prepared (a ``HomePage`` as the default site's root), so these tests see
what a tester of the demo site sees.

Loading publishes some sixty revisions through Wagtail (seconds of work), so it is done once per
test module inside a transaction that is rolled back when the module is done; each test runs in
its own savepoint inside it (pytest-django's ``db``), so a test that changes or reloads the
content leaves the next one the demo as loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import icalendar
import pytest
from demo.loader import DemoResult, load_demo
from django.db import transaction
from ical.calendar_stream import IcsCalendarStream

from wagtail_civil.models import MeetingPage


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """The demo loaded for today's date, for one test module, rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


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
    """A feed after both ``icalendar`` and the stricter ``ical`` accepted it, with every TZID
    it uses defined by a VTIMEZONE (calendar programs otherwise guess, often as UTC)."""
    strict = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(strict.events) == len(events), path
    assert {e.uid for e in strict.events} == {str(e["UID"]) for e in events}, path
    used = {
        prop.params["TZID"]
        for component in calendar.walk()
        for values in component.values()
        for prop in (values if isinstance(values, list) else [values])
        if hasattr(prop, "params") and "TZID" in prop.params
    }
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert used <= defined, f"{path}: TZID without VTIMEZONE: {used - defined}"
    return Feed(
        path=path,
        calendar=calendar,
        events={str(e["UID"]).partition("@")[0]: e for e in events},
    )
