"""A liaison (lots): the person at the municipality whom civil society contacts first.

Ulricehamn has one "lots" who connects associations, the council and the municipality's units.
A liaison is a role with a named person and public contact details, shown on the organisation
directory and, as a block, on any page. Editors draft and publish it like a page; residents see
only published liaisons (:meth:`LiaisonQuerySet.public`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

__all__ = ["Liaison", "LiaisonQuerySet"]


class LiaisonQuerySet(models.QuerySet):
    def public(self) -> LiaisonQuerySet:
        """What residents may see: published liaisons, with their unit and photo fetched."""
        return self.filter(live=True).select_related("unit", "photo")


class Liaison(
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """E.g. "Lots för civilsamhället", Kultur- och fritidsförvaltningen, with email and phone.

    Translatable (docs/languages.md): residents read the role, the area and "how they help" in
    the page's language; a translation repeats the name and the contact details.
    """

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("The role as residents know it, e.g. “Liaison for civil society”."),
    )
    unit = models.ForeignKey(
        "wagtail_civil.MunicipalUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liaisons",
        verbose_name=_("municipal unit"),
    )
    area = models.CharField(
        _("area"),
        max_length=255,
        blank=True,
        help_text=_("What or where they cover, e.g. “Associations and study associations”."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("Optional. Its alt text is not needed: the name is next to it."),
    )
    description = models.TextField(
        _("how they help"),
        blank=True,
        help_text=_("A sentence or two on what to contact them about."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="liaison")

    objects = LiaisonQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("area")]),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("photo")],
            heading=_("Public contact details"),
        ),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("area"),
        index.FilterField("live"),
        index.FilterField("locale_id"),
    ]

    api_fields = [
        APIField("name"),
        APIField("role"),
        APIField("unit"),
        APIField("area"),
        APIField("email"),
        APIField("phone"),
        APIField("photo"),
        APIField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name", "pk"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def revisions(self) -> models.QuerySet:
        return self._revisions.all()

    def get_preview_template(self, request: HttpRequest, mode_name: str) -> str:
        return "wagtail_civil/liaison_preview.html"

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        context = super().get_preview_context(request, mode_name)
        context["liaison"] = self
        return context
