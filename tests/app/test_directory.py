"""The organisation directory (``/organisationer/``): who is listed, filters, search and paging.

First as residents see it (the real templates, checked on the HTML), then what the view hands its
template (``stub_templates``). The ``register`` fixture (conftest) is the organisations listed.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.app.conftest import publish
from tests.app.page_html import assert_well_formed_page, parse
from wagtail_civil.models import Organisation

pytestmark = pytest.mark.django_db


# --- as residents see it -------------------------------------------------------------------------


def _names(response):
    return [o.name for o in response.context["organisations"]]


def listed(soup: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.main.find_all("h2", class_="civil-card-title")]


def test_directory_lists_only_published_organisations(client, civil_site, register):
    response = client.get(civil_site.organisation_index.url)
    soup = parse(response)
    assert_well_formed_page(soup)
    assert listed(soup) == ["ABF Fyrbodal", "Bäve församling", "Svenska kyrkan", "Teaterföreningen"]
    assert _names(response) == [
        "ABF Fyrbodal",
        "Bäve församling",
        "Svenska kyrkan",
        "Teaterföreningen",
    ]
    count = soup.main.find(attrs={"role": "status"})
    assert "4" in count.get_text()
    links = {a.get_text(strip=True): a["href"] for a in soup.main.select("h2 a")}
    assert links["ABF Fyrbodal"] == register["study"].get_url()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "kultur"}, ["Teaterföreningen"]),
        ({"kind": "faith_community"}, ["Bäve församling", "Svenska kyrkan"]),
        ({"q": "kyrkan"}, ["Svenska kyrkan"]),
        ({"q": "hemlig"}, []),
        ({"q": "förening", "category": "kultur"}, ["Teaterföreningen"]),
    ],
)
def test_directory_filters_show_the_result_and_the_question(
    client, civil_site, register, query, expected
):
    soup = parse(client.get(civil_site.organisation_index.url, query))
    assert_well_formed_page(soup)
    assert listed(soup) == expected
    assert str(len(expected)) in soup.main.find(attrs={"role": "status"}).get_text()
    # The form shows what was asked, so it can be changed.
    form = soup.main.find("form")
    if "q" in query:
        assert form.find("input", attrs={"name": "q"})["value"] == query["q"]
    if not expected:
        assert soup.main.find(class_="civil-empty")


def test_directory_pages_keep_the_search(client, civil_site, register):
    index = civil_site.organisation_index
    index.per_page = 1
    publish(index)
    soup = parse(client.get(index.url, {"kind": "faith_community"}))
    assert listed(soup) == ["Bäve församling"]
    following = soup.main.find("a", rel="next")
    soup = parse(client.get(index.url + following["href"]))
    assert listed(soup) == ["Svenska kyrkan"]
    assert not soup.main.find("a", rel="next")


# --- what the view gives its template ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "kultur"}, ["Teaterföreningen"]),
        ({"kind": "study_association"}, ["ABF Fyrbodal"]),
        ({"q": "kyrkan"}, ["Svenska kyrkan"]),
        ({"q": "hemlig"}, []),
        ({"category": "tro", "kind": "faith_community"}, ["Svenska kyrkan"]),
    ],
)
def test_directory_filters(client, civil_site, register, stub_templates, query, expected):
    response = client.get("/organisationer/", query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_search_finds_areas_of_activity(client, civil_site, register, stub_templates):
    theatre = register["theatre"]
    theatre.areas_of_activity.add("amatörteater")
    theatre.save()
    response = client.get("/organisationer/", {"q": "amatör"})
    assert _names(response) == ["Teaterföreningen"]


@pytest.mark.parametrize(
    "query",
    [
        {"category": "finns-inte"},
        {"kind": "<script>"},
        {"category": "x" * 5000},
        {"category": "tro\x00"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filter_values_never_fail(client, civil_site, register, stub_templates, query):
    response = client.get("/organisationer/", query)
    assert response.status_code == 200
    # The bad filter is reported and ignored; the published organisations are still listed.
    assert _names(response) == [
        "ABF Fyrbodal",
        "Bäve församling",
        "Svenska kyrkan",
        "Teaterföreningen",
    ]
    bad = set(query) - {"page"}
    assert set(response.context["filter"].form.errors) == bad


def test_empty_filters_mean_all(client, civil_site, register, stub_templates):
    response = client.get("/organisationer/", {"q": "", "category": "", "kind": ""})
    assert _names(response) == [
        "ABF Fyrbodal",
        "Bäve församling",
        "Svenska kyrkan",
        "Teaterföreningen",
    ]
    assert not response.context["filter"].form.errors
    assert response.context["is_filtered"] is False


def test_a_draft_category_member_is_not_found_by_category(
    client, civil_site, register, stub_templates
):
    response = client.get("/organisationer/", {"category": "kultur"})
    assert "Hemlig förening" not in _names(response)


def test_directory_paginates(client, civil_site, make_organisation, stub_templates):
    civil_site.organisation_index.per_page = 2
    civil_site.organisation_index.save_revision().publish()
    for name in ("A", "B", "C", "D", "E"):
        make_organisation(name)
    second = client.get("/organisationer/", {"page": 2})
    assert _names(second) == ["C", "D"]
    assert second.context["organisations"].paginator.num_pages == 3


def test_directory_links_cost_no_queries_in_the_template(
    client, civil_site, register, stub_templates, django_assert_num_queries
):
    organisations = client.get("/organisationer/").context["organisations"]
    with django_assert_num_queries(0):
        urls = [o.url for o in organisations]
    assert urls == [
        "/organisationer/abf-fyrbodal/",
        "/organisationer/b%C3%A4ve-f%C3%B6rsamling/",
        "/organisationer/svenska-kyrkan/",
        "/organisationer/teaterf%C3%B6reningen/",
    ]


def test_with_urls_leaves_unpublished_organisations_unlinked(civil_site, register):
    linked = Organisation.with_urls([register["theatre"], register["draft"]])
    assert [o.url for o in linked] == ["/organisationer/teaterf%C3%B6reningen/", None]
