"""The regional calendar (issue 11 part 4): a site follows another by its API address and shows
the other's meetings (with the source's UIDs and links to its pages) and agreements beside its
own; a source that fails or lies keeps its last good copy and disturbs nothing else."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from wagtail_civil.federation.fetch import fetch_all, fetch_site
from wagtail_civil.federation.tasks import fetch_followed_sites
from wagtail_civil.feeds import stamp as feed_stamp
from wagtail_civil.models import FollowedCopy, FollowedItem, FollowedSite, RegionalCalendarPage

from .conftest import next_week_at, publish
from .followed_server import Answer, agreement_item, followed_server, meeting_item


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def source():
    with followed_server() as server:
        start = next_week_at(hour=18, days=3)
        server.answers["meetings"] = Answer(items=[
            meeting_item(1, "Dialogmöte i Ale", _iso(start), _iso(start + dt.timedelta(hours=2)),
                         host=server.host),
            meeting_item(2, "Stormöte i Ale", _iso(start + dt.timedelta(days=1)),
                         _iso(start + dt.timedelta(days=1, hours=2)), host=server.host),
        ])  # fmt: skip
        server.answers["agreements"] = Answer(items=[agreement_item(7, "ÖK Ale", host=server.host)])
        yield server


@pytest.fixture
def followed(db, source):
    return FollowedSite.objects.create(name="Ale kommun", api_url=source.api_url)


@pytest.fixture
def regional(civil_site):
    page = RegionalCalendarPage(title="Regional kalender", slug="regional", live=False)
    civil_site.home.add_child(instance=page)
    return publish(page)


@pytest.fixture
def own(civil_site, make_meeting):
    """This site's public meeting, plus a draft and a private one that must never show."""
    public = make_meeting("Eget dialogmöte", start=next_week_at(days=5))
    make_meeting("Hemligt utkast", start=next_week_at(days=6), live=False)
    private = make_meeting("Privat möte", start=next_week_at(days=6))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return public


def test_the_regional_list_merges_the_followed_sites_meetings_with_its_own(
    client, source, followed, regional, own
):
    outcomes = fetch_site(followed)
    assert [o.result for o in outcomes] == ["changed", "changed"]
    html = client.get(regional.url).content.decode()
    assert "Dialogmöte i Ale" in html and "Stormöte i Ale" in html and "Eget dialogmöte" in html
    assert f'href="http://{source.host}/moten/m1/"' in html  # back to the source's page
    assert "Published by Ale kommun" in html or "Publicerat av Ale kommun" in html
    assert "Hemligt utkast" not in html and "Privat möte" not in html
    # Nothing was copied into this site's pages.
    assert not type(own).objects.filter(title__contains="Ale").exists()


