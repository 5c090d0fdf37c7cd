"""The demo holds what the five seed pages say, and loading it again changes nothing.

Expected values are the seeds' own words and figures (Uddevalla's list of signatories, Ulricehamn's
invitation, Jönköping's speakers), not read back from the demo's data modules, so a slip in the
data shows up here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from demo import dates
from demo.loader import DATA
from django.core.management import CommandError, call_command
from django.utils import timezone
from home.models import HomePage
from wagtail.models import Page, PageViewRestriction, Revision, Site

from civilsamhalle.commitments import CommitmentState, evaluate_agreement
from civilsamhalle.registration import RegistrationState
from tests.demo.conftest import meeting
from wagtail_civil.models import (
    AgreementPage,
    AgreementSignature,
    MeetingIndexPage,
    MeetingPage,
    Organisation,
    OrganisationCategory,
    OrganisationIndexPage,
    Registration,
)
from wagtail_civil.registration.page_form import registration_panel

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OCTOBER_MEETING = "Stormöte om det digitala utanförskapet"
CANCELLED_MEETING = "Dialog om föreningslokaler"

# As published by Uddevalla kommun, in its order.
OK_IDE_SIGNATORIES = [
    "Frivilligcentrum",
    "Friluftsfrämjandet Uddevalla",
    "Brottsofferjouren Bohus-Norra Älvsborg",
    "Folkets Hus Uddevalla",
    "Studieförbundet Vuxenskolan Väst",
    "ABF Fyrbodal",
    "Studiefrämjandet Bohuslän Norra",
    "Lokal-TV Uddevalla",
    "Coompanion Väst",
    "Bäve församling (Svenska kyrkan)",
]


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(STOCKHOLM)


# --- the site ------------------------------------------------------------------------------------


def test_the_home_page_is_the_site_root_with_the_civil_blocks(demo):
    site = Site.objects.get()
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.live
    # Wagtail's "Welcome" page is gone: the home page is the only page under the tree's root.
    assert list(Page.get_first_root_node().get_children()) == [home.page_ptr]
    blocks = [(block.block_type, block.value) for block in home.body]
    assert [name for name, _ in blocks] == [
        "paragraph", "upcoming_meetings", "subscribe", "organisation_list", "heading", "paragraph",
    ]  # fmt: skip
    assert dict(blocks)["subscribe"]["feed"] == "all"


def test_the_home_page_links_every_published_section(demo, client):
    """A resident reaches the councils, the action programme, volunteering and the stories from
    the start page, not only through an organisation's page."""
    home = Site.objects.get().root_page.specific
    html = client.get(home.url).content.decode()
    sections = home.get_children().live().public()
    assert sections.count() >= 8
    for section in sections:
        assert f'href="{section.url}"' in html, section.title
    draft = home.get_children().filter(live=False).first()
    assert draft is None or f'href="{draft.url}"' not in html


def test_pages_are_published_through_revisions(demo):
    for page in Page.objects.type(MeetingIndexPage, AgreementPage, OrganisationIndexPage):
        assert page.live and page.live_revision_id is not None, page.title
    published = MeetingPage.objects.live()
    assert published.count() == 15
    assert all(m.live_revision_id is not None for m in published)
    organisations = Organisation.objects.all()
    assert organisations.count() == 21
    assert all(o.live and o.live_revision_id is not None for o in organisations)


def test_one_directory_lists_every_organisation(demo):
    directory = OrganisationIndexPage.objects.live().get()
    assert directory.title == "Organisationer"
    assert set(directory.get_organisations(None)) == set(Organisation.objects.all())


# --- Uddevalla -----------------------------------------------------------------------------------


def test_ok_ide_has_the_ten_signatories_as_published_and_the_municipality(demo):
    agreement = AgreementPage.objects.get(title="ÖK Idé")
    assert agreement.status == "open_for_signing" and agreement.live
    signatures = list(agreement.signatures.select_related("organisation"))
    organisations = [s for s in signatures if s.organisation_id]
    assert [s.display_name for s in organisations] == OK_IDE_SIGNATORIES
    assert all(s.organisation.live for s in organisations)
    municipality = [s for s in signatures if not s.organisation_id]
    assert [(s.display_name, s.signatory_title) for s in municipality] == [
        ("Uddevalla kommun", "Kommunstyrelsens ordförande")
    ]
    assert "bättre välfärd, rikare fritid, stärkt demokrati" in agreement.purpose


