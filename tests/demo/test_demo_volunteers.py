"""The demo's volunteering: Ullensaker's two open needs in Bokmål, an offer on each, the feed of
the dated one, and loading again adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from demo.volunteering import INDEX_SLUG, dugnad_day
from django.utils import timezone

from civilsamhalle.enums import VolunteerNeedState
from tests.demo.conftest import parse_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import VolunteerNeedIndexPage, VolunteerNeedPage, VolunteerOffer

pytestmark = pytest.mark.django_db


def test_two_open_needs_one_dated_one_ongoing_each_with_an_offer(demo):
    index = VolunteerNeedIndexPage.objects.live().public().get(slug=INDEX_SLUG)
    needs = {n.timing: n for n in VolunteerNeedPage.objects.child_of(index).for_list()}
    assert set(needs) == {"one_off", "ongoing"}
    dated = needs["one_off"]
    assert timezone.localtime(dated.start).date() == dugnad_day(timezone.localdate())
    assert dated.start > timezone.now()
    assert dated.unit.name == "Park og idrett" and needs["ongoing"].unit.name == "Helsetjenester"
    for need in needs.values():
        assert need.state_at() is VolunteerNeedState.OPEN
        assert VolunteerOffer.objects.filter(need=need).count() == 1
    assert all(o.email.endswith("@example.org") for o in VolunteerOffer.objects.all())
    assert dated.places_left == 7  # 8 wanted, one accepted


def test_the_list_and_the_pages_read_in_bokmal(demo, client):
    index = VolunteerNeedIndexPage.objects.get(slug=INDEX_SLUG)
    response = client.get(index.url)
    assert response.status_code == 200
    text = BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")
    assert "Dugnad i klubbhuset på Jessheim idrettspark" in text
    assert "Besøksvenn for eldre som bor hjemme" in text
    assert "frivillige" in text and "Ullensaker" in text
    for need in VolunteerNeedPage.objects.child_of(index):
        assert client.get(need.url).status_code == 200


def test_the_feed_of_the_dated_need(demo, client):
    index = VolunteerNeedIndexPage.objects.get(slug=INDEX_SLUG)
    path = feed_path("volunteer_needs", index)
    feed = parse_feed(path, client.get(path).content)
    assert feed.summaries() == {"Dugnad i klubbhuset på Jessheim idrettspark"}


def test_loading_again_adds_nothing_and_follows_the_date(demo, load):
    offers = VolunteerOffer.objects.count()
    load()
    assert VolunteerOffer.objects.count() == offers
    assert VolunteerNeedPage.objects.filter(slug__startswith="dugnad-i-klubbhuset").count() == 1
    later = timezone.localdate() + dt.timedelta(days=62)
    load(later)
    need = VolunteerNeedPage.objects.get(slug="dugnad-i-klubbhuset-pa-jessheim-idrettspark")
    assert timezone.localtime(need.start).date() == dugnad_day(later)
