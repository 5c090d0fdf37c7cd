"""The open data downloads: the register as CSV and Popolo JSON at ``<directory>/download/…``,
a meeting list's meetings as CSV at ``<list>/download/csv/`` (docs/open-data.md).

Caching, purging and query counts: test_downloads_caching.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.app.conftest import next_october_13, next_week_at, publish
from tests.app.downloads import csv_rows
from tests.app.page_html import parse
from tests.app.popolo_schema import popolo_errors
from wagtail_civil.downloads.meetings import MEETING_COLUMNS
from wagtail_civil.downloads.organisations import ORGANISATION_COLUMNS
from wagtail_civil.models import CouncilPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(civil_site):
    return civil_site.organisation_index.url


@pytest.fixture
def planted(register, make_organisation):
    """Beside the register: an organisation with a private-looking contact, one whose newer
    name is only a draft, and a parish whose church is a draft."""
    contact = make_organisation(
        "Bäve hembygdsförening",
        organisation_number="802000-1239",
        email="kassor.privat@example.se",
        phone="070-123 45 67",
        description="<p>Vi vårdar <b>hembygdsgården</b>.</p><p>Välkommen!</p>",
    )
    renamed = make_organisation("Gamla namnet")
    renamed.name = "Utkastets namn"
    renamed.save_revision()  # a draft: the published row keeps the old name
    orphan = make_organisation("Kapellförsamlingen", parent=register["draft"])
    return {"contact": contact, "renamed": renamed, "orphan": orphan}


# --- the register as CSV -------------------------------------------------------------------------


def test_the_register_csv_has_stable_headers_and_the_published_organisations(
    client, directory, register, planted
):
    rows = csv_rows(client.get(f"{directory}download/csv/"))
    assert tuple(rows[0]) == ORGANISATION_COLUMNS
    by_name = {row["name"]: row for row in rows}
    assert sorted(by_name) == sorted(
        [
            "ABF Fyrbodal",
            "Bäve församling",
            "Bäve hembygdsförening",
            "Gamla namnet",
            "Kapellförsamlingen",
            "Svenska kyrkan",
            "Teaterföreningen",
        ]
    )
    parish = by_name["Bäve församling"]
    assert parish["kind"] == "faith_community" and parish["parent_slug"] == "svenska-kyrkan"
    assert parish["page_url"] == "http://testserver/organisationer/b%C3%A4ve-f%C3%B6rsamling/"
    assert by_name["Teaterföreningen"]["categories"] == "Kulturföreningar"
    assert by_name["Teaterföreningen"]["website"] == "https://example.org/teater/"
    association = by_name["Bäve hembygdsförening"]
    assert association["organisation_number"] == "802000-1239" and association["country"] == "SE"
    assert association["description"] == "Vi vårdar hembygdsgården.\n\nVälkommen!"
    # The draft's parent is not named; neither is the draft, nor a draft's newer name.
    assert by_name["Kapellförsamlingen"]["parent_slug"] == ""


def test_nothing_unpublished_or_personal_is_in_any_register_download(
    client, directory, register, planted
):
    for path in ("download/csv/", "download/csv/?delimiter=semicolon", "download/popolo/"):
        response = client.get(directory + path)
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        for absent in (
            "Hemlig förening",
            "Utkastets namn",
            "kassor.privat",
            "070-123",
            "0522-1 23",
        ):
            assert absent not in text, (path, absent)
        assert "@" not in text  # no email address of any kind


def test_semicolons_for_swedish_excel_and_garbage_delimiters_are_refused(
    client, directory, register
):
    response = client.get(f"{directory}download/csv/", {"delimiter": "semicolon"})
    assert response.content.splitlines()[0].decode("utf-8-sig").startswith("slug;name;kind;")
    rows = csv_rows(response, delimiter=";")
    assert {row["name"] for row in rows} >= {"Svenska kyrkan", "Bäve församling"}
    # comma is the default, also asked for by name or left empty
    for query in ({}, {"delimiter": "comma"}, {"delimiter": ""}):
        response = client.get(f"{directory}download/csv/", query)
        assert response.content.splitlines()[0].decode("utf-8-sig").startswith("slug,name,kind,")
    for bad in ("tab", "%00", ";", "SEMICOLON"):
        response = client.get(f"{directory}download/csv/", {"delimiter": bad})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "delimiter" in response.content.decode()
    both = client.get(f"{directory}download/csv/?delimiter=comma&delimiter=semicolon")
    assert both.status_code == 400


def test_the_directorys_filters_narrow_the_download_and_a_wrong_one_is_a_400(
    client, directory, register
):
    rows = csv_rows(client.get(f"{directory}download/csv/", {"category": "kultur"}))
    assert [row["name"] for row in rows] == ["Teaterföreningen"]  # not the draft in kultur
    rows = csv_rows(client.get(f"{directory}download/csv/", {"kind": "faith_community"}))
    assert [row["name"] for row in rows] == ["Bäve församling", "Svenska kyrkan"]
    for query in ({"kind": "nonsense"}, {"category": "finns-inte"}, {"q": "\x00"}):
        for path in ("download/csv/", "download/popolo/"):
            response = client.get(directory + path, query)
            assert response.status_code == 400, (path, query)
            assert next(iter(query)) in response.content.decode()
    # What the download does not read (a cache-buster, the list's page number) is ignored.
    assert client.get(f"{directory}download/csv/", {"page": "x", "_": "1"}).status_code == 200


def test_only_get_and_head_are_answered(client, directory, register):
    response = client.post(f"{directory}download/csv/")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    head = client.head(f"{directory}download/csv/")
    assert head.status_code == 200 and head.content == b""
    assert int(head["Content-Length"]) == len(client.get(f"{directory}download/csv/").content)


def test_an_organisation_slugged_like_a_download_keeps_its_page(
    client, directory, register, make_organisation
):
    make_organisation("Download", slug="download")
    assert client.get(f"{directory}download/").context["page"].title == "Organisationer"
    assert "Download" in client.get(f"{directory}download/").content.decode()


# --- formula injection ---------------------------------------------------------------------------


def test_a_formula_typed_into_a_name_or_title_is_defused_in_the_downloads(
    client, civil_site, make_organisation, make_meeting
):
    make_organisation('=HYPERLINK("https://evil.example";"Klicka")')
    make_meeting("@SUM(1+1)")
    rows = csv_rows(client.get(f"{civil_site.organisation_index.url}download/csv/"))
    assert rows[0]["name"] == '\'=HYPERLINK("https://evil.example";"Klicka")'
    rows = csv_rows(client.get(f"{civil_site.meeting_index.url}download/csv/"))
    assert rows[0]["title"] == "'@SUM(1+1)"
    # JSON is not opened by a spreadsheet: the name is as typed.
    popolo = client.get(f"{civil_site.organisation_index.url}download/popolo/").json()
    assert popolo["organizations"][0]["name"] == '=HYPERLINK("https://evil.example";"Klicka")'


# --- the register as Popolo JSON -----------------------------------------------------------------


def test_the_register_as_popolo_validates_against_popolos_schema(
    client, directory, register, planted
):
    response = client.get(f"{directory}download/popolo/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="organisationer-popolo.json"'
    organizations = response.json()["organizations"]
    for item in organizations:
        assert not popolo_errors("organization", item), item
    by_name = {o["name"]: o for o in organizations}
    assert len(by_name) == 7
    parish = by_name["Bäve församling"]
    assert parish["id"] == "organisation/bäve-församling"
    assert parish["parent_id"] == "organisation/svenska-kyrkan" == by_name["Svenska kyrkan"]["id"]
    assert parish["classification"] == "faith_community"
    association = by_name["Bäve hembygdsförening"]
    assert association["identifiers"] == [
        {"scheme": "organisation_number", "identifier": "802000-1239"}
    ]
    assert association["description"] == "Vi vårdar hembygdsgården.\n\nVälkommen!"
    assert by_name["Teaterföreningen"]["links"] == [
        {"url": "http://testserver/organisationer/teaterf%C3%B6reningen/", "note": "page"},
        {"url": "https://example.org/teater/", "note": "website"},
    ]
    assert "parent_id" not in by_name["Kapellförsamlingen"]  # its church is a draft


# --- meetings as CSV -----------------------------------------------------------------------------


@pytest.fixture
def meetings(civil_site, dialogue, make_meeting, make_agreement):
    """The dialogue (13 October, 18–21 local), an online meeting next week, one held online
    yesterday, a cancelled one; and what must never show: a draft, an unpublished meeting, a
    view-restricted one, an alias, a draft agreement's and a restricted council's names."""
    online = make_meeting(
        "Digitalt samråd", mode="online", online_url="https://meet.example/abc", venue_name=""
    )
    held = make_meeting(
        "Hållet digitalt",
        start=timezone.now() - dt.timedelta(days=1, hours=3),
        mode="online",
        online_url="https://meet.example/old",
        venue_name="",
    )
    cancelled = make_meeting("Inställt möte", status="cancelled", start=next_week_at(days=3))
    make_meeting("Utkast till möte", live=False)
    unpublished = make_meeting("Avpublicerat möte")
    unpublished.unpublish()
    restricted = make_meeting("Internt möte")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    dialogue["meeting"].create_alias(update_slug="dialog-alias")
    draft_agreement = make_agreement("Hemlig överenskommelse", live=False)
    make_meeting("Under utkastavtal", agreement=draft_agreement, start=next_week_at(days=9))
    council = CouncilPage(title="Slutna rådet", live=False)
    civil_site.home.add_child(instance=council)
    council = publish(council)
    PageViewRestriction.objects.create(page=council, restriction_type="login")
    make_meeting("Rådsmöte", council=council, start=next_week_at(days=10))
    return {"online": online, "held": held, "cancelled": cancelled, **dialogue}


def test_the_meeting_csv_has_every_public_meeting_with_times_in_iso_8601(
    client, civil_site, meetings
):
    response = client.get(f"{civil_site.meeting_index.url}download/csv/")
    assert response["Content-Disposition"] == 'attachment; filename="moten.csv"'
    rows = csv_rows(response)
    assert tuple(rows[0]) == MEETING_COLUMNS
    by_title = {row["title"]: row for row in rows}
    assert sorted(by_title) == sorted(
        [
            "Dialogmöte om lokaler",
            "Digitalt samråd",
            "Hållet digitalt",
            "Inställt möte",
            "Under utkastavtal",
            "Rådsmöte",
        ]
    )
    assert [row["start"] for row in rows] == sorted(row["start"] for row in rows)
    meeting = meetings["meeting"]
    row = by_title["Dialogmöte om lokaler"]
    year = next_october_13(16).year
    assert row["start"] == f"{year}-10-13T18:00:00+02:00"
    assert row["end"] == f"{year}-10-13T21:00:00+02:00"
    assert row["uid"] == f"{meeting.uid}@test.example.org"
    assert (row["kind"], row["status"], row["mode"]) == ("dialogue", "scheduled", "in_person")
    assert (row["venue"], row["street_address"], row["locality"]) == (
        "Folkets Hus",
        "Norra Drottninggatan 12",
        "Uddevalla",
    )
    assert row["hosts"] == "Röda Korset | Kultur- och fritidsförvaltningen"
    assert row["agreement"] == "ÖK Idé" and row["council"] == ""
    assert row["page_url"] == "http://testserver" + meeting.url.replace("ö", "%C3%B6")
    # The online link while it is of use; not once the meeting is over.
    assert by_title["Digitalt samråd"]["online_url"] == "https://meet.example/abc"
    assert by_title["Digitalt samråd"]["mode"] == "online"
    assert by_title["Hållet digitalt"]["online_url"] == ""
    # A cancelled meeting stays, marked, and sends nobody to its venue.
    cancelled = by_title["Inställt möte"]
    assert cancelled["status"] == "cancelled" and cancelled["venue"] == ""
    # Agreements and councils residents cannot open are not named.
    assert by_title["Under utkastavtal"]["agreement"] == ""
    assert by_title["Rådsmöte"]["council"] == ""


def test_a_winter_meeting_has_the_winter_offset(client, civil_site, make_meeting):
    year = timezone.now().year + 1
    make_meeting("Julmöte", start=dt.datetime(year, 12, 10, 17, 0, tzinfo=dt.UTC))
    rows = csv_rows(client.get(f"{civil_site.meeting_index.url}download/csv/"))
    assert rows[0]["start"] == f"{year}-12-10T18:00:00+01:00"


def test_nothing_unpublished_or_personal_is_in_the_meeting_csv(client, civil_site, meetings):
    for query in ("", "?delimiter=semicolon"):
        response = client.get(f"{civil_site.meeting_index.url}download/csv/{query}")
        text = response.content.decode("utf-8-sig")
        for absent in (
            "Utkast till möte",
            "Avpublicerat",
            "Internt möte",
            "Hemlig",  # the draft host and the draft agreement
            "Slutna rådet",
            "Cecilia",  # the contact person
            "cecilia@example.org",
            "0522-69 60 00",
            "Anna Andersson",  # a speaker
            "dialog-alias",
        ):
            assert absent not in text, absent
        assert text.count("Dialogmöte om lokaler") == 1  # not again as its alias


def test_the_meeting_lists_filters_narrow_the_csv_and_a_wrong_one_is_a_400(
    client, civil_site, meetings
):
    url = f"{civil_site.meeting_index.url}download/csv/"
    rows = csv_rows(client.get(url, {"organisation": meetings["org"].slug}))
    assert [row["title"] for row in rows] == ["Dialogmöte om lokaler"]
    rows = csv_rows(
        client.get(url, {"agreement": meetings["agreement"].pk, "delimiter": "semicolon"}), ";"
    )
    assert [row["title"] for row in rows] == ["Dialogmöte om lokaler"]
    for query in ({"agreement": "abc"}, {"agreement": "99999999999999999999"}, {"kind": "x"}):
        response = client.get(url, query)
        assert response.status_code == 400 and next(iter(query)) in response.content.decode()
    # A draft organisation cannot be asked for by its slug.
    assert client.get(url, {"organisation": meetings["hidden"].slug}).status_code == 400


# --- the links on the pages ----------------------------------------------------------------------


def test_the_directory_and_meeting_list_link_their_downloads(
    client, civil_site, register, dialogue
):
    for page, names in (
        (civil_site.organisation_index, ["csv/?delimiter=semicolon", "csv/", "popolo/"]),
        (civil_site.meeting_index, ["csv/?delimiter=semicolon", "csv/"]),
    ):
        soup = parse(client.get(page.url))
        section = soup.find("section", class_="civil-downloads")
        heading = section.find("h2")
        assert section["aria-labelledby"] == heading["id"] and heading.get_text(strip=True)
        links = section.find_all("a")
        assert [a["href"] for a in links] == [f"{page.url}download/{name}" for name in names]
        assert all(a.get_text(strip=True) for a in links)
        for a in links:
            assert client.get(a["href"]).status_code == 200
    # The held meetings' tab links them too.
    soup = parse(client.get(f"{civil_site.meeting_index.url}past/"))
    assert soup.find("section", class_="civil-downloads").find("a")


# --- view restrictions ---------------------------------------------------------------------------


def test_a_restricted_directory_serves_its_download_only_privately(
    client, admin_user, civil_site, register
):
    directory = civil_site.organisation_index
    PageViewRestriction.objects.create(page=directory, restriction_type="login")
    response = client.get(f"{directory.url}download/csv/")
    assert response.status_code == 302 and b"Svenska kyrkan" not in response.content
    client.force_login(admin_user)
    response = client.get(f"{directory.url}download/csv/")
    assert response.status_code == 200 and "Svenska kyrkan" in response.content.decode("utf-8-sig")
    # Only for this visitor: no shared cache may keep it.
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_draft_list_has_no_downloads(client, civil_site, register):
    directory = civil_site.organisation_index
    directory.unpublish()
    assert client.get(f"{directory.url}download/csv/").status_code == 404
    assert client.get("/organisationer/download/popolo/").status_code == 404
