"""Is an agreement's commitment kept? Met, on track, at risk or missed.

Municipalities write measurable promises into their agreements with civil society: Luleå's local
agreement commits the municipality to *two dialogues a year*. Whether such a promise is kept is a
fact about the meetings, so it is computed from the meetings held and planned under the agreement
and never typed in by an editor. A state someone has to remember to update goes stale; a computed
one turns to "at risk" the day a planned dialogue is cancelled, which is when there is still time
to plan another.

The rules, for one commitment and one calendar year:

* a cancelled meeting does not count, and neither does a postponed one: schema.org's
  ``EventPostponed`` means the new date is not known yet, so it was not held on its old date and
  cannot be relied on to be held this year either;
* a meeting is *held* once it has ended before ``today``, counted on the date in the meeting's own
  time zone (a dialogue in Luleå that ends at 23:30 on 31 December belongs to that year, whatever
  the server's clock says); a meeting today is still *planned*, because with only a date we cannot
  know whether it is over;
* a meeting belongs to the year its local start date falls in;
* MET when held ≥ minimum; otherwise MISSED once the year is over; otherwise ON_TRACK when the
  meetings held plus those planned would reach the minimum; otherwise AT_RISK.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .model import Agreement, Commitment, Meeting

__all__ = ["CommitmentState", "CommitmentStatus", "evaluate", "evaluate_agreement"]


class CommitmentState(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class CommitmentStatus:
    """The computed state of one commitment in one year, with the counts it was computed from.

    The counts are kept so a page can say *why* ("1 of 2 held, none planned") rather than only
    showing a coloured label.
    """

    commitment: Commitment
    year: int
    state: CommitmentState
    held: int
    planned: int
    required: int

    @property
    def still_needed(self) -> int:
        """How many more meetings must be held this year to keep the promise."""
        return max(0, self.required - self.held)


def _counts_for(commitment: Commitment, meeting: Meeting) -> bool:
    if not meeting.status.counts_as_held:
        return False
    return commitment.meeting_kind is None or meeting.kind is commitment.meeting_kind


def evaluate(
    commitment: Commitment, meetings: Iterable[Meeting], year: int, today: dt.date
) -> CommitmentStatus:
    """The state of ``commitment`` in ``year`` as seen on ``today``.

    ``meetings`` are the meetings held under the agreement the commitment belongs to; use
    :func:`evaluate_agreement` to have them picked out of a larger list.
    """
    held = planned = 0
    for meeting in meetings:
        if not _counts_for(commitment, meeting) or meeting.local_start.year != year:
            continue
        if meeting.local_end.date() < today:
            held += 1
        else:
            planned += 1

    required = commitment.minimum
    if held >= required:
        state = CommitmentState.MET
    elif year < today.year:
        state = CommitmentState.MISSED
    elif held + planned >= required:
        state = CommitmentState.ON_TRACK
    else:
        state = CommitmentState.AT_RISK
    return CommitmentStatus(
        commitment=commitment,
        year=year,
        state=state,
        held=held,
        planned=planned,
        required=required,
    )


def evaluate_agreement(
    agreement: Agreement,
    meetings: Iterable[Meeting],
    today: dt.date,
    year: int | None = None,
) -> list[CommitmentStatus]:
    """Every commitment of ``agreement`` for ``year`` (the current year unless given).

    Only meetings whose ``agreement_id`` is the agreement's count: a dialogue held under another
    agreement, or under none, keeps no promise made in this one.
    """
    own = tuple(m for m in meetings if m.agreement_id == agreement.id)
    when = today.year if year is None else year
    return [evaluate(c, own, when, today) for c in agreement.commitments]
