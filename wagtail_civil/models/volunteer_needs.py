"""A need for volunteers as a page, posted by a municipal unit or an organisation.

A page, not a snippet: a need is read on the public site at its own address, found by search,
listed under its index page, and drafts, previews, revisions, moderation workflows and view
restrictions come with Wagtail's pages (a need reported through the public form is a draft
waiting in the page explorer). Whether a need takes offers is computed
(:func:`civilsamhalle.volunteering.need_state`), never typed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from civilsamhalle.enums import VolunteerNeedState, VolunteerNeedTiming, VolunteerOfferStatus
from civilsamhalle.volunteering import need_state, places_left

from ..choices import VOLUNTEER_NEED_STATE_LABELS, VOLUNTEER_NEED_TIMING_CHOICES
from ..dates import local

__all__ = ["VolunteerNeedPage", "VolunteerNeedQuerySet"]

Timing = VolunteerNeedTiming
_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# What a resident's calendar holds of a need: a change in these raises SEQUENCE on publish.
_CALENDAR_FIELDS = ("title", "start", "end", "place", "timing")


class VolunteerNeedQuerySet(PageQuerySet):
    def for_list(self) -> VolunteerNeedQuerySet:
        """The one gate for lists, feeds and the API: published, public, not an alias, with
        the poster and the accepted count fetched in the same query."""
        return (
            self.live()
            .public()
            .filter(alias_of__isnull=True)
            .select_related("unit", "organisation")
            .with_accepted()
        )

    def with_accepted(self) -> VolunteerNeedQuerySet:
        accepted = Q(offers__status=VolunteerOfferStatus.ACCEPTED.value)
        return self.annotate(accepted_count=Count("offers", filter=accepted))

    def one_off(self) -> VolunteerNeedQuerySet:
        return self.filter(timing=Timing.ONE_OFF.value)

    def open_at(self, now: dt.datetime) -> VolunteerNeedQuerySet:
        """Needs taking offers at ``now``: :func:`need_state` in SQL (after ``with_accepted``)."""
        today = local(now).date()
        return self.filter(
            Q(open_until__isnull=True) | Q(open_until__gte=today),
            Q(timing=Timing.ONGOING.value) | Q(end__gt=now),
            Q(volunteers_needed__isnull=True) | Q(volunteers_needed__gt=models.F("accepted_count")),
        )

    def in_order(self) -> VolunteerNeedQuerySet:
        """Dated tasks first, soonest first, then the ongoing ones by how soon they close."""
        return self.order_by(
            models.F("start").asc(nulls_last=True),
            models.F("open_until").asc(nulls_last=True),
            "title",
            "pk",
        )


VolunteerNeedManager = PageManager.from_queryset(VolunteerNeedQuerySet)


class VolunteerNeedPage(Page):
    """One task or role that volunteers are wanted for: what, when, where, how many, who asks."""

    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    unit = models.ForeignKey(
        "wagtail_civil.MunicipalUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_needs",
        verbose_name=_("municipal unit"),
        help_text=_("The unit that needs volunteers, or leave blank and choose an organisation."),
    )
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_needs",
        verbose_name=_("organisation"),
    )
    poster_name = models.CharField(
        _("posted by, as typed"),
        max_length=255,
        blank=True,
        help_text=_("Shown when neither a unit nor an organisation from the register is chosen."),
    )
    description = RichTextField(_("what the volunteers do"), blank=True, features=_TEXT_FEATURES)
    timing = models.CharField(
        pgettext_lazy("volunteer need", "when"),
        max_length=16,
        choices=VOLUNTEER_NEED_TIMING_CHOICES,
        default=Timing.ONE_OFF.value,
    )
    start = models.DateTimeField(_("starts"), null=True, blank=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(
        pgettext_lazy("volunteer need", "place"),
        max_length=255,
        blank=True,
        help_text=_("Where the volunteers meet, e.g. an address or a building."),
    )
    area = models.CharField(
        pgettext_lazy("part of the municipality", "area"),
        max_length=100,
        blank=True,
        help_text=_("The part of the municipality, e.g. Jessheim. Residents filter by it."),
    )
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The need closes when this many offers are accepted. Blank: no limit."),
    )
    skills = models.TextField(_("skills wanted"), max_length=1000, blank=True)
    accessibility = models.TextField(
        _("accessibility of the task"),
        max_length=1000,
        blank=True,
        help_text=_("E.g. step-free, seated work, lifting needed, quiet surroundings."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    open_until = models.DateField(
        _("open for offers until"),
        null=True,
        blank=True,
        help_text=_("The last day offers are taken. Blank: until the task is over or filled."),
    )
    # Made by the public "report a need" form, as a draft for editors to check.
    reported_by_public = models.BooleanField(_("reported through the public form"),
                                             default=False, editable=False)  # fmt: skip

    objects = VolunteerNeedManager()

    parent_page_types = ["wagtail_civil.VolunteerNeedIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("unit"), FieldPanel("organisation")]),
                FieldPanel("poster_name"),
            ],
            heading=_("Who needs volunteers"),
        ),  # fmt: skip
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("timing"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])],
            heading=pgettext_lazy("volunteer need", "When"),
        ),
        FieldRowPanel(
            [FieldPanel("place"), FieldPanel("area")],
            heading=pgettext_lazy("volunteer need", "Where"),
        ),  # fmt: skip
        FieldPanel("volunteers_needed"),
        FieldPanel("skills"),
        FieldPanel("accessibility"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Public contact details"),
        ),
        FieldPanel("open_until"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("skills"),
        index.SearchField("area"),
        index.SearchField("place"),
        index.FilterField("timing"),
        index.FilterField("area"),
        index.FilterField("start"),
        index.FilterField("open_until"),
    ]

    api_fields = [
        APIField("uid"),
        APIField("unit"),
        APIField("organisation"),
        APIField("poster_name"),
        APIField("description"),
        APIField("timing"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("area"),
        APIField("volunteers_needed"),
        APIField("skills"),
        APIField("accessibility"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("open_until"),
        APIField("state"),
    ]

    template = "wagtail_civil/volunteer_need_page.html"

    class Meta:
        verbose_name = _("volunteer need")
        verbose_name_plural = _("volunteer needs")

    # --- rules -----------------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[Any]] = {}
        if self.timing == Timing.ONE_OFF.value:
            if self.start is None:
                errors.setdefault("start", []).append(
                    _("A one-off need has a start: enter its date and time, or choose Ongoing.")
                )
            if self.end is None:
                errors.setdefault("end", []).append(_("Enter when the task ends."))
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The end must be after the start."))
        if (
            self.timing == Timing.ONE_OFF.value
            and self.open_until
            and self.end
            and self.open_until > local(self.end).date()
        ):
            errors.setdefault("open_until", []).append(
                _("Offers cannot be taken after the task is over: choose %(day)s or earlier.")
                % {"day": local(self.end).date().isoformat()}
            )
        if self.open_until and self.start and self.open_until < local(self.start).date() - \
                dt.timedelta(days=366):  # fmt: skip
            errors.setdefault("open_until", []).append(
                _("This is more than a year before the task.")
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> Any:
        if self._state.adding and type(self).objects.filter(uid=self.uid).exists():
            self.uid = uuid.uuid4()  # an alias or a copy is another need in calendars
        if self.timing == Timing.ONGOING.value:
            self.start = self.end = None
        if self.pk and self.live and kwargs.get("update_fields") is None:
            self.sequence = self._sequence_on_publish()
        return super().save(*args, **kwargs)

    def _sequence_on_publish(self) -> int:
        previous = (
            type(self)
            .objects.filter(pk=self.pk)
            .values("sequence", "last_published_at", *_CALENDAR_FIELDS)
            .first()
        )
        if previous is None or previous["last_published_at"] is None:
            return self.sequence
        changed = any(previous[name] != getattr(self, name) for name in _CALENDAR_FIELDS)
        return previous["sequence"] + 1 if changed else previous["sequence"]

    def with_content_json(self, content: dict[str, Any]) -> Any:
        """A revision restores content, never the calendar identity kept on the live row."""
        obj = super().with_content_json(content)
        obj.uid, obj.sequence = self.uid, self.sequence
        return obj

    # --- what the need is now --------------------------------------------------------------------

    @property
    def accepted(self) -> int:
        """Offers accepted: annotated by the lists' query, else counted."""
        annotated = getattr(self, "accepted_count", None)
        if annotated is not None:
            return annotated
        if not self.pk:
            return 0
        return self.offers.filter(status=VolunteerOfferStatus.ACCEPTED.value).count()

    def state_at(self, now: dt.datetime | None = None) -> VolunteerNeedState:
        now = now or timezone.now()
        return need_state(
            timing=self.timing,
            end=self.end,
            open_until=self.open_until,
            wanted=self.volunteers_needed,
            accepted=self.accepted,
            now=now,
            today=local(now).date(),
        )

    @property
    def state(self) -> str:
        return self.state_at().value

    @property
    def state_label(self) -> str:
        return str(VOLUNTEER_NEED_STATE_LABELS[self.state])

    @property
    def places_left(self) -> int | None:
        return places_left(self.volunteers_needed, self.accepted)

    @property
    def is_one_off(self) -> bool:
        return Timing(self.timing).has_time

    @property
    def poster(self) -> Any:
        """Who asks: the unit, else the organisation, else the name as typed."""
        return self.unit or self.organisation or self.poster_name

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """With ``offer_panel``: given by serve() after a POST, else as a GET shows it."""
        from ..volunteering.pages import offer_panel

        panel = kwargs.pop("offer_panel", None)
        context = super().get_context(request, *args, **kwargs)
        context["offer_panel"] = panel or offer_panel(self, request)
        return context

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from ..volunteering.pages import serve_need

        return serve_need(self, request)
