"""Councils' terms of office in the core: in order, current or former, and overlapping holders."""

from __future__ import annotations

import datetime as dt

import pytest

from civilsamhalle.councils import Term, overlapping_terms, term_in_order, term_state
from civilsamhalle.enums import CouncilKind, CouncilRole, SeatRepresents, TermState

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (D(2025, 1, 1), D(2026, 12, 31), True),
        (D(2025, 1, 1), D(2025, 1, 1), True),  # one day
        (D(2025, 1, 2), D(2025, 1, 1), False),
        (None, D(2025, 1, 1), True),
        (D(2025, 1, 1), None, True),
        (None, None, True),
    ],
)
def test_a_term_is_in_order_when_it_ends_on_or_after_its_start(start, end, ok):
    assert term_in_order(start, end) is ok


@pytest.mark.parametrize(
    ("start", "end", "today", "state"),
    [
        (D(2025, 1, 1), D(2026, 12, 31), D(2026, 12, 31), TermState.CURRENT),  # last day
        (D(2025, 1, 1), D(2026, 12, 31), D(2027, 1, 1), TermState.FORMER),
        (D(2027, 1, 1), None, D(2026, 12, 31), TermState.UPCOMING),
        (D(2027, 1, 1), None, D(2027, 1, 1), TermState.CURRENT),  # first day
        (None, None, D(2000, 1, 1), TermState.CURRENT),
        (None, D(1999, 12, 31), D(2000, 1, 1), TermState.FORMER),
    ],
)
def test_term_state_counts_both_ends_as_days_of_the_term(start, end, today, state):
    assert term_state(start, end, today) is state
    assert state.is_former is (state is TermState.FORMER)


@pytest.mark.parametrize(
    ("terms", "pairs"),
    [
        ([Term(D(2025, 1, 1), D(2026, 12, 31)), Term(D(2027, 1, 1))], []),  # handed over
        ([Term(D(2025, 1, 1), D(2026, 12, 31)), Term(D(2026, 12, 31))], [(0, 1)]),  # one day
        ([Term(), Term(D(2030, 1, 1))], [(0, 1)]),  # open-ended on both sides
        ([Term(), Term(substitute=True)], []),  # a substitute sits beside the holder
        ([Term(D(2026, 1, 1), D(2025, 1, 1)), Term()], []),  # out of order: its own error
        ([Term(None, D(2024, 1, 1)), Term(D(2025, 1, 1)), Term(D(2025, 6, 1))], [(1, 2)]),
        ([Term(), Term(), Term()], [(0, 1), (0, 2), (1, 2)]),
    ],
)
def test_overlapping_terms_finds_ordinary_holders_sharing_a_day(terms, pairs):
    assert overlapping_terms(terms) == pairs


def test_what_a_seat_represents_says_what_it_needs():
    assert SeatRepresents.CATEGORY.needs_category and not SeatRepresents.CATEGORY.needs_organisation
    assert SeatRepresents.ORGANISATION.needs_organisation
    assert not SeatRepresents.MUNICIPALITY.needs_category
    assert not SeatRepresents.MUNICIPALITY.needs_organisation
    assert {k.value for k in CouncilKind} == {
        "council",
        "steering_group",
        "working_group",
        "reference_group",
    }
    assert {r.value for r in CouncilRole} == {"chair", "vice_chair", "secretary", "member"}
