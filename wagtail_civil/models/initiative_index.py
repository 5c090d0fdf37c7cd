"""The list of stories: published, public children, filterable by partner and category."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..filters import InitiativeFilterSet
from .initiatives import InitiativePage
from .mixins import ListPageMixin, paginate

__all__ = ["InitiativeIndexPage"]


class InitiativeIndexPage(ListPageMixin, Page):
    """Holds the story pages and lists its own published, public ones, newest first.

    ``?organisation=<slug>``, ``?unit=<slug>`` and ``?category=<slug>`` narrow the list; a bad
    value is shown as an error next to its filter and narrows nothing (see ``filters.py``).
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list, e.g. what the municipality and civil society do "
                    "together."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("stories per page"), default=20, help_text=_("How many to list on one page.")
    )

    subpage_types = ["wagtail_civil.InitiativePage"]
    filterset_class = InitiativeFilterSet

    class Meta:
        verbose_name = _("list of stories")
        verbose_name_plural = _("lists of stories")

    def get_initiatives(self) -> models.QuerySet:
        """This list's published, public stories (override to also show other lists' stories)."""
        return InitiativePage.objects.child_of(self).for_list()

    def get_filterset(self, request: HttpRequest, queryset: models.QuerySet) -> Any:
        return self.filterset_class(request.GET or None, queryset=queryset, request=request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        filterset = self.get_filterset(request, self.get_initiatives())
        context["filter"] = filterset
        context["initiatives"] = paginate(request, filterset.qs, self.per_page)
        return context
