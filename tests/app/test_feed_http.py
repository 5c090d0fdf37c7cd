"""The feeds over HTTP: addresses, status codes and the headers that make polling cheap.

Calendar programs poll every few hours for years; a 500 or a wrong 304 is a calendar that stops
updating without anyone noticing, so the error paths are tested as carefully as the happy one.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client, RequestFactory
from django.utils.http import http_date, parse_http_date
from wagtail.models import PageViewRestriction

from wagtail_civil.feed_urls import feed_path, feed_urls
from wagtail_civil.models import AgreementPage, FeedStamp, MeetingPage

# --- addresses -----------------------------------------------------------------------------------


def test_feed_paths_are_short_stable_and_by_primary_key(civil_site, make_organisation):
    organisation = make_organisation("Röda Korset")
    assert feed_path("all") == "/calendar/all.ics"
    assert feed_path("index", civil_site.meeting_index) == (
        f"/calendar/meetings/{civil_site.meeting_index.pk}.ics"
    )
    assert feed_path("organisation", organisation) == (
        f"/calendar/organisations/{organisation.pk}.ics"
    )


def test_feed_path_is_none_where_there_is_no_feed(civil_site, make_organisation):
    assert feed_path("council") is None
    assert feed_path("agreement") is None
    assert feed_path("organisation", make_organisation("Utkast", live=False)) is None


def test_feed_urls_offer_webcal_and_the_same_address_to_copy():
    plain = feed_urls(RequestFactory().get("/"), "/calendar/all.ics")
    assert plain == {
        "https": "http://testserver/calendar/all.ics",
        "webcal": "webcal://testserver/calendar/all.ics",
    }
    secure = feed_urls(RequestFactory().get("/", secure=True), "/calendar/all.ics")
    assert secure["https"] == "https://testserver/calendar/all.ics"
    assert secure["webcal"] == "webcal://testserver/calendar/all.ics"


@pytest.mark.parametrize("kind", ["all", "index", "agreement", "organisation", "category"])
def test_a_subscription_feed_is_inline_text_calendar(client, feeds, kind):
    response = client.get(feeds[kind])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    assert b"SUMMARY:Dialog" in response.content


def test_a_single_meeting_is_a_download(client, feeds):
    response = client.get(feeds["meeting"])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dialog.ics"'


def test_a_nordic_title_gives_a_whole_ascii_file_name(client, make_meeting):
    meeting = make_meeting("Bærum og Østre Ås: dialogmøte")
    response = client.get(feed_path("meeting", meeting))
    assert response["Content-Disposition"] == (
        'attachment; filename="baerum-og-ostre-as-dialogmote.ics"'
    )


# --- not found -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/x.ics",
        "/calendar/meetings/abc.ics",
        "/calendar/meetings/99999999999999999999.ics",
        "/calendar/meetings/9223372036854775808.ics",
        "/calendar/meetings/0.ics",
        "/calendar/meetings/-1.ics",
        "/calendar/meetings/.ics",
        "/calendar/all.ics/",
        "/calendar/all",
        "/calendar/organisations/teatersallskapet.ics",
    ],
)
def test_garbage_addresses_are_404(client, feeds, path):
    # "/calendar/all" may first be redirected to "/calendar/all/" by APPEND_SLASH.
    assert client.get(path, follow=True).status_code == 404


@pytest.mark.parametrize(
    "prefix", ["meetings", "agreements", "organisations", "categories", "meeting"]
)
def test_unknown_ids_are_404(client, feeds, prefix):
    assert client.get(f"/calendar/{prefix}/987654321.ics").status_code == 404


def test_a_page_of_another_type_is_404(client, civil_site, feeds):
    assert client.get(f"/calendar/meetings/{civil_site.agreement.pk}.ics").status_code == 404
    assert client.get(f"/calendar/agreements/{civil_site.meeting_index.pk}.ics").status_code == 404


def test_draft_unpublished_and_restricted_pages_are_404(client, make_agreement, civil_site):
    draft = make_agreement("Utkast", live=False)
    unpublished = make_agreement("Avpublicerad")
    unpublished.unpublish()
    restricted = make_agreement("Intern")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    for page in (draft, unpublished, restricted):
        assert client.get(f"/calendar/agreements/{page.pk}.ics").status_code == 404
    assert client.get(f"/calendar/agreements/{civil_site.agreement.pk}.ics").status_code == 200


def test_draft_and_unpublished_organisations_are_404(client, make_organisation):
    draft = make_organisation("Utkast", live=False)
    unpublished = make_organisation("Nedlagd")
    unpublished.unpublish()
    for organisation in (draft, unpublished):
        assert client.get(f"/calendar/organisations/{organisation.pk}.ics").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_and_head_are_allowed(feeds, method):
    """405 for every feed and every unsafe method, as docs/feeds.md says, also with Django's
    CSRF check on (the test client skips it unless asked): a read-only feed has no form to
    protect, and a 403 would tell a client its request was refused for a reason it cannot fix."""
    client = Client(enforce_csrf_checks=True)
    for kind, path in feeds.items():
        response = getattr(client, method)(path)
        assert response.status_code == 405, (kind, response.status_code)
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}, kind


def test_head_gives_the_headers_of_get_without_the_body(client, feeds):
    get = client.get(feeds["all"])
    head = client.head(feeds["all"])
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]


# --- caching -------------------------------------------------------------------------------------


def test_cache_control_is_public_for_the_configured_time(client, feeds, settings):
    assert client.get(feeds["all"])["Cache-Control"] == (
        "public, max-age=900, stale-while-revalidate=86400, stale-if-error=604800"
    )
    settings.WAGTAIL_CIVIL_FEED_MAX_AGE = 60
    assert client.get(feeds["all"])["Cache-Control"].startswith("public, max-age=60, ")


KINDS = ["all", "index", "agreement", "organisation", "category", "meeting"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_matching_etag_gets_304_without_a_body(client, feeds, kind):
    first = client.get(feeds[kind])
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")  # strong
    assert client.get(feeds[kind])["ETag"] == etag  # same content, same tag
    again = client.get(feeds[kind], headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]
    stale = client.get(feeds[kind], headers={"if-none-match": '"something-else"'})
    assert stale.status_code == 200


def test_a_change_changes_the_etag(client, feeds, make_meeting):
    before = client.get(feeds["all"])["ETag"]
    make_meeting("Nytt möte")
    response = client.get(feeds["all"], headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before


def test_the_etag_differs_between_languages(client, feeds):
    swedish = client.get(feeds["all"], headers={"accept-language": "sv"})
    norwegian = client.get(feeds["all"], headers={"accept-language": "nb"})
    assert "Accept-Language" in swedish["Vary"]
    assert swedish["ETag"] != norwegian["ETag"]


def test_last_modified_is_when_the_feed_last_changed(client, feeds):
    meeting = MeetingPage.objects.get(title="Dialog")
    stamp = parse_http_date(client.get(feeds["all"])["Last-Modified"])
    assert int(meeting.last_published_at.timestamp()) <= stamp <= time.time()


def test_if_modified_since_gets_304_until_something_changes(client, feeds):
    last_modified = client.get(feeds["all"])["Last-Modified"]
    unchanged = client.get(feeds["all"], headers={"if-modified-since": last_modified})
    assert unchanged.status_code == 304
    earlier = http_date(parse_http_date(last_modified) - 3600)
    assert client.get(feeds["all"], headers={"if-modified-since": earlier}).status_code == 200


def test_removing_a_meeting_moves_last_modified(client, feeds, make_meeting):
    """Unpublishing leaves every remaining meeting's ``last_published_at`` as it was; a client
    that only sends If-Modified-Since must still learn that the meeting is gone."""
    leaving = make_meeting("Tas bort")
    two_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    MeetingPage.objects.update(last_published_at=two_days_ago, first_published_at=two_days_ago)
    AgreementPage.objects.update(last_published_at=two_days_ago)
    FeedStamp.objects.update(changed_at=two_days_ago)
    before = client.get(feeds["all"])
    assert b"SUMMARY:Tas bort" in before.content

    leaving.unpublish()
    after = client.get(feeds["all"], headers={"if-modified-since": before["Last-Modified"]})
    assert after.status_code == 200
    assert b"SUMMARY:Tas bort" not in after.content
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
