"""The demo's stories: Ulricehamn's "Ring en vän" and clothes hand-out, as the seed tells them."""

from __future__ import annotations

from decimal import Decimal

from bs4 import BeautifulSoup
from demo.initiatives import INDEX_SLUG
from wagtail.models import Revision

from wagtail_civil.models import InitiativeIndexPage, InitiativePage, Organisation


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def _titles(soup: BeautifulSoup) -> list[str]:
    cards = soup.main.find_all("article", class_="civil-initiative-card")
    return [card.find(["h2", "h3"]).get_text(strip=True) for card in cards]


def test_the_two_stories_are_published_with_their_figures_and_partners(demo):
    index = InitiativeIndexPage.objects.live().get(slug=INDEX_SLUG)
    ring, clothes = (
        InitiativePage.objects.child_of(index).live().get(slug=slug)
        for slug in ("ring-en-van", "kladutlamning-till-flyktingar")
    )
    assert ring.title == "Ring en vän" and ring.end_date is None and ring.is_ongoing()
    assert [(r.label, r.number, r.unit) for r in ring.results.all()] == [
        ("Telefonsamtal", Decimal(500), "per år")
    ]
    assert [c.name for c in ring.categories.all()] == ["Pensionärsorganisationerna"]
    assert "500 telefonsamtal har det blivit på ett år" in ring.body
    assert [p.name for p in clothes.public_partners] == [
        "Equmeniakyrkan Oasen", "Rädda Barnen", "Röda Korset", "Svenska kyrkan",
    ]  # fmt: skip
    assert clothes.start_date < clothes.end_date and not clothes.is_ongoing()
    assert all(p.live for p in clothes.public_partners)
    [phone] = ring.images.all()
    assert phone.alt_text.startswith("Tecknad bild") and not phone.decorative
    [hanger] = clothes.images.all()
    assert hanger.decorative and hanger.alt == ""
    assert phone.image.file.size < 20_000  # drawn, not a photograph in the repository


def test_the_list_and_the_story_pages_read_in_swedish(demo, client):
    index = InitiativeIndexPage.objects.get(slug=INDEX_SLUG)
    soup = _soup(client, index.url)
    assert soup.html["lang"] == "sv"
    assert _titles(soup) == ["Ring en vän", "Klädutlämning till flyktingar"]
    assert _titles(_soup(client, index.url + "?organisation=roda-korset")) == [
        "Klädutlämning till flyktingar"
    ]
    assert _titles(_soup(client, index.url + "?category=pensionarsorganisationerna")) == [
        "Ring en vän"
    ]
    ring = _soup(client, InitiativePage.objects.get(slug="ring-en-van").url)
    text = ring.main.get_text(" ", strip=True)
    assert "Telefonsamtal: 500 per år" in text
    assert ring.main.find("img")["alt"].startswith("Tecknad bild")


def test_a_partner_organisations_page_lists_its_story(demo, client):
    church = Organisation.objects.get(slug="svenska-kyrkan")
    assert _titles(_soup(client, church.get_url())) == ["Klädutlämning till flyktingar"]


def test_loading_again_publishes_no_new_revision_of_a_story(load):
    pages = InitiativePage.objects.values_list("pk", flat=True)
    revisions = Revision.objects.filter(object_id__in=[str(pk) for pk in pages]).count()
    load()
    assert InitiativePage.objects.count() == 2
    assert Revision.objects.filter(object_id__in=[str(pk) for pk in pages]).count() == revisions
