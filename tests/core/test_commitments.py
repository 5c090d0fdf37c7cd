"""Commitment states computed from meetings, on Luleå's promise of two dialogues a year."""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from civilsamhalle.commitments import (
    CommitmentState,
    CommitmentStatus,
    Period,
    evaluate,
    evaluate_agreement,
    evaluate_period,
    period_containing,
)
from civilsamhalle.model import (
    Agreement,
    AttendanceMode,
    Commitment,
    EventStatus,
    Meeting,
    MeetingKind,
)
from civilsamhalle.rules import RuleError, check_commitment_minimum, check_commitment_period

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
        period=Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    )
    assert status.still_needed == 1
    assert status.missing == 0


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


# --- periods, partial periods and the municipality's clock: table-driven -------------------------

D = dt.date


def at(local: str, hours: float = 2, *, kind: MeetingKind = MeetingKind.DIALOGUE, **kw) -> Meeting:
    """A meeting starting at ``local`` (ISO, Stockholm wall-clock time) lasting ``hours``."""
    start = dt.datetime.fromisoformat(local).replace(tzinfo=LULEA)
    return Meeting(
        uid=uuid.UUID(int=next(_serial)),
        title="Dialog",
        kind=kind,
        start=start,
        end=start + dt.timedelta(hours=hours),
        timezone="Europe/Stockholm",
        agreement_id=AGREEMENT.id,
        mode=AttendanceMode.ONLINE,
        online_url="https://example.org/dialog",
        **kw,
    )


def agreement(
    *commitments: Commitment, valid_from: dt.date | None = None, valid_until: dt.date | None = None
) -> Agreement:
    return AGREEMENT.model_copy(
        update={
            "commitments": commitments,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }
    )


def every(months: int, minimum: int = 1, start: dt.date | None = None) -> Commitment:
    return Commitment(
        description=f"{minimum} per {months} månader",
        minimum=minimum,
        period_months=months,
        period_start=start,
    )


@pytest.mark.parametrize(
    ("commitment", "valid_from", "day", "first", "last"),
    [
        # a calendar year, whatever the agreement's start
        (TWO_DIALOGUES, D(2020, 10, 1), D(2021, 3, 4), D(2021, 1, 1), D(2021, 12, 31)),
        # six months without any date: halves of the calendar year
        (every(6), None, D(2021, 3, 4), D(2021, 1, 1), D(2021, 6, 30)),
        (every(6), None, D(2021, 7, 1), D(2021, 7, 1), D(2021, 12, 31)),
        # counted from the agreement's first day, crossing the new year
        (every(6), D(2020, 10, 1), D(2021, 3, 31), D(2020, 10, 1), D(2021, 3, 31)),
        (every(6), D(2020, 10, 1), D(2021, 4, 1), D(2021, 4, 1), D(2021, 9, 30)),
        # a stated start wins over the agreement's
        (
            every(4, start=D(2020, 2, 15)),
            D(2020, 10, 1),
            D(2021, 1, 1),
            D(2020, 10, 15),
            D(2021, 2, 14),
        ),
        # a period starting on the 31st: month ends are clamped, the next counted from the anchor
        (every(1, start=D(2021, 1, 31)), None, D(2021, 2, 28), D(2021, 2, 28), D(2021, 3, 30)),
        (every(1, start=D(2021, 1, 31)), None, D(2021, 3, 31), D(2021, 3, 31), D(2021, 4, 29)),
        # leap day
        (every(12, start=D(2020, 2, 29)), None, D(2021, 3, 1), D(2021, 2, 28), D(2022, 2, 27)),
        # days before the anchor fall in earlier periods
        (every(3, start=D(2021, 5, 10)), None, D(2021, 5, 9), D(2021, 2, 10), D(2021, 5, 9)),
    ],
)
def test_the_period_a_day_falls_in(
    commitment: Commitment, valid_from: dt.date | None, day: dt.date, first: dt.date, last: dt.date
) -> None:
    assert period_containing(commitment, day, valid_from) == Period(first, last)


# (meetings as local start times, today, expected state, held, planned)
YEAR_CASES = [
    pytest.param(["2021-12-31T22:00"], D(2022, 1, 2), "missed", 1, 0, id="ends-2330-31-dec-local"),
    pytest.param(["2021-12-31T22:00"], D(2022, 1, 1), "missed", 1, 0, id="held-on-new-years-day"),
    pytest.param(["2021-12-31T22:00"], D(2021, 12, 31), "at_risk", 0, 1, id="planned-on-the-day"),
    pytest.param(
        ["2021-12-31T22:00", "2021-06-01T10:00"],
        D(2022, 1, 1),
        "met",
        2,
        0,
        id="two-held-one-on-new-years-eve",
    ),
    pytest.param(
        ["2022-01-01T00:30"], D(2022, 6, 1), "missed", 0, 0, id="just-after-midnight-is-next-year"
    ),
    # the night the clocks go back (31 October 2021, 03:00 → 02:00): a meeting 01:30–04:00
    # wall clock lasts 3.5 hours and is over the same local day
    pytest.param(["2021-10-31T01:30"], D(2021, 11, 1), "at_risk", 1, 0, id="dst-ends"),
    # the night the clocks go forward (28 March 2021, 02:00 → 03:00)
    pytest.param(["2021-03-28T01:30"], D(2021, 3, 29), "at_risk", 1, 0, id="dst-starts"),
    pytest.param(
        ["2021-03-28T01:30", "2021-11-20T10:00"],
        D(2021, 3, 29),
        "on_track",
        1,
        1,
        id="dst-starts-and-one-planned",
    ),
]


