"""The registration emails: what each says in the registrant's language, the .ics it carries,
and that each is queued as a task, never sent inside the request."""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from civilsamhalle.enums import RegistrationSource
from tests.app.conftest import next_week_at
from tests.feedcheck import read_feed
from wagtail_civil.dates import local
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration.links import personal_path
from wagtail_civil.registration.seats import cancel, register
from wagtail_civil.registration.tasks import enqueue, send_registration_reminders
from wagtail_civil.registration.tokens import read_token

pytestmark = pytest.mark.django_db

SV_WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
NB_WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
TASK = "wagtail_civil.registration.tasks."


@pytest.fixture
def meeting(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(
        start=next_week_at(18),
        registration_capacity=2,
        registration_waitlist=True,
        mode="hybrid",
        online_url="https://möte.example.org/stormote",
        contact_name="Märta Kontakt",
        contact_email="kontakt@ulricehamn.example.se",
    )


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks: Any) -> Any:
    """Register as the form does, with the signals sent as after a real commit."""

    def sign(meeting: MeetingPage, name: str, email: str, language: str = "sv", **kw: Any):
        with django_capture_on_commit_callbacks(execute=True):
            return register(meeting, name=name, email=email, language=language, **kw)

    return sign


def calendar_of(message: Any) -> tuple[icalendar.Calendar, Message]:
    """The attached .ics, read by both parsers (tests/feedcheck.py), and its MIME part."""
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return read_feed(parts[0].get_payload(decode=True)), parts[0]


def personal_links(body: str) -> list[Registration | None]:
    """The registration each personal link in ``body`` opens (its token is signed with the
    time, so it is compared by what it opens, not as text)."""
    found = re.findall(r"http://testserver/registrations/([^/\s]+)/", body)
    return [read_token(token) for token in found]


def the_event(message: Any) -> icalendar.Event:
    calendar, _part = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    return event


def test_confirmation_in_swedish(meeting, sign_up, email_queue):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se").registration
    assert mail.outbox == []  # queued, not sent
    assert email_queue.queued() == [(TASK + "send_registration_email", (åsa.pk, "confirmation"))]
    assert email_queue.run_queue() == 1

    (message,) = mail.outbox
    assert message.to == ["asa@example.se"]
    assert message.from_email == "Testkommun <noreply@testkommun.example.org>"
    assert message.reply_to == ["kontakt@ulricehamn.example.se"]
    assert message.subject == "Anmälan bekräftad: Stormöte om digitalt utanförskap"
    body = message.body
    assert body.startswith("Hej Åsa Öberg!")
    assert "Du har en plats på mötet nedan. Välkommen!" in body
    start = local(meeting.start)
    assert f"När: {SV_WEEKDAYS[start.weekday()]} " in body and "18:00–20:00" in body
    assert "Var: Folkets Hus" in body
    assert "Adress: Storgatan 1, 523 30 Ulricehamn" in body
    assert "Delta online: https://möte.example.org/stormote" in body
    assert f"Om mötet: http://testserver{meeting.url}" in body
    assert personal_links(body) == [åsa]
    assert "Frågor? Svara på det här mejlet." in body

    calendar, part = calendar_of(message)
    assert part.get_param("method") == "PUBLISH" == str(calendar["METHOD"])
    assert part.get_filename() == "stormote-om-digitalt-utanforskap.ics"
    event = the_event(message)
    assert str(event["UID"]) == f"{meeting.uid}@test.example.org"
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (meeting.sequence, "CONFIRMED")


def test_waitlist_notice_in_norwegian_with_the_place_in_line(meeting, sign_up, email_queue):
    sign_up(meeting, "Åsa Öberg", "asa@example.se")
    sign_up(meeting, "Bo Ek", "bo@example.se")
    sign_up(meeting, "Øystein Ærø", "oy@example.no", language="nb")
    sign_up(meeting, "Siv Ås", "siv@example.no", language="nb")
    email_queue.run_queue()
    by_address = {m.to[0]: m for m in mail.outbox}
    øystein, siv = by_address["oy@example.no"], by_address["siv@example.no"]
    assert øystein.subject == "På ventelisten: Stormöte om digitalt utanförskap"
    assert øystein.body.startswith("Hei Øystein Ærø!")
    assert "som nummer 1 i køen" in øystein.body and "som nummer 2 i køen" in siv.body
    start = local(meeting.start)
    assert f"Når: {NB_WEEKDAYS[start.weekday()]} " in øystein.body
    assert "Se, endre eller avbestill påmeldingen din:" in øystein.body
    assert str(the_event(øystein)["UID"]) == f"{meeting.uid}@test.example.org"


