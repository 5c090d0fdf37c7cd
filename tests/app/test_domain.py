"""The models as the core sees them: ``to_domain()`` carries everything, and only what is public."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from civilsamhalle.calendar import FeedInfo, feed_bytes
from civilsamhalle.interchange import dumps, loads
from civilsamhalle.interchange.consistency import dataset_problems
from civilsamhalle.model import Dataset, Meeting
from wagtail_civil.models import (
    AgreementPage,
    MeetingAttendance,
    MeetingPage,
    MeetingSpeaker,
    Organisation,
)

from .conftest import next_week_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_meeting(make_meeting, make_organisation, make_category, make_agreement):
    culture = make_category("Kulturföreningar")
    pensioners = make_category("Pensionärsorganisationer")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    pro = make_organisation("PRO Uddevalla", categories=[pensioners])
    secret = make_organisation("Hemlig värd", live=False, categories=[pensioners])
    agreement = make_agreement("ÖK Idé Uddevalla", slug="ok-ide-uddevalla")
    start = next_week_at(17)
    meeting = make_meeting(
        "Stordialog",
        start=start,
        kind="open_meeting",
        theme="Välfärd och fritid",
        description="<p>Vi pratar om <b>lokaler</b> &amp; bidrag.</p><ul><li>Fika</li></ul>",
        hosts=[theatre, secret],
        categories=[pensioners],
        agreement=agreement,
        municipal_hosts="Kultur- och fritidsförvaltningen\n\n  Kommunstaben  ",
        mode="hybrid",
        street_address="Kungsgatan 1",
        postal_code="451 30",
        latitude=58.35,
        longitude=11.94,
        online_url="https://teams.example/stordialog",
        registration_kind="external",
        registration_url="https://anmalan.example/stordialog",
        registration_deadline=start - dt.timedelta(days=2),
        contact_name="Theresia",
        contact_email="civilsamhalle@uddevalla.example",
        programme=[(dt.time(17), "Välkommen"), (None, "Grupparbete")],
        attendance_people=70,
        outcome="<p>Tre nya samarbeten.</p>",
    )
    MeetingSpeaker.objects.create(page=meeting, name="Ann", title="Ordförande", organisation=pro)
    MeetingSpeaker.objects.create(page=meeting, name="Bo", organisation=secret)
    MeetingAttendance.objects.create(page=meeting, organisation=pro)
    MeetingAttendance.objects.create(page=meeting, organisation=secret)
    return MeetingPage.objects.for_feed().get(pk=meeting.pk)


def test_meeting_to_domain_carries_the_page(rich_meeting):
    meeting = rich_meeting
    item = meeting.to_domain()
    assert item.uid == meeting.uid
    assert (item.title, item.kind.value, item.theme) == (
        "Stordialog",
        "open_meeting",
        "Välfärd och fritid",
    )
    assert item.description == "Vi pratar om lokaler & bidrag.\n\nFika"
    assert (item.start, item.end) == (meeting.start, meeting.end)
    assert item.timezone == "Europe/Stockholm"
    assert item.mode.value == "hybrid"
    assert item.venue.label == "Folkets Hus, Kungsgatan 1, 451 30 Uddevalla"
    assert (item.venue.latitude, item.venue.longitude) == (58.35, 11.94)
    assert item.online_url == "https://teams.example/stordialog"
    assert [(p.start_time, p.title) for p in item.programme] == [
        (dt.time(17), "Välkommen"),
        (None, "Grupparbete"),
    ]
    assert item.registration.url == "https://anmalan.example/stordialog"
    assert item.registration.deadline == meeting.registration_deadline
    assert item.contact.email == "civilsamhalle@uddevalla.example"
    assert (item.agreement_id, item.agreement_title) == ("ok-ide-uddevalla", "ÖK Idé Uddevalla")
    assert item.url == f"http://testserver/moten/{meeting.slug}/"
    assert item.created == meeting.first_published_at
    assert item.last_modified == meeting.last_published_at
    assert item.outcome == "Tre nya samarbeten."
    assert item.attendance.people == 70


def test_unpublished_organisations_never_leave_through_a_meeting(rich_meeting):
    item = rich_meeting.to_domain()
    assert item.host_ids == ("teaterföreningen",)
    assert item.hosts == (
        "Teaterföreningen",
        "Kultur- och fritidsförvaltningen",
        "Kommunstaben",
    )
    # Categories: the meeting's own and its published hosts', not the unpublished host's.
    assert item.categories == ("Kulturföreningar", "Pensionärsorganisationer")
    assert [(s.name, s.affiliation) for s in item.speakers] == [
        ("Ann", "PRO Uddevalla"),
        ("Bo", ""),
    ]
    assert item.attendance.organisation_ids == ("pro-uddevalla",)
    assert "Hemlig" not in item.model_dump_json()


def test_a_meeting_with_nothing_optional_has_no_empty_parts(make_meeting):
    item = make_meeting().to_domain()
    assert item.contact is None
    assert item.attendance is None
    assert item.online_url is None
    assert item.registration.kind.value == "none"


def test_domain_objects_survive_json(rich_meeting):
    item = rich_meeting.to_domain()
    assert Meeting.model_validate_json(item.model_dump_json()) == item


def test_the_whole_register_is_a_consistent_dataset(rich_meeting):
    dataset = Dataset(
        name="Uddevalla",
        organisations=tuple(o.to_domain() for o in Organisation.objects.public()),
        agreements=tuple(a.to_domain() for a in AgreementPage.objects.live().public()),
        meetings=tuple(m.to_domain() for m in MeetingPage.objects.for_feed()),
    )
    assert dataset_problems(dataset) == []
    assert loads(dumps(dataset)) == dataset


def test_a_feed_builds_from_the_pages(rich_meeting, make_meeting):
    make_meeting("Inställt", status="cancelled")
    meetings = [m.to_domain() for m in MeetingPage.objects.for_feed()]
    info = FeedInfo(name="Möten", uid_domain="test.example.org")
    calendar = Calendar.from_ical(feed_bytes(meetings, info))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{m.uid}@test.example.org" for m in meetings}
    cancelled = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).endswith("Inställt"))
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_organisation_and_agreement_domain_ids_link_up(make_organisation, make_agreement):
    church = make_organisation("Svenska kyrkan")
    parish = make_organisation("Bäve församling", parent=church)
    agreement = make_agreement("ÖK", signatories=[parish], slug="ok")
    assert parish.to_domain().parent_id == church.to_domain().id
    assert agreement.to_domain().signatures[0].organisation_id == parish.to_domain().id


def test_domain_agreement(make_agreement, make_organisation):
    parish = make_organisation("Bäve församling")
    agreement = make_agreement(
        "ÖK Idé",
        signatories=[parish, "Uddevalla kommun"],
        commitments=[(2, "open_meeting"), (1, "")],
        purpose="<p>Att mötas och <i>utbyta idéer</i>.</p>",
        status="in_force",
        valid_from=dt.date(2023, 1, 1),
        principles=[
            ("principle", {"heading": "Självständighet", "text": "Parterna är oberoende."}),
            ("principle", {"heading": "", "text": "Dialog."}),
        ],
        slug="ok-ide-uddevalla",
    )
    item = agreement.to_domain()
    assert item.id == "ok-ide-uddevalla"  # meetings refer to the agreement by its slug
    assert item.purpose == "Att mötas och utbyta idéer."
    assert item.principles == ("Självständighet: Parterna är oberoende.", "Dialog.")
    assert item.status.value == "in_force"
    assert [(s.organisation_id, s.organisation) for s in item.signatures] == [
        ("bäve-församling", "Bäve församling"),
        (None, "Uddevalla kommun"),
    ]
    assert [(c.minimum, c.meeting_kind and c.meeting_kind.value) for c in item.commitments] == [
        (2, "open_meeting"),
        (1, None),
    ]
    assert item.url == f"http://testserver/{agreement.slug}/"


def test_domain_object_carries_the_register_data(make_organisation, make_category):
    faith = make_category("Trossamfund")
    church = make_organisation("Svenska kyrkan", kind="faith_community")
    parish = make_organisation(
        "Bäve församling",
        kind="faith_community",
        categories=[faith],
        parent=church,
        organisation_number="2120001595",
        website="https://www.svenskakyrkan.se/",
        description="<p>Vi finns i <b>Bäve</b>.</p><p>Välkommen!</p>",
    )
    parish.areas_of_activity.add("körsång", "barn och unga")
    parish.save()
    item = parish.to_domain()
    assert item.id == "bäve-församling"
    assert item.kind.value == "faith_community"
    assert item.categories == ("Trossamfund",)
    assert item.parent_id == "svenska-kyrkan"
    assert item.organisation_number == "212000-1595"
    assert item.description == "Vi finns i Bäve.\n\nVälkommen!"
    assert item.areas_of_activity == ("barn och unga", "körsång")
