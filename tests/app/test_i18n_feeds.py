"""Feeds and lists per locale: one language's meetings, in that language's words, and the
translations of a meeting under one UID in every feed."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.app.i18n import *  # noqa: F403 (the fixtures)
from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_list(two_languages, make_meeting):
    """A Swedish meeting list of two meetings; its English translation, with one of them."""
    swedish_index = two_languages.swedish.meeting_index
    first = make_meeting("Dialog om föreningslokaler")
    second = make_meeting("Stormöte om digitalt utanförskap")
    index = two_languages.translate(swedish_index, title="Meetings")
    english = two_languages.translate(first, title="Dialogue on premises for associations")
    return {"index": index, "sv": (first, second), "en": english}


def _events(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    calendar = read_feed(response.content, path)
    return calendar, {str(e["SUMMARY"]): str(e["UID"]) for e in calendar.walk("VEVENT")}


def test_the_english_list_feed_holds_the_english_meeting_under_the_swedish_uid(
    english_list, client
):
    first, _second = english_list["sv"]
    calendar, events = _events(client, feed_path("index", english_list["index"]))
    assert list(events) == ["Dialogue on premises for associations"]
    assert events["Dialogue on premises for associations"].startswith(str(first.uid))
    # The calendar's own words in the list's language, whatever the browser asks for.
    assert str(calendar["X-WR-CALNAME"]).startswith("Meetings – ")
    assert str(calendar["X-WR-CALDESC"]).startswith("The meetings listed on “Meetings”")


def test_the_swedish_list_feed_reads_swedish_for_an_english_browser(english_list, client):
    index = english_list["index"].get_translation(english_list["sv"][0].locale)
    calendar, events = _events(client, feed_path("index", index), HTTP_ACCEPT_LANGUAGE="en")
    assert set(events) == {"Dialog om föreningslokaler", "Stormöte om digitalt utanförskap"}
    assert str(calendar["X-WR-CALDESC"]).startswith("Mötena på sidan ”Möten”")


def test_the_site_feed_holds_the_locale_of_its_address(english_list, client):
    assert feed_path("all") == "/calendar/all.ics"
    with translation.override("en"):
        assert feed_path("all") == "/en/calendar/all.ics"
    calendar, swedish = _events(client, "/calendar/all.ics", HTTP_ACCEPT_LANGUAGE="en")
    assert str(calendar["X-WR-CALNAME"]).startswith("Möten: ")
    calendar, english = _events(client, "/en/calendar/all.ics")
    assert str(calendar["X-WR-CALNAME"]).startswith("Meetings: ")
    assert set(swedish) == {"Dialog om föreningslokaler", "Stormöte om digitalt utanförskap"}
    assert list(english) == ["Dialogue on premises for associations"]
    assert english["Dialogue on premises for associations"] == swedish["Dialog om föreningslokaler"]


def test_the_single_meeting_feed_of_a_translation_has_the_shared_uid(english_list, client):
    first, _second = english_list["sv"]
    _cal, events = _events(client, feed_path("meeting", english_list["en"]))
    assert list(events.values())[0].startswith(str(first.uid))


def test_the_agreement_feed_of_a_translation_holds_its_own_locale(
    two_languages, make_meeting, client
):
    agreement = two_languages.swedish.agreement
    meeting = make_meeting("Dialog under ÖK Idé", agreement=agreement)
    two_languages.translate(two_languages.swedish.meeting_index, title="Meetings")
    english_agreement = two_languages.translate(agreement, title="Local agreement")
    # The translation still names the Swedish agreement, as copy_for_translation leaves it.
    two_languages.translate(meeting, title="Dialogue under the agreement")
    _cal, swedish = _events(client, feed_path("agreement", agreement))
    _cal, english = _events(client, feed_path("agreement", english_agreement))
    assert list(swedish) == ["Dialog under ÖK Idé"]
    assert list(english) == ["Dialogue under the agreement"]


def test_a_draft_or_private_translation_is_in_no_feed(two_languages, make_meeting, client):
    from wagtail.models import PageViewRestriction

    index = two_languages.translate(two_languages.swedish.meeting_index, title="Meetings")
    draft = make_meeting("Utkast")
    private = make_meeting("Privat")
    english_draft = draft.copy_for_translation(two_languages.english_locale)
    english_draft.title = "Draft"
    english_draft.save_revision()
    english_private = two_languages.translate(private, title="Private")
    PageViewRestriction.objects.create(
        page=english_private, restriction_type="password", password="x"
    )
    for path in (feed_path("index", index), "/en/calendar/all.ics"):
        _cal, events = _events(client, path)
        assert events == {}, path


def test_the_english_list_page_lists_only_english_meetings(english_list, client):
    response = client.get(english_list["index"].url)
    assert response.status_code == 200
    assert [m.title for m in response.context["meetings"]] == [
        "Dialogue on premises for associations"
    ]
    html = response.content.decode()
    assert '<html lang="en">' in html
