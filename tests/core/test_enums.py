"""What a status or a mode implies, asked of the enum by rules, feeds, pages and templates alike."""

from __future__ import annotations

import pytest

from civilsamhalle.enums import AttendanceMode, EventStatus, attendance_mode


@pytest.mark.parametrize(
    ("status", "held"),
    [
        (EventStatus.SCHEDULED, True),
        (EventStatus.RESCHEDULED, True),
        (EventStatus.MOVED_ONLINE, True),
        (EventStatus.POSTPONED, False),
        (EventStatus.CANCELLED, False),
    ],
)
def test_only_a_meeting_that_takes_place_on_its_date_counts_as_held(status, held):
    assert status.counts_as_held is held


@pytest.mark.parametrize(
    ("mode", "venue", "link"),
    [
        (AttendanceMode.IN_PERSON, True, False),
        (AttendanceMode.ONLINE, False, True),
        (AttendanceMode.HYBRID, True, True),
    ],
)
def test_a_mode_says_whether_people_come_to_a_place_or_join_by_a_link(mode, venue, link):
    assert (mode.has_venue, mode.has_link) == (venue, link)


@pytest.mark.parametrize("mode", list(AttendanceMode))
def test_a_meeting_moved_online_is_online_whatever_its_mode(mode):
    assert attendance_mode(mode.value, "moved_online") is AttendanceMode.ONLINE
    assert attendance_mode(mode.value, "scheduled") is mode
