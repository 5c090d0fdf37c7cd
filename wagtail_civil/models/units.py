"""The municipality's own units: who is responsible for an action, partners in a story, who needs
volunteers. One register of them, so a unit renamed once is renamed everywhere."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from .mixins import UniqueSlugMixin, slug_field

__all__ = ["MunicipalUnit"]


class MunicipalUnit(UniqueSlugMixin, index.Indexed, models.Model):
    """E.g. Park og idrett, Kultur- och fritidsförvaltningen, Helsetjenester.

    A unit is named the same way on every page that mentions it, and its public contact details
    are typed once.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = slug_field(_("Used in web addresses and filters. Made from the name when left blank."))
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Public contact details"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("description"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipal unit")
        verbose_name_plural = _("municipal units")

    def __str__(self) -> str:
        return self.name
