"""Commitment states computed from meetings, on Luleå's promise of two dialogues a year."""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from civilsamhalle.commitments import (
    CommitmentState,
    CommitmentStatus,
    evaluate,
    evaluate_agreement,
)
from civilsamhalle.model import (
    Agreement,
    AttendanceMode,
    Commitment,
    EventStatus,
    Meeting,
    MeetingKind,
)

LULEA = ZoneInfo("Europe/Stockholm")
TWO_DIALOGUES = Commitment(
    description="Två dialoger per år med civilsamhället",
    minimum=2,
    meeting_kind=MeetingKind.DIALOGUE,
)
AGREEMENT = Agreement(
    id="lulea-overenskommelse",
    title="Lokal överenskommelse mellan Luleå kommun och det civila samhället",
    commitments=(TWO_DIALOGUES,),
)
_serial = count(1)


def meeting(
    day: dt.date,
    *,
    status: EventStatus = EventStatus.SCHEDULED,
    kind: MeetingKind = MeetingKind.DIALOGUE,
    agreement_id: str | None = AGREEMENT.id,
) -> Meeting:
    start = dt.datetime.combine(day, dt.time(13), LULEA)
    return Meeting(
        uid=uuid.UUID(int=next(_serial)),
        title="Dialog mellan Luleå kommun och civilsamhället",
        kind=kind,
        start=start,
        end=start + dt.timedelta(hours=2),
        status=status,
        agreement_id=agreement_id,
        mode=AttendanceMode.ONLINE,  # Luleå's dialogues were digital
        online_url="https://example.org/dialog",
    )


JUNE = meeting(dt.date(2020, 6, 2))  # "den andra digitala dialogen … hölls den 2 juni"
AUTUMN = meeting(dt.date(2020, 10, 15))  # "Ett nytt dialogtillfälle planeras till efter semestern"


def test_one_held_and_one_planned_is_on_track() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE, AUTUMN], 2020, today=dt.date(2020, 6, 4))
    assert status == CommitmentStatus(
        commitment=TWO_DIALOGUES,
        year=2020,
        state=CommitmentState.ON_TRACK,
        held=1,
        planned=1,
        required=2,
    )
    assert status.still_needed == 1


def test_both_held_is_met() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE, AUTUMN], 2020, today=dt.date(2020, 12, 1))
    assert (status.state, status.held, status.planned) == (CommitmentState.MET, 2, 0)
    assert status.still_needed == 0


def test_more_held_than_promised_needs_none_more() -> None:
    extra = meeting(dt.date(2020, 3, 10))
    status = evaluate(TWO_DIALOGUES, [extra, JUNE, AUTUMN], 2020, today=dt.date(2020, 12, 1))
    assert (status.state, status.held, status.required) == (CommitmentState.MET, 3, 2)
    assert status.still_needed == 0


def test_met_stays_met_after_the_year() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE, AUTUMN], 2020, today=dt.date(2021, 3, 1))
    assert status.state is CommitmentState.MET


def test_a_year_over_with_one_held_is_missed() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE], 2020, today=dt.date(2021, 1, 15))
    assert (status.state, status.held, status.planned) == (CommitmentState.MISSED, 1, 0)


def test_a_cancelled_dialogue_puts_the_promise_at_risk() -> None:
    cancelled = meeting(dt.date(2020, 10, 15), status=EventStatus.CANCELLED)
    status = evaluate(TWO_DIALOGUES, [JUNE, cancelled], 2020, today=dt.date(2020, 9, 1))
    assert (status.state, status.held, status.planned) == (CommitmentState.AT_RISK, 1, 0)


def test_a_cancelled_meeting_in_the_past_was_not_held() -> None:
    cancelled = meeting(dt.date(2020, 3, 20), status=EventStatus.CANCELLED)
    status = evaluate(TWO_DIALOGUES, [cancelled, JUNE], 2020, today=dt.date(2020, 12, 31))
    assert (status.state, status.held) == (CommitmentState.AT_RISK, 1)


def test_a_postponed_meeting_counts_neither_as_held_nor_as_planned() -> None:
    postponed = meeting(dt.date(2020, 3, 20), status=EventStatus.POSTPONED)
    status = evaluate(TWO_DIALOGUES, [postponed, AUTUMN], 2020, today=dt.date(2020, 6, 1))
    assert (status.state, status.held, status.planned) == (CommitmentState.AT_RISK, 0, 1)


@pytest.mark.parametrize("status", [EventStatus.RESCHEDULED, EventStatus.MOVED_ONLINE])
def test_a_moved_meeting_still_counts(status: EventStatus) -> None:
    moved = meeting(dt.date(2020, 10, 15), status=status)
    result = evaluate(TWO_DIALOGUES, [JUNE, moved], 2020, today=dt.date(2020, 6, 4))
    assert result.state is CommitmentState.ON_TRACK


def test_only_meetings_of_the_promised_kind_count() -> None:
    hearing = meeting(dt.date(2020, 10, 15), kind=MeetingKind.HEARING)
    status = evaluate(TWO_DIALOGUES, [JUNE, hearing], 2020, today=dt.date(2020, 12, 31))
    assert (status.state, status.held) == (CommitmentState.AT_RISK, 1)

    any_meeting = Commitment(description="Två möten per år", minimum=2)
    status = evaluate(any_meeting, [JUNE, hearing], 2020, today=dt.date(2020, 12, 31))
    assert (status.state, status.held) == (CommitmentState.MET, 2)


