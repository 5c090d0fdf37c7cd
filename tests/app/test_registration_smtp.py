"""Registration emails over real SMTP: an ``aiosmtpd`` server on 127.0.0.1 receives what Django's
SMTP backend sends, and the message is read back with the standard library's parser and its
``.ics`` with ``icalendar`` and the strict ``ical`` package, as calendar programs would."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from ical.calendar_stream import IcsCalendarStream

from tests.app.conftest import next_week_at
from tests.feedcheck import read_feed
from wagtail_civil.feeds import SingleMeetingFeed
from wagtail_civil.models import MeetingPage
from wagtail_civil.registration.seats import register
from wagtail_civil.registration.tokens import read_token

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(content, policy=email.policy.default)
            for _sender, _to, content in self.received
        ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on a free port of 127.0.0.1, with Django sending through it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def meeting(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(
        start=next_week_at(18),
        registration_capacity=1,
        contact_name="Märta Kontakt",
        contact_email="kontakt@ulricehamn.example.se",
    )


def the_calendar(message: EmailMessage) -> tuple[bytes, EmailMessage]:
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part.get_payload(decode=True), part


def subject(message: EmailMessage) -> str:
    """The decoded subject. Django 5.2 folds an encoded subject onto the line after
    ``Subject:``, which the standard library reads back with a leading space."""
    return str(message["Subject"]).strip()


def feed_event(client: Any, meeting: MeetingPage) -> Any:
    """The meeting's event as the single-meeting feed serves it."""
    response = client.get(SingleMeetingFeed.path_for(meeting))
    assert response.status_code == 200
    (event,) = read_feed(response.content).walk("VEVENT")
    return event


def test_confirmation_and_cancellation_over_smtp(
    client, meeting, smtp, email_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        åsa = register(
            meeting, name="Åsa Öberg", email="åsa.öberg@example.se", language="sv"
        ).registration
        register(meeting, name="Øystein Ærø", email="oy@example.no", language="nb")
    assert smtp.received == []  # queued, nothing sent yet
    email_queue.run_queue()

    by_address = {message["To"]: message for message in smtp.messages()}
    # 1 of 1 seat taken: the editors' 100 % notice goes to the meeting's contact.
    assert set(by_address) == {
        "åsa.öberg@example.se", "oy@example.no", "kontakt@ulricehamn.example.se"
    }  # fmt: skip
    assert all(sender == "noreply@testkommun.example.org" for sender, _to, _c in smtp.received)
    seat, waitlisted = by_address["åsa.öberg@example.se"], by_address["oy@example.no"]
    assert subject(seat) == "Anmälan bekräftad: Stormöte om digitalt utanförskap"
    assert seat["From"] == "Testkommun <noreply@testkommun.example.org>"
    assert seat["Reply-To"] == "kontakt@ulricehamn.example.se"
    text = seat.get_body(preferencelist=("plain",)).get_content()
    assert "Hej Åsa Öberg!" in text and "Adress: Storgatan 1, 523 30 Ulricehamn" in text
    (token,) = re.findall(r"http://testserver/registrations/([^/\s]+)/", text)
    assert read_token(token) == åsa
    assert subject(waitlisted) == "På ventelisten: Stormöte om digitalt utanförskap"

    feed = feed_event(client, meeting)
    ics, part = the_calendar(seat)
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "stormote-om-digitalt-utanforskap.ics"
    calendar = read_feed(ics)  # icalendar and ical both accept it
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == str(feed["UID"]) == f"{meeting.uid}@test.example.org"
    assert int(event["SEQUENCE"]) == int(feed["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTART") == feed.decoded("DTSTART")
    strict = IcsCalendarStream.calendar_from_ics(ics.decode("utf-8"))
    (strict_event,) = strict.events
    assert strict_event.uid == str(feed["UID"]) and strict_event.sequence == 0

    # The meeting is cancelled: everyone is told, with the same UID, a raised SEQUENCE and
    # STATUS:CANCELLED, as the feed now says.
    smtp.received.clear()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.status = "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    email_queue.run_queue()
    assert sorted(to[0] for _sender, to, _content in smtp.received) == [
        "oy@example.no",
        "åsa.öberg@example.se",
    ]
    feed = feed_event(client, meeting)
    assert str(feed["STATUS"]) == "CANCELLED" and int(feed["SEQUENCE"]) == 1
    for message in smtp.messages():
        assert subject(message) in (
            "Inställt: Stormöte om digitalt utanförskap",
            "Avlyst: Stormöte om digitalt utanförskap",
        )
        ics, part = the_calendar(message)
        (event,) = read_feed(ics).walk("VEVENT")
        assert str(event["UID"]) == str(feed["UID"])
        assert int(event["SEQUENCE"]) == 1 and str(event["STATUS"]) == "CANCELLED"
        (strict_event,) = IcsCalendarStream.calendar_from_ics(ics.decode("utf-8")).events
        assert strict_event.sequence == 1 and strict_event.status == "CANCELLED"
