"""The inline parts of a meeting page: hosts, programme, speakers, organisations that took part."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from civilsamhalle import model as domain

__all__ = ["MeetingAttendance", "MeetingHost", "MeetingProgrammeItem", "MeetingSpeaker"]

MEETING = "wagtail_civil.MeetingPage"


class _OrganisationRow(Orderable):
    """An inline row that names one organisation of the register."""

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return str(self.organisation)


class MeetingHost(_OrganisationRow):
    """A host organisation of a meeting, picked in the admin's searchable organisation chooser.

    An inline row rather than a many-to-many field so editors choose hosts in Wagtail's snippet
    chooser (the register can hold hundreds); ``MeetingPage.hosts`` reads through these rows.
    """

    page = ParentalKey(MEETING, on_delete=models.CASCADE, related_name="host_links")
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )

    class Meta(_OrganisationRow.Meta):
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")


class MeetingProgrammeItem(Orderable):
    page = ParentalKey(MEETING, on_delete=models.CASCADE, related_name="programme")
    start_time = models.TimeField(pgettext_lazy("time of day", "time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("title")]),
        FieldPanel("description"),
    ]
    api_fields = [APIField("start_time"), APIField("title"), APIField("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")

    def __str__(self) -> str:
        return self.title

    def to_domain(self) -> domain.ProgrammeItem:
        return domain.ProgrammeItem(
            title=self.title, start_time=self.start_time, description=self.description
        )


class MeetingSpeaker(Orderable):
    page = ParentalKey(MEETING, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("title or role"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    affiliation = models.CharField(
        _("represents"),
        max_length=255,
        blank=True,
        help_text=_("If not an organisation in the register, e.g. a municipal unit."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("affiliation")]),
    ]
    api_fields = [
        APIField("name"),
        APIField("title"),
        APIField("organisation"),
        APIField("affiliation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    @property
    def display_affiliation(self) -> str:
        """The typed affiliation, else the organisation's name if it is published."""
        if self.affiliation.strip():
            return self.affiliation.strip()
        if self.organisation_id and self.organisation.live:
            return self.organisation.name
        return ""

    def to_domain(self) -> domain.Speaker:
        return domain.Speaker(
            name=self.name, title=self.title, affiliation=self.display_affiliation
        )


class MeetingAttendance(_OrganisationRow):
    """An organisation that took part, recorded after the meeting."""

    page = ParentalKey(MEETING, on_delete=models.CASCADE, related_name="attending_organisations")
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_attendance",
        verbose_name=_("organisation"),
    )

    class Meta(_OrganisationRow.Meta):
        verbose_name = _("organisation that took part")
        verbose_name_plural = _("organisations that took part")
