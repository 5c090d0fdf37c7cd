"""Seats are given atomically: never more confirmed than seats, the waitlist served in turn."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from civilsamhalle.registration import RegistrationState
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration import signals
from wagtail_civil.registration.seats import RegistrationRefused, cancel, register
from wagtail_civil.registration.tokens import make_token, read_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def stormote(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(
        registration_capacity=2,
        registration_waitlist=True,
    )


@pytest.fixture
def heard() -> dict[str, list[Any]]:
    """What the signals said, after commit."""
    said: dict[str, list[Any]] = {"made": [], "cancelled": [], "seat": [], "marks": []}

    def made(registration, created, **kw):
        said["made"].append((registration.name, created))

    def cancelled(registration, **kw):
        said["cancelled"].append(registration.name)

    def seat(registration, **kw):
        said["seat"].append(registration.name)

    def marks(meeting, mark, **kw):
        said["marks"].append(mark)

    receivers = [
        (signals.registration_made, made),
        (signals.registration_cancelled, cancelled),
        (signals.seat_given, seat),
        (signals.meeting_filled_to, marks),
    ]
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False)
    yield said
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_seats_then_waitlist_then_promotion(stormote, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        åsa = register(stormote, name="Åsa Öberg", email="asa@example.se").registration
        øystein = register(stormote, name="Øystein Ærø", email="oy@example.no").registration
        märta = register(stormote, name="Märta Ågren", email="marta@example.se").registration
    assert [r.status for r in (åsa, øystein, märta)] == ["confirmed", "confirmed", "waitlisted"]
    assert heard["marks"] == [100]  # 2 of 2; 1 of 2 is 50 %, below 80
    assert stormote.registration_state(2) is RegistrationState.WAITLIST

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(åsa)
    assert [r.pk for r in promoted] == [märta.pk]
    märta.refresh_from_db()
    åsa.refresh_from_db()
    assert (åsa.status, märta.status) == ("cancelled", "confirmed")
    assert heard["cancelled"] == ["Åsa Öberg"]
    assert heard["seat"] == ["Märta Ågren"]
    assert Registration.objects.filter(meeting=stormote).counts() == {
        "confirmed": 2, "waitlisted": 0, "cancelled": 1,
    }  # fmt: skip
    assert cancel(åsa) == []  # cancelling twice changes nothing


def test_the_same_email_twice_returns_the_existing_registration(stormote):
    first = register(stormote, name="Åsa Öberg", email="Asa@Example.se")
    again = register(stormote, name="Åsa Ö.", email=" asa@example.SE ")
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(meeting=stormote).count() == 1


def test_registering_again_after_cancelling_joins_at_the_end(stormote):
    åsa = register(stormote, name="Åsa", email="asa@example.se").registration
    register(stormote, name="Bo", email="bo@example.se")
    cancel(åsa)
    register(stormote, name="Cia", email="cia@example.se")
    back = register(stormote, name="Åsa", email="asa@example.se")
    assert back.created and back.registration.pk == åsa.pk
    assert back.registration.status == "waitlisted"


def test_full_without_waitlist_is_refused(make_meeting):
    meeting = make_meeting(
        registration_kind="built_in", registration_capacity=1, registration_waitlist=False
    )
    register(meeting, name="Åsa", email="asa@example.se")
    with pytest.raises(RegistrationRefused) as refused:
        register(meeting, name="Bo", email="bo@example.se")
    assert refused.value.state is RegistrationState.FULL
    assert Registration.objects.filter(meeting=meeting).count() == 1


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_opens": timezone.now() + dt.timedelta(days=1)}, "not_open"),
        ({"registration_deadline": timezone.now() - dt.timedelta(days=1)}, "closed"),
        ({"status": "cancelled"}, "cancelled"),
    ],
)
def test_refused_outside_opening_or_when_cancelled(make_meeting, fields, state):
    meeting = make_meeting(registration_kind="built_in", **fields)
    with pytest.raises(RegistrationRefused) as refused:
        register(meeting, name="Åsa", email="asa@example.se")
    assert refused.value.state == state
    if state != "cancelled":  # staff take a phone call before opening or after the deadline
        made = register(meeting, name="Åsa", email="", phone="0321-59 50 00", source="phone")
        assert made.registration.status == "confirmed"
        assert made.registration.source == "phone"
    else:
        with pytest.raises(RegistrationRefused):
            register(meeting, name="Åsa", email="", source="phone")
    assert Registration.objects.filter(meeting=meeting).count() == (state != "cancelled")


def test_draft_private_and_other_kinds_are_refused(make_meeting, civil_site):
    draft = make_meeting(registration_kind="built_in", live=False)
    private = make_meeting(registration_kind="built_in")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    external = make_meeting(registration_kind="external", registration_url="https://e.org/")
    for meeting in (draft, private, external):
        with pytest.raises(RegistrationRefused):
            register(meeting, name="Åsa", email="asa@example.se")
    assert not Registration.objects.exists()


def test_unknown_fields_are_a_programming_error(stormote):
    with pytest.raises(TypeError):
        register(stormote, name="Åsa", email="asa@example.se", status="confirmed")


def test_personal_link_token(stormote):
    registration = register(stormote, name="Åsa", email="asa@example.se").registration
    token = make_token(registration)
    assert read_token(token) == registration
    assert read_token(token[:-2] + "xx") is None
    assert read_token("garbage") is None
    assert read_token("") is None
    after = stormote.end + dt.timedelta(days=2)
    assert read_token(token, now=after) is None
    registration.erase_personal_data()
    assert read_token(token) is None


def test_erasing_keeps_the_counts(stormote):
    registration = register(
        stormote, name="Åsa Öberg", email="asa@example.se", phone="070-1", access_needs="Hörslinga"
    ).registration
    registration.erase_personal_data()
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.phone) == ("", "", "")
    assert registration.access_needs == "" and registration.erased_at is not None
    assert Registration.objects.filter(meeting=stormote).counts()["confirmed"] == 1


def test_publishing_more_seats_moves_the_waitlist_up(stormote):
    for n, name in enumerate(["Åsa", "Bo", "Cia", "Dan", "Eva"]):
        register(stormote, name=name, email=f"p{n}@example.se")
    assert Registration.objects.filter(meeting=stormote).counts()["waitlisted"] == 3
    stormote.registration_capacity = 4
    stormote.save_revision().publish()
    line = Registration.objects.filter(meeting=stormote)
    assert line.counts() == {"confirmed": 4, "waitlisted": 1, "cancelled": 0}
    assert line.get(status="waitlisted").name == "Eva"  # served in the order they came


def test_nobody_moves_up_once_the_meeting_has_begun(stormote):
    åsa = register(stormote, name="Åsa", email="asa@example.se").registration
    register(stormote, name="Bo", email="bo@example.se")
    register(stormote, name="Cia", email="cia@example.se")
    MeetingPage.objects.filter(pk=stormote.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    assert cancel(åsa) == []
    assert Registration.objects.filter(meeting=stormote).counts()["waitlisted"] == 1


def test_the_calendar_says_where_to_register(stormote, make_meeting):
    """A meeting that takes registrations on its page names the page as where to register, as
    one with a link names the link."""
    assert str(stormote.to_domain().registration.url) == stormote.get_full_url()
    none = make_meeting("Utan anmälan")
    assert none.to_domain().registration.url is None
