"""The core's feed writes no property without a value, and a whole-day deadline as the day.

``civilsamhalle ics`` turns a data file into a feed: a meeting there may have nothing but a title,
a time and a place, and no page address, and its event must still carry no empty
``DESCRIPTION:`` (some programs show it as a blank note, some refuse the event).
"""

from __future__ import annotations

import datetime as dt

import pytest

from civilsamhalle.calendar import FeedInfo, FeedLabels, feed_bytes
from civilsamhalle.calendar.text import description
from civilsamhalle.model import Registration, RegistrationKind
from tests.core.conftest import STOCKHOLM, build_meeting
from tests.feedcheck import empty_properties, read_feed


def test_a_bare_meeting_gives_no_empty_property():
    body = feed_bytes([build_meeting()], FeedInfo(name="Möten"), FeedLabels())
    assert empty_properties(body) == []
    event = read_feed(body).walk("VEVENT")[0]
    assert "DESCRIPTION" not in event


def test_blank_labels_give_no_empty_categories():
    labels = FeedLabels(dialogue="")
    body = feed_bytes([build_meeting()], FeedInfo(name="Möten"), labels)
    assert empty_properties(body) == []


def _registration(deadline: dt.datetime) -> Registration:
    return Registration(
        kind=RegistrationKind.EXTERNAL, url="https://example.org/anmalan", deadline=deadline
    )


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("sv", "2026-05-25", "2026-05-25 kl. 12:30"),
        ("nb", "25.05.2026", "25.05.2026 kl. 12:30"),
        ("en", "2026-05-25", "2026-05-25 12:30"),
    ],
)
def test_a_deadline_at_local_midnight_reads_as_the_day(language, day, moment):
    labels = FeedLabels.for_language(language)
    midnight = dt.datetime(2026, 5, 25, tzinfo=STOCKHOLM)
    whole_day = build_meeting(registration=_registration(midnight))
    assert f"{labels.register_by}: {day}\n" in description(whole_day, labels) + "\n"
    at_noon = build_meeting(registration=_registration(midnight.replace(hour=12, minute=30)))
    assert f"{labels.register_by}: {moment}\n" in description(at_noon, labels) + "\n"
    # Midnight in UTC is 02:00 in Stockholm: a time, not a day.
    utc_midnight = dt.datetime(2026, 5, 25, tzinfo=dt.UTC)
    assert "02:00" in description(build_meeting(registration=_registration(utc_midnight)), labels)
