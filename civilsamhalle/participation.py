"""Who took part in the meetings held: per meeting, per year, and which groups stayed away.

An agreement or a council says it brings civil society and the municipality together; whether
it does shows in the meetings' attendance. The figures are summed here from the core's
meetings, so a council page, an agreement page and a report outside Django say the same.

The rules:

* only meetings that took place count: ended before ``now`` and with a status that
  :attr:`EventStatus.counts_as_held` (a cancelled or postponed meeting had nobody);
* a meeting belongs to the year its start falls in, in the meeting's own time zone;
* *organisations* is the number the editor typed, or the number of organisations from the
  register recorded as present when that is more (the typed count also holds organisations
  not in the register); *people* and *municipal staff* are as typed;
* a year's figures are the sums over its meetings with that figure recorded (an organisation
  that came to three meetings counts three times, as "56 organisations at four meetings" does);
  ``None`` when no meeting of the year recorded it;
* a category is *missing* from a meeting when none of the organisations recorded as present
  belongs to it; from a year when it was missing from every meeting of that year which
  recorded its organisations. A meeting that recorded no organisation from the register says
  nothing about categories (``None``): "nobody came" and "nobody wrote it down" differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .model import Meeting

__all__ = ["MeetingParticipation", "Participation", "YearParticipation", "summarise"]


@dataclass(frozen=True, slots=True)
class MeetingParticipation:
    """One held meeting's figures; ``missing`` is ``None`` when no organisation was recorded."""

    uid: str
    title: str
    url: str | None
    start: dt.datetime  # local time, in the meeting's zone
    organisations: int | None
    people: int | None
    municipal_staff: int | None
    organisation_ids: tuple[str, ...]
    represented: tuple[str, ...]
    missing: tuple[str, ...] | None

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def recorded(self) -> bool:
        """Whether anything about who came was written down."""
        figures = (self.organisations, self.people, self.municipal_staff)
        return any(n is not None for n in figures) or bool(self.organisation_ids)


@dataclass(frozen=True, slots=True)
class YearParticipation:
    """A calendar year's sums over its held meetings (see the module's rules)."""

    year: int
    meetings: int
    recorded: int
    organisations: int | None
    people: int | None
    municipal_staff: int | None
    missing: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Participation:
    """Held meetings oldest first, years oldest first, and the categories judged against."""

    categories: tuple[str, ...]
    meetings: tuple[MeetingParticipation, ...]
    years: tuple[YearParticipation, ...]

    def __bool__(self) -> bool:
        return bool(self.meetings)

    @property
    def recorded_meetings(self) -> tuple[MeetingParticipation, ...]:
        return tuple(m for m in self.meetings if m.recorded)

    @property
    def largest(self) -> int:
        """The largest single figure of a meeting: a chart's full width (at least 1)."""
        figures = [
            n
            for m in self.meetings
            for n in (m.organisations, m.people, m.municipal_staff)
            if n is not None
        ]
        return max(figures, default=0) or 1


def _sum(rows: Iterable[MeetingParticipation], figure: Callable[..., int | None]) -> int | None:
    values = [n for n in map(figure, rows) if n is not None]
    return sum(values) if values else None


def _meeting(
    meeting: Meeting, categories_of: Mapping[str, Iterable[str]], judged: tuple[str, ...]
) -> MeetingParticipation:
    attendance = meeting.attendance
    ids = tuple(dict.fromkeys(attendance.organisation_ids)) if attendance else ()
    typed = attendance.organisations if attendance else None
    organisations = None if typed is None and not ids else max(typed or 0, len(ids))
    represented = {c for oid in ids for c in categories_of.get(oid, ())}
    missing = tuple(c for c in judged if c not in represented) if ids else None
    return MeetingParticipation(
        uid=str(meeting.uid),
        title=meeting.title,
        url=str(meeting.url) if meeting.url else None,
        start=meeting.local_start,
        organisations=organisations,
        people=attendance.people if attendance else None,
        municipal_staff=attendance.municipal_staff if attendance else None,
        organisation_ids=ids,
        represented=tuple(sorted(represented)),
        missing=missing,
    )


def _year(year: int, rows: list[MeetingParticipation]) -> YearParticipation:
    judged = [m for m in rows if m.missing is not None]
    missing = None
    if judged:
        missing = tuple(c for c in judged[0].missing or () if all(c in m.missing for m in judged))
    return YearParticipation(
        year=year,
        meetings=len(rows),
        recorded=sum(1 for m in rows if m.recorded),
        organisations=_sum(rows, lambda m: m.organisations),
        people=_sum(rows, lambda m: m.people),
        municipal_staff=_sum(rows, lambda m: m.municipal_staff),
        missing=missing,
    )


def summarise(
    meetings: Iterable[Meeting],
    categories_of: Mapping[str, Iterable[str]],
    categories: Iterable[str],
    now: dt.datetime,
) -> Participation:
    """The participation in ``meetings`` held before ``now`` (an aware date-time).

    ``categories_of`` maps an organisation's ``id`` to its category names; ``categories`` are
    the categories a meeting is judged against (a council's seats, say), in the order to show.
    """
    judged = tuple(dict.fromkeys(categories))
    held = sorted(
        (m for m in meetings if m.status.counts_as_held and m.end <= now),
        key=lambda m: (m.start, str(m.uid)),
    )
    rows = [_meeting(m, categories_of, judged) for m in held]
    by_year: dict[int, list[MeetingParticipation]] = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    years = tuple(_year(year, found) for year, found in sorted(by_year.items()))
    return Participation(categories=judged, meetings=tuple(rows), years=years)