def test_cancelling_through_the_personal_page_sends_nothing_inside_the_request(
    client, meeting, sign_up, email_queue, django_capture_on_commit_callbacks
):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se").registration
    sign_up(meeting, "Bo Ek", "bo@example.se")
    øystein = sign_up(meeting, "Øystein Ærø", "oy@example.no", language="nb").registration
    email_queue.run_queue()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(personal_path(åsa), {"action": "cancel"})
    assert response.status_code in (200, 302, 303)
    assert mail.outbox == []  # the request only queued
    assert email_queue.queued() == [
        (TASK + "send_registration_email", (åsa.pk, "cancelled")),
        (TASK + "send_registration_email", (øystein.pk, "seat_given")),
        (TASK + "send_fill_notice", (meeting.pk, 100)),  # full again
    ]
    email_queue.run_queue()
    receipt, promoted, editors = mail.outbox
    assert editors.to == ["kontakt@ulricehamn.example.se"]
    assert receipt.to == ["asa@example.se"]
    assert receipt.subject == "Anmälan avbokad: Stormöte om digitalt utanförskap"
    assert "Tack för att du hörde av dig" in receipt.body
    assert personal_links(receipt.body) == []  # nothing left to change
    assert not [p for p in receipt.message().walk() if p.get_content_type() == "text/calendar"]
    assert promoted.to == ["oy@example.no"]
    assert promoted.subject == "Du har fått plass: Stormöte om digitalt utanförskap"
    assert "du har rykket opp fra ventelisten" in promoted.body
    assert str(the_event(promoted)["UID"]) == f"{meeting.uid}@test.example.org"


def test_a_task_says_nothing_that_is_no_longer_true(meeting, sign_up, email_queue):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se").registration
    cancel(åsa)  # before the worker came round to the confirmation
    email_queue.run_queue()
    assert mail.outbox == []


def test_staff_sign_ups_get_a_confirmation_only_when_asked_and_reachable(
    meeting, sign_up, email_queue, admin_user
):
    staff = {"source": RegistrationSource.PHONE, "added_by": admin_user}
    sign_up(meeting, "Göran Åkesson", "goran@example.se", send_confirmation=False, **staff)
    sign_up(meeting, "Bjørg Fæste", "", language="nb", **staff)
    assert email_queue.queued() == [(TASK + "send_fill_notice", (meeting.pk, 100))]
    email_queue.clear()
    sign_up(meeting, "Ärla Ödmark", "arla@example.se", source=RegistrationSource.DESK)
    email_queue.run_queue()
    assert [m.to for m in mail.outbox] == [["arla@example.se"]]
    assert mail.outbox[0].subject.startswith("På väntelistan")  # two seats, third in


def test_the_same_address_twice_gets_one_email(meeting, sign_up, email_queue):
    sign_up(meeting, "Åsa Öberg", "asa@example.se")
    again = sign_up(meeting, "Åsa Öberg", "ASA@example.se")
    assert not again.created
    assert email_queue.run_queue() == 1


def publish_changed(meeting: MeetingPage, capture: Any, **changes: Any) -> MeetingPage:
    page = MeetingPage.objects.get(pk=meeting.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    return MeetingPage.objects.get(pk=meeting.pk)


def test_a_moved_meeting_tells_every_active_registrant_with_the_raised_sequence(
    meeting, sign_up, email_queue, django_capture_on_commit_callbacks
):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se").registration
    sign_up(meeting, "Øystein Ærø", "oy@example.no", language="nb")
    sign_up(meeting, "Siv Ås", "siv@example.no", language="nb")  # waitlisted: told too
    gone = sign_up(meeting, "Bo Ek", "bo@example.se").registration
    with django_capture_on_commit_callbacks(execute=True):
        cancel(gone)
    email_queue.run_queue()
    mail.outbox.clear()

    typo = publish_changed(meeting, django_capture_on_commit_callbacks, description="Välkomna!")
    assert typo.sequence == meeting.sequence and email_queue.queued() == []

    moved = publish_changed(
        meeting, django_capture_on_commit_callbacks, start=meeting.start + dt.timedelta(days=1),
        end=meeting.end + dt.timedelta(days=1),
    )  # fmt: skip
    assert moved.sequence == meeting.sequence + 1
    assert mail.outbox == []
    assert email_queue.queued() == [(TASK + "send_meeting_notice", (meeting.pk, "meeting_changed"))]
    email_queue.run_queue()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"asa@example.se", "oy@example.no", "siv@example.no"}
    assert by_address["asa@example.se"].subject == "Ändrat: Stormöte om digitalt utanförskap"
    assert by_address["oy@example.no"].subject == "Endret: Stormöte om digitalt utanförskap"
    day = SV_WEEKDAYS[local(moved.start).weekday()]
    assert f"När: {day} " in by_address["asa@example.se"].body
    assert personal_links(by_address["asa@example.se"].body) == [åsa]
    event = the_event(by_address["asa@example.se"])
    assert str(event["UID"]) == f"{meeting.uid}@test.example.org"
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (moved.sequence, "CONFIRMED")
    assert event.decoded("DTSTART") == local(moved.start)


