"""The demo's downloads: the directory and every meeting list link them, and what the links give
is the published register and the lists' meetings, readable as a spreadsheet would read them,
with no contact details (docs/open-data.md)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.app.downloads import csv_rows
from tests.app.popolo_schema import popolo_errors
from wagtail_civil.models import MeetingIndexPage, MeetingPage, Organisation, OrganisationIndexPage


def _links(client, page) -> list[str]:
    response = client.get(page.url)
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").find("section", "civil-downloads")
    assert section is not None, page.url
    return [a["href"] for a in section.find_all("a")]


def test_the_demo_directory_links_the_register_as_csv_and_popolo(demo, client):
    directory = OrganisationIndexPage.objects.live().get()
    links = _links(client, directory)
    assert len(links) == 3
    published = set(Organisation.objects.filter(live=True).values_list("name", flat=True))
    assert len(published) >= 5
    semicolon, comma, popolo = (client.get(link) for link in links)
    assert {row["name"] for row in csv_rows(semicolon, delimiter=";")} == published
    assert {row["name"] for row in csv_rows(comma)} == published
    organizations = popolo.json()["organizations"]
    assert {o["name"] for o in organizations} == published
    for item in organizations:
        assert not popolo_errors("organization", item), item
    text = comma.content.decode("utf-8-sig") + popolo.content.decode()
    assert "@" not in text  # no email address, the organisations' public ones included
    drafts = Organisation.objects.filter(live=False).values_list("name", flat=True)
    assert not any(name in text for name in drafts)


def test_every_demo_meeting_list_links_its_meetings_as_csv(demo, client):
    lists = MeetingIndexPage.objects.live().public()
    assert lists.count() >= 2
    for meeting_list in lists:
        links = _links(client, meeting_list)
        assert [link.removeprefix(meeting_list.url) for link in links] == [
            "download/csv/?delimiter=semicolon",
            "download/csv/",
        ]
        rows = csv_rows(client.get(links[0]), delimiter=";")
        expected = meeting_list.get_meetings()
        assert sorted(row["uid"].split("@")[0] for row in rows) == sorted(
            str(uid) for uid in expected.values_list("uid", flat=True)
        )
        assert all(row["start"][19] in "+-" for row in rows)  # an offset, never naive
        text = client.get(links[1]).content.decode("utf-8-sig")
        contacts = MeetingPage.objects.exclude(contact_email="").values_list(
            "contact_email", flat=True
        )
        assert not any(email in text for email in contacts)
