"""``/api/v2/organisations/``: the register's published organisations (drafts never).

An organisation is a snippet, so this is a plain ``BaseAPIViewSet`` over ``Organisation``; its
``html_url`` is its page in the site's directory, looked up once for the whole answer.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from wagtail.api import APIField
from wagtail.rich_text import expand_db_html

from ..choices import COUNTRY_CHOICES, ORGANISATION_KIND_CHOICES
from ..models import Organisation, OrganisationCategory
from .base import CivilSnippetEndpoint
from .fields import Computed, organisation_ref
from .filters import choice_filter, parse_id, parse_slug

__all__ = ["OrganisationsEndpoint", "category_ref"]


def category_ref(category: OrganisationCategory) -> dict[str, str]:
    return {"slug": category.slug, "name": category.name}


def _html_url(organisation: Organisation, context: dict[str, Any]) -> str | None:
    path = getattr(organisation, "_url", None)
    return context["request"].build_absolute_uri(path) if path else None


def _parent(organisation: Organisation, context: dict[str, Any]) -> dict[str, Any] | None:
    parent = organisation.parent if organisation.parent_id else None
    return organisation_ref(parent) if parent is not None and parent.live else None


def _category(organisations: QuerySet, value: str, view: Any) -> QuerySet:
    slug = parse_slug("category", value)
    return organisations.filter(pk__in=Organisation.objects.filter(categories__slug=slug))


def _parent_filter(organisations: QuerySet, value: str, view: Any) -> QuerySet:
    return organisations.filter(parent_id=parse_id("parent", value), parent__live=True)


class OrganisationsEndpoint(CivilSnippetEndpoint):
    """The published organisations, by name."""

    name = "organisations"
    model = Organisation
    fields: ClassVar[list[Any]] = [
        "name",
        "slug",
        "kind",
        "country",
        "organisation_number",
        APIField(
            "categories",
            serializer=Computed(lambda o, c: [category_ref(x) for x in o.categories.all()]),
        ),
        APIField("parent", serializer=Computed(_parent)),
        "website",
        "email",
        "phone",
        APIField("description", serializer=Computed(lambda o, c: expand_db_html(o.description))),
        APIField(
            "areas_of_activity",
            serializer=Computed(lambda o, c: sorted(t.name for t in o.areas_of_activity.all())),
        ),
        APIField("html_url", serializer=Computed(_html_url)),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "category": _category,
        "kind": choice_filter("kind", ORGANISATION_KIND_CHOICES),
        "country": choice_filter("country", COUNTRY_CHOICES),
        "parent": _parent_filter,
    }
    order_fields: ClassVar[tuple[str, ...]] = ("name", "id")

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related(
                Prefetch("categories", queryset=OrganisationCategory.objects.order_by("name")),
                "areas_of_activity",
            )
            .order_by("name", "pk")
        )

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        """Each organisation's address in the directory, with one look-up for all."""
        Organisation.with_urls([item for item in items if item is not None], self.request)