def test_bave_parish_belongs_to_svenska_kyrkan(demo):
    parish = AgreementSignature.objects.get(party_name__startswith="Bäve").organisation
    assert parish.name == "Bäve församling"
    assert parish.parent.name == "Svenska kyrkan"
    assert parish.to_domain().parent_id == parish.parent.slug


def test_the_workshop_and_the_signing_are_held_under_ok_ide(demo):
    agreement = AgreementPage.objects.get(title="ÖK Idé")
    held = {m.kind: m for m in agreement.get_meetings().past(timezone.now())}
    assert set(held) == {"workshop", "signing"}
    assert held["workshop"].attendance_people == 70
    assert held["workshop"].end <= held["signing"].start  # they signed after the workshop
    signed_by = {a.organisation.name for a in held["signing"].attending_organisations.all()}
    assert len(signed_by) == 10


# --- Ulricehamn ----------------------------------------------------------------------------------


def test_the_october_invitation_is_the_next_23_october(demo):
    page = meeting(OCTOBER_MEETING)
    start, end = local(page.start), local(page.end)
    today = timezone.localdate()
    assert (start.month, start.day, start.hour, start.minute) == (10, 23, 18, 0)
    assert (end.date(), end.hour, end.minute) == (start.date(), 21, 0)
    assert today <= start.date() < today.replace(year=today.year + 1) + dt.timedelta(days=1)
    deadline = local(page.registration_deadline)
    assert (deadline.year, deadline.month, deadline.day, deadline.hour, deadline.minute) == (
        start.year, 10, 13, 23, 59,
    )  # fmt: skip
    # The site's own form instead of the invitation's external one, opened a while ago.
    assert page.registration_kind == "built_in" and page.registration_url == ""
    assert (page.registration_capacity, page.registration_waitlist) == (30, True)
    opens = local(page.registration_opens)
    assert opens < timezone.now()
    assert (opens.weekday(), opens.hour, opens.minute) == (0, 9, 0) and opens.day <= 7
    assert (page.venue_name, page.street_address, page.locality) == (
        "Equmeniakyrkans caféteria", "Jägaregatan 6", "Ulricehamn",
    )  # fmt: skip
    assert (page.contact_email, page.contact_phone) == (
        "petra.gronhaug@ulricehamn.se", "0321-59 50 21",
    )  # fmt: skip
    first = page.programme.first()
    assert (first.title, first.start_time) == ("Mingelfika", dt.time(18, 0))
    assert "18.30" in first.description
    assert "digitala utanförskapet" in page.description
    assert page in MeetingPage.objects.for_feed().upcoming(timezone.now())


def test_the_october_meeting_is_full_with_three_on_the_waitlist(demo):
    page = meeting(OCTOBER_MEETING)
    registrations = Registration.objects.filter(meeting=page)
    assert registrations.counts() == {"confirmed": 30, "waitlisted": 3, "cancelled": 0}
    assert page.registration_state(30) is RegistrationState.WAITLIST
    waitlist = [r.name for r in registrations.waitlisted()]
    assert waitlist == ["Hampus Ökvist", "Siv Gäddsjö", "Arvid Brännfält"]
    # Made up, and reaching nobody: reserved email domain, PTS's numbers for fiction.
    assert all(r.email.endswith("@example.org") for r in registrations if r.email)
    assert all(r.phone.startswith("070-174 06 ") for r in registrations if r.phone)
    assert any(c in r.name for r in registrations for c in "åäö")
    sources = sorted(r.source for r in registrations if r.source != "web")
    assert sources == ["desk", "phone", "phone"]
    assert registrations.filter(source="phone", email="").count() == 2
    assert registrations.filter(organisation__isnull=False).count() >= 10
    # Dated in the days after opening, before the deadline and before today.
    times = sorted(registrations.values_list("created_at", flat=True))
    assert page.registration_opens < times[0] and times[-1] < timezone.now()
    assert times[-1] < page.registration_closes()


def test_the_october_meeting_page_offers_the_waitlist(demo, client):
    page = meeting(OCTOBER_MEETING)
    response = client.get(page.url, HTTP_HOST=Site.objects.get().hostname)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'civil-registration-form"' in html and 'name="csrfmiddlewaretoken"' in html
    assert registration_panel(page, response.wsgi_request).state is RegistrationState.WAITLIST