@pytest.mark.parametrize(("starts", "today", "state", "held", "planned"), YEAR_CASES)
def test_calendar_years_are_cut_in_the_municipalitys_time_zone(
    starts: list[str], today: dt.date, state: str, held: int, planned: int
) -> None:
    meetings = [at(s, hours=1.5) for s in starts]
    status = evaluate(TWO_DIALOGUES, meetings, 2021, today)
    assert (status.state, status.held, status.planned) == (state, held, planned)


def test_a_meeting_ending_2330_on_new_years_eve_is_held_that_year_in_utc_too() -> None:
    # 22:00–23:30 local is 21:00–22:30 UTC: nothing here depends on the server's clock
    late = at("2021-12-31T22:00", hours=1.5)
    assert late.end.astimezone(dt.UTC).date() == D(2021, 12, 31)
    assert late.local_end.time() == dt.time(23, 30)
    assert evaluate(TWO_DIALOGUES, [late], 2021, D(2022, 1, 1)).held == 1
    assert evaluate(TWO_DIALOGUES, [late], 2022, D(2022, 1, 1)).held == 0


# (commitment, validity, meetings, today, expected (first, last), required, state)
PARTIAL_CASES = [
    pytest.param(
        TWO_DIALOGUES,
        (D(2021, 10, 1), None),
        [],
        D(2021, 10, 5),
        (D(2021, 10, 1), D(2021, 12, 31)),
        1,
        "at_risk",
        id="two-a-year-from-october-asks-one",
    ),
    pytest.param(
        TWO_DIALOGUES,
        (D(2021, 10, 1), None),
        ["2021-11-10T13:00"],
        D(2021, 10, 5),
        (D(2021, 10, 1), D(2021, 12, 31)),
        1,
        "on_track",
        id="october-start-one-planned",
    ),
    pytest.param(
        TWO_DIALOGUES,
        (D(2021, 10, 1), None),
        ["2021-09-10T13:00"],
        D(2021, 10, 5),
        (D(2021, 10, 1), D(2021, 12, 31)),
        1,
        "at_risk",
        id="before-the-agreement-not-counted",
    ),
    pytest.param(
        TWO_DIALOGUES,
        (D(2021, 12, 30), None),
        [],
        D(2021, 12, 30),
        (D(2021, 12, 30), D(2021, 12, 31)),
        0,
        "met",
        id="two-days-ask-nothing",
    ),
    pytest.param(
        TWO_DIALOGUES,
        (D(2021, 7, 2), None),
        [],
        D(2021, 8, 1),
        (D(2021, 7, 2), D(2021, 12, 31)),
        1,
        "at_risk",
        id="half-a-year-asks-one",
    ),
    pytest.param(
        Commitment(description="En dialog per år", minimum=1),
        (D(2021, 7, 3), None),
        [],
        D(2021, 8, 1),
        (D(2021, 7, 3), D(2021, 12, 31)),
        0,
        "met",
        id="less-than-half-of-one-rounds-down",
    ),
    pytest.param(
        TWO_DIALOGUES,
        (D(2020, 1, 1), D(2021, 3, 31)),
        ["2021-02-01T13:00"],
        D(2021, 4, 2),
        (D(2021, 1, 1), D(2021, 3, 31)),
        0,
        "met",
        id="ends-in-march-quarter-rounds-down",
    ),
    pytest.param(
        Commitment(description="Fyra per år", minimum=4),
        (D(2020, 1, 1), D(2021, 6, 30)),
        ["2021-02-01T13:00"],
        D(2021, 7, 1),
        (D(2021, 1, 1), D(2021, 6, 30)),
        2,
        "missed",
        id="over-on-the-agreements-last-day",
    ),
    pytest.param(
        every(6, minimum=2),
        (D(2021, 10, 1), None),
        ["2021-11-01T13:00", "2022-02-01T13:00"],
        D(2022, 1, 15),
        (D(2021, 10, 1), D(2022, 3, 31)),
        2,
        "on_track",
        id="six-months-from-october-cross-the-year",
    ),
    pytest.param(
        every(6, minimum=2),
        (D(2021, 10, 1), D(2022, 1, 31)),
        ["2021-11-01T13:00"],
        D(2022, 2, 2),
        (D(2021, 10, 1), D(2022, 1, 31)),
        1,
        "met",
        id="four-of-six-months-asks-one",
    ),
    pytest.param(
        every(3, minimum=1),
        (None, D(2021, 3, 31)),
        ["2021-03-31T22:00"],
        D(2021, 4, 1),
        (D(2021, 1, 1), D(2021, 3, 31)),
        1,
        "met",
        id="quarter-ends-2330-local",
    ),
]


