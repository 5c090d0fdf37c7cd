"""Councils' terms of office: when a holder sits, and which holders of one seat collide.

A seat (Popolo's Post) is held by one person at a time; a substitute (ersättare) may hold it
beside them. Dates are whole days and inclusive: a term that ends on 31 December and the next
that starts on 1 January do not overlap; two that both include one day do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .enums import TermState

__all__ = ["Term", "overlapping_terms", "term_in_order", "term_state"]


@dataclass(frozen=True)
class Term:
    """One holder's term: ``start`` and ``end`` may be open (``None``)."""

    start: dt.date | None = None
    end: dt.date | None = None
    substitute: bool = False


def term_in_order(start: dt.date | None, end: dt.date | None) -> bool:
    """A term ends on or after the day it starts (an open end or start is always in order)."""
    return start is None or end is None or end >= start


def term_state(start: dt.date | None, end: dt.date | None, today: dt.date) -> TermState:
    """Upcoming before ``start``, former after ``end``, else current (open ends included)."""
    if end is not None and end < today:
        return TermState.FORMER
    if start is not None and start > today:
        return TermState.UPCOMING
    return TermState.CURRENT


def _overlap(a: Term, b: Term) -> bool:
    a_start, b_start = a.start or dt.date.min, b.start or dt.date.min
    a_end, b_end = a.end or dt.date.max, b.end or dt.date.max
    return a_start <= b_end and b_start <= a_end


def overlapping_terms(terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Pairs ``(earlier index, later index)`` of ordinary holders whose terms share a day.

    Substitutes are left out: sitting beside the ordinary holder is what they are for. Terms
    not in order (:func:`term_in_order`) are left out too; that is their own mistake.
    """
    found = []
    for i, a in enumerate(terms):
        if a.substitute or not term_in_order(a.start, a.end):
            continue
        for j in range(i + 1, len(terms)):
            b = terms[j]
            if b.substitute or not term_in_order(b.start, b.end):
                continue
            if _overlap(a, b):
                found.append((i, j))
    return found
