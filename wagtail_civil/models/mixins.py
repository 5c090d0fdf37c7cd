"""Small pieces shared by the models: rich text as plain text, pagination, slugs, list pages."""

from __future__ import annotations

import html
import re
from typing import Any, ClassVar

from anyascii import anyascii
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

__all__ = [
    "ListPageMixin",
    "UniqueSlugMixin",
    "lines",
    "make_slug",
    "paginate",
    "richtext_to_text",
    "slug_field",
    "unique_slug",
]

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


def allow_unicode_slugs() -> bool:
    """Wagtail's ``WAGTAIL_ALLOW_UNICODE_SLUGS`` (default true), read as its admin reads it."""
    return bool(getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))


def make_slug(source: str, allow_unicode: bool | None = None) -> str:
    """``source`` as a slug, the way Wagtail's admin fills one in as the editor types.

    With unicode slugs (Wagtail's default) "Bäve hembygdsförening" stays
    ``bäve-hembygdsförening``; without, letters are transliterated as Wagtail's JavaScript does,
    so "Bærum frivilligsentral" becomes ``baerum-frivilligsentral`` (Django's ``slugify`` alone
    would drop the æ and ø that have no ASCII decomposition).
    """
    if allow_unicode is None:
        allow_unicode = allow_unicode_slugs()
    if allow_unicode:
        return slugify(source, allow_unicode=True)
    return slugify(anyascii(source))


def unique_slug(instance: models.Model, source: str, field: str = "slug") -> str:
    """A slug made from ``source`` (see :func:`make_slug`) that no other row of the model uses.

    A second "Röda Korset" becomes ``röda-korset-2``. Editors may leave the slug blank and still
    get a stable address.
    """
    max_length = instance._meta.get_field(field).max_length or 50
    base = make_slug(source)[: max_length - 4].strip("-") or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 1
    while others.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def slug_field(help_text: str) -> models.SlugField:
    """The slug field of every model of the app that has one: unique, optional, unicode.

    Unicode as Wagtail's own ``Page.slug`` is: the admin fills the slug from the name with
    ``WAGTAIL_ALLOW_UNICODE_SLUGS`` deciding whether "ä" stays, and the field must take whatever
    it filled, or the editor gets "Enter a valid slug" on a field they never touched.
    """
    return models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=help_text,
    )


class UniqueSlugMixin:
    """A model whose ``slug`` (see :func:`slug_field`) is made from another field when blank.

    The one place a slug is made: before validation, so the admin's form checks and shows the
    slug it will save, and before saving, for code that saves without validating (imports,
    factories). Set ``slug_source`` to the field the slug is made from.
    """

    slug_source: ClassVar[str] = "name"

    def fill_slug(self) -> None:
        """Make the slug from :attr:`slug_source` if it is blank; a given slug is kept."""
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source, "") or "")

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # Without a name there is nothing to make a slug from: the name's own error is shown.
        if str(getattr(self, self.slug_source, "") or "").strip():
            self.fill_slug()
        super().full_clean(*args, **kwargs)  # type: ignore[misc]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_slug()
        super().save(*args, **kwargs)  # type: ignore[misc]


class ListPageMixin:
    """The admin, search and API fields of a list page that declares ``intro`` and ``per_page``."""

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("per_page")]
