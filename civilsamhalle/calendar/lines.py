"""Content lines as icalendar writes them, with less work per line.

Every byte is icalendar's: each line comes from ``Contentline.from_parts`` and, when it is long
enough to need it, from icalendar's folding. Two things are not done again and again:
folding a line shorter than the 75 octets that start a fold (icalendar walks every line
character by character), and serialising the same parameters for every event (a feed writes
``TZID=Europe/Stockholm`` twice per meeting, ``VALUE=URI`` once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from icalendar import Component, Parameters
from icalendar.parser import Contentline

__all__ = ["component_bytes", "content_line", "lines_bytes"]

_FOLD_AT = 75  # icalendar's limit: a line of 75 octets or more is folded
_NO_PARAMETERS = Parameters()  # read, never changed, by Contentline.from_parts


def content_line(name: str, value: Any) -> bytes:
    """One content line as ``Component.to_ical()`` writes it, without its CRLF."""
    params = getattr(value, "params", None)
    line = Contentline.from_parts(name, _written(params) if params else _NO_PARAMETERS, value)
    encoded = line.encode()
    return encoded if len(encoded) < _FOLD_AT else line.to_ical()


def component_bytes(component: Component) -> bytes:
    """``component.to_ical()``: the same bytes."""
    return lines_bytes(content_line(name, value) for name, value in component.property_items())


def lines_bytes(lines: Iterable[bytes]) -> bytes:
    """Content lines, each ended by CRLF."""
    return b"\r\n".join((*lines, b""))


class _Written(Parameters):
    """Parameters with the bytes icalendar wrote for them (sorted, as ``from_parts`` asks)."""

    def __init__(self, params: Parameters) -> None:
        super().__init__(params)
        self.written = type(params)(params)  # a copy of its own type, which may quote differently
        self.ical = params.to_ical(sorted=True)

    def to_ical(self, sorted: bool = True) -> bytes:  # noqa: A002  (icalendar's name)
        return self.ical if sorted else self.written.to_ical(sorted=False)


_WRITTEN: dict[tuple[Any, ...], _Written] = {}
_WRITTEN_LIMIT = 1024  # distinct parameter sets kept: zones, link labels, contact names


def _written(params: Parameters) -> Parameters:
    """``params``, written once by icalendar and remembered by their type and items (the
    type too: a subclass may quote differently); unhashable values are written each time."""
    try:
        key = (type(params), *params.items())
        found = _WRITTEN.get(key)
    except TypeError:  # a list value (several members, say)
        return params
    if found is None:
        if len(_WRITTEN) >= _WRITTEN_LIMIT:
            _WRITTEN.clear()
        found = _WRITTEN[key] = _Written(params)
    return found
