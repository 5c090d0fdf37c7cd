"""The groups of civil society that hold seats on councils and get their own calendar feed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from .mixins import UniqueSlugMixin, slug_field

__all__ = ["OrganisationCategory"]


class OrganisationCategory(UniqueSlugMixin, index.Indexed, models.Model):
    """E.g. pensioners' organisations, rural associations, faith communities, study associations.

    Councils (samråd) give their seats to categories rather than to single organisations, and a
    resident may want the meetings of "all culture associations" in one calendar: that is why a
    category has a stable slug, used in feed addresses and filters.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = slug_field(
        _(
            "Used in web addresses, e.g. /organisations/?category=pensioners. Made from the "
            "name when left blank. Changing it breaks links to the old address; calendar "
            "subscriptions keep working."
        )
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who belongs to this group, shown on its list of organisations."),
    )

    panels = [
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation category")
        verbose_name_plural = _("organisation categories")

    def __str__(self) -> str:
        return self.name
