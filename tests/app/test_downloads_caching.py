"""The downloads are cached as the feeds are: ETag, Last-Modified, Cache-Control, 304, the bytes
kept between requests, a front-end cache purged on publish; and their query counts do not grow
with the register (the downloads themselves: test_downloads.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.app.conftest import next_week_at, publish
from tests.app.downloads import csv_rows
from wagtail_civil import conf
from wagtail_civil.downloads.meetings import MEETING_COLUMNS, meeting_rows
from wagtail_civil.feeds import versions
from wagtail_civil.models import OrganisationIndexPage
from wagtail_civil.purging import urls_to_purge

pytestmark = pytest.mark.django_db

REGISTER = ["download/csv/", "download/csv/?delimiter=semicolon", "download/popolo/"]


def _clear_cache() -> None:
    caches[conf.feed_cache_alias()].clear()


@pytest.fixture
def fresh():
    """Nothing remembered in this process or the cache: the next request builds."""
    versions.forget()
    _clear_cache()
    yield
    versions.forget()


def test_every_download_has_the_feeds_caching_headers_and_answers_304(
    client, civil_site, register, dialogue, fresh
):
    paths = [civil_site.organisation_index.url + path for path in REGISTER]
    paths.append(f"{civil_site.meeting_index.url}download/csv/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        etag, modified = response["ETag"], response["Last-Modified"]
        assert etag.startswith('"') and etag.endswith('"')
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag and again["Cache-Control"] == response["Cache-Control"]
        assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
        assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    etags = {client.get(path)["ETag"] for path in paths}
    assert len(etags) == len(paths)  # comma, semicolon, JSON, meetings: four versions


def test_publishing_changes_the_etag_and_the_bytes_a_draft_does_not(
    client, civil_site, register, fresh
):
    url = f"{civil_site.organisation_index.url}download/csv/"
    before = client.get(url)
    theatre = register["theatre"]
    theatre.name = "Stadsteatern"
    theatre.save_revision()
    draft = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert draft.status_code == 304  # a draft changes nothing a download shows
    publish(theatre)
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Stadsteatern" in {row["name"] for row in csv_rows(after)}


def test_the_bytes_are_kept_for_the_next_reader_and_another_process(
    client, civil_site, register, fresh
):
    url = f"{civil_site.organisation_index.url}download/popolo/"
    first = client.get(url)
    table = register["theatre"]._meta.db_table

    def organisation_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.content == first.content and response["ETag"] == first["ETag"]
        return sum(f'"{table}"' in query["sql"] for query in queries.captured_queries)

    assert organisation_queries() == 0  # this process remembers them
    versions.forget()  # another app server: the shared cache has them
    assert organisation_queries() == 0


def _count(client, url: str) -> int:
    versions.forget()
    _clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_register_downloads_take_the_same_queries_for_5_or_50_organisations(
    client, civil_site, make_organisation, make_category, django_assert_max_num_queries, fresh
):
    culture = make_category("Kultur", slug="kultur")
    church = make_organisation("Kyrkan")

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            make_organisation(
                f"Förening {i}", categories=[culture], parent=church, website="https://example.org"
            )

    add(4, 0)
    urls = [civil_site.organisation_index.url + path for path in REGISTER]
    few = [_count(client, url) for url in urls]
    add(45, 4)
    many = [_count(client, url) for url in urls]
    assert few == many
    for url, queries in zip(urls, many, strict=True):
        versions.forget()
        _clear_cache()
        with django_assert_max_num_queries(queries):
            assert len(client.get(url).content) > 50 * 40


def test_the_meeting_csv_takes_the_same_queries_for_5_or_50_meetings(
    client,
    civil_site,
    make_meeting,
    make_organisation,
    make_agreement,
    django_assert_max_num_queries,
    fresh,
):
    host = make_organisation("Röda Korset")
    agreement = make_agreement("Avtalet")

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            make_meeting(
                f"Möte {i}",
                start=next_week_at(days=i + 1),
                hosts=[host],
                agreement=agreement,
                municipal_hosts="Kulturförvaltningen",
            )

    add(5, 0)
    url = f"{civil_site.meeting_index.url}download/csv/"
    few = _count(client, url)
    add(45, 5)
    many = _count(client, url)
    assert few == many
    versions.forget()
    _clear_cache()
    with django_assert_max_num_queries(many):
        assert len(csv_rows(client.get(url))) == 50


def test_a_304_does_not_build_anything(client, civil_site, register, fresh):
    url = f"{civil_site.organisation_index.url}download/csv/"
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    table = register["theatre"]._meta.db_table
    assert not any(f'"{table}"' in query["sql"] for query in queries.captured_queries)


def test_the_online_link_leaves_the_file_at_midnight_not_before(rf, civil_site, make_meeting):
    """The meeting file is fixed for the day (its ETag with it): a meeting that ended an hour
    ago keeps its link until local midnight, as a feed keeps its window for the day."""
    end = timezone.now() - dt.timedelta(hours=1)
    meeting = make_meeting(
        "Nyss slut",
        start=end - dt.timedelta(hours=1),
        duration=dt.timedelta(hours=1),
        mode="online",
        online_url="https://meet.example/today",
        venue_name="",
    )
    request = rf.get("/moten/download/csv/")
    column = MEETING_COLUMNS.index("online_url")
    midnight_before = end - dt.timedelta(minutes=1)
    assert meeting_rows([meeting], request, midnight_before)[0][column] == (
        "https://meet.example/today"
    )
    midnight_after = end + dt.timedelta(minutes=1)
    assert meeting_rows([meeting], request, midnight_after)[0][column] == ""


# --- front-end caches ----------------------------------------------------------------------------


def test_the_downloads_are_purged_with_their_list_pages(civil_site, register, dialogue):
    directory = "http://testserver/organisationer/"
    urls = urls_to_purge(register["theatre"])
    assert {directory + path for path in REGISTER} <= urls
    meeting_list = "http://testserver/moten/"
    urls = urls_to_purge(dialogue["meeting"])
    assert {meeting_list + path for path in REGISTER[:2]} <= urls
    assert OrganisationIndexPage.objects.get().get_cached_paths() == [
        "/",
        *["/" + p for p in REGISTER],
    ]