def test_the_october_meeting_is_in_the_council_seats_categories(demo):
    seats = {
        "Trossamfunden", "Pensionärsorganisationerna", "Landsbygdsorganisationerna",
        "Kulturorganisationerna", "Studieförbunden",
    }  # fmt: skip
    assert seats <= set(OrganisationCategory.objects.values_list("name", flat=True))
    assert {c.name for c in meeting(OCTOBER_MEETING).categories.all()} == seats


def test_four_open_meetings_add_up_to_the_published_totals(demo):
    held = [
        m
        for m in MeetingPage.objects.live().filter(kind="open_meeting").order_by("start")
        if m.end < timezone.now()
    ]
    assert len(held) == 4
    assert sum(m.attendance_organisations for m in held) == 56
    assert sum(m.attendance_people for m in held) == 79
    assert sum(m.attendance_municipal_staff for m in held) == 25


# --- Jönköping -----------------------------------------------------------------------------------


def test_the_hearing_of_6_february_2018(demo):
    hearing = MeetingPage.objects.get(kind="hearing")
    assert local(hearing.start).date() == dt.date(2018, 2, 6)
    assert hearing.attendance_people == 200
    speakers = {s.name: s.to_domain() for s in hearing.speakers.all()}
    assert set(speakers) == {
        "Ann-Mari Nilsson", "Dan Ahnberg", "Benitha Josefsson", "Ingvar Edeborn",
        "Lennart Bondeson",
    }  # fmt: skip
    assert speakers["Dan Ahnberg"].affiliation == "Bilda"
    assert speakers["Ingvar Edeborn"].affiliation == "Huskvarna FF"
    for represented in ("KFUM", "Röda Korset", "Nätverket för flyktingstöd"):
        assert represented in speakers["Benitha Josefsson"].affiliation
    assert "Örebro" in speakers["Lennart Bondeson"].title
    assert "ordförande" in speakers["Ann-Mari Nilsson"].title
    assert [p.title for p in hearing.programme.all()] == [
        "Nuläge", "Framåtblick", "Förslag på åtgärder",
    ]  # fmt: skip


# --- Luleå ---------------------------------------------------------------------------------------


def test_the_june_2020_dialogue_moved_online_and_has_a_follow_up(demo):
    june = meeting("Dialog om sommarens utmaningar")
    assert local(june.start).date() == dt.date(2020, 6, 2)
    assert (june.kind, june.status, june.mode) == ("dialogue", "moved_online", "online")
    assert june.attendance_organisations == 30
    assert len(june.municipal_hosts.splitlines()) == 5
    assert june.follow_up is not None and june.follow_up.start > june.end
    assert june.follow_up.agreement_id == june.agreement_id


def test_lulea_commitment_is_computed_from_this_years_dialogues(load):
    today = dt.date(timezone.localdate().year, 6, 15)
    load(today)
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    [status] = agreement.commitment_statuses(today)
    # One held; the next dialogue is planned for January, too late for this year's promise.
    assert (status.required, status.held, status.planned) == (2, 1, 0)
    assert status.state is CommitmentState.AT_RISK
    # The cancelled dialogue is under the same agreement, this year, and does not count.
    cancelled = meeting(CANCELLED_MEETING)
    assert cancelled.agreement_id == agreement.pk and local(cancelled.start).year == today.year
    # 2020: the June dialogue and its follow-up kept the promise.
    domain = [m.to_domain() for m in agreement.get_meetings()]
    [in_2020] = evaluate_agreement(agreement.to_domain(), domain, today, year=2020)
    assert (in_2020.held, in_2020.state) == (2, CommitmentState.MET)


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_this_years_dates_fall_in_this_year_before_and_after_today(year):
    day = dt.date(year, 1, 1)
    while day.year == year:
        january = dates.early_next_year(day)
        assert (january.year, january.month, january.weekday()) == (year + 1, 1, 1), day
        earlier = dates.earlier_this_year(day)
        if day >= dt.date(year, 1, 5):  # a weekday before it exists from the 5th at the latest
            assert earlier.year == year and earlier < day, day
        else:
            assert earlier < day, day
        day += dt.timedelta(days=1)


