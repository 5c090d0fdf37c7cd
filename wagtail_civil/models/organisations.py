"""The register of civil-society organisations: a Wagtail snippet with drafts and revisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index

from civilsamhalle import model as domain

from ..apps import civil_model
from ..choices import COUNTRY_CHOICES, ORGANISATION_KIND_CHOICES
from ..validators import (
    HttpUrlField,
    HttpUrlValidator,
    RulesCleanMixin,
    validate_organisation_number,
)
from .agreements import AgreementPage
from .meetings import MeetingPage
from .mixins import UniqueSlugMixin, richtext_to_text, slug_field

__all__ = ["Organisation", "OrganisationQuerySet", "OrganisationAreaTag"]

# Descriptions are short presentations: paragraphs, emphasis, lists and links, never headings
# that would break the outline of the page they are shown on.
DESCRIPTION_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class OrganisationQuerySet(models.QuerySet):
    def public(self) -> OrganisationQuerySet:
        """What residents may see: published organisations only (drafts stay in the admin)."""
        return self.filter(live=True)

    def in_category(self, category: Any) -> OrganisationQuerySet:
        """Organisations in a category, given as an ``OrganisationCategory`` or its slug."""
        if isinstance(category, str):
            return self.filter(categories__slug=category).distinct()
        return self.filter(categories=category).distinct()


class OrganisationAreaTag(TaggedItemBase):
    """Through model for the free-form areas of activity (idrott, kultur, integration, …)."""

    content_object = ParentalKey(
        "wagtail_civil.Organisation", on_delete=models.CASCADE, related_name="tagged_areas"
    )

    api_fields = [APIField("tag"), APIField("content_object")]

    class Meta:
        verbose_name = _("area of activity")
        verbose_name_plural = _("areas of activity")


class Organisation(
    UniqueSlugMixin,
    RulesCleanMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An association, faith community, study association, … in the municipality's register.

    A snippet rather than a page: an organisation is referred to from many pages (agreements,
    meetings, councils) and gets its public page through the first :class:`OrganisationIndexPage`
    (see :meth:`get_url`), so editors never have to decide where in the page tree it lives.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = slug_field(
        _(
            "The organisation's web address uses it. Made from the name when left blank; "
            "changing it later breaks links to the old address (calendar subscriptions keep "
            "working)."
        )
    )
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=ORGANISATION_KIND_CHOICES,
        default=domain.OrganisationKind.ASSOCIATION.value,
    )
    categories = ParentalManyToManyField(
        "wagtail_civil.OrganisationCategory",
        blank=True,
        related_name="organisations",
        verbose_name=_("categories"),
        help_text=_("The groups this organisation belongs to, e.g. for seats on a council."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The larger organisation this one belongs to, e.g. a parish's church."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        default=domain.Country.SWEDEN.value,
        help_text=_("Where the organisation is registered; decides how its number is checked."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=20,
        blank=True,
        help_text=_(
            "Swedish: ten digits, NNNNNN-NNNN. Norwegian: nine digits. Checked as you save."
        ),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"), null=True, blank=True, validators=[MaxValueValidator(2100)]
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("Where the organisation is based, as its register says."),
    )
    website = HttpUrlField(
        _("website"), blank=True, max_length=500, validators=[HttpUrlValidator()]
    )
    email = models.EmailField(
        _("public email"),
        blank=True,
        help_text=_("Published on the website. Use the organisation's address, not a person's."),
    )
    phone = models.CharField(
        _("public phone"),
        max_length=50,
        blank=True,
        help_text=_("Published on the website."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=DESCRIPTION_FEATURES,
        help_text=_("A short presentation in the organisation's own words."),
    )
    areas_of_activity = ClusterTaggableManager(
        through=OrganisationAreaTag,
        blank=True,
        verbose_name=_("areas of activity"),
        help_text=_("What the organisation works with, e.g. sport, culture, integration."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    # Deleting an organisation deletes its revisions, and lets revisions be queried by it.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")

    objects = OrganisationQuerySet.as_manager()

    panels = [
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
        # A short list: every category visible at once, ticked without Ctrl-click.
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("organisation_number"),
                FieldPanel("founded_year"),
                FieldPanel("municipality"),
            ],
            # Translators: heading over the country and number an organisation is registered by
            heading=pgettext_lazy("organisation register", "Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Public contact"),
        ),
        FieldPanel("description"),
        FieldPanel("areas_of_activity"),
        FieldPanel("logo"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("kind"),
        APIField("categories"),
        APIField("parent"),
        APIField("country"),
        APIField("organisation_number"),
        APIField("founded_year"),
        APIField("municipality"),
        APIField("website"),
        APIField("email"),
        APIField("phone"),
        APIField("description"),
        APIField("areas_of_activity"),
        APIField("logo"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self) -> models.QuerySet:
        return self._revisions.all()

    # --- validation ------------------------------------------------------------------------------

    def clean(self) -> None:
        """Check and normalise the organisation number against the chosen country.

        Done here rather than as a field validator because the rule depends on ``country``; the
        error is still attached to the number's field so the editor sees it where they typed.
        """
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.form_rejected("organisation_number", "country"):
            pass  # the form says what is wrong with what was typed
        elif self.organisation_number.strip():
            try:
                self.organisation_number = validate_organisation_number(
                    self.organisation_number, self.country
                )
            except ValidationError as exc:
                errors["organisation_number"] = exc
        else:
            self.organisation_number = ""
        if self._is_own_ancestor():
            errors["parent"] = ValidationError(_("An organisation cannot be part of itself."))
        if errors:
            raise ValidationError(errors)

    def _is_own_ancestor(self) -> bool:
        """Whether the chosen parent, its parent, … leads back here (a loop has no top)."""
        if self.pk is None:
            return False
        seen: set[int] = set()
        ancestor_id = self.parent_id
        while ancestor_id is not None and ancestor_id not in seen:
            if ancestor_id == self.pk:
                return True
            seen.add(ancestor_id)
            parents = type(self).objects.filter(pk=ancestor_id).values_list("parent_id", flat=True)
            ancestor_id = parents.first()
        return False

    # --- public address --------------------------------------------------------------------------

    def get_index_page(self, request: HttpRequest | None = None) -> Any:
        """The :class:`OrganisationIndexPage` that shows this organisation (override to choose)."""
        return civil_model("OrganisationIndexPage").find_for_request(request)

    def get_url(self, request: HttpRequest | None = None) -> str | None:
        """The organisation's page, ``…/organisations/<slug>/``; ``None`` if not published."""
        index_page = self.get_index_page(request) if self.live else None
        return self._url_in(index_page, index_page and index_page.get_url(request))

    def get_full_url(self, request: HttpRequest | None = None) -> str | None:
        """Like :meth:`get_url` but with scheme and host, for feeds and data exports."""
        index_page = self.get_index_page(request) if self.live else None
        return self._url_in(index_page, index_page and index_page.get_full_url(request))

    def _url_in(self, index_page: Any, base: str | None) -> str | None:
        """The address under ``index_page``, whose own address is ``base``."""
        if index_page is None or base is None or not self.live:
            return None
        return base + index_page.reverse_subpage("organisation", kwargs={"slug": self.slug})

    @property
    def url(self) -> str | None:
        """The address for templates, looked up once per instance.

        Lists this app builds fill it in up front (:meth:`with_urls`), so a list of fifty
        organisations does not look the directory up fifty times.
        """
        if not hasattr(self, "_url"):
            self._url = self.get_url()
        return self._url

    @classmethod
    def with_urls(
        cls,
        organisations: Iterable[Organisation],
        request: HttpRequest | None = None,
        index_page: Any = None,
    ) -> list[Organisation]:
        """``organisations`` as a list, each with :attr:`url` set through one directory."""
        items = list(organisations)
        index_page = index_page or civil_model("OrganisationIndexPage").find_for_request(request)
        base = index_page.get_url(request) if index_page is not None else None
        for item in items:
            item._url = item._url_in(index_page, base)
        return items

    # --- preview ---------------------------------------------------------------------------------

    def get_preview_template(self, request: HttpRequest, mode_name: str) -> str:
        return "wagtail_civil/organisation_detail.html"

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        """The same context as the public page, so the preview shows what residents will see."""
        context = super().get_preview_context(request, mode_name)
        context.update(self.get_page_context(request))
        context["page"] = self.get_index_page(request)
        return context

    def get_page_context(self, request: HttpRequest | None = None) -> dict[str, Any]:
        """What the organisation's page shows besides the organisation: only published, public
        agreements it signed, its upcoming meetings (hosted or attended) and its published
        member organisations (e.g. the parishes of a church)."""
        agreements = (
            AgreementPage.objects.live().public().filter(pk__in=self.signatures.values("page_id"))
        )
        meetings = MeetingPage.objects.for_feed().for_organisation(self)
        return {
            "attended_meetings": self.attended_meetings(),
            "organisation": self,
            "agreements": agreements.order_by("title"),
            "upcoming_meetings": meetings.upcoming(timezone.now()),
            "children": Organisation.with_urls(self.children.public(), request),
        }

    def attended_meetings(self, now: Any = None) -> models.QuerySet:
        """Meetings it took part in (recorded as attending), held, published and public, most
        recent first; a draft organisation (a preview) has none to show."""
        if self.pk is None:
            return MeetingPage.objects.none()
        attended = self.meeting_attendance.values("page_id")
        visible = MeetingPage.objects.live().public().filter(alias_of__isnull=True)
        not_held = [s.value for s in domain.EventStatus if not s.counts_as_held]
        held = visible.filter(pk__in=attended).exclude(status__in=not_held)
        return held.past(now or timezone.now())

    # --- domain ----------------------------------------------------------------------------------

    def to_domain(self) -> domain.Organisation:
        """The framework-free organisation: categories by name, parent by slug."""
        return domain.Organisation(
            id=self.slug,
            name=self.name,
            kind=domain.OrganisationKind(self.kind),
            categories=tuple(c.name for c in self.categories.all()),
            parent_id=self.parent.slug if self.parent_id else None,
            country=domain.Country(self.country),
            organisation_number=self.organisation_number or None,
            website=self.website or None,
            email=self.email or None,
            phone=self.phone or None,
            description=richtext_to_text(self.description),
            areas_of_activity=tuple(sorted(t.name for t in self.areas_of_activity.all())),
        )
