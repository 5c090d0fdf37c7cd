"""The demo in two languages: the English pages, their feed with the Swedish UIDs, and the
switcher between them (example site: WAGTAIL_I18N_ENABLED, pages and feeds in i18n_patterns).

The demo makes its English pages only with i18n on, as the example site has it; the other demo
tests run with it off and see the Swedish demo alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from demo.i18n import ENGLISH_MEETINGS
from demo.loader import DemoResult, load_demo
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from tests.demo.conftest import demo_for_module
from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import MeetingIndexPage, MeetingPage

_I18N = {"WAGTAIL_I18N_ENABLED": True, "ROOT_URLCONF": "tests.i18n_urls"}


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """The demo loaded with i18n on, for this module, rolled back afterwards."""
    with demo_for_module(django_db_blocker, **_I18N) as result:
        yield result


@pytest.fixture
def i18n_on():
    with override_settings(**_I18N):
        Site.clear_site_root_paths_cache()
        yield
    Site.clear_site_root_paths_cache()


def _uids(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    calendar = read_feed(response.content, path)
    return calendar, {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def test_the_english_meetings_share_the_swedish_uids(demo):
    assert MeetingPage.objects.filter(locale__language_code="en").count() == 3
    for slug in ENGLISH_MEETINGS:
        swedish = MeetingPage.objects.get(slug=slug)
        [english] = MeetingPage.objects.filter(translation_key=swedish.translation_key).exclude(
            pk=swedish.pk
        )
        assert english.locale.language_code == "en" and english.live
        assert (english.uid, english.start, english.status) == (
            swedish.uid,
            swedish.start,
            swedish.status,
        )


def test_the_english_feed_has_the_english_meetings_under_the_swedish_uids(demo, client, i18n_on):
    english_list = MeetingIndexPage.objects.get(locale__language_code="en")
    swedish_list = english_list.get_translation(MeetingPage.objects.get(slug="stormote-4").locale)
    calendar, english = _uids(client, feed_path("index", english_list))
    _cal, swedish = _uids(client, feed_path("index", swedish_list))
    # The translated meetings in the feed's window (the 2022-23 ones are older than a year).
    assert set(english.values()) == {"Big open meeting on digital exclusion"}
    [uid] = english
    assert swedish[uid] == "Stormöte om det digitala utanförskapet"
    assert str(calendar["X-WR-CALNAME"]).startswith("Ulricehamn: big open meetings – ")
    _cal, site_en = _uids(client, "/en/calendar/all.ics")
    assert site_en == english


def test_the_english_pages_read_in_english_and_link_the_swedish(demo, client, i18n_on):
    meeting = MeetingPage.objects.get(slug="big-open-meeting-on-digital-exclusion")
    assert meeting.url.startswith("/en/")
    response = client.get(meeting.url, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    links = {a["hreflang"]: a["href"] for a in soup.select("nav.civil-languages a")}
    swedish = MeetingPage.objects.get(slug="stormote-om-det-digitala-utanforskapet")
    assert links == {"sv": swedish.url, "en": meeting.url}
    home = client.get("/en/")
    assert home.status_code == 200
    text = BeautifulSoup(home.content, "html.parser").main.get_text(" ", strip=True)
    assert "Upcoming meetings" in text and "Big open meeting on digital exclusion" in text


def test_loading_again_publishes_nothing_new(demo):
    from wagtail.models import Page, Revision

    # What this part of the demo writes: the English translations and the Bokmål pages (the rest
    # of the demo's second load is tests/demo/test_demo_content.py's).
    def ours() -> set[int]:
        pages = Page.objects.filter(locale__language_code__in=["en", "nb"]).values("pk")
        return set(
            Revision.page_revisions.filter(object_id__in=[str(p["pk"]) for p in pages]).values_list(
                "pk", flat=True
            )
        )

    before = (Page.objects.count(), ours())
    with override_settings(**_I18N):
        load_demo()
    after = (Page.objects.count(), ours())
    new = Revision.objects.filter(pk__in=after[1] - before[1])
    assert after == before, [(r.object_str, r.content_type_id) for r in new]


def test_the_norwegian_pages_are_in_bokmal_and_read_with_norwegian_labels(demo, client, i18n_on):
    from demo.i18n import NORWEGIAN_SLUGS

    from wagtail_civil.models import ActionPlanPage, VolunteerNeedIndexPage, VolunteerNeedPage

    plan = ActionPlanPage.objects.get(slug=NORWEGIAN_SLUGS[0])
    needs = VolunteerNeedIndexPage.objects.get(slug=NORWEGIAN_SLUGS[1])
    assert {plan.locale.language_code, needs.locale.language_code} == {"nb"}
    assert {n.locale.language_code for n in VolunteerNeedPage.objects.child_of(needs)} == {"nb"}
    for page in (plan, needs):
        # A Swedish browser still gets the page's language: Norwegian text, Norwegian labels.
        response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == "nb"
        with translation.override("nb"):
            label = gettext("Filter the volunteer needs" if page is needs else "Progress")
        with translation.override("sv"):
            assert label != gettext("Filter the volunteer needs" if page is needs else "Progress")
        assert label in response.content.decode()
