"""A dialogue meeting, open meeting, hearing, … as a page, and its inline parts."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from civilsamhalle import model as domain
from civilsamhalle import rules
from civilsamhalle.enums import attendance_mode
from civilsamhalle.rules import RuleError

from ..admin_forms import MeetingPageForm
from ..choices import (
    ATTENDANCE_MODE_CHOICES,
    EVENT_STATUS_CHOICES,
    MEETING_KIND_CHOICES,
    REGISTRATION_KIND_CHOICES,
)
from ..sites import absolute_url
from ..validators import HttpUrlField, HttpUrlValidator, RulesCleanMixin, rule_error
from . import meeting_panels as panels
from .calendar_identity import CalendarIdentityMixin
from .meeting_print import PrintRouteMixin
from .meeting_queryset import MeetingPageManager
from .meeting_registration import BuiltInRegistrationMixin
from .meeting_rows import FEED_FIELDS, meeting_from_row
from .meeting_signup import RegistrationFormMixin
from .mixins import lines

__all__ = ["MeetingPage"]

Mode, Status = domain.AttendanceMode, domain.EventStatus
# The core's name of a field → the form's, for the rules of civilsamhalle.rules.
_FIELDS = {
    "venue": "venue_name",
    "url": "registration_url",
    "deadline": "registration_deadline",
    "opens": "registration_opens",
}
# A rule is not judged when the form rejected a field it reads: it would read the old value.
_READS = {
    "end": ("start",),
    "venue_name": ("mode", "status"),
    "online_url": ("mode", "status"),
    "registration_url": ("registration_kind",),
    "registration_deadline": ("end",),
    "registration_opens": ("registration_deadline", "end"),
}
_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class MeetingPage(
    PrintRouteMixin,
    RegistrationFormMixin,
    RulesCleanMixin,
    CalendarIdentityMixin,
    BuiltInRegistrationMixin,
    Page,
):
    """One meeting, with everything a resident needs before it and what came out of it after.

    ``uid`` and ``sequence`` are its identity in calendars, kept by ``CalendarIdentityMixin``.
    """

    # Shared by the translations of one meeting (CalendarIdentityMixin), so unique per locale in
    # code: a constraint cannot span the page table, where the locale is.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    kind = models.CharField(
        _("kind of meeting"),
        max_length=32,
        choices=MEETING_KIND_CHOICES,
        default=domain.MeetingKind.DIALOGUE.value,
    )
    theme = models.CharField(
        _("theme"), max_length=255, blank=True, help_text=_("What the meeting is about, briefly.")
    )
    description = RichTextField(_("description"), blank=True, features=_TEXT_FEATURES)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=EVENT_STATUS_CHOICES,
        default=Status.SCHEDULED.value,
        help_text=_(
            "Keep a cancelled or moved meeting published with the new status: subscribers' "
            "calendars then show the change instead of silently losing the meeting."
        ),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    mode = models.CharField(
        _("how to take part"),
        max_length=16,
        choices=ATTENDANCE_MODE_CHOICES,
        default=Mode.IN_PERSON.value,
    )
    venue_name = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("E.g. Folkets Hus, room Storsalen.")
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    locality = models.CharField(_("town"), max_length=255, blank=True)
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_(
            "Bus or train, parking, the step-free entrance, which door and floor. Shown under "
            "the address and printed on the invitation."
        ),
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = HttpUrlField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        validators=[HttpUrlValidator()],
        help_text=_("The link participants use to join, e.g. a Teams or Zoom meeting."),
    )

    # Edited as the inline ``host_links`` (a searchable chooser); read here for queries.
    hosts = models.ManyToManyField(
        "wagtail_civil.Organisation",
        through="wagtail_civil.MeetingHost",
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host organisations"),
    )
    municipal_hosts = models.TextField(
        _("hosting municipal units"),
        blank=True,
        help_text=_("One per line, e.g. Kultur- och fritidsförvaltningen."),
    )
    agreement = models.ForeignKey(
        "wagtail_civil.AgreementPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("held under agreement"),
        help_text=_("Counts towards the agreement's commitments, e.g. two dialogues a year."),
    )
    council = models.ForeignKey(
        "wagtail_civil.CouncilPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("meeting of council or group"),
        help_text=_("Lists the meeting on the council's page and in its calendar."),
    )
    categories = ParentalManyToManyField(
        "wagtail_civil.OrganisationCategory",
        blank=True,
        related_name="meetings",
        verbose_name=_("categories"),
        help_text=_(
            "Shows the meeting in these categories' lists and calendars. The host "
            "organisations' categories count as well."
        ),
    )

    registration_kind = models.CharField(
        pgettext_lazy("meeting sign-up", "registration"),
        max_length=16,
        choices=REGISTRATION_KIND_CHOICES,
        default=domain.RegistrationKind.NONE.value,
    )
    registration_url = HttpUrlField(
        _("registration link"), max_length=500, blank=True, validators=[HttpUrlValidator()]
    )
    registration_deadline = models.DateTimeField(_("register by"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=255, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Published on the page and in calendars.")
    )
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)

    attendance_organisations = models.PositiveIntegerField(
        _("organisations that took part"), null=True, blank=True
    )
    attendance_people = models.PositiveIntegerField(
        _("people who took part"), null=True, blank=True
    )
    attendance_municipal_staff = models.PositiveIntegerField(
        _("of whom municipal staff"), null=True, blank=True
    )
    outcome = RichTextField(
        _("outcome"),
        blank=True,
        features=_TEXT_FEATURES + ["h3"],
        help_text=_("What came out of the meeting: conclusions, decisions, next steps."),
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("meeting record", "minutes"),
    )
    follow_up = models.ForeignKey(
        "wagtail_civil.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_of",
        verbose_name=_("follow-up meeting"),
    )

    objects = MeetingPageManager()

    parent_page_types = ["wagtail_civil.MeetingIndexPage"]
    subpage_types: list[str] = []
    base_form_class = MeetingPageForm
    # A copy is a new meeting: it must never share a calendar identity with the original.
    exclude_fields_in_copy = ["uid", "sequence"]

    content_panels = panels.content_panels
    edit_handler = panels.edit_handler

    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("start"),
    ]

    api_fields = [
        APIField(name)
        for name in (
            "uid", "sequence", "kind", "theme", "description", "status", "start", "end", "mode",
            "venue_name", "street_address", "postal_code", "locality", "directions", "latitude",
            "longitude",
            "online_url", "programme", "speakers", "hosts", "municipal_hosts", "agreement",
            "council", "categories", "registration_kind", "registration_url",
            "registration_deadline",
            "registration_opens", "registration_capacity", "registration_waitlist",
            "contact_name", "contact_email", "contact_phone", "attending_organisations",
            "attendance_organisations", "attendance_people", "attendance_municipal_staff",
            "outcome", "minutes", "follow_up",
        )
    ]  # fmt: skip

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    # --- validation ------------------------------------------------------------------------------

    def clean(self) -> None:
        """The core's rules for a meeting, each error on the field to correct.

        A field the form already rejected is not judged again (see ``RulesCleanMixin``), so a
        link typed wrong is reported as such, never as a missing link.
        """
        super().clean()
        problems: list[RuleError] = []
        try:
            rules.check_meeting_times(self.start, self.end)
        except RuleError as error:
            problems.append(error)
        problems += rules.meeting_place_problems(
            self.mode,
            self.status,
            has_venue=bool(self.venue_name.strip()),
            online_url=self.online_url,
        )
        problems += rules.check_registration(
            self.registration_kind,
            self.registration_url,
            self.registration_deadline,
            self.end,
            self.registration_opens if self.has_built_in_registration else None,
        )
        errors: dict[str, Any] = {}
        for problem in problems:
            field = _FIELDS.get(problem.field or "", problem.field or "")
            if not self.form_rejected(field, *_READS.get(field, ())):
                errors.setdefault(field, rule_error(problem))
        if self.follow_up_id and self.pk and self.follow_up_id == self.pk:
            errors["follow_up"] = _("A meeting cannot be its own follow-up.")
        if errors:
            raise ValidationError(errors)

    # --- for templates ---------------------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED.value

    @property
    def public_hosts(self) -> list[Any]:
        """Published host organisations, each once, in the editor's order.

        Read from ``host_links`` (uses the prefetch of ``for_feed()``), which a preview or a
        revision holds in memory, so a draft shows the hosts it was saved with.
        """
        hosts = {link.organisation_id: link.organisation for link in self.host_links.all()}
        return [h for h in hosts.values() if h.live]

    @property
    def host_entries(self) -> list[tuple[str, Any]]:
        """``(name, organisation)`` of each host as shown to residents: the published host
        organisations, then the hosting municipal units (organisation ``None``)."""
        units = [(unit, None) for unit in lines(self.municipal_hosts)]
        return [(h.name, h) for h in self.public_hosts] + units

    @property
    def host_names(self) -> list[str]:
        return [name for name, _organisation in self.host_entries]

    @property
    def online_only(self) -> bool:
        """Held online only now: an online meeting, or one moved online."""
        return attendance_mode(self.mode, self.status) is Mode.ONLINE

    @property
    def all_categories(self) -> list[Any]:
        """The meeting's own categories and its published hosts', each once, by name."""
        found = {c.pk: c for c in self.categories.all()}
        for host in self.public_hosts:
            found.update((c.pk, c) for c in host.categories.all())
        return sorted(found.values(), key=lambda c: c.name)

    @property
    def venue(self) -> domain.Venue | None:
        if not self.venue_name.strip():
            return None
        return domain.Venue(
            name=self.venue_name,
            street_address=self.street_address,
            postal_code=self.postal_code,
            locality=self.locality,
            latitude=self.latitude,
            longitude=self.longitude,
        )

    # --- domain ----------------------------------------------------------------------------------

    def to_domain(self, request: HttpRequest | None = None) -> domain.Meeting:
        """The meeting for feeds and rules; ``url`` is absolute (with ``request``'s host).

        Reads only what ``for_feed()`` prefetches, and leaves unpublished organisations out;
        converted as a feed converts its fetched rows (:func:`.meeting_rows.meeting_from_row`).
        """
        return meeting_from_row(self.feed_row(), absolute_url(self, request) if self.pk else None)

    def feed_row(self) -> dict[str, Any]:
        """This page as the row :func:`.meeting_rows.feed_rows` fetches, from the instance (so a
        preview or a revision converts what it holds in memory)."""
        row: dict[str, Any] = {f: getattr(self, f) for f in FEED_FIELDS if "__" not in f}
        agreement = self.agreement if self.agreement_id else None
        row["agreement__slug"] = agreement.slug if agreement else None
        row["agreement__title"] = agreement.title if agreement else None
        row["j_hosts"] = [
            {"k": k, "i": i, "o": link.organisation_id, "n": link.organisation.name,
             "s": link.organisation.slug, "l": link.organisation.live}
            for (k, i), link in _keyed(self.host_links.all())
        ]  # fmt: skip
        row["j_host_categories"] = [c.name for h in self.public_hosts for c in h.categories.all()]
        row["j_categories"] = [c.name for c in self.categories.all()]
        row["j_programme"] = [
            {"k": k, "i": i, "t": p.title, "at": p.start_time, "d": p.description}
            for (k, i), p in _keyed(self.programme.all())
        ]
        row["j_speakers"] = [
            {"k": k, "i": i, "n": s.name, "t": s.title, "a": s.affiliation,
             "l": s.organisation.live if s.organisation_id else None,
             "o": s.organisation.name if s.organisation_id else None}
            for (k, i), s in _keyed(self.speakers.all())
        ]  # fmt: skip
        row["j_attending"] = [
            {"k": k, "i": i, "s": a.organisation.slug, "l": a.organisation.live}
            for (k, i), a in _keyed(self.attending_organisations.all())
        ]
        return row


def _keyed(children: Any) -> list[tuple[tuple[Any, int], Any]]:
    """Each child with the key ``relation()`` orders fetched rows by: its sort order and
    primary key (the database leaves equal sort orders in any order; PostgreSQL does); for
    children held in memory (a preview), their place in the list."""
    items = list(children)
    if all(item.pk for item in items):
        return [((item.sort_order, item.pk), item) for item in items]
    return [((n, 0), item) for n, item in enumerate(items)]
