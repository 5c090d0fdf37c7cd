"""The state of one import: where pages go, what the file's ids became, and what went wrong."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Page

from civilsamhalle.errors import error_path

from .report import Report

__all__ = ["Context", "Loc", "Skipped", "save_revision"]

Loc = tuple[str | int, ...]


class Skipped(Exception):
    """A record names one that failed: reported there already, so not again here."""


@dataclass
class Context:
    """One import's shared state; ids of the file map to the objects they became."""

    parent: Page
    source: str
    publish: bool
    report: Report
    categories: dict[str, Any] = field(default_factory=dict)  # by name
    organisations: dict[str, Any] = field(default_factory=dict)  # by the file's id
    pages: dict[str, Any] = field(default_factory=dict)  # index pages by id
    agreements: dict[str, Any] = field(default_factory=dict)
    meetings: dict[uuid.UUID, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, loc: Loc, message: str) -> None:
        self.problems.append(f"{self.source}: {error_path(loc)}: {message}")

    @contextmanager
    def record(self, loc: Loc) -> Iterator[None]:
        """Import one record in a savepoint; a failure becomes a problem at ``loc``.

        Set the record's entry in the id maps to ``None`` first: a failed record then stays
        ``None``, and :func:`known` skips the records that name it.
        """
        try:
            with transaction.atomic():
                yield
        except Skipped as exc:
            if not self.problems:  # never silent: a loop of follow-ups ends here, for one
                self.problem(loc, f"names '{exc}', which could not be imported")
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for name, messages in errors.items():
                place = (*loc, name) if name and name != "__all__" else loc
                for message in messages:
                    self.problem(place, message)
        except (DatabaseError, ValueError, LookupError) as exc:
            self.problem(loc, str(exc))

    def save(self, obj: Any) -> None:
        save_revision(obj, publish=self.publish)


def save_revision(obj: Any, *, publish: bool, user: Any = None, clean: bool = True) -> None:
    """Save a revision and publish it (the admin's "Publish"), or leave it as a draft.

    ``clean=False`` when the caller has just run ``full_clean()`` itself (its queries once, not
    twice); ``user`` is who the history names."""
    revision = obj.save_revision(user=user, clean=clean)
    if publish:
        revision.publish(user=user)


def known(found: dict[Any, Any], key: Any) -> bool:
    """Whether ``key`` was imported; :class:`Skipped` if its record failed."""
    if key in found and found[key] is None:
        raise Skipped(key)
    return key in found