def test_only_meetings_of_the_year_count() -> None:
    last_year = meeting(dt.date(2019, 11, 5))
    next_year = meeting(dt.date(2021, 2, 1))
    status = evaluate(
        TWO_DIALOGUES, [last_year, JUNE, next_year], 2020, today=dt.date(2020, 12, 31)
    )
    assert (status.state, status.held, status.planned) == (CommitmentState.AT_RISK, 1, 0)


def test_nothing_planned_early_in_the_year_is_at_risk() -> None:
    status = evaluate(TWO_DIALOGUES, [], 2020, today=dt.date(2020, 1, 2))
    assert (status.state, status.held, status.planned) == (CommitmentState.AT_RISK, 0, 0)


def test_a_later_year_can_already_be_on_track() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE, AUTUMN], 2020, today=dt.date(2019, 12, 1))
    assert (status.state, status.held, status.planned) == (CommitmentState.ON_TRACK, 0, 2)


def test_a_meeting_today_is_still_planned() -> None:
    status = evaluate(TWO_DIALOGUES, [JUNE], 2020, today=JUNE.local_start.date())
    assert (status.held, status.planned) == (0, 1)
    status = evaluate(TWO_DIALOGUES, [JUNE], 2020, today=dt.date(2020, 6, 3))
    assert (status.held, status.planned) == (1, 0)


def _utc_meeting(start: str, end: str) -> Meeting:
    return Meeting(
        uid=uuid.UUID(int=next(_serial)),
        title="Kvällsdialog",
        start=dt.datetime.fromisoformat(start),
        end=dt.datetime.fromisoformat(end),
        timezone="Europe/Stockholm",
        mode=AttendanceMode.ONLINE,
        online_url="https://example.org/kvallsdialog",
    )


def test_held_is_decided_on_the_date_where_the_meeting_is_held() -> None:
    # 22:30-23:45 UTC on 1 June is 00:30-01:45 on 2 June in Luleå: not over before 2 June.
    late = _utc_meeting("2020-06-01T22:30:00+00:00", "2020-06-01T23:45:00+00:00")
    status = evaluate(TWO_DIALOGUES, [late], 2020, today=dt.date(2020, 6, 2))
    assert (status.held, status.planned) == (0, 1)


def test_the_year_is_decided_where_the_meeting_is_held() -> None:
    # 23:30 UTC on New Year's Eve is already 2021 in Luleå.
    new_year = _utc_meeting("2020-12-31T23:30:00+00:00", "2021-01-01T01:00:00+00:00")
    in_2020 = evaluate(TWO_DIALOGUES, [new_year], 2020, today=dt.date(2021, 6, 1))
    in_2021 = evaluate(TWO_DIALOGUES, [new_year], 2021, today=dt.date(2021, 6, 1))
    assert (in_2020.held, in_2021.held) == (0, 1)


def test_meetings_may_be_any_iterable() -> None:
    status = evaluate(TWO_DIALOGUES, (m for m in [JUNE, AUTUMN]), 2020, dt.date(2020, 6, 4))
    assert status.state is CommitmentState.ON_TRACK


# --- a whole agreement ---------------------------------------------------------------------------


def test_an_agreement_counts_only_its_own_meetings_in_the_current_year() -> None:
    other = meeting(dt.date(2020, 10, 15), agreement_id="ok-ide-uddevalla")
    none = meeting(dt.date(2020, 11, 15), agreement_id=None)
    statuses = evaluate_agreement(AGREEMENT, [JUNE, other, none], today=dt.date(2020, 9, 1))
    assert len(statuses) == 1
    (status,) = statuses
    assert (status.year, status.state, status.held, status.planned) == (
        2020,
        CommitmentState.AT_RISK,
        1,
        0,
    )


def test_each_commitment_of_an_agreement_is_evaluated() -> None:
    open_meeting = Commitment(
        description="Ett stormöte per år", minimum=1, meeting_kind=MeetingKind.OPEN_MEETING
    )
    agreement = AGREEMENT.model_copy(update={"commitments": (TWO_DIALOGUES, open_meeting)})
    stormote = meeting(dt.date(2020, 3, 1), kind=MeetingKind.OPEN_MEETING)
    meetings = iter([JUNE, AUTUMN, stormote])  # read once, used for both commitments
    statuses = evaluate_agreement(agreement, meetings, today=dt.date(2020, 6, 4))
    assert [(s.commitment, s.state) for s in statuses] == [
        (TWO_DIALOGUES, CommitmentState.ON_TRACK),
        (open_meeting, CommitmentState.MET),
    ]


def test_an_earlier_year_of_an_agreement() -> None:
    statuses = evaluate_agreement(AGREEMENT, [JUNE], today=dt.date(2021, 2, 1), year=2020)
    assert [(s.year, s.state) for s in statuses] == [(2020, CommitmentState.MISSED)]


def test_an_agreement_without_commitments_has_no_statuses() -> None:
    agreement = Agreement(id="utan", title="Utan åtaganden")
    assert evaluate_agreement(agreement, [JUNE], today=dt.date(2020, 6, 4)) == []
