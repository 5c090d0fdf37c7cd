"""The action status's predicates, the plan's rolled-up progress and the plan's rules."""

from __future__ import annotations

import datetime as dt

import pytest

from civilsamhalle import rules
from civilsamhalle.action_plans import action_progress, plan_progress
from civilsamhalle.enums import ActionStatus
from civilsamhalle.rules import RuleError

S = ActionStatus


@pytest.mark.parametrize(
    ("status", "finished", "counted"),
    [
        (S.NOT_STARTED, False, True),
        (S.STARTED, False, True),
        (S.UNDER_WAY, False, True),
        (S.POSTPONED, False, True),
        (S.DONE, True, True),
        (S.DROPPED, True, False),
    ],
)
def test_what_each_status_means(status, finished, counted):
    assert status.is_finished is finished
    assert status.is_open is not finished
    assert status.counts_in_progress is counted


def test_done_counts_as_100_dropped_is_left_out_and_no_figure_is_0():
    assert action_progress(S.DONE, 10) == 100
    assert action_progress(S.DROPPED, 80) is None
    assert action_progress(S.UNDER_WAY, None) == 0
    assert action_progress("started", 35) == 35


def test_the_plan_is_the_rounded_average_of_its_counted_actions():
    progress = plan_progress(
        [(S.DONE, None), (S.UNDER_WAY, 50), (S.STARTED, None), (S.DROPPED, 90), (S.DONE, 0)]
    )
    # (100 + 50 + 0 + 100) / 4 = 62.5, rounded half up as people round.
    assert progress.percent == 63
    assert (progress.done, progress.total, progress.counted, progress.dropped) == (2, 5, 4, 1)
    assert progress.open == 2
    assert progress.by_status == {S.STARTED: 1, S.UNDER_WAY: 1, S.DONE: 2, S.DROPPED: 1}


def test_a_plan_with_only_dropped_actions_or_none_has_no_figure():
    assert plan_progress([]).percent is None
    assert plan_progress([(S.DROPPED, 10)]).percent is None


def test_the_plan_rules():
    rules.check_plan_period(dt.date(2022, 1, 1), dt.date(2022, 1, 1))
    with pytest.raises(RuleError) as raised:
        rules.check_plan_period(dt.date(2022, 1, 1), dt.date(2021, 12, 31))
    assert (raised.value.code, raised.value.field) == ("plan_period_order", "period_end")
    rules.check_milestone(dt.date(2022, 12, 31), dt.date(2022, 12, 31))
    rules.check_milestone(dt.date(2021, 6, 1), dt.date(2022, 12, 31))  # before is allowed
    with pytest.raises(RuleError, match="2023-01-01"):
        rules.check_milestone(dt.date(2023, 1, 1), dt.date(2022, 12, 31))
    for good in (None, 0, 100):
        rules.check_progress(good)
    for bad in (-1, 101):
        with pytest.raises(RuleError):
            rules.check_progress(bad)
