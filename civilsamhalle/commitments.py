"""Is an agreement's commitment kept? Met, on track, at risk or missed.

Municipalities write measurable promises into their agreements with civil society: Luleå's local
agreement commits the municipality to *two dialogues a year*. Whether such a promise is kept is a
fact about the meetings, so it is computed from the meetings held and planned under the agreement
and never typed in by an editor. A state someone has to remember to update goes stale; a computed
one turns to "at risk" the day a planned dialogue is cancelled, which is when there is still time
to plan another.

A commitment promises at least *N* meetings (of one kind, or any) per *period*:

* a **calendar year** (1 January to 31 December) unless the commitment says otherwise;
* or a period of **M months**, counted from the commitment's own ``period_start`` if it states
  one, else from the agreement's first day (``valid_from``), else from 1 January — so "every six
  months" without any date means January–June and July–December. Counting from the agreement's
  start is what its text means: "two meetings every six months" signed on 15 March is kept
  15 March–14 September, not in half-years the parties never agreed on. A period that starts on
  the 31st ends the day before the same day M months on (the 30th, or the month's last day).

The rules, for one commitment and one period:

* a cancelled meeting does not count, and neither does a postponed one: schema.org's
  ``EventPostponed`` means the new date is not known yet, so it was not held on its old date and
  cannot be relied on to be held in the period either;
* everything is cut in the **municipality's time zone**, the meeting's own: a meeting belongs to
  the period its local start date falls in, and is *held* once it has ended before ``today``,
  counted on its local end date (a dialogue in Luleå that ends at 23:30 on 31 December belongs
  to that year, whatever the server's clock says); a meeting today is still *planned*, because
  with only a date we cannot know whether it is over;
* an agreement in force for **only part of a period** is judged on that part: only meetings in
  the part count, the part is over on its last day, and the promise is scaled **pro rata** to the
  days covered, rounded to the nearest whole meeting with a half rounded up. Demanding the full
  "two dialogues a year" of an agreement signed in October asks for a year's work in a quarter;
  rounding up would demand a meeting of an agreement that started on 30 December, rounding down
  nothing of one that covers half a year. Two a year from 1 October (92 of 365 days) asks one;
* MET when held ≥ required; otherwise MISSED once the judged part is over; otherwise ON_TRACK
  when the meetings held plus those planned would reach what is required; otherwise AT_RISK.
  A stub so short that nothing is required is MET with 0 of 0.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .model import Agreement, Commitment, Meeting

__all__ = [
    "CommitmentState",
    "CommitmentStatus",
    "Period",
    "evaluate",
    "evaluate_agreement",
    "evaluate_period",
    "period_containing",
]

_NO_ANCHOR = dt.date(2000, 1, 1)  # any 1 January: periods of M months from New Year


class CommitmentState(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"

    @property
    def needs_attention(self) -> bool:
        """Whether an editor should act: a meeting is missing (at risk) or was (missed)."""
        return self in (CommitmentState.AT_RISK, CommitmentState.MISSED)


@dataclass(frozen=True, slots=True)
class Period:
    """The days a commitment is judged on, ``first`` to ``last`` inclusive."""

    first: dt.date
    last: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def clipped(self, valid_from: dt.date | None, valid_until: dt.date | None) -> Period | None:
        """The part of the period the agreement is in force, or ``None`` if there is none."""
        first = max(self.first, valid_from) if valid_from else self.first
        last = min(self.last, valid_until) if valid_until else self.last
        return Period(first, last) if first <= last else None


@dataclass(frozen=True, slots=True)
class CommitmentStatus:
    """The computed state of one commitment in one period, with the counts it was computed from.

    The counts are kept so a page can say *why* ("1 of 2 held, none planned") rather than only
    showing a coloured label. ``period`` is the part judged (the whole period, or the part the
    agreement is in force); ``year`` is the year it starts in.
    """

    commitment: Commitment
    year: int
    state: CommitmentState
    held: int
    planned: int
    required: int
    period: Period | None = None

    @property
    def still_needed(self) -> int:
        """How many more meetings must be held in the period to keep the promise."""
        return max(0, self.required - self.held)

    @property
    def missing(self) -> int:
        """How many meetings are neither held nor planned: what an editor has to plan."""
        return max(0, self.required - self.held - self.planned)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _anchor(commitment: Commitment, valid_from: dt.date | None) -> dt.date:
    return commitment.period_start or valid_from or _NO_ANCHOR


def period_containing(
    commitment: Commitment, day: dt.date, valid_from: dt.date | None = None
) -> Period:
    """The whole period of ``commitment`` that ``day`` falls in (see the module's rules)."""
    months = commitment.period_months
    if months is None:
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    anchor = _anchor(commitment, valid_from)
    k = ((day.year - anchor.year) * 12 + day.month - anchor.month) // months
    if _add_months(anchor, k * months) > day:
        k -= 1
    first = _add_months(anchor, k * months)
    return Period(first, _add_months(anchor, (k + 1) * months) - dt.timedelta(days=1))


def _pro_rata(minimum: int, part: Period, whole: Period) -> int:
    if part == whole:
        return minimum
    share = Fraction(minimum * part.days, whole.days)
    return int(share + Fraction(1, 2))  # nearest whole meeting, a half rounded up


def _counts_for(commitment: Commitment, meeting: Meeting) -> bool:
    if not meeting.status.counts_as_held:
        return False
    return commitment.meeting_kind is None or meeting.kind is commitment.meeting_kind


def evaluate_period(
    commitment: Commitment,
    meetings: Iterable[Meeting],
    period: Period,
    today: dt.date,
    *,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> CommitmentStatus:
    """The state of ``commitment`` in ``period`` as seen on ``today``.

    ``valid_from``/``valid_until`` are the agreement's; a period it covers only in part is judged
    on that part. ``ValueError`` if it covers none of it: there is nothing to judge.
    """
    part = period.clipped(valid_from, valid_until)
    if part is None:
        raise ValueError(f"the agreement is not in force from {period.first} to {period.last}")
    held = planned = 0
    for meeting in meetings:
        if not _counts_for(commitment, meeting) or meeting.local_start.date() not in part:
            continue
        if meeting.local_end.date() < today:
            held += 1
        else:
            planned += 1

    required = _pro_rata(commitment.minimum, part, period)
    if held >= required:
        state = CommitmentState.MET
    elif part.last < today:
        state = CommitmentState.MISSED
    elif held + planned >= required:
        state = CommitmentState.ON_TRACK
    else:
        state = CommitmentState.AT_RISK
    return CommitmentStatus(
        commitment=commitment,
        year=part.first.year,
        state=state,
        held=held,
        planned=planned,
        required=required,
        period=part,
    )


def evaluate(
    commitment: Commitment, meetings: Iterable[Meeting], year: int, today: dt.date
) -> CommitmentStatus:
    """The state of ``commitment`` in calendar ``year`` as seen on ``today``.

    ``meetings`` are the meetings held under the agreement the commitment belongs to; use
    :func:`evaluate_agreement` to have them picked out of a larger list and the agreement's
    validity and periods applied.
    """
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return evaluate_period(commitment, meetings, period, today)


def _judged_day(agreement: Agreement, today: dt.date, year: int | None) -> dt.date:
    day = today
    if year is not None and year != today.year:
        day = dt.date(year, 12, 31) if year < today.year else dt.date(year, 1, 1)
    # Before the agreement starts, its first period; after it ends, its last.
    if agreement.valid_from and day < agreement.valid_from:
        day = agreement.valid_from
    if agreement.valid_until and day > agreement.valid_until:
        day = agreement.valid_until
    return day


def evaluate_agreement(
    agreement: Agreement,
    meetings: Iterable[Meeting],
    today: dt.date,
    year: int | None = None,
) -> list[CommitmentStatus]:
    """Every commitment of ``agreement`` in its current period (or the one ending in ``year``).

    The current period is the one ``today`` falls in; before the agreement starts it is its first
    period, after it ends its last. With ``year``, the period that contains 31 December of an
    earlier year or 1 January of a later one (for a calendar-year commitment: that year).

    Only meetings whose ``agreement_id`` is the agreement's count: a dialogue held under another
    agreement, or under none, keeps no promise made in this one.
    """
    own = tuple(m for m in meetings if m.agreement_id == agreement.id)
    day = _judged_day(agreement, today, year)
    statuses = []
    for commitment in agreement.commitments:
        period = period_containing(commitment, day, agreement.valid_from)
        statuses.append(
            evaluate_period(
                commitment,
                own,
                period,
                today,
                valid_from=agreement.valid_from,
                valid_until=agreement.valid_until,
            )
        )
    return statuses
