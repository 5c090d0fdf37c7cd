"""How an editor fills in a meeting: the tabs of the meeting page's form in the admin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from ..attendance_checklist import AttendanceChecklistPanel

__all__ = ["content_panels", "edit_handler"]

content_panels = Page.content_panels + [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
    FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
    FieldPanel("theme"),
    FieldPanel("description"),
    InlinePanel("programme", heading=_("Programme"), label=_("Programme item")),
    InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker")),
]
place_panels = [
    FieldPanel("mode"),
    MultiFieldPanel(
        [
            FieldPanel("venue_name"),
            FieldPanel("street_address"),
            FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
            FieldPanel("directions"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ],
        heading=_("Venue"),
    ),
    FieldPanel("online_url"),
]
organisers_panels = [
    MultipleChooserPanel(
        "host_links", chooser_field_name="organisation", label=_("host organisations")
    ),
    FieldPanel("municipal_hosts"),
    FieldPanel("agreement"),
    FieldPanel("council"),
    # A short list: every category visible at once, ticked without Ctrl-click.
    FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    MultiFieldPanel(
        [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
        heading=_("Public contact"),
    ),
]
registration_panels = [
    FieldPanel("registration_kind"),
    FieldPanel("registration_url"),
    FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_deadline")]),
    MultiFieldPanel(
        [
            FieldRowPanel(
                [FieldPanel("registration_capacity"), FieldPanel("registration_waitlist")]
            ),
            FieldRowPanel(
                [FieldPanel("registration_reminder"), FieldPanel("registration_reminder_hours")]
            ),
        ],
        heading=_("Seats and reminder"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("registration_ask_organisation"),
            FieldRowPanel(
                [FieldPanel("registration_ask_phone"), FieldPanel("registration_phone_reason")]
            ),
            FieldPanel("registration_ask_access_needs"),
            FieldPanel("registration_ask_dietary_needs"),
            FieldPanel("registration_privacy"),
        ],
        heading=_("What the form asks"),
    ),
]
afterwards_panels = [
    # One checkbox per organisation of the register, saved as the attending_organisations rows.
    AttendanceChecklistPanel(heading=_("Organisations that took part")),
    FieldRowPanel(
        [
            FieldPanel("attendance_organisations"),
            FieldPanel("attendance_people"),
            FieldPanel("attendance_municipal_staff"),
        ],
        heading=_("Head counts"),
    ),
    FieldPanel("outcome"),
    FieldPanel("minutes"),
    FieldPanel("follow_up"),
]
edit_handler = TabbedInterface(
    [
        ObjectList(content_panels, heading=_("Meeting")),
        ObjectList(place_panels, heading=_("Place")),
        ObjectList(organisers_panels, heading=_("Organisers")),
        # Translators: tab over how people sign up for the meeting
        ObjectList(registration_panels, heading=pgettext_lazy("meeting sign-up", "Registration")),
        ObjectList(afterwards_panels, heading=_("Afterwards")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ]
)
