"""Small pieces shared by the models: rich text as plain text, pagination, finding a page."""

from __future__ import annotations

import html
import re
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.text import slugify

__all__ = ["paginate", "richtext_to_text", "lines", "unique_slug"]

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def richtext_to_text(value: str | None) -> str:
    """Plain text of stored rich text, paragraphs separated by blank lines.

    The domain carries text, not HTML: a calendar program shows the DESCRIPTION as it is, and an
    export to another register must not depend on Wagtail's internal link markup.
    """
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", str(value))
    text = html.unescape(_TAG.sub("", text))
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p)


def lines(value: str | None) -> list[str]:
    """The non-empty lines of a one-item-per-line text field, stripped."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def paginate(request: HttpRequest, items: Any, per_page: int) -> PaginatorPage:
    """One page of ``items`` from ``?page=``; a missing, bad or too large number never errors.

    ``Paginator.get_page`` already falls back to the first or last page, which is what an old
    bookmark or a hand-edited address should get instead of a 404.
    """
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def unique_slug(instance: models.Model, source: str, field: str = "slug") -> str:
    """A slug made from ``source`` that no other row of ``instance``'s model uses.

    "Bäve församling" becomes ``bave-forsamling``; a second "Röda Korset" becomes
    ``roda-korset-2``. Editors may leave the slug blank and still get a stable address.
    """
    max_length = instance._meta.get_field(field).max_length or 50
    base = slugify(source)[: max_length - 4].strip("-") or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while others.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
