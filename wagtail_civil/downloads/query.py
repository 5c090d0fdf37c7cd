"""What a download reads from its query string, checked: a wrong value is a :class:`BadQuery`.

A download has no form to show an error beside, and a script that asked for
``?delimiter=tab`` or ``?category=no-such`` must learn that it got nothing it asked for, not
receive the whole register as if all were well: so a 400 with the reason, where the list page
itself shows the form with the error.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from civilsamhalle.interchange.spreadsheet import DELIMITERS

from .serving import BadQuery

__all__ = ["checked_filter", "delimiter"]


def delimiter(request: Any) -> str:
    """``?delimiter=comma`` (the default, also when empty) or ``semicolon``, as the character."""
    values = {value for value in request.GET.getlist("delimiter") if value}
    if not values:
        return DELIMITERS["comma"]
    if len(values) > 1 or next(iter(values)) not in DELIMITERS:
        raise BadQuery(
            # Translators: "delimiter", "comma", "semicolon" are typed in the address as they are
            _('"delimiter" takes "comma" or "semicolon".')
        )
    return DELIMITERS[values.pop()]


def checked_filter(filterset: Any) -> Any:
    """The filtered queryset of a bound ``filterset``, or :class:`BadQuery` naming each wrong
    filter and what is wrong with it (in the visitor's language, as the list page says it)."""
    if filterset.is_bound and not filterset.is_valid():
        problems = [
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in sorted(filterset.errors.items())
        ]
        raise BadQuery("; ".join(problems))
    return filterset.qs
