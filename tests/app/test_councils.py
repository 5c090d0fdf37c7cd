"""Councils: the page with its seats, holders and meetings, the council's feed, purging, and
its Popolo export (the seat's form in the admin: test_council_seat_form.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction

from tests.app.conftest import publish
from tests.app.page_html import assert_well_formed_page, parse, subscribe_boxes
from tests.app.popolo_schema import popolo_errors
from tests.app.test_purging import purge_server, purging  # noqa: F401 (fixtures)
from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.feeds import FEEDS
from wagtail_civil.feeds import stamp as feed_stamp
from wagtail_civil.models import CouncilPage, CouncilSeat, CouncilSeatHolder, MeetingPage
from wagtail_civil.purging import urls_to_purge

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = dt.timedelta(days=365)


@pytest.fixture
def make_council(civil_site):
    """``make_council("Samrådet", seats=[("Pensionärer", [holder kwargs, …]), …])``."""

    def make(title="Samrådet", *, seats=(), live=True, **fields):
        council = CouncilPage(title=title, **fields)
        council.live = False
        civil_site.home.add_child(instance=council)
        council = publish(council) if live else council
        for n, (label, holders, *rest) in enumerate(seats):
            options = rest[0] if rest else {"represents": "municipality"}
            seat = CouncilSeat(council=council, label=label, sort_order=n, **options)
            seat.holders = [CouncilSeatHolder(**h) for h in holders]
            seat.save()
        return council

    return make


@pytest.fixture
def ulricehamn(make_council, make_organisation, make_category):
    pensioners = make_category("Pensionärsorganisationer")
    pro = make_organisation("PRO Ulricehamn", categories=[pensioners], organisation_number="")
    hidden = make_organisation("Hemlig förening", live=False)
    council = make_council(
        "Samrådet",
        purpose="<p>Utvecklar samverkan.</p>",
        composition="<p>Fem platser för civilsamhället och tre för kommunen.</p>",
        seats=[
            (
                "Pensionärsorganisationerna",
                [
                    dict(
                        name="Britt-Marie Larsson",
                        on_behalf_of=pro,
                        role="chair",
                        term_from=TODAY - YEAR,
                    ),
                    dict(
                        name="Åsa Öberg",
                        on_behalf_of=pro,
                        term_from=TODAY - 3 * YEAR,
                        term_to=TODAY - YEAR - dt.timedelta(days=1),
                    ),
                ],
                {"represents": "category", "category": pensioners},
            ),
            ("Kulturorganisationerna", [dict(name="Tore Hemlig", on_behalf_of=hidden)]),
            ("Studieförbunden", []),
            ("Kommunen", [dict(name="Wiktor Öberg", party="M", role="vice_chair")]),
        ],
    )
    return {"council": council, "pro": pro, "hidden": hidden, "pensioners": pensioners}


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_current_members_former_ones_apart_and_vacant_seats(client, ulricehamn):
    response = client.get(ulricehamn["council"].url)
    soup = parse(response)
    assert_well_formed_page(soup)
    table = soup.main.find("table", class_="civil-council-members")
    assert table.find("caption").get_text(strip=True)
    rows = [
        [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert [row[:2] for row in rows] == [
        ["Pensionärsorganisationerna", "Britt-Marie Larsson"],
        ["Kulturorganisationerna", "Tore Hemlig"],
        ["Studieförbunden", _current_word("council seat", "Vacant")],
        ["Kommunen", "Wiktor Öberg (M)"],
    ]
    assert "civil-seat-vacant" in table.tbody.find_all("tr")[2]["class"]
    # Only the published organisation is named and linked; the draft's name is not shown.
    assert rows[0][2] == "PRO Ulricehamn" and rows[1][2] == ""
    assert "Hemlig förening" not in response.content.decode()
    former = soup.main.find(id="civil-former-heading").parent
    assert "Åsa Öberg" in former.get_text() and "Åsa Öberg" not in table.get_text()
    assert "Fem platser" in soup.main.get_text()


def test_a_holder_whose_term_has_not_begun_leaves_the_seat_vacant_until_then(make_council):
    council = make_council(
        seats=[("Trossamfunden", [dict(name="Gulli Håkansson", term_from=TODAY + YEAR)])]
    )
    (standing,) = council.seat_list()
    assert standing.vacant and [h.name for h in standing.current] == ["Gulli Håkansson"]
    assert standing.current[0].state.value == "upcoming"
    (later,) = council.seat_list(today=TODAY + 2 * YEAR)
    assert not later.vacant


def test_a_substitute_alone_leaves_the_seat_vacant(make_council):
    council = make_council(seats=[("Kulturen", [dict(name="Elisabeth Frick", substitute=True)])])
    assert council.seat_list()[0].vacant


def test_the_page_lists_its_public_meetings_only(client, ulricehamn, make_meeting, civil_site):
    council = ulricehamn["council"]
    make_meeting("Samrådsmöte i vår", council=council)
    make_meeting("Samrådsmöte i fjol", council=council, start=timezone.now() - YEAR)
    make_meeting("Utkast till möte", council=council, live=False)
    make_meeting("Annat möte")
    hidden = make_meeting("Begränsat samrådsmöte", council=council)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    response = client.get(council.url)
    assert [m.title for m in response.context["upcoming_meetings"]] == ["Samrådsmöte i vår"]
    assert [m.title for m in response.context["past_meetings"]] == ["Samrådsmöte i fjol"]
    assert list(council.get_meetings().values_list("title", flat=True)) == [
        "Samrådsmöte i fjol",
        "Samrådsmöte i vår",
    ]
    html = response.content.decode()
    assert "Utkast till möte" not in html and "Begränsat" not in html and "Annat möte" not in html


def test_a_meeting_page_links_its_council_while_the_council_is_public(
    client, ulricehamn, make_meeting, make_council
):
    council = ulricehamn["council"]
    meeting = make_meeting("Samrådsmöte", council=council)
    soup = parse(client.get(meeting.url))
    assert soup.main.find("a", href=council.url).get_text(strip=True) == "Samrådet"
    draft = make_council("Utkast till råd", live=False)
    other = make_meeting("Möte i utkastets råd", council=draft)
    assert "Utkast till råd" not in client.get(other.url).content.decode()


def test_a_draft_council_is_not_served_nor_its_feed_or_export(client, make_council):
    council = make_council("Utkast till samråd", live=False)
    assert client.get(f"/calendar/councils/{council.pk}.ics").status_code == 404
    assert feed_path("council", council) is None
    assert not CouncilPage.objects.live().filter(pk=council.pk).exists()


def test_the_page_takes_the_same_queries_for_2_or_12_seats_and_meetings(
    client, make_council, make_organisation, make_meeting
):
    org = make_organisation("Röda Korset")
    council = make_council()

    def grow(n):
        for i in range(n):
            seat = CouncilSeat(
                council=council, label=f"Plats {i}", represents="organisation", organisation=org
            )
            seat.holders = [
                CouncilSeatHolder(name=f"Person {i}", on_behalf_of=org, party="S"),
                CouncilSeatHolder(name=f"Förra {i}", term_to=TODAY - YEAR),
            ]
            seat.save()
            make_meeting(f"Möte {i}", council=council)
            make_meeting(f"Hållet möte {i}", council=council, start=timezone.now() - YEAR / (i + 2))

    def count(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    grow(2)
    popolo = council.url + council.reverse_subpage("popolo")
    client.get(council.url)
    few = count(council.url), count(popolo)
    grow(10)
    many = count(council.url), count(popolo)
    assert many[0] <= few[0] and many[1] <= few[1], (few, many)
    assert few[1] <= 8, few


def test_the_subscribe_box_and_the_feed_link_go_to_the_councils_feed(client, ulricehamn):
    council = ulricehamn["council"]
    soup = parse(client.get(council.url))
    path = f"/calendar/councils/{council.pk}.ics"
    assert soup.find("link", rel="alternate", type="text/calendar")["href"] == path
    ((webcal, copy),) = subscribe_boxes(soup)
    assert copy.endswith(path)
    assert soup.find("a", href=council.url + "popolo/")


# --- the feed ------------------------------------------------------------------------------------


def test_the_council_feed_holds_its_public_meetings_and_passes_both_parsers(
    client, ulricehamn, make_meeting
):
    council = ulricehamn["council"]
    make_meeting("Samrådsmöte", council=council)
    make_meeting("Utkast", council=council, live=False)
    make_meeting("Annat möte")
    response = client.get(feed_path("council", council))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = read_feed(response.content, "council")
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Samrådsmöte"]
    assert "Samrådet" in str(calendar["X-WR-CALNAME"])
    assert FEEDS["council"].label is None  # offered on the council's page, not in the block


@pytest.mark.parametrize(
    "path",
    ["/calendar/councils/0.ics", "/calendar/councils/99999.ics", "/calendar/councils/abc.ics"],
)
def test_garbage_council_feed_addresses_are_404(client, civil_site, path):
    assert client.get(path).status_code == 404


def test_a_meeting_moved_to_the_council_changes_the_councils_feed(client, ulricehamn, make_meeting):
    council = ulricehamn["council"]
    meeting = make_meeting("Samrådsmöte")
    path = feed_path("council", council)
    first = client.get(path)
    assert b"Samr\xc3\xa5dsm\xc3\xb6te" not in first.content
    meeting.council = council
    publish(meeting)
    second = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200 and "Samrådsmöte" in second.content.decode()


def test_purging_a_council_meeting_names_the_councils_feed_and_page(
    settings, ulricehamn, make_meeting
):
    settings.WAGTAILFRONTENDCACHE = {
        "v": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://c",
        }
    }
    council = ulricehamn["council"]
    meeting = make_meeting("Samrådsmöte", council=council)
    urls = urls_to_purge(meeting)
    assert f"http://testserver/calendar/councils/{council.pk}.ics" in urls
    assert council.full_url in urls
    own = urls_to_purge(council, own_page=True)
    assert council.full_url + "popolo/" in own
    assert f"http://testserver/calendar/councils/{council.pk}.ics" in own


def test_saving_or_deleting_a_seat_purges_the_council_page_and_its_export(
    ulricehamn,
    purging,  # noqa: F811
):
    council = ulricehamn["council"]
    seat = council.seats.order_by("sort_order").first()
    expected = {unquote(council.url), unquote(council.url) + "popolo/"}
    with purging() as sent:
        seat.label = "Pensionärerna"
        seat.save()
    assert expected <= {unquote(path) for path, _host in sent}
    with purging() as sent:
        seat.delete()
    assert expected <= {unquote(path) for path, _host in sent}


def test_a_seat_saved_leaves_the_feeds_change_stamp_alone(ulricehamn):
    """Seats show on the council's page only: the feeds need not be built anew."""
    seat = ulricehamn["council"].seats.order_by("sort_order").first()
    before = feed_stamp.current()
    seat.holders.create(name="Ny ersättare", substitute=True)
    seat.save()
    assert feed_stamp.current() == before


