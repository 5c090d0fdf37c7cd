"""Errors from reading data files, phrased for the person who has to fix the file.

A web editor or a municipality's developer who exported a register wants every mistake at once,
each with the place it is at (``meetings[2].end: the meeting must end after it starts``), not a
traceback that stops at the first. Two kinds are kept apart because they need different fixes:
a file that cannot be read at all (:class:`DataFileError`) and a readable file whose content breaks
the rules (:class:`InvalidData`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import ValidationError

__all__ = ["DataFileError", "InvalidData", "error_path", "format_validation_error"]


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


def format_validation_error(exc: ValidationError) -> list[str]:
    """One ``path: message`` line per error, in the order pydantic found them."""
    return [f"{error_path(err['loc'])}: {_message(err['msg'])}" for err in exc.errors()]
