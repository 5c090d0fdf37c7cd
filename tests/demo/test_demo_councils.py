"""The demo's councils: Ulricehamn's samråd as the seed lists it, Uddevalla's steering group,
and a second load that changes neither."""

from __future__ import annotations

from bs4 import BeautifulSoup
from demo.councils import UDDEVALLA, ULRICEHAMN, ULRICEHAMN_MEETINGS
from django.utils import timezone

from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import CouncilPage, CouncilSeat, CouncilSeatHolder, MeetingPage


def test_ulricehamns_samrad_has_five_seats_for_civil_society_and_three_for_the_municipality(demo):
    samrad = CouncilPage.objects.get(slug=ULRICEHAMN)
    assert samrad.live and samrad.kind == "council"
    seats = list(samrad.seats.for_page())
    by_kind = {
        kind: [s for s in seats if s.represents == kind] for kind in ("category", "municipality")
    }
    assert [s.category.name for s in by_kind["category"]] == [
        "Trossamfunden", "Pensionärsorganisationerna", "Landsbygdsorganisationerna",
        "Kulturorganisationerna", "Studieförbunden",
    ]  # fmt: skip
    holders = {h.name: h for s in by_kind["municipality"] for h in s.holders.all()}
    assert holders["Wiktor Öberg"].party == "Moderaterna"
    assert holders["Klas Redin"].party == "Socialdemokraterna"
    assert holders["Max Rademacher"].title.startswith("Enhetschef")
    assert not any(s.standing(timezone.localdate()).vacant for s in seats)


def test_the_samrads_page_feed_and_export_answer(demo, client):
    samrad = CouncilPage.objects.get(slug=ULRICEHAMN)
    response = client.get(samrad.url)
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").main.get_text(" ")
    assert "Gulli Håkansson" in text and "Wiktor Öberg (Moderaterna)" in text
    linked = set(samrad.get_meetings().values_list("slug", flat=True))
    assert linked == set(ULRICEHAMN_MEETINGS)
    feed = client.get(feed_path("council", samrad))
    assert feed.status_code == 200
    read_feed(feed.content, "council")  # both parsers accept it
    popolo = client.get(samrad.url + "popolo/").json()
    assert len(popolo["posts"]) == 8 and len(popolo["memberships"]) == 8
    parties = {o["name"] for o in popolo["organizations"] if o.get("classification") == "party"}
    assert parties == {"Moderaterna", "Socialdemokraterna"}


def test_uddevallas_steering_group_follows_ok_ide_with_vacant_seats(demo, client):
    group = CouncilPage.objects.get(slug=UDDEVALLA)
    assert group.kind == "steering_group" and group.agreement.slug == "ok-ide"
    standings = group.seat_list()
    assert [s.vacant for s in standings] == [False, True, True]
    html = client.get(group.url).content.decode()
    assert "Theresia Diago Bengtsson" in html and "civil-seat-vacant" in html
    # The agreement's own steering group field is still there, for a short list of names.
    assert group.agreement.steering_group is not None


def test_loading_again_changes_no_council(demo, load):
    before = (
        CouncilPage.objects.count(),
        CouncilSeat.objects.count(),
        CouncilSeatHolder.objects.count(),
    )
    meeting = MeetingPage.objects.get(slug=ULRICEHAMN_MEETINGS[0])
    result = load()
    assert (
        CouncilPage.objects.count(),
        CouncilSeat.objects.count(),
        CouncilSeatHolder.objects.count(),
    ) == before
    assert MeetingPage.objects.get(pk=meeting.pk).council.slug == ULRICEHAMN
    assert result.tally.unchanged.get("council") == 2