# --- Popolo --------------------------------------------------------------------------------------


def test_the_popolo_export_validates_against_popolos_schemas(client, ulricehamn):
    council = ulricehamn["council"]
    response = client.get(council.url + "popolo/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    for kind, schema in (
        ("organizations", "organization"),
        ("posts", "post"),
        ("persons", "person"),
        ("memberships", "membership"),
    ):
        for item in data[kind]:
            errors = popolo_errors(schema, item)
            assert not errors, (kind, item, errors)
    organizations = {o["id"]: o for o in data["organizations"]}
    posts = {p["id"]: p for p in data["posts"]}
    persons = {p["id"]: p["name"] for p in data["persons"]}
    assert len(posts) == 4 and all(p["organization_id"] in organizations for p in posts.values())
    chair = next(m for m in data["memberships"] if persons[m["person_id"]] == "Britt-Marie Larsson")
    assert chair["role"] == "chair" and chair["start_date"] == (TODAY - YEAR).isoformat()
    assert organizations[chair["on_behalf_of_id"]]["name"] == "PRO Ulricehamn"
    assert posts[chair["post_id"]]["label"] == "Pensionärsorganisationerna"
    former = next(m for m in data["memberships"] if persons[m["person_id"]] == "Åsa Öberg")
    assert former["end_date"] == (TODAY - YEAR - dt.timedelta(days=1)).isoformat()
    politician = next(m for m in data["memberships"] if persons[m["person_id"]] == "Wiktor Öberg")
    assert organizations[politician["on_behalf_of_id"]] == {
        "id": "party/m",
        "name": "M",
        "classification": "party",
    }
    # A draft organisation is not exported; neither is any contact detail.
    text = response.content.decode()
    assert "Hemlig förening" not in text and "contact_details" not in text and "@" not in text


