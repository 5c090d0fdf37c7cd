"""The public directory of organisations, and every organisation's own page under it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from .. import converters  # noqa: F401  (registers <civil_slug:…> for the route below)
from ..filters import OrganisationFilterSet
from ..languages import i18n_enabled, in_active_locale, in_site
from .liaisons import Liaison
from .mixins import ListPageMixin, paginate
from .organisations import Organisation

__all__ = ["OrganisationIndexPage"]

# Cached on the request: a list of fifty organisations must not look the index page up fifty times.
_REQUEST_CACHE = "_wagtail_civil_organisation_index"
# The download addresses under the directory's own, as the directory page links them.
DOWNLOAD_PATHS = [
    "/download/csv/",
    "/download/csv/?delimiter=semicolon",
    "/download/popolo/",
]


class OrganisationIndexPage(RoutablePageMixin, ListPageMixin, Page):
    """The organisation directory: ``""`` lists and filters, ``"<slug>/"`` shows one organisation.

    Organisations are snippets, not pages; this page gives them their public addresses. The first
    published one in a site is used for links (see :meth:`find_for_request`).
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the directory, e.g. how an organisation gets listed."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("organisations per page"), default=30, help_text=_("How many to list on one page.")
    )

    subpage_types: list[str] = []
    filterset_class = OrganisationFilterSet
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation directory")
        verbose_name_plural = _("organisation directories")

    # --- finding the directory -------------------------------------------------------------------

    @classmethod
    def find_for_request(cls, request: HttpRequest | None = None) -> OrganisationIndexPage | None:
        """The live directory of the request's site, else the first live one anywhere."""
        if request is not None and hasattr(request, _REQUEST_CACHE):
            return getattr(request, _REQUEST_CACHE)
        pages = cls.objects.live().order_by("path")
        found = None
        site = Site.find_for_request(request) if request is not None else None
        if site is not None:
            found = in_active_locale(in_site(pages, site, inclusive=True)).first()
        if found is None:
            found = pages.first()
        if request is not None:
            setattr(request, _REQUEST_CACHE, found)
        return found

    def get_cached_paths(self) -> list[str]:
        """The directory and its downloads, so a front-end cache purge of the directory (when
        an organisation or category changes, :mod:`..purging`) covers the downloads too."""
        return ["/", *DOWNLOAD_PATHS]

    # --- routes ----------------------------------------------------------------------------------

    def get_organisations(self, request: HttpRequest) -> models.QuerySet:
        """The organisations this directory lists before filtering (override to narrow)."""
        return Organisation.objects.public().select_related("logo").prefetch_related("categories")

    def get_liaisons(self, request: HttpRequest) -> models.QuerySet:
        """The published liaisons shown above the directory (override to narrow): whom an
        organisation contacts first. With i18n on, those in the directory's language."""
        liaisons = Liaison.objects.public()
        return liaisons.filter(locale_id=self.locale_id) if i18n_enabled() else liaisons

    def get_filterset(self, request: HttpRequest) -> Any:
        return self.filterset_class(
            request.GET or None, queryset=self.get_organisations(request), request=request
        )

    @path("", name="directory")
    def directory(self, request: HttpRequest) -> TemplateResponse:
        filterset = self.get_filterset(request)
        organisations = paginate(request, filterset.qs, self.per_page)
        organisations.object_list = Organisation.with_urls(
            organisations.object_list, request, index_page=self
        )
        return self.render(
            request,
            template="wagtail_civil/organisation_index_page.html",
            context_overrides={
                "filter": filterset,
                "organisations": organisations,
                "liaisons": self.get_liaisons(request),
                "is_filtered": filterset.is_bound
                and any(filterset.form.cleaned_data.get(name) for name in filterset.filters),
            },
        )

    # Two segments, so no organisation's slug (one segment) is ever shadowed by a download.
    @path("download/csv/", name="download_csv")
    def download_csv(self, request: HttpRequest) -> HttpResponse:
        """The register as CSV (docs/open-data.md)."""
        from ..downloads import organisations_csv

        return organisations_csv(self, request)

    @path("download/popolo/", name="download_popolo")
    def download_popolo(self, request: HttpRequest) -> HttpResponse:
        """The register as Popolo JSON (docs/open-data.md)."""
        from ..downloads import organisations_popolo

        return organisations_popolo(self, request)

    @path("<civil_slug:slug>/", name="organisation")
    def organisation(self, request: HttpRequest, slug: str) -> TemplateResponse:
        try:
            organisation = self.get_organisations(request).get(slug=slug)
        except Organisation.DoesNotExist:
            raise Http404(_("No such organisation.")) from None
        return self.render(
            request,
            template="wagtail_civil/organisation_detail.html",
            context_overrides=organisation.get_page_context(request),
        )
