"""Create-or-update with "did anything change?", so that loading the demo twice is a no-op.

A reload that published every page again would pile up revisions and log entries, move every
feed's Last-Modified and make calendar programs download everything again. So each object is
compared with what the demo wants, field by field and relation by relation, and saved and
published only when it differs (or is not yet published). Pages and snippets are compared with
their latest revision, which is what an editor would be editing in the admin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from wagtail.models import Page

__all__ = ["Tally", "assign", "latest", "set_children", "set_m2m", "set_tags"]


@dataclass
class Tally:
    """What a load did, per kind of object, for the command's summary and for tests."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, *, created: bool = False, changed: bool = False) -> None:
        bucket = self.created if created else self.updated if changed else self.unchanged
        bucket[kind] = bucket.get(kind, 0) + 1

    def lines(self) -> list[str]:
        kinds = sorted({*self.created, *self.updated, *self.unchanged})
        return [
            f"  {kind:<22} {self.created.get(kind, 0):>3} created, "
            f"{self.updated.get(kind, 0):>3} updated, {self.unchanged.get(kind, 0):>3} unchanged"
            for kind in kinds
        ]


def latest(obj: Any) -> Any:
    """The latest revision of a page or snippet as an object (the row itself if it has none)."""
    if isinstance(obj, Page):
        obj = obj.specific
    revision = obj.get_latest_revision_as_object() if obj.latest_revision_id else None
    return revision if revision is not None else obj


def assign(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set the fields that differ; whether any did. Foreign keys compare by primary key."""
    changed = False
    for name, wanted in values.items():
        concrete = obj._meta.get_field(name)
        if concrete.many_to_one or concrete.one_to_one:
            current = getattr(obj, concrete.attname)
            target = wanted.pk if wanted is not None else None
        else:
            current, target = getattr(obj, name), wanted
        if current != target:
            setattr(obj, name, wanted)
            changed = True
    return changed


def set_m2m(manager: Any, wanted: Iterable[models.Model]) -> bool:
    """Make a (parental) many-to-many hold exactly ``wanted``; whether it had to change."""
    wanted = list(wanted)
    if {o.pk for o in manager.all()} == {o.pk for o in wanted}:
        return False
    manager.set(wanted)
    return True


def set_tags(manager: Any, wanted: Iterable[str]) -> bool:
    wanted = sorted(wanted)
    if sorted(t.name for t in manager.all()) == wanted:
        return False
    manager.set(wanted)
    return True


def set_children(obj: models.Model, relation: str, model: type, rows: list[dict[str, Any]]) -> bool:
    """Make an inline relation (``obj.<relation>``) hold ``rows``, in order.

    Rows name foreign keys by their column (``organisation_id``), which both the existing children
    and the new ones can be compared on without a query.
    """
    children = list(getattr(obj, relation).all())
    if len(children) == len(rows) and all(
        {name: getattr(child, name) for name in row} == row
        for child, row in zip(children, rows, strict=True)
    ):
        return False
    setattr(obj, relation, [model(**row) for row in rows])
    return True
