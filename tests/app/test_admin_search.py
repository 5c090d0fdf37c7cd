"""Every admin listing and chooser of the app answers a search, on SQLite and PostgreSQL.

Seen: ``/admin/snippets/wagtail_civil/organisation/?q=kultur`` answered 500 ("no such column:
name" on SQLite). The snippet view sets named ``search_fields``, which Wagtail hands to the search
backend as the fields to search in; the database backend cannot narrow a search to fields (SQLite
takes them for columns of its full-text table). The models' own search index says what is
searched, as for Wagtail's pages. Each listing is searched for the start of a word in one row's
name and must list that row and not the other.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SNIPPETS = "/admin/snippets/wagtail_civil"
CHOOSERS = "/admin/snippets/choose/wagtail_civil"


@pytest.fixture
def content(civil_site, make_organisation, make_category, make_meeting, make_agreement):
    """Two of everything: one whose name starts with "Kultur", one without."""
    culture = make_category("Kulturföreningar")
    make_category("Pensionärsorganisationer")
    make_organisation("Kulturföreningen Bäve", categories=[culture])
    make_organisation("Röda Korset Uddevallakretsen")
    make_meeting("Dialogmöte om kulturhuset")
    make_meeting("Dialogmöte om fritidsgårdarna")
    make_agreement("Kulturöverenskommelse 2026")
    return civil_site


SNIPPET_SEARCHES = [
    (f"{SNIPPETS}/organisation/", "Kulturföreningen Bäve", "Röda Korset"),
    (f"{SNIPPETS}/organisation/results/", "Kulturföreningen Bäve", "Röda Korset"),
    (f"{SNIPPETS}/organisationcategory/", "Kulturföreningar", "Pensionärsorganisationer"),
    (f"{SNIPPETS}/organisationcategory/results/", "Kulturföreningar", "Pensionärs"),
    (f"{CHOOSERS}/organisation/results/", "Kulturföreningen Bäve", "Röda Korset"),
    (f"{CHOOSERS}/organisationcategory/results/", "Kulturföreningar", "Pensionärs"),
]


@pytest.mark.parametrize(("url", "found", "not_found"), SNIPPET_SEARCHES)
def test_every_snippet_listing_and_chooser_can_be_searched(editor, content, url, found, not_found):
    response = editor.get(url, {"q": "kultur"})
    assert response.status_code == 200, url
    html = response.content.decode()
    assert found in html
    assert not_found not in html


@pytest.mark.parametrize("query", ["kultur", "Kulturf", "KULTURFÖRENINGEN bäve", "bäve"])
def test_the_organisation_listing_finds_words_and_their_beginnings(editor, content, query):
    response = editor.get(f"{SNIPPETS}/organisation/results/", {"q": query})
    assert response.status_code == 200
    assert "Kulturföreningen Bäve" in response.content.decode()


def test_an_organisation_is_found_by_its_new_name_after_an_edit(editor, content):
    """The search index follows a publish, not only the first save."""
    from wagtail_civil.models import Organisation

    from .conftest import publish

    organisation = Organisation.objects.get(name="Röda Korset Uddevallakretsen")
    organisation.name = "Frivilligcentralen"
    publish(organisation)
    response = editor.get(f"{SNIPPETS}/organisation/results/", {"q": "frivillig"})
    assert "Frivilligcentralen" in response.content.decode()


def _page_searches(site):
    meetings = site.meeting_index.pk
    return [
        ("/admin/pages/search/", {}),
        (f"/admin/pages/{meetings}/", {}),
        (f"/admin/pages/{site.home.pk}/", {}),
        ("/admin/choose-page/search/", {}),
        ("/admin/choose-page/search/", {"page_type": "wagtail_civil.meetingpage"}),
        ("/admin/choose-page/search/", {"page_type": "wagtail_civil.agreementpage"}),
    ]


def test_every_page_listing_and_chooser_finds_the_apps_pages(editor, content):
    for url, params in _page_searches(content):
        response = editor.get(url, {"q": "kultur", **params})
        assert response.status_code == 200, url
        html = response.content.decode()
        page_type = params.get("page_type", "")
        if "agreement" not in page_type:
            assert "Dialogmöte om kulturhuset" in html, (url, params)
            assert "fritidsgårdarna" not in html, (url, params)
        if "meeting" not in page_type and url != f"/admin/pages/{content.meeting_index.pk}/":
            assert "Kulturöverenskommelse 2026" in html, (url, params)


def test_the_directory_pages_can_be_searched_for(editor, content):
    response = editor.get("/admin/pages/search/", {"q": "organisationer"})
    assert response.status_code == 200
    assert "Organisationer" in response.content.decode()
