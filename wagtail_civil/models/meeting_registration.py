"""A meeting's built-in registration settings: when it opens, how many seats, what is asked.

Kept on the page (so they are drafted, previewed and revised with it) through this abstract
mixin, apart from the meeting's other fields; the registrations themselves are
:class:`.registrations.Registration` rows.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civilsamhalle.enums import EventStatus, RegistrationKind
from civilsamhalle.registration import RegistrationState, SeatPolicy, registration_state

from ..dates import end_of_deadline

__all__ = ["QUESTIONS", "BuiltInRegistrationMixin"]

_REMINDER_MAX_HOURS = 24 * 30

# The optional questions a form may ask, by the setting that asks each.
QUESTIONS = {
    "organisation": "registration_ask_organisation",
    "phone": "registration_ask_phone",
    "access_needs": "registration_ask_access_needs",
    "dietary_needs": "registration_ask_dietary_needs",
}


class BuiltInRegistrationMixin(models.Model):
    """The settings an editor chooses for the page's own registration form."""

    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open registration as soon as the page is published."),
    )
    registration_capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people can come. Leave empty for no limit."),
    )
    registration_waitlist = models.BooleanField(
        _("waitlist"),
        default=True,
        help_text=_(
            "When every seat is taken, new registrations join a waitlist and move up, in turn, "
            "when someone cancels."
        ),
    )
    registration_reminder = models.BooleanField(
        _("send a reminder"), default=True, help_text=_("Emailed to everyone with a seat.")
    )
    registration_reminder_hours = models.PositiveSmallIntegerField(
        _("hours before the meeting"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(_REMINDER_MAX_HOURS)],
    )
    registration_ask_organisation = models.BooleanField(_("ask for the organisation"), default=True)
    registration_ask_phone = models.BooleanField(_("ask for a phone number"), default=False)
    registration_phone_reason = models.CharField(
        _("why a phone number is asked for"),
        max_length=255,
        blank=True,
        help_text=_("Shown at the field, e.g. “So that we can reach you if the meeting moves.”"),
    )
    registration_ask_access_needs = models.BooleanField(_("ask about access needs"), default=False)
    registration_ask_dietary_needs = models.BooleanField(
        _("ask about dietary needs"), default=False
    )
    registration_privacy = models.TextField(
        _("privacy text"),
        blank=True,
        help_text=_(
            "Shown at the form: who handles the personal data and why. How long it is kept "
            "is added from the site's settings."
        ),
    )

    class Meta:
        abstract = True

    @property
    def has_built_in_registration(self) -> bool:
        return self.registration_kind == RegistrationKind.BUILT_IN.value

    def asks(self, question: str) -> bool:
        """Whether the registration form asks ``question`` (a key of :data:`QUESTIONS`)."""
        return bool(getattr(self, QUESTIONS[question]))

    @property
    def status_counts_as_held(self) -> bool:
        """Takes place on its date (not cancelled or postponed): seats can be given."""
        return EventStatus(self.status).counts_as_held

    def registration_closes(self) -> dt.datetime:
        """When the form stops taking registrations: the end of the deadline (a deadline
        typed as a day lasts all that day), and at the latest when the meeting starts."""
        if self.registration_deadline is None:
            return self.start
        return min(end_of_deadline(self.registration_deadline), self.start)

    def seat_policy(self) -> SeatPolicy:
        return SeatPolicy(
            capacity=self.registration_capacity,
            waitlist=self.registration_waitlist,
            opens=self.registration_opens,
            closes=self.registration_closes(),
        )

    def registration_state(
        self, confirmed: int, now: dt.datetime | None = None
    ) -> RegistrationState:
        """Where built-in registration stands with ``confirmed`` seats taken."""
        return registration_state(self.seat_policy(), self.status, now or timezone.now(), confirmed)
