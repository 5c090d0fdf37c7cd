"""The calendar feed of a need list's one-off needs: read by both parsers, a UID per need that
never changes, only published public one-off needs, and the feed class's HTTP manners."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from tests.app.conftest import next_week_at, publish
from tests.app.volunteering import *  # noqa: F403 (the fixtures)
from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path

pytestmark = pytest.mark.django_db


def feed_of(client, index):
    path = feed_path("volunteer_needs", index)
    assert path == f"/calendar/volunteer-needs/{index.pk}.ics"
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return read_feed(response.content, path)


def test_one_off_needs_are_events_and_nothing_private_is(client, need_index, make_need, make_offer):
    dugnad = make_need("Vårdugnad; maling, rydding", description="<p>Ta med hansker &amp; mat</p>")
    full = make_need("Fylt oppdrag", volunteers_needed=1)
    make_offer(full, status="accepted")  # filled: the volunteers still go, so it stays
    make_need("Besøksvenn", timing="ongoing")
    make_need("Utkast", live=False)
    private = make_need("Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    make_need("I fjor", start=next_week_at(days=-400))
    calendar = feed_of(client, need_index)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Vårdugnad; maling, rydding", "Fylt oppdrag"}
    event = events["Vårdugnad; maling, rydding"]
    assert str(event["UID"]) == f"volunteer-need-{dugnad.uid}@test.example.org"
    assert event.decoded("DTSTART") == dugnad.start
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert "Ta med hansker & mat" in str(event["DESCRIPTION"])
    assert "Kari Nordmann" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Jessheim stadion, Jessheim"
    assert str(event["URL"]).endswith(dugnad.url)


def test_the_uid_stays_when_a_need_is_renamed_and_moved(client, need_index, make_need):
    need = make_need()
    [before] = feed_of(client, need_index).walk("VEVENT")
    need.title, need.slug = "Høstdugnad", "hostdugnad"
    need.start += dt.timedelta(days=1)
    need.end += dt.timedelta(days=1)
    publish(need)
    [after] = feed_of(client, need_index).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["SUMMARY"]) == "Høstdugnad"


def test_an_offer_does_not_change_the_feed(client, need_index, make_need, make_offer):
    need = make_need()
    first = client.get(feed_path("volunteer_needs", need_index))
    make_offer(need)
    again = client.get(feed_path("volunteer_needs", need_index),
                       HTTP_IF_NONE_MATCH=first["ETag"])  # fmt: skip
    assert again.status_code == 304


@pytest.mark.parametrize("tail", ["0.ics", "abc.ics", "99999999999999999999.ics"])
def test_bad_ids_are_404(client, need_index, tail):
    assert client.get(f"/calendar/volunteer-needs/{tail}").status_code == 404


def test_a_private_list_has_no_feed(client, need_index):
    path = feed_path("volunteer_needs", need_index)
    PageViewRestriction.objects.create(page=need_index, restriction_type="password", password="x")
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 405


def test_the_feed_costs_the_same_queries_for_two_needs_or_twenty(
    client, need_index, make_need, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(2):
        make_need(f"Oppdrag {i}")
    with CaptureQueriesContext(connection) as captured:
        assert len(feed_of(client, need_index).walk("VEVENT")) == 2
    for i in range(18):
        make_need(f"Flere {i}")
    with django_assert_max_num_queries(len(captured)):
        assert len(feed_of(client, need_index).walk("VEVENT")) == 20
