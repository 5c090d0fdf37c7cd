"""Errors from reading data files, phrased for the person who has to fix the file.

A web editor or a municipality's developer who exported a register wants every mistake at once,
each with the place it is at (``meetings[2].end: the meeting must end after it starts``), not a
traceback that stops at the first. Two kinds are kept apart because they need different fixes:
a file that cannot be read at all (:class:`DataFileError`) and a readable file whose content breaks
the rules (:class:`InvalidData`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .i18n import translation
from .rules import MESSAGES, message

__all__ = [
    "DataFileError",
    "InvalidData",
    "describe_error",
    "error_path",
    "fields_at",
    "format_validation_error",
    "inner_model",
]


class DataFileError(Exception):
    """The file could not be read, or is not JSON at all: there is nothing to validate yet."""


class InvalidData(ValueError):
    """The file was read, but its content breaks the rules; ``errors`` has a line per mistake."""

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        super().__init__("\n".join(self.errors))


# pydantic prefixes the message of a ValueError raised by a validator; the reader does not need it.
_PREFIXES = ("Value error, ", "Assertion failed, ")


def error_path(loc: Sequence[str | int]) -> str:
    """``("meetings", 2, "end")`` → ``meetings[2].end``: how a reader points into a JSON file."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _message(text: str) -> str:
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``tuple[Venue, ...]``, ``Venue | None`` or ``Venue`` itself."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = inner_model(argument)
        if found is not None:
            return found
    return None


def fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (empty when ``loc`` leads nowhere)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        current = inner_model(field.annotation) if field else None
        if current is None:
            return []
    return list(current.model_fields) if current else []


def describe_error(
    err: Any, language: str | None = None, model: type[BaseModel] | None = None
) -> str:
    """One pydantic error in words: the core's rules and the common mistakes in ``language``.

    A misspelt key gets the nearest field name of its object (``agreement`` → ``agreement_id``)
    when ``model`` (the type validated, e.g. ``Dataset``) is given.
    """
    code = err["type"]
    if code in MESSAGES:
        return message(code, err.get("ctx"), language)
    _ = translation(language).gettext
    if code == "missing":
        return _("required, but missing")
    if code == "extra_forbidden":
        known = fields_at(model, err["loc"][:-1]) if model is not None else []
        close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1, cutoff=0.6)
        if close:
            return _("unknown field; did you mean '{field}'?").format(field=close[0])
        if known:
            return _("unknown field; the fields here are: {fields}").format(fields=", ".join(known))
        return _("unknown field")
    return _message(err["msg"])


def format_validation_error(
    exc: ValidationError, language: str | None = None, model: type[BaseModel] | None = None
) -> list[str]:
    """One ``path: message`` line per error, in the order pydantic found them."""
    return [
        f"{error_path(err['loc'])}: {describe_error(err, language, model)}" for err in exc.errors()
    ]
