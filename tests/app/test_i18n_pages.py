"""Pages in several languages: each reads in its own language, links to its live, public
translations, and a translated liaison shows in the page's language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.app.conftest import publish
from tests.app.i18n import *  # noqa: F403 (the fixtures)
from wagtail_civil.models import Liaison

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_meeting(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    two_languages.translate(two_languages.swedish.meeting_index, title="Meetings")
    english = two_languages.translate(meeting, title="Dialogue on premises for associations")
    return meeting, english


def _soup(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_an_english_page_reads_in_english_for_a_swedish_browser(translated_meeting, client):
    _meeting, english = translated_meeting
    assert english.url.startswith("/en/")
    soup = _soup(client, english.url, HTTP_ACCEPT_LANGUAGE="sv")
    assert soup.html["lang"] == "en"
    labels = [dt.get_text(strip=True) for dt in soup.main.find_all("dt")]
    assert "When" in labels and "När" not in labels


def test_a_swedish_page_reads_in_swedish_for_an_english_browser(translated_meeting, client):
    meeting, _english = translated_meeting
    soup = _soup(client, meeting.url, HTTP_ACCEPT_LANGUAGE="en")
    assert soup.html["lang"] == "sv"
    labels = [dt.get_text(strip=True) for dt in soup.main.find_all("dt")]
    assert "Tid" in labels and "When" not in labels


def test_the_switcher_links_each_translation_with_its_language(translated_meeting, client):
    meeting, english = translated_meeting
    soup = _soup(client, meeting.url)
    nav = soup.find("nav", class_="civil-languages")
    assert nav is not None and nav["aria-label"]
    links = {a["hreflang"]: a for a in nav.find_all("a")}
    assert set(links) == {"sv", "en"}
    assert links["en"]["href"] == english.url and links["en"]["lang"] == "en"
    assert links["en"].get_text(strip=True) == "English"
    assert links["sv"]["aria-current"] == "page" and links["sv"].get_text(strip=True) == "Svenska"
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.head.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert alternates == {
        "sv": f"http://testserver{meeting.url}",
        "en": f"http://testserver{english.url}",
    }


def test_a_draft_or_private_translation_is_not_linked(two_languages, make_meeting, client):
    meeting = make_meeting("Dialog om föreningslokaler")
    two_languages.translate(two_languages.swedish.meeting_index, title="Meetings")
    draft = meeting.copy_for_translation(two_languages.english_locale)
    draft.save_revision()
    assert _soup(client, meeting.url).find("nav", class_="civil-languages") is None
    english = publish(draft)
    PageViewRestriction.objects.create(page=english, restriction_type="password", password="x")
    assert _soup(client, meeting.url).find("nav", class_="civil-languages") is None


def test_a_page_without_translations_shows_no_switcher(two_languages, make_meeting, client):
    meeting = make_meeting("Bara på svenska")
    soup = _soup(client, meeting.url)
    assert soup.find("nav", class_="civil-languages") is None
    assert not soup.head.find_all("link", hreflang=True)


def test_the_english_home_links_home_in_english(translated_meeting, client):
    _meeting, english = translated_meeting
    soup = _soup(client, english.url)
    assert soup.find("a", class_="civil-site-name")["href"] == "/en/"


def test_a_translated_liaison_shows_on_the_english_directory(two_languages, client):
    swedish = Liaison(name="Anna Berg", role="Lots för civilsamhället", description="Ring mig.")
    swedish.save()
    swedish = publish(swedish)
    english = swedish.copy_for_translation(two_languages.english_locale)
    english.role = "Liaison for civil society"
    english.description = "Call me."
    english.save()
    english = publish(english)
    assert (english.translation_key, english.name) == (swedish.translation_key, "Anna Berg")
    directory = two_languages.translate(
        two_languages.swedish.organisation_index, title="Organisations"
    )
    swedish_text = _soup(client, two_languages.swedish.organisation_index.url).main.get_text()
    english_text = _soup(client, directory.url).main.get_text()
    assert "Lots för civilsamhället" in swedish_text and "Liaison for civil" not in swedish_text
    assert "Liaison for civil society" in english_text and "Lots för" not in english_text


def test_each_list_offers_the_agreements_in_its_own_language(two_languages, client):
    """The agreement filter of the Swedish list names the Swedish agreement, the English list's
    the English translation: never the same agreement twice in two languages."""
    swedish = two_languages.swedish
    english_agreement = two_languages.translate(swedish.agreement, title="ÖK Idé: in English")
    english_index = two_languages.translate(swedish.meeting_index, title="Meetings")

    def offered(url):
        select = _soup(client, url).find("select", attrs={"name": "agreement"})
        return {option.get_text(strip=True) for option in select.find_all("option")[1:]}

    assert offered(swedish.meeting_index.url) == {swedish.agreement.title}
    assert offered(english_index.url) == {english_agreement.title}
    # The other language's agreement is not a choice there: the list says so on the field.
    response = client.get(f"{english_index.url}?agreement={swedish.agreement.pk}")
    assert response.status_code == 200
    assert "agreement" in response.context["filter"].form.errors
