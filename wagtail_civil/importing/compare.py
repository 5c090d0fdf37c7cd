"""Set a field or relation only when it differs, and say whether it did.

An import run twice must change nothing: a second publish of every page would pile up revisions
and log entries, move every feed's Last-Modified and make calendar programs download everything
again. So each object is compared with the file field by field and relation by relation, against
its latest revision (what an editor would be editing in the admin).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.models import Page, Revision

from ..models.mixins import richtext_to_text

__all__ = [
    "assign",
    "latest",
    "latest_in_bulk",
    "set_children",
    "set_m2m",
    "set_text",
    "set_tags",
    "text_to_html",
]


def latest(obj: Any) -> Any:
    """The latest revision of a page or snippet as an object (the row itself if it has none)."""
    if isinstance(obj, Page):
        obj = obj.specific
    revision = obj.get_latest_revision_as_object() if obj.latest_revision_id else None
    return revision if revision is not None else obj


def latest_in_bulk(objs: Iterable[Any]) -> dict[int, Any]:
    """Each snippet as its latest revision has it (what an editor edits), in one query.

    :func:`latest` does the same one object at a time; a published one without
    a newer draft is its own row, so only drafts need their revision.
    """
    objs = list(objs)
    drafts = [
        o.latest_revision_id for o in objs if o.has_unpublished_changes and o.latest_revision_id
    ]
    contents = dict(Revision.objects.filter(pk__in=drafts).values_list("pk", "content"))
    return {
        o.pk: o.with_content_json(contents[o.latest_revision_id])
        if o.latest_revision_id in contents
        else o
        for o in objs
    }


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


def text_to_html(text: str) -> str:
    """Plain text as rich text: a paragraph per blank-line-separated block, lines kept."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def set_text(obj: models.Model, name: str, text: str) -> bool:
    """Set a rich text field from plain text unless its words are already those.

    Comparing words, not markup, keeps the bold and links an editor added to the same text.
    """
    if richtext_to_text(getattr(obj, name)) == richtext_to_text(text_to_html(text)):
        return False
    setattr(obj, name, text_to_html(text))
    return True


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
    and the new ones can be compared on without a query. An ``Orderable`` child gets its place as
    the admin's formset gives it: without it PostgreSQL returns the children in any order.
    """
    order_field = getattr(model, "sort_order_field", None)
    if order_field:
        rows = [{**row, order_field: place} for place, row in enumerate(rows)]
    children = list(getattr(obj, relation).all())
    if len(children) == len(rows) and all(
        {name: getattr(child, name) for name in row} == row
        for child, row in zip(children, rows, strict=True)
    ):
        return False
    setattr(obj, relation, [model(**row) for row in rows])
    return True