@pytest.mark.parametrize(
    ("commitment", "validity", "starts", "today", "part", "required", "state"), PARTIAL_CASES
)
def test_a_partial_period_is_judged_on_its_part_pro_rata(
    commitment: Commitment,
    validity: tuple[dt.date | None, dt.date | None],
    starts: list[str],
    today: dt.date,
    part: tuple[dt.date, dt.date],
    required: int,
    state: str,
) -> None:
    valid_from, valid_until = validity
    meetings = [at(s, hours=1.5) for s in starts]
    (status,) = evaluate_agreement(
        agreement(commitment, valid_from=valid_from, valid_until=valid_until), meetings, today
    )
    assert status.period == Period(*part)
    assert (status.required, status.state) == (required, state)


@pytest.mark.parametrize(
    ("status", "counted"),
    [
        (EventStatus.SCHEDULED, True),
        (EventStatus.RESCHEDULED, True),
        (EventStatus.MOVED_ONLINE, True),
        (EventStatus.CANCELLED, False),
        (EventStatus.POSTPONED, False),
    ],
)
@pytest.mark.parametrize("today", [D(2021, 2, 1), D(2021, 6, 1)], ids=["before", "after"])
def test_only_meetings_that_take_place_count_in_a_period(
    status: EventStatus, counted: bool, today: dt.date
) -> None:
    commitment = every(3, minimum=1)
    meeting_ = at("2021-03-10T13:00", status=status)
    first_quarter = Period(D(2021, 1, 1), D(2021, 3, 31))
    assert period_containing(commitment, D(2021, 3, 10)) == first_quarter
    result = evaluate_period(commitment, [meeting_], first_quarter, today)
    assert result.held + result.planned == int(counted)
    assert counted is status.counts_as_held


def test_the_current_period_is_the_first_before_the_agreement_starts_and_last_after() -> None:
    commitment = every(6, minimum=1)
    signed = agreement(commitment, valid_from=D(2022, 3, 1), valid_until=D(2023, 2, 28))
    (before,) = evaluate_agreement(signed, [], today=D(2021, 12, 1))
    (after,) = evaluate_agreement(signed, [], today=D(2024, 1, 1))
    assert before.period == Period(D(2022, 3, 1), D(2022, 8, 31))
    assert before.state is CommitmentState.AT_RISK
    assert after.period == Period(D(2022, 9, 1), D(2023, 2, 28))
    assert after.state is CommitmentState.MISSED


def test_a_period_outside_the_agreement_has_nothing_to_judge() -> None:
    with pytest.raises(ValueError, match="not in force"):
        evaluate_period(
            TWO_DIALOGUES,
            [],
            Period(D(2020, 1, 1), D(2020, 12, 31)),
            D(2021, 1, 1),
            valid_from=D(2021, 1, 1),
        )


@pytest.mark.parametrize(
    ("state", "attention"),
    [("met", False), ("on_track", False), ("at_risk", True), ("missed", True)],
)
def test_which_states_need_an_editor(state: str, attention: bool) -> None:
    assert CommitmentState(state).needs_attention is attention


@pytest.mark.parametrize(
    ("fields", "location", "code"),
    [
        ({"minimum": 0}, "minimum", "commitment_minimum"),
        ({"minimum": -2}, "minimum", "commitment_minimum"),
        ({"minimum": 1, "period_months": 0}, "period_months", "commitment_period"),
        ({"minimum": 1, "period_months": -6}, "period_months", "commitment_period"),
    ],
)
def test_nothing_or_negative_is_refused(fields: dict, location: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Commitment(description="Inga dialoger", **fields)
    (error,) = caught.value.errors()
    assert (error["loc"], error["type"]) == ((location,), code)
    with pytest.raises(RuleError) as rule:
        (check_commitment_minimum if location == "minimum" else check_commitment_period)(
            fields[location]
        )
    assert rule.value.code == code and rule.value.field == location


@pytest.mark.parametrize("fields", [{"minimum": 1}, {"minimum": 3, "period_months": 1}])
def test_one_and_more_are_accepted(fields: dict) -> None:
    assert Commitment(description="Dialog", **fields).minimum == fields["minimum"]