def test_a_cancelled_meeting_tells_registrants_with_status_cancelled(
    meeting, sign_up, email_queue, django_capture_on_commit_callbacks
):
    sign_up(meeting, "Åsa Öberg", "asa@example.se")
    sign_up(meeting, "Øystein Ærø", "oy@example.no", language="nb")
    email_queue.run_queue()
    mail.outbox.clear()
    cancelled = publish_changed(meeting, django_capture_on_commit_callbacks, status="cancelled")
    assert email_queue.queued() == [
        (TASK + "send_meeting_notice", (meeting.pk, "meeting_cancelled"))
    ]
    email_queue.run_queue()
    sv, nb = sorted(mail.outbox, key=lambda m: m.to[0])
    assert sv.subject == "Inställt: Stormöte om digitalt utanförskap"
    assert "Mötet du har anmält dig till är inställt." in sv.body
    assert nb.subject == "Avlyst: Stormöte om digitalt utanförskap"
    assert "Møtet du har meldt deg på, er avlyst." in nb.body
    assert "Delta online" not in sv.body  # no link to a meeting that will not be held
    event = the_event(sv)
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (cancelled.sequence, "CANCELLED")
    assert cancelled.sequence > meeting.sequence


def test_editors_are_told_at_80_and_100_per_cent(make_meeting, sign_up, email_queue, settings):
    settings.WAGTAIL_CIVIL_REGISTRATION_NOTIFY = ["kansliet@ulricehamn.example.se"]
    meeting = make_meeting(
        "Dialogmöte i Trädet",
        registration_kind="built_in",
        registration_capacity=5,
        registration_waitlist=False,
        contact_email="kontakt@ulricehamn.example.se",
    )
    names = ["Åsa Öberg", "Øystein Ærø", "Märta Ågren", "Bjørn Sæther", "Göran Ödmark"]
    for n, name in enumerate(names[:4]):
        sign_up(meeting, name, f"p{n}@example.se")
    email_queue.run_queue()
    notices = [m for m in mail.outbox if "platserna" in m.subject]
    assert [m.subject for m in notices] == ["Dialogmöte i Trädet: 80 % av platserna är tagna"]
    assert notices[0].to == ["kontakt@ulricehamn.example.se", "kansliet@ulricehamn.example.se"]
    assert "4 av 5 platser är tagna (80 %)." in notices[0].body
    assert f"/admin/pages/{meeting.pk}/edit/" in notices[0].body

    sign_up(meeting, names[4], "p4@example.se")
    email_queue.run_queue()
    notices = [m for m in mail.outbox if "platserna" in m.subject]
    assert notices[-1].subject == "Dialogmöte i Trädet: 100 % av platserna är tagna"
    assert "Nya anmälningar avvisas: mötet har ingen väntelista." in notices[-1].body


def test_no_one_to_tell_sends_no_editor_notice(make_meeting, sign_up, email_queue):
    meeting = make_meeting(registration_kind="built_in", registration_capacity=1)
    sign_up(meeting, "Åsa Öberg", "asa@example.se")
    email_queue.run_queue()
    assert [m.to for m in mail.outbox] == [["asa@example.se"]]


# --- reminders ------------------------------------------------------------------------------------


@pytest.fixture
def tomorrow(make_meeting: Any) -> MeetingPage:
    """A meeting 24 hours ahead whose reminder goes 48 hours before: due now."""
    return make_meeting(
        "Stormöte i Ulricehamn",
        start=timezone.now() + dt.timedelta(hours=24),
        registration_kind="built_in",
        registration_capacity=2,
        registration_reminder_hours=48,
    )


def early(meeting: MeetingPage, name: str, email: str, language: str = "sv") -> Registration:
    """Registered three days ago, before the reminder hours began."""
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    return register(
        meeting, name=name, email=email, language=language, now=three_days_ago
    ).registration


