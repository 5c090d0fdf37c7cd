"""What every endpoint of the read API shares, on top of Wagtail's API v2 viewsets.

- Only what residents may see: the endpoints' querysets start from live, public pages of the
  request's site (no drafts, no view-restricted sections, no aliases) and published snippets.
- Only named query parameters: the endpoint's ``filters`` and Wagtail's paging and field
  selection; anything else, and any garbage value, is a 400 with a message.
- Only JSON, with ETag and Last-Modified (:mod:`.conditional`).
- Only the fields listed on the endpoint (``fields``): a field of the model's ``api_fields``
  listed by name keeps the model's serializer; the rest are computed (:mod:`.fields`). The model's
  own relations are never exposed raw, since they would name unpublished organisations.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import Http404, HttpRequest
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page, Site

from .conditional import conditional
from .filters import MAX_ID, CivilFilterBackend, CivilOrderingFilter, Filter

__all__ = ["CivilEndpointMixin", "CivilPagesEndpoint", "CivilSnippetEndpoint"]

# Wagtail's own parameters the endpoints keep: paging and the choice of fields. Search is left
# out (its backends differ in what they reject), as are Wagtail's tree filters.
_WAGTAIL_PARAMETERS = frozenset(["limit", "offset", "fields", "order", "_"])


class CivilPagination(WagtailPagination):
    """Wagtail's paging (``?limit=``, ``?offset=``), with an offset the database can take."""

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_ID:
            # Translators: an API error; "offset" is the query parameter, keep it as is
            raise BadRequestError(_("offset is larger than any list."))
        return super().paginate_queryset(queryset, request, view)


class CivilEndpointMixin:
    """Shared by the page and the snippet endpoints (put first among the bases)."""

    renderer_classes: ClassVar[list[Any]] = [JSONRenderer]
    pagination_class = CivilPagination
    filter_backends: ClassVar[list[Any]] = [CivilFilterBackend, CivilOrderingFilter]
    filters: ClassVar[dict[str, Filter]] = {}
    order_fields: ClassVar[tuple[str, ...]] = ("id",)
    fields: ClassVar[list[str | APIField]] = []  # the body fields beside "id"
    meta_fields: ClassVar[list[str]] = ["type", "detail_url"]
    by_content: ClassVar[bool] = False  # the answer moves with the clock (see .conditional)

    request: Any
    model: Any

    # --- which parameters and fields -------------------------------------------------------------

    @property
    def known_query_parameters(self) -> frozenset[str]:  # type: ignore[override]
        return _WAGTAIL_PARAMETERS.union(self.filters)

    def check_query_parameters(self, queryset: Any) -> None:
        """Only the endpoint's filters and Wagtail's paging: a model's columns are no filters."""
        unknown = set(self.request.GET.keys()) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                # Translators: an API error, then the parameters the address may have
                _("Unknown query parameter: %(names)s. Known: %(known)s.")
                % {
                    "names": ", ".join(sorted(unknown)),
                    "known": ", ".join(sorted(self.known_query_parameters - {"_"})),
                }
            )

    @classmethod
    def get_body_fields(cls, model: Any) -> list[APIField]:
        own = {f.name: f for f in cls._convert_api_fields(getattr(model, "api_fields", ()))}
        chosen = cls._convert_api_fields(cls.body_fields + list(cls.fields))
        return [own.get(f.name, f) if f.serializer is None else f for f in chosen]

    @classmethod
    def get_meta_fields(cls, model: Any) -> list[APIField]:
        return cls._convert_api_fields(list(cls.meta_fields))

    @classmethod
    def get_listing_default_fields(cls, model: Any) -> list[str]:
        """Everything, in lists too: a follower needs no ``?fields=`` for the contract's shape."""
        return cls.get_available_fields(model)

    @classmethod
    def get_detail_default_fields(cls, model: Any) -> list[str]:
        return cls.get_available_fields(model)

    # --- conditional answers ---------------------------------------------------------------------

    def listing_view(self, request: HttpRequest) -> Any:
        return conditional(
            request,
            lambda: super(CivilEndpointMixin, self).listing_view(request),
            by_content=self.by_content,
        )

    def detail_view(self, request: HttpRequest, pk: int) -> Any:
        if pk > MAX_ID:  # no row, and a number the database cannot take
            raise Http404
        return conditional(
            request,
            lambda: super(CivilEndpointMixin, self).detail_view(request, pk),
            by_content=self.by_content,
        )

    @classmethod
    def get_urlpatterns(cls) -> list[URLPattern]:
        """The list and the detail; Wagtail's ``find/`` is left out (an item's id is its detail
        URL already, and ``find/`` reads ``?id=`` unchecked)."""
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    # --- what serializers read -------------------------------------------------------------------

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        """Lets the endpoint fetch, once per answer, what its items' computed fields need."""
        instance = args[0] if args else None
        items = list(instance) if kwargs.get("many") else [instance]
        serializer = super().get_serializer(items if kwargs.get("many") else instance, **kwargs)
        self.prepare(items, serializer.context)
        return serializer

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        """Fetch what the items' computed fields read, into ``context`` (override)."""

    def visible_pages(self, context: dict[str, Any]) -> set[int]:
        """Ids of the pages the items refer to that are live and public (see :meth:`prepare`)."""
        return context.get("visible_pages", set())

    def remember_visible_pages(self, context: dict[str, Any], ids: set[Any]) -> None:
        """One query for whether the referred pages (agreements, councils) may be shown."""
        ids = {i for i in ids if i is not None}
        found = Page.objects.live().public().filter(pk__in=ids) if ids else Page.objects.none()
        context["visible_pages"] = set(found.values_list("pk", flat=True)) if ids else set()

    def site(self) -> Site | None:
        return Site.find_for_request(self.request)


class CivilPagesEndpoint(CivilEndpointMixin, PagesAPIViewSet):
    """An endpoint of one page type, live and public pages of the request's site only."""

    meta_fields: ClassVar[list[str]] = [
        "type", "detail_url", "html_url", "slug", "first_published_at", "locale",
    ]  # fmt: skip
    order_fields: ClassVar[tuple[str, ...]] = ("id", "title", "first_published_at")

    def site_pages(self) -> Any:
        """The model's pages on the request's site (none on an unknown host), with their locale
        (a meta field) fetched in the same query."""
        site = self.site()
        if site is None:
            return self.model.objects.none()
        pages = self.model.objects.descendant_of(site.root_page, inclusive=True)
        return pages.select_related("locale")

    def public_pages(self) -> Any:
        """The model's live, public pages on the request's site, aliases left out."""
        return self.site_pages().live().public().filter(alias_of__isnull=True)

    def get_queryset(self) -> Any:
        return self.public_pages().order_by("pk")

    def get_object(self) -> Any:
        # The queryset is already of the specific model; Page's get_object would ask again.
        return BaseAPIViewSet.get_object(self)

    def get_serializer_context(self) -> dict[str, Any]:
        """Wagtail's, without ``base_queryset`` (read only by its tree filters, not used here)."""
        return BaseAPIViewSet.get_serializer_context(self)


class CivilSnippetEndpoint(CivilEndpointMixin, BaseAPIViewSet):
    """An endpoint of a snippet: only published ones (``live``) when the model has drafts."""

    def get_queryset(self) -> Any:
        objects = self.model.objects.all()
        if hasattr(self.model, "live"):
            objects = objects.filter(live=True)
        return objects.order_by("pk")
