"""How far an action programme has come: its progress, rolled up from its actions.

The rule, written once here and shown in words on the plan's page:

* a dropped action is left out (it will not be done, and it is not a failure to count as 0 %);
* a done action counts as 100 %, whatever percentage was typed last;
* any other action counts as its progress percentage, or 0 % when none is given;
* the plan's progress is the average of those, rounded to a whole percent; a plan with no
  counted actions has no progress (``None``), not 0 %.

Beside the average the plan keeps the counts per status, so the page can say "2 of 6 done",
which is the fact a council asks about first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .enums import ActionStatus

__all__ = ["PlanProgress", "action_progress", "plan_progress"]


def action_progress(status: ActionStatus | str, progress: int | None) -> int | None:
    """One action's share in the plan's progress, or ``None`` when it is left out (dropped)."""
    status = ActionStatus(status)
    if not status.counts_in_progress:
        return None
    if status.is_done:
        return 100
    return max(0, min(100, progress or 0))


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """The rolled-up progress of a plan and the counts it was computed from."""

    percent: int | None
    counted: int
    done: int
    total: int
    by_status: dict[ActionStatus, int] = field(default_factory=dict)

    @property
    def dropped(self) -> int:
        return self.by_status.get(ActionStatus.DROPPED, 0)

    @property
    def open(self) -> int:
        """Actions still to be done (what a copy to next year carries over)."""
        return sum(n for status, n in self.by_status.items() if status.is_open)


def plan_progress(actions: Iterable[tuple[ActionStatus | str, int | None]]) -> PlanProgress:
    """The plan's progress from its actions' ``(status, progress)`` (see the module's rule)."""
    shares: list[int] = []
    by_status: Counter[ActionStatus] = Counter()
    for status, progress in actions:
        status = ActionStatus(status)
        by_status[status] += 1
        share = action_progress(status, progress)
        if share is not None:
            shares.append(share)
    # Half up, as people round (Python's round() would make 2.5 into 2).
    percent = (2 * sum(shares) + len(shares)) // (2 * len(shares)) if shares else None
    return PlanProgress(
        percent=percent,
        counted=len(shares),
        done=by_status[ActionStatus.DONE],
        total=sum(by_status.values()),
        by_status={status: by_status[status] for status in ActionStatus if by_status[status]},
    )