def test_reminders_go_once_however_often_the_command_runs(tomorrow, email_queue):
    early(tomorrow, "Åsa Öberg", "asa@example.se")
    early(tomorrow, "Øystein Ærø", "oy@example.no", language="nb")
    early(tomorrow, "Siv Ås", "siv@example.no")  # waitlisted: no reminder
    call_command("send_registration_reminders", stdout=(out := _Out()))
    call_command("send_registration_reminders", stdout=_Out())
    send_registration_reminders.func()  # the task, as a scheduler would run it
    assert out.text.strip() == "Sent 2 reminders."
    assert sorted(m.subject for m in mail.outbox) == [
        "Påminnelse: Stormöte i Ulricehamn",
        "Påminnelse: Stormöte i Ulricehamn",
    ]
    nb = next(m for m in mail.outbox if m.to == ["oy@example.no"])
    assert "En påminnelse: du er påmeldt til møtet nedenfor." in nb.body
    assert str(the_event(nb)["UID"]) == f"{tomorrow.uid}@test.example.org"
    claimed = Registration.objects.filter(meeting=tomorrow, reminder_sent_at__isnull=False)
    assert claimed.count() == 2


def test_no_reminder_before_its_hours_nor_when_off_nor_for_a_fresh_seat(
    make_meeting, sign_up, email_queue
):
    later = make_meeting(
        start=timezone.now() + dt.timedelta(days=5),
        registration_kind="built_in",
        registration_reminder_hours=48,
    )
    early(later, "Åsa Öberg", "asa@example.se")
    off = make_meeting(
        start=timezone.now() + dt.timedelta(hours=5),
        registration_kind="built_in",
        registration_reminder=False,
    )
    early(off, "Bo Ek", "bo@example.se")
    soon = make_meeting(start=timezone.now() + dt.timedelta(hours=5), registration_kind="built_in")
    register(soon, name="Märta Ågren", email="marta@example.se")  # confirmed just now
    call_command("send_registration_reminders", stdout=_Out())
    assert mail.outbox == []


def test_a_failed_send_gives_the_claim_back(tomorrow, email_queue, settings):
    early(tomorrow, "Åsa Öberg", "asa@example.se")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert send_registration_reminders.func() == 0
    assert Registration.objects.get(meeting=tomorrow).reminder_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_registration_reminders.func() == 1


def test_tasks_are_queued_in_the_configured_backend(meeting, email_queue):
    from wagtail_civil.registration.tasks import send_fill_notice

    result = enqueue(send_fill_notice, meeting.pk, 80)
    assert result.backend == "emails"


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_check_reports_a_missing_backend_and_a_bad_address(settings):
    from wagtail_civil.checks import check_registration_emails

    assert check_registration_emails(None) == []
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "mejl"
    settings.WAGTAIL_CIVIL_REGISTRATION_NOTIFY = ["kansliet@ulricehamn.example.se", "Åsa Öberg"]
    assert [m.id for m in check_registration_emails(None)] == [
        "wagtail_civil.E004",
        "wagtail_civil.E005",
    ]


def test_without_a_worker_the_default_backend_sends_after_commit(
    meeting, settings, django_capture_on_commit_callbacks
):
    """A site that configures no tasks (the demo) gets Django's immediate backend: the email
    goes once the registration has committed, not before."""
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "default"
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        register(meeting, name="Åsa Öberg", email="asa@example.se", language="sv")
    assert mail.outbox == []
    for callback in waiting:
        callback()
    assert [m.subject for m in mail.outbox] == [
        "Anmälan bekräftad: Stormöte om digitalt utanförskap"
    ]


def test_no_email_once_the_personal_data_is_deleted(meeting, sign_up, email_queue):
    åsa = sign_up(meeting, "Åsa Öberg", "asa@example.se").registration
    åsa.erase_personal_data()
    email_queue.run_queue()
    assert mail.outbox == []


def test_a_meeting_moved_after_its_reminder_is_reminded_of_again(
    tomorrow, email_queue, django_capture_on_commit_callbacks
):
    early(tomorrow, "Åsa Öberg", "asa@example.se")
    assert send_registration_reminders.func() == 1
    publish_changed(
        tomorrow, django_capture_on_commit_callbacks, start=tomorrow.start + dt.timedelta(hours=3),
        end=tomorrow.end + dt.timedelta(hours=3),
    )  # fmt: skip
    assert send_registration_reminders.func() == 1
    place_only = publish_changed(tomorrow, django_capture_on_commit_callbacks, venue_name="Trädet")
    assert place_only.sequence == tomorrow.sequence + 2  # told, but the time is the same:
    assert send_registration_reminders.func() == 0  # no third reminder