def test_the_regional_feed_keeps_each_sources_uid_and_page(client, source, followed, regional, own):
    fetch_site(followed)
    response = client.get(f"/calendar/regional/{regional.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) >= {"Dialogmöte i Ale", "Stormöte i Ale"}
    assert str(events["Dialogmöte i Ale"]["UID"]) == (
        "00000001-1111-4222-8333-444455556666@127.0.0.1"
    )
    assert str(events["Dialogmöte i Ale"]["URL"]) == f"http://{source.host}/moten/m1/"
    own_events = [e for s, e in events.items() if "Eget dialogmöte" in s]
    assert own_events and str(own_events[0]["UID"]) == f"{own.uid}@test.example.org"
    assert b"Hemligt utkast" not in response.content and b"Privat" not in response.content
    # ?source= narrows the feed as it narrows the page.
    only_ale = client.get(f"/calendar/regional/{regional.pk}.ics?source={followed.pk}")
    assert (
        b"Eget dialogm" not in only_ale.content and b"Dialogm\xc3\xb6te i Ale" in only_ale.content
    )


def test_a_304_keeps_the_copy_and_the_feed_stamp(source, followed):
    fetch_site(followed)
    before = list(FollowedItem.objects.values_list("uid", flat=True).order_by("uid"))
    token = feed_stamp.current().token
    source.requests.clear()
    outcomes = fetch_site(followed)
    assert [o.result for o in outcomes] == ["unchanged", "unchanged"]
    headers = source.requests[0][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 02 Dec 2026 10:00:00 GMT"
    assert list(FollowedItem.objects.values_list("uid", flat=True).order_by("uid")) == before
    assert feed_stamp.current().token == token
    copy = FollowedCopy.objects.get(site=followed, endpoint="meetings")
    assert copy.error == "" and copy.fetched_at is not None


def test_a_changed_source_replaces_its_copy(source, followed):
    fetch_site(followed)
    source.answers["meetings"].items = source.answers["meetings"].items[:1]
    source.answers["meetings"].etag = '"v2"'
    fetch_site(followed)
    assert FollowedItem.objects.filter(endpoint="meetings").count() == 1


def test_every_page_of_a_long_answer_is_fetched(source, followed):
    start = next_week_at(days=2)
    source.answers["meetings"].items = [
        meeting_item(n, f"Möte {n}", _iso(start), _iso(start + dt.timedelta(hours=1)),
                     host=source.host)
        for n in range(1, 151)
    ]  # fmt: skip
    fetch_site(followed)
    assert FollowedItem.objects.filter(endpoint="meetings").count() == 150
    offsets = [p for p, _h in source.requests if "meetings" in p]
    assert len(offsets) == 2 and "offset=100" in offsets[1]


def test_a_source_with_a_lower_page_limit_is_read_in_pages_of_20(source, followed):
    start = next_week_at(days=2)
    items = [meeting_item(n, f"Möte {n}", _iso(start), _iso(start + dt.timedelta(hours=1)),
                          host=source.host) for n in range(1, 46)]  # fmt: skip
    source.answers["meetings"] = Answer(items=items, max_limit=20)
    assert fetch_site(followed)[0].result == "changed"
    assert FollowedItem.objects.filter(endpoint="meetings").count() == 45
    paths = [p for p, _h in source.requests if "meetings" in p]
    assert "limit=100" in paths[0] and all("limit=20" in p for p in paths[1:]) and len(paths) == 4


def _garbage_answers(host: str) -> dict[str, Answer]:
    start = next_week_at(days=4)
    forged = meeting_item(9, "Falskt möte", _iso(start), _iso(start + dt.timedelta(hours=1)),
                          host=host, domain="uddevalla.se")  # fmt: skip
    script = meeting_item(8, "Skript", _iso(start), _iso(start + dt.timedelta(hours=1)), host=host)
    script["meta"]["html_url"] = "javascript:alert(1)"
    return {
        "not JSON": Answer(raw=b"<html>Underhall</html>"),
        "server error": Answer(raw=b'{"error": "x"}', status=500),
        "wrong shape": Answer(raw=b'{"results": []}'),
        "items not objects": Answer(raw=b'{"meta": {"total_count": 1}, "items": [1]}'),
        "another site's UID domain": Answer(items=[forged], etag='"forged"'),
        "a script address": Answer(items=[script], etag='"script"'),
        "too slow": Answer(items=[], delay=2.0, etag='"slow"'),
    }


@pytest.mark.parametrize("case", list(_garbage_answers("h")))
def test_a_bad_answer_is_refused_and_disturbs_nothing(
    client, settings, caplog, case, source, followed, regional, own
):
    settings.WAGTAIL_CIVIL_FEDERATION_TIMEOUT = 0.5
    with followed_server() as other_server:
        other_server.answers = {"meetings": Answer(items=[meeting_item(
            3, "Möte i Lerum", _iso(next_week_at(days=8)), _iso(next_week_at(hour=20, days=8)),
            host=other_server.host)]), "agreements": Answer(items=[])}  # fmt: skip
        other = FollowedSite.objects.create(name="Lerums kommun", api_url=other_server.api_url)
        fetch_all()
        good = set(FollowedItem.objects.values_list("site_id", "uid"))
        token = feed_stamp.current().token
        source.answers["meetings"] = _garbage_answers(source.host)[case]
        with caplog.at_level(logging.WARNING, logger="wagtail_civil.federation.fetch"):
            outcomes = fetch_all()
        assert {(o.site, o.endpoint): o.result for o in outcomes}[("Ale kommun", "meetings")] == (
            "refused"
        )
        assert any("Ale kommun" in r.getMessage() and "refused" in r.getMessage()
                   for r in caplog.records)  # fmt: skip
        # Its last good copy and the other source's copy are as they were.
        assert set(FollowedItem.objects.values_list("site_id", "uid")) == good
        assert feed_stamp.current().token == token
        copy = FollowedCopy.objects.get(site=followed, endpoint="meetings")
        assert copy.error and copy.fetched_at is not None
        assert FollowedCopy.objects.get(site=other, endpoint="meetings").error == ""
        html = client.get(regional.url).content.decode()
        assert "Dialogmöte i Ale" in html and "Möte i Lerum" in html
        assert "Falskt möte" not in html and "javascript:" not in html
        # The page says the copy is old.
        assert "civil-source-stale" in html


def test_a_source_that_is_down_from_the_start_shows_as_not_reached(client, regional, own):
    FollowedSite.objects.create(name="Nere kommun", api_url="http://127.0.0.1:9/api/v2/")
    outcomes = fetch_all()
    assert {o.result for o in outcomes} == {"refused"}
    html = client.get(regional.url).content.decode()
    assert "Nere kommun" in html and "civil-source-stale" in html
    assert "Eget dialogmöte" in html


def test_an_inactive_site_is_neither_fetched_nor_shown(client, source, followed, regional):
    fetch_site(followed)
    FollowedSite.objects.filter(pk=followed.pk).update(active=False)
    source.requests.clear()
    assert fetch_all() == []
    assert source.requests == []
    assert "Dialogmöte i Ale" not in client.get(regional.url).content.decode()


def test_the_source_filter(client, source, followed, regional, own):
    fetch_site(followed)
    only_ale = client.get(regional.url, {"source": followed.pk}).content.decode()
    assert "Dialogmöte i Ale" in only_ale and "Eget dialogmöte" not in only_ale
    only_own = client.get(regional.url, {"source": "own"}).content.decode()
    assert "Dialogmöte i Ale" not in only_own and "Eget dialogmöte" in only_own
    garbage = client.get(regional.url, {"source": "'; DROP TABLE x"})
    assert garbage.status_code == 200
    html = garbage.content.decode()
    assert "civil-field-error" in html and "Dialogmöte i Ale" in html and "Eget dialogmöte" in html


def test_the_agreement_overview_merges_theirs_with_its_own(
    client, source, followed, regional, make_agreement
):
    make_agreement("Vår överenskommelse", signatories=["Föreningen Åsa"], status="in_force")
    make_agreement("Utkast till överenskommelse", live=False)
    fetch_site(followed)
    response = client.get(regional.url + "agreements/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ÖK Ale" in html and "Vår överenskommelse" in html and "Föreningen Åsa" in html
    assert f'href="http://{source.host}/ok-ide/"' in html and "Ale PRO" in html
    assert "Utkast till" not in html
    filtered = client.get(regional.url + "agreements/", {"source": "own"}).content.decode()
    assert "ÖK Ale" not in filtered and "Vår överenskommelse" in filtered


def test_the_list_takes_the_same_queries_for_few_or_many_followed_meetings(
    client, source, followed, regional, django_assert_max_num_queries
):
    start = next_week_at(days=2)

    def serve(count: int) -> None:
        source.answers["meetings"] = Answer(etag=f'"{count}"', items=[
            meeting_item(n, f"Möte {n}", _iso(start), _iso(start + dt.timedelta(hours=1)),
                         host=source.host) for n in range(1, count + 1)])  # fmt: skip
        fetch_site(followed)

    serve(3)
    client.get(regional.url)  # warm the site's caches
    with django_assert_max_num_queries(14):
        assert client.get(regional.url).status_code == 200
    serve(60)
    with django_assert_max_num_queries(14):
        assert "Möte 60" in client.get(regional.url).content.decode()


def test_the_command_and_the_task_fetch(source, followed):
    from io import StringIO

    out = StringIO()
    call_command("fetch_followed_sites", stdout=out)
    assert "Ale kommun meetings: changed" in out.getvalue()
    assert FollowedItem.objects.filter(endpoint="meetings").count() == 2
    result = fetch_followed_sites.enqueue()
    assert result.return_value == {"changed": 0, "unchanged": 2, "refused": 0}


def test_a_followed_site_needs_an_address_without_query(followed):
    from django.core.exceptions import ValidationError

    saved = followed.api_url
    followed.api_url = "https://ale.se/api/v2/?x=1"
    with pytest.raises(ValidationError) as raised:
        followed.full_clean()
    assert "api_url" in raised.value.message_dict
    assert FollowedSite.objects.get(pk=followed.pk).api_url == saved


def test_the_real_apis_answer_is_taken_with_its_uids(client, regional, own, make_agreement):
    """This package's own read API as the source: what it serves (a draft and a private meeting
    planted, which it must leave out) is taken whole, under the UIDs its feed writes."""
    make_agreement("ÖK Idé i A", signatories=["Föreningen Ö"], status="in_force")
    meetings = client.get("/api/v2/meetings/", {"limit": 20})
    agreements = client.get("/api/v2/agreements/", {"limit": 20})
    assert meetings.status_code == agreements.status_code == 200
    with followed_server() as server:
        server.answers["meetings"] = Answer(items=meetings.json()["items"])
        server.answers["agreements"] = Answer(items=agreements.json()["items"])
        site = FollowedSite.objects.create(
            name="Kommun A", api_url=server.api_url, uid_domain="test.example.org"
        )
        assert [o.result for o in fetch_site(site)] == ["changed", "changed"]
    taken = set(FollowedItem.objects.filter(endpoint="meetings").values_list("uid", flat=True))
    assert taken == {f"{own.uid}@test.example.org"}  # not the draft, not the private one
    feed = client.get(f"/calendar/regional/{regional.pk}.ics?source={site.pk}")
    [event] = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["UID"]) == f"{own.uid}@test.example.org"
    assert str(event["URL"]).endswith(own.url)
    overview = client.get(regional.url + "agreements/", {"source": site.pk}).content.decode()
    assert "ÖK Idé i A" in overview and "Föreningen Ö" in overview