def test_the_cancelled_meeting_was_published_then_cancelled(demo):
    page = meeting(CANCELLED_MEETING)
    assert page.live and page.status == "cancelled" and page.start > timezone.now()
    assert page.sequence >= 1
    statuses = [
        r.content["status"]
        for r in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")
    ]
    assert statuses[0] == "scheduled" and statuses[-1] == "cancelled"


# --- never public --------------------------------------------------------------------------------


def test_a_draft_and_a_password_protected_meeting_exist_but_are_not_public(demo):
    draft = MeetingPage.objects.get(title__startswith="Utkast:")
    assert not draft.live and draft.latest_revision_id is not None
    private = MeetingPage.objects.get(title__startswith="Lösenordsskyddat:")
    assert private.live
    restriction = PageViewRestriction.objects.get(page=private)
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == demo.private_password
    public = set(MeetingPage.objects.for_feed())
    assert draft not in public and private not in public


# --- Ullensaker ----------------------------------------------------------------------------------


def test_ullensaker_organisations_are_norwegian_volunteering(demo):
    category = OrganisationCategory.objects.get(name="Frivillighet")
    norwegian = Organisation.objects.filter(country="NO")
    assert norwegian.count() == 3
    assert set(norwegian) == set(Organisation.objects.in_category(category))
    assert {o.to_domain().country.value for o in norwegian} == {"NO"}
    # The newspaper that published the seed is a company, not civil society.
    assert not Organisation.objects.filter(organisation_number__contains="920697143").exists()
    assert not Organisation.objects.filter(name__icontains="Jessheimpuls").exists()


# --- loading again -------------------------------------------------------------------------------


def _snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "meetings": dict(MeetingPage.objects.values_list("uid", "sequence")),
        "organisations": Organisation.objects.count(),
        "categories": OrganisationCategory.objects.count(),
        "signatures": AgreementSignature.objects.count(),
        "revisions": Revision.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
        "sites": Site.objects.count(),
        "registrations": list(Registration.objects.values_list("pk", "status", "updated_at")),
    }


def test_loading_twice_changes_nothing(load):
    before = _snapshot()
    second = load()
    assert _snapshot() == before
    assert second.tally.created == {} and second.tally.updated == {}
    assert sum(second.tally.unchanged.values()) > 40


def test_uids_do_not_depend_on_the_database(load):
    uids = dict(MeetingPage.objects.values_list("slug", "uid"))
    for page in MeetingPage.objects.all():
        page.delete()
    load()
    assert dict(MeetingPage.objects.values_list("slug", "uid")) == uids
    assert len(set(uids.values())) == len(uids) == 16


def test_reloading_later_raises_the_sequence_of_moved_meetings_only(load):
    today = dt.date(timezone.localdate().year, 3, 10)
    load(today)
    before = dict(MeetingPage.objects.values_list("title", "sequence"))
    load(today + dt.timedelta(days=60))  # two months on: this year's meetings move
    after = dict(MeetingPage.objects.values_list("title", "sequence"))
    held = "Dialog om frivilliga insatser"  # earlier this year: two months on, it moves too
    assert after[held] == before[held] + 1
    assert after[CANCELLED_MEETING] == before[CANCELLED_MEETING] + 1
    for unchanged in (
        "Stormöte 1: gemensamma spelregler",
        OCTOBER_MEETING,
        "Dialog om sommarens utmaningar",
    ):
        assert after[unchanged] == before[unchanged], unchanged


def test_the_command_loads_again_and_reports(demo, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "16 unchanged" in [line for line in out.splitlines() if "meeting " in line][0]
    assert demo.private_password in out
    call_command("load_demo", "--today", "2026-06-15")
    assert MeetingPage.objects.count() == 16
    with pytest.raises(CommandError, match="2026-06-15"):
        call_command("load_demo", "--today", "15/6")


def test_the_demo_file_imports_through_the_command_as_loaded(demo, capsys):
    call_command("import_dataset", str(DATA / "demo.json"), "--dry-run")
    out = capsys.readouterr().out.splitlines()[1:]
    counts = {" ".join(line.split()[:-6]): line.split()[-6::2] for line in out}
    assert all(created == "0" for created, _updated, _unchanged in counts.values())
    for kind in ("organisation", "category", "agreement", "index page"):
        assert counts[kind][1] == "0", kind  # nothing changed
    # Only the meetings the demo moves to dates around today differ from the file's dates.
    assert int(counts["meeting"][1]) <= len(dates.CURRENT)
