"""Dates and times as residents read them: in the municipality's time zone, in their language.

A meeting stored as 16:00 UTC in October is at 18:00 in Uddevalla, and the page must say 18:00
whoever looks at it and wherever the server runs. So every value is converted explicitly to
``conf.time_zone()`` here, and formatted with Django's localized formats of the active language
("tisdag 13 oktober 2026, 18:00" in Swedish). Each value is wrapped in ``<time datetime>`` with
the exact moment, for screen readers, search engines and browser extensions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import conf

__all__ = [
    "date_html",
    "datetime_html",
    "deadline_html",
    "deadline_passed",
    "end_of_deadline",
    "is_whole_day",
    "local",
    "time_html",
    "time_range_html",
    "time_range_text",
]


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in the municipality's time zone (a naive value is taken as already local)."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, ZoneInfo(conf.time_zone()))


def _date_text(moment: dt.date, *, weekday: bool = True) -> str:
    day = formats.date_format(moment, "DATE_FORMAT")
    if not weekday:
        return day
    # Translators: a date with its weekday, e.g. "tisdag 13 oktober 2026"
    return _("%(weekday)s %(date)s") % {"weekday": formats.date_format(moment, "l"), "date": day}


def _time_text(moment: dt.datetime | dt.time) -> str:
    return formats.time_format(moment, "TIME_FORMAT")


def _date_time_text(moment: dt.datetime, *, weekday: bool = True) -> str:
    # Translators: a date and a time of day, e.g. "tisdag 13 oktober 2026, 18:00"
    return _("%(date)s, %(time)s") % {
        "date": _date_text(moment, weekday=weekday),
        "time": _time_text(moment),
    }


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="minutes")


def datetime_html(value: dt.datetime | None, *, weekday: bool = True) -> SafeString | str:
    """``<time datetime="2026-10-13T18:00+02:00">tisdag 13 oktober 2026, 18:00</time>``."""
    if not isinstance(value, dt.datetime):
        return ""
    moment = local(value)
    return format_html(
        '<time datetime="{}">{}</time>', _iso(moment), _date_time_text(moment, weekday=weekday)
    )


def date_html(value: dt.date | None, *, weekday: bool = False) -> SafeString | str:
    """A date (or the local date of a date-time) as ``<time datetime="2026-10-13">…</time>``."""
    if isinstance(value, dt.datetime):
        value = local(value).date()
    if not isinstance(value, dt.date):
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), _date_text(value, weekday=weekday)
    )


def time_range_html(obj: Any, *, weekday: bool = True) -> SafeString | str:
    """When something with ``start`` and ``end`` takes place, as one short phrase.

    On one local day the date is said once: "tisdag 13 oktober 2026, 18:00–21:00"; across days
    both ends get their date. Without an end only the start is shown.
    """
    start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if not isinstance(start, dt.datetime):
        return ""
    if not isinstance(end, dt.datetime) or end <= start:
        return datetime_html(start, weekday=weekday)
    first, last = local(start), local(end)
    if first.date() == last.date():
        return format_html(
            '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
            _iso(first),
            _date_time_text(first, weekday=weekday),
            _iso(last),
            _time_text(last),
        )
    return format_html(
        "{} – {}", datetime_html(start, weekday=weekday), datetime_html(end, weekday=weekday)
    )


def time_range_text(obj: Any) -> str:
    """:func:`time_range_html` as plain text, for emails: "tisdag 13 oktober 2026, 18:00–21:00"."""
    start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if not isinstance(start, dt.datetime):
        return ""
    first = local(start)
    if not isinstance(end, dt.datetime) or end <= start:
        return _date_time_text(first)
    last = local(end)
    if first.date() == last.date():
        return f"{_date_time_text(first)}–{_time_text(last)}"
    return f"{_date_time_text(first)} – {_date_time_text(last)}"


def time_html(value: dt.time | None) -> SafeString | str:
    """A time of day, already local (programme items): ``<time datetime="18:30">18:30</time>``."""
    if not isinstance(value, dt.time):
        return ""
    return format_html('<time datetime="{}">{}</time>', value.strftime("%H:%M"), _time_text(value))


def is_whole_day(value: dt.datetime) -> bool:
    """Whether a deadline names a day: a date typed without a time is stored as local midnight,
    and "register by 9 December" means through that day, not the evening before."""
    return local(value).time() == dt.time(0)


def end_of_deadline(deadline: dt.datetime) -> dt.datetime:
    """The moment a deadline is over: a deadline given as a day lasts the whole day."""
    if is_whole_day(deadline):
        next_day = local(deadline).date() + dt.timedelta(days=1)
        return dt.datetime.combine(next_day, dt.time(0), ZoneInfo(conf.time_zone()))
    return deadline


def deadline_passed(deadline: dt.datetime, now: dt.datetime) -> bool:
    """Whether ``now`` is past the deadline; a deadline given as a day lasts the whole day."""
    return now >= end_of_deadline(deadline)


def deadline_html(value: dt.datetime | None) -> SafeString | str:
    """A deadline: the day alone (with its weekday) for a whole-day one, else day and time."""
    if not isinstance(value, dt.datetime):
        return ""
    return date_html(value, weekday=True) if is_whole_day(value) else datetime_html(value)