def test_popolo_of_a_draft_or_restricted_council_is_not_served(client, make_council):
    draft = make_council("Utkast", live=False)
    assert client.get(f"/testkommun/{draft.slug}/popolo/").status_code in (404,)
    restricted = make_council("Internt samråd")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    response = client.get(restricted.url + "popolo/")
    assert response.status_code == 302 and "Internt" not in response.content.decode()


def test_the_api_fields_name_the_seats_and_their_holders(ulricehamn):
    names = {f.name for f in CouncilPage.api_fields}
    assert {"kind", "purpose", "composition", "documents", "seats"} <= names
    assert {f.name for f in CouncilSeatHolder.api_fields} >= {"name", "role", "term_from"}
    field = next(f for f in CouncilPage.api_fields if f.name == "seats").serializer
    seats = field.to_representation(ulricehamn["council"].seats)
    assert seats[0]["holders"][0]["on_behalf_of"] == "PRO Ulricehamn"
    assert seats[1]["holders"][0]["on_behalf_of"] is None  # a draft organisation


def test_a_meeting_keeps_its_council_only_while_the_council_exists(ulricehamn, make_meeting):
    meeting = make_meeting("Samrådsmöte", council=ulricehamn["council"])
    ulricehamn["council"].delete()
    assert MeetingPage.objects.get(pk=meeting.pk).council_id is None


def _current_word(context: str, message: str) -> str:
    """A word in the language the public page was served in (the site's default)."""
    return pgettext(context, message)


# --- participation -------------------------------------------------------------------------------


def test_the_page_shows_participation_judged_by_its_seat_categories(
    client, ulricehamn, make_meeting
):
    """A held council meeting appears in the participation table; the seat categories nobody
    came from are named as missing, and the register's other categories are not."""
    from wagtail_civil.models import MeetingAttendance

    council = ulricehamn["council"]
    meeting = make_meeting(
        "Stormöte i Ulricehamn",
        council=council,
        start=timezone.now() - dt.timedelta(days=30),
        attendance_people=79,
        live=False,
    )
    meeting.attending_organisations = [MeetingAttendance(organisation=ulricehamn["pro"])]
    publish(meeting)
    assert council.get_participation_categories() == ["Pensionärsorganisationer"]
    soup = parse(client.get(council.url))
    tables = [t for t in soup.main.find_all("table") if "Stormöte i Ulricehamn" in t.get_text()]
    assert tables, "no participation table names the held meeting"
    assert "79" in tables[0].get_text()
    # PRO (a pensioners' organisation) came: no seat category is missing.
    assert "Pensionärsorganisationer" not in tables[0].get_text(" ")
