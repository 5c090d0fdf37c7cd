"""Registrants' personal data is erased after the retention period; counts and attendance stay."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_civil.checks import check_settings
from wagtail_civil.models import MeetingPage, Organisation, Registration
from wagtail_civil.registration.retention import erase_expired, expired_by_meeting
from wagtail_civil.registration.seats import cancel, register
from wagtail_civil.registration.tokens import make_token, read_token

pytestmark = pytest.mark.django_db

RETENTION = dt.timedelta(days=90)  # the default

PEOPLE = [
    ("Åsa Öberg", "asa@example.org"),
    ("Øystein Ærø", "oystein@example.org"),
    ("Märta Ågren", "marta@example.org"),
]


@pytest.fixture
def stormote(make_meeting: Any) -> MeetingPage:
    """Two seats, three registrations: two seated (one attended, one did not), one waitlisted."""
    meeting = make_meeting(
        "Stormöte om det digitala utanförskapet",
        registration_kind="built_in",
        registration_capacity=2,
        registration_waitlist=True,
        registration_ask_phone=True,
        registration_ask_access_needs=True,
    )
    organisation = Organisation.objects.create(name="Equmeniakyrkan Oasen")
    for (name, email), attended in zip(PEOPLE, (True, False, None), strict=True):
        registration = register(
            meeting,
            name=name,
            email=email,
            phone="0321-123 45",
            access_needs="Hörslinga",
            organisation=organisation,
            organisation_name="Bygdeföreningen i Åsunden",
            send_confirmation=False,
        ).registration
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
    return meeting


def _end_days_ago(meeting: MeetingPage, days: int) -> None:
    """Move the meeting into the past (the admin would refuse; the rows do not mind)."""
    end = timezone.now() - dt.timedelta(days=days)
    MeetingPage.objects.filter(pk=meeting.pk).update(start=end - dt.timedelta(hours=2), end=end)


def _personal(meeting: MeetingPage) -> list[tuple[str, ...]]:
    return list(
        Registration.objects.filter(meeting=meeting)
        .order_by("pk")
        .values_list("name", "email", "email_key", "organisation_name", "phone", "access_needs")
    )


def test_erased_only_once_the_retention_after_the_end_has_passed(stormote, make_meeting):
    later = make_meeting(
        "Dialog om föreningslokaler",
        start=stormote.start + dt.timedelta(days=7),
        registration_kind="built_in",
    )
    register(later, name="Göran Hägg", email="goran@example.org", send_confirmation=False)
    boundary = stormote.end + RETENTION

    assert erase_expired(now=boundary) == 0  # exactly 90 days: still kept
    assert all(row[0] for row in _personal(stormote))

    assert erase_expired(now=boundary + dt.timedelta(seconds=1)) == 3
    assert _personal(stormote) == [("",) * 6] * 3
    # The meeting a week later is within its retention; its registrant is untouched.
    assert Registration.objects.get(meeting=later).name == "Göran Hägg"
    erased = Registration.objects.filter(meeting=stormote)
    assert all(r.erased_at is not None for r in erased)
    # How an erased registration is named in the admin (str() of it once raised TypeError).
    assert {str(r) for r in erased} == {"(personuppgifter raderade)"}  # tests speak Swedish


def test_counts_attendance_and_organisation_are_kept(stormote):
    registrations = Registration.objects.filter(meeting=stormote)
    cancel(registrations.get(name="Øystein Ærø"))  # Märta moves up
    before = registrations.counts()
    fields = ("status", "attended", "organisation")
    kept = list(registrations.order_by("pk").values_list(*fields))
    assert before == {"confirmed": 2, "waitlisted": 0, "cancelled": 1}

    assert erase_expired(now=stormote.end + RETENTION + dt.timedelta(days=1)) == 3

    assert registrations.counts() == before
    assert list(registrations.order_by("pk").values_list(*fields)) == kept
    assert [attended for _, attended, _ in kept] == [True, False, None]


@override_settings(WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS=0)
def test_the_personal_link_stops_working(stormote):
    åsa = Registration.objects.get(meeting=stormote, name="Åsa Öberg")
    token = make_token(åsa)
    soon_after = stormote.end + dt.timedelta(hours=1)  # the link alone would still open
    assert read_token(token, now=soon_after) == åsa

    assert erase_expired(now=soon_after) == 3

    assert read_token(token, now=soon_after) is None


def test_running_again_erases_nothing_more(stormote):
    after = stormote.end + RETENTION + dt.timedelta(days=1)
    assert erase_expired(now=after) == 3
    first = dict(Registration.objects.values_list("pk", "erased_at"))
    assert erase_expired(now=after) == 0
    assert erase_expired(now=after + dt.timedelta(days=400)) == 0
    assert dict(Registration.objects.values_list("pk", "erased_at")) == first


def test_a_registration_erased_by_its_registrant_is_left_as_it_is(stormote):
    åsa = Registration.objects.get(meeting=stormote, name="Åsa Öberg")
    åsa.erase_personal_data()
    when = Registration.objects.get(pk=åsa.pk).erased_at
    assert erase_expired(now=stormote.end + RETENTION + dt.timedelta(days=1)) == 2
    assert Registration.objects.get(pk=åsa.pk).erased_at == when


def test_batches_take_the_same_queries_however_many_rows(make_meeting):
    def queries(people: int) -> int:
        meeting = make_meeting(f"Möte för {people}", registration_kind="built_in")
        for n in range(people):
            register(meeting, name=f"Ärla {n}", email=f"arla{n}@example.org")
        with CaptureQueriesContext(connection) as captured:
            erased = erase_expired(now=meeting.end + RETENTION + dt.timedelta(days=1), batch_size=4)
        assert erased == people
        return len(captured)

    one_batch = queries(4)
    assert queries(3) == one_batch  # fewer rows, one batch: the same queries
    three_batches = queries(12)
    # Each further batch costs what the first did, not a query per row.
    assert three_batches - one_batch == 2 * (one_batch - queries(0))


def test_dry_run_changes_nothing_and_the_command_erases(stormote):
    _end_days_ago(stormote, 91)
    before = _personal(stormote)
    out = io.StringIO()
    call_command("erase_registrations", "--dry-run", stdout=out)
    printed = out.getvalue()
    assert "Dry run, nothing erased. Would erase 3 registrations" in printed
    assert "Stormöte om det digitala utanförskapet" in printed and ": 3 registrations" in printed
    assert _personal(stormote) == before

    out = io.StringIO()
    call_command("erase_registrations", stdout=out)
    assert "Erased the personal data of 3 registrations" in out.getvalue()
    assert _personal(stormote) == [("",) * 6] * 3

    out = io.StringIO()
    call_command("erase_registrations", stdout=out)
    assert "Erased the personal data of 0 registrations" in out.getvalue()
    assert expired_by_meeting() == []


def test_a_meeting_within_its_retention_is_not_listed(stormote):
    _end_days_ago(stormote, 89)
    out = io.StringIO()
    call_command("erase_registrations", "--dry-run", stdout=out)
    assert "Would erase 0 registrations" in out.getvalue()
    assert "Stormöte" not in out.getvalue()


BAD_RETENTIONS = [-1, "90", 1.5, True, None, dt.timedelta(days=90)]


@pytest.mark.parametrize("days", BAD_RETENTIONS)
def test_a_bad_retention_is_warned_about_and_erases_nothing(stormote, days):
    _end_days_ago(stormote, 365)
    with override_settings(WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS=days):
        assert "wagtail_civil.W003" in [message.id for message in check_settings(None)]
        with pytest.raises(ImproperlyConfigured):
            erase_expired()
        with pytest.raises(CommandError, match="Nothing was erased"):
            call_command("erase_registrations", stdout=io.StringIO())
    assert all(row[0] for row in _personal(stormote))


@pytest.mark.parametrize("days", [0, 90, 3650])
def test_a_good_retention_is_not_warned_about(days):
    with override_settings(WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS=days):
        assert "wagtail_civil.W003" not in [message.id for message in check_settings(None)]


def test_the_scheduled_task_erases_as_the_command_does(stormote):
    from wagtail_civil.registration.tasks import erase_expired_registrations

    _end_days_ago(stormote, 91)
    assert erase_expired_registrations.func() == 3
    assert _personal(stormote) == [("",) * 6] * 3
    assert erase_expired_registrations.func() == 0
