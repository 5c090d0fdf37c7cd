"""A feed assembled from events serialised one by one is the feed, byte for byte.

The Wagtail app keeps each meeting's VEVENT in a cache and assembles feeds from the pieces
(``assemble_feed``); calendar programs must not see a different byte from the full render
(``feed_bytes``) of the same meetings: any difference makes every subscriber download again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civilsamhalle.calendar import FeedInfo, FeedLabels, feed_bytes
from civilsamhalle.calendar.feed import assemble_feed, event_piece
from civilsamhalle.model import AttendanceMode, EventStatus, Meeting, Registration
from tests.core.conftest import build_full_meeting, build_meeting

ZONES = ["Europe/Stockholm", "Europe/Oslo", "UTC", "America/New_York", "Asia/Kolkata"]


def assembled(meetings: list[Meeting], info: FeedInfo, labels: FeedLabels) -> bytes:
    """What the app does with cached pieces: put them in order, assemble."""
    ordered = sorted(meetings, key=lambda m: (m.start, str(m.uid)))
    return assemble_feed(info, [event_piece(m, info, labels) for m in ordered])


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    zone = draw(st.sampled_from(ZONES))
    start = draw(
        st.datetimes(dt.datetime(2019, 12, 25), dt.datetime(2031, 1, 5)).map(
            lambda moment: moment.replace(second=0, microsecond=0, tzinfo=ZoneInfo(zone))
        )
    )
    build = draw(st.sampled_from([build_meeting, build_full_meeting]))
    mode = draw(st.sampled_from([AttendanceMode.IN_PERSON, AttendanceMode.HYBRID]))
    return build(
        uid=uuid.UUID(int=draw(st.integers(0, 2**128 - 1))),
        title=draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        start=start,
        end=start + dt.timedelta(minutes=draw(st.integers(1, 60 * 24 * 40))),
        timezone=zone,
        mode=mode,
        online_url="https://meet.example.org/x" if mode is AttendanceMode.HYBRID else None,
        status=draw(st.sampled_from([EventStatus.SCHEDULED, EventStatus.CANCELLED])),
        categories=tuple(draw(st.lists(st.sampled_from(["Kultur", "Idrott", "a,b;c"])))),
        registration=Registration(),  # the full meeting's deadline would follow its date
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    found=st.lists(meetings(), max_size=6),
    zone=st.none() | st.sampled_from(ZONES),
    language=st.sampled_from(["sv", "nb", "en"]),
    description=st.sampled_from(["", "Alla möten; även inställda"]),
)
def test_pieces_assemble_to_the_full_render(
    found: list[Meeting], zone: str | None, language: str, description: str
) -> None:
    info = FeedInfo(
        name="Möten: Testkommun",
        description=description,
        url="https://kommun.example/moten/",
        language=language,
        uid_domain="kommun.example",
        timezone=zone,
    )
    labels = FeedLabels.for_language(language)
    assert assembled(found, info, labels) == feed_bytes(found, info, labels)


def test_an_empty_feed_and_one_across_new_year_assemble_alike() -> None:
    """No meeting: no VTIMEZONE; a meeting at new year in UTC but not locally widens the span."""
    info, labels = FeedInfo(name="Tom"), FeedLabels()
    assert assembled([], info, labels) == feed_bytes([], info, labels)
    new_year = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # 2027 in Stockholm
    meeting = build_meeting(start=new_year, end=new_year + dt.timedelta(hours=1))
    assert assembled([meeting], info, labels) == feed_bytes([meeting], info, labels)
