"""Polling a feed costs almost nothing: a 304 before anything is built, a cached 200, and an
ETag that moves with every change a subscriber could see — and with nothing else.

The ETag is not a hash of the bytes but of the feed's version key (wagtail_civil/feeds/base.py),
so each thing a feed shows is changed here, one at a time, as an editor changes it, and the tag
must move and the body must show the change.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.app.conftest import publish
from wagtail_civil import conf
from wagtail_civil.feeds import MeetingFeed, versions
from wagtail_civil.feeds import base as feed_base
from wagtail_civil.feeds import stamp as feed_stamp
from wagtail_civil.models import FeedStamp, MeetingPage, Organisation, OrganisationCategory


@pytest.fixture
def builds() -> Iterator[mock.Mock]:
    """Counts the feeds actually built (``render_feed`` calls)."""
    with mock.patch.object(feed_base, "render_feed", wraps=feed_base.render_feed) as spy:
        yield spy


def _meeting() -> MeetingPage:
    return MeetingPage.objects.get(title="Dialog")


def _edit_meeting(**fields) -> None:
    meeting = _meeting()
    for name, value in fields.items():
        setattr(meeting, name, value)
    publish(meeting)


def _rename_organisation() -> None:
    organisation = Organisation.objects.get(name="Teatersällskapet")
    organisation.name = "Teatersällskapet Ågesta"
    publish(organisation)


def _rename_category() -> None:
    category = OrganisationCategory.objects.get(name="Kulturföreningar")
    category.name = "Kultur och fritid"
    category.save()


def _tag_meeting(make_category) -> None:
    meeting = _meeting()
    meeting.categories.add(make_category("Studieförbund"))
    publish(meeting)


def _restrict(civil_site) -> None:
    PageViewRestriction.objects.create(page=civil_site.meeting_index, restriction_type="login")


# (what changes, how, a line the new feed has, a line it no longer has)
CHANGES = {
    "title": (lambda **f: _edit_meeting(title="Dialog om fritiden"), b"SUMMARY:Dialog om fritiden"),
    "time": (
        lambda **f: _edit_meeting(
            start=_meeting().start + dt.timedelta(days=1), end=_meeting().end + dt.timedelta(days=1)
        ),
        b"SEQUENCE:1",
    ),
    "place": (lambda **f: _edit_meeting(venue_name="Stadsbiblioteket"), b"Stadsbiblioteket"),
    "status": (lambda **f: _edit_meeting(status="cancelled"), b"STATUS:CANCELLED"),
    "organisation's name": (lambda **f: _rename_organisation(), "Ågesta".encode()),
    "category's name": (lambda **f: _rename_category(), b"Kultur och fritid"),
    "category of the meeting": (lambda **f: _tag_meeting(f["make_category"]), b"Studief"),
    "privacy": (lambda **f: _restrict(f["civil_site"]), None),
}


@pytest.mark.parametrize("what", list(CHANGES))
def test_each_change_a_subscriber_sees_moves_the_etag(
    client, feeds, civil_site, make_category, what
):
    change, shows = CHANGES[what]
    before = client.get(feeds["all"])
    assert b"SUMMARY:Dialog\r\n" in before.content
    change(civil_site=civil_site, make_category=make_category)

    after = client.get(feeds["all"], headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200, what
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content
    if shows is None:  # the meeting left the feed
        assert b"BEGIN:VEVENT" not in after.content
    else:
        assert shows in after.content.replace(b"\r\n ", b"")


def test_the_window_moving_to_the_next_day_moves_the_etag(client, feeds, make_meeting):
    """A meeting that ended just inside the window today is gone tomorrow; nothing was written."""
    today = timezone.localtime(MeetingFeed().now()).replace(hour=0, minute=0, second=0)
    ended = today - dt.timedelta(days=conf.feed_past_days()) + dt.timedelta(hours=2)
    make_meeting("Förra årets stormöte", start=ended - dt.timedelta(hours=2))
    before = client.get(feeds["all"])
    assert "Förra årets".encode() in before.content

    tomorrow = timezone.now() + dt.timedelta(days=1)
    with mock.patch.object(MeetingFeed, "now", return_value=tomorrow):
        after = client.get(feeds["all"], headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Förra årets".encode() not in after.content
    assert b"SUMMARY:Dialog\r\n" in after.content


def test_a_draft_a_lock_or_a_comment_keeps_the_etag(client, feeds, admin_user, builds):
    before = client.get(feeds["all"])
    meeting = _meeting()
    meeting.title = "Ett utkast som ingen ser"
    meeting.save_revision(user=admin_user)
    meeting.locked, meeting.locked_by = True, admin_user
    meeting.save(update_fields=["locked", "locked_by"])
    organisation = Organisation.objects.get(name="Teatersällskapet")
    organisation.name = "Ännu ett utkast"
    organisation.save_revision(user=admin_user)

    again = client.get(feeds["all"], headers={"if-none-match": before["ETag"]})
    assert again.status_code == 304
    assert builds.call_count == 1


@pytest.mark.parametrize(
    "kind", ["all", "index", "agreement", "organisation", "category", "meeting"]
)
def test_a_304_and_a_repeated_200_build_nothing(client, feeds, builds, kind):
    first = client.get(feeds[kind])
    assert first.status_code == 200
    assert builds.call_count == 1
    not_modified = client.get(feeds[kind], headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    since = client.get(feeds[kind], headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    again = client.get(feeds[kind])
    assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
    head = client.head(feeds[kind])
    assert head["Content-Length"] == str(len(first.content))
    assert builds.call_count == 1


def test_a_304_is_one_query(client, feeds):
    """The change stamp; the site and the feed's version are remembered under it."""
    etag = client.get(feeds["all"])["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(feeds["all"], headers={"if-none-match": etag}).status_code == 304
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert "feedstamp" in queries[0]["sql"]


def test_the_stamp_is_read_alike_through_the_driver_and_through_django(feeds):
    """Unwatched, the stamp is read with the driver's own cursor (a third of the query's time
    was Django's wrapping); watched, as by a test counting queries, with Django's, and counted."""
    with mock.patch.object(connection, "cursor", side_effect=AssertionError("Django's cursor")):
        unwatched = feed_stamp.current()
    with CaptureQueriesContext(connection) as queries:
        watched = feed_stamp.current()
    assert unwatched == watched
    assert unwatched.token != "0" and unwatched.changed_at is not None
    assert len(queries) == 1


def test_a_database_error_reading_the_stamp_is_django_s(feeds):
    with pytest.raises(DatabaseError) as raised:
        feed_stamp._fetch(connection, "SELECT token FROM no_such_table")
    assert type(raised.value).__module__ == "django.db.utils"


def _another_server() -> None:
    """Forget what this process remembers and what the cache holds, as a new server would."""
    for version in versions._KNOWN.values():
        caches[conf.feed_cache_alias()].delete(f"wagtail_civil:feed:{version.key}")
    versions.forget()


def test_another_server_with_an_empty_cache_gives_the_same_etag_and_bytes(client, feeds, builds):
    first = client.get(feeds["all"])
    _another_server()
    other = client.get(feeds["all"])
    assert builds.call_count == 2
    assert (other["ETag"], other.content) == (first["ETag"], first.content)
    assert client.get(feeds["all"], headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_remembered_version_whose_bytes_left_the_cache_is_built_again(client, feeds, builds):
    first = client.get(feeds["all"])
    for version in versions._KNOWN.values():
        caches[conf.feed_cache_alias()].delete(f"wagtail_civil:feed:{version.key}")
    versions._BODIES.clear()  # and left this process's memory (past its limit)
    again = client.get(feeds["all"])
    assert builds.call_count == 2
    assert (again["ETag"], again.content) == (first["ETag"], first.content)


def test_a_missing_stamp_row_is_no_error_and_the_next_change_makes_it(client, feeds):
    FeedStamp.objects.all().delete()
    assert client.get(feeds["all"]).status_code == 200
    _edit_meeting(title="Dialog om idrotten")
    assert FeedStamp.objects.count() == 1
    assert b"SUMMARY:Dialog om idrotten" in client.get(feeds["all"]).content


# --- hostile conditional headers -------------------------------------------------------------

HOSTILE = {
    "10 KB of garbage": {"if-none-match": "x" * 10_000},
    "300 tags, none ours": {"if-none-match": ", ".join(f'"{n:040x}"' for n in range(300))},
    "a weak tag": {"if-none-match": 'W/"abc"'},
    "an unterminated tag": {"if-none-match": '"abc'},
    "a date that is no date": {"if-modified-since": "yesterday at noon"},
    "month 13": {"if-modified-since": "Mon, 32 Foo 2026 25:61:61 GMT"},
    "year 99999": {"if-modified-since": "Mon, 01 Jan 99999 00:00:00 GMT"},
    "10 KB date": {"if-modified-since": "9" * 10_000},
    "both garbage": {"if-none-match": "<>", "if-modified-since": "\x00"},
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_conditional_headers_get_the_feed(client, feeds, builds, name):
    response = client.get(feeds["all"], headers=HOSTILE[name])
    assert response.status_code == 200
    assert b"SUMMARY:Dialog\r\n" in response.content


def test_our_tag_among_hundreds_is_found(client, feeds, builds):
    etag = client.get(feeds["all"])["ETag"]
    many = ", ".join([*(f'"{n:040x}"' for n in range(500)), etag])
    assert client.get(feeds["all"], headers={"if-none-match": many}).status_code == 304
    assert client.get(feeds["all"], headers={"if-none-match": "*"}).status_code == 304
    assert builds.call_count == 1


def test_if_match_that_does_not_match_is_412(client, feeds):
    assert client.get(feeds["all"], headers={"if-match": '"nope"'}).status_code == 412


# --- a cache that goes down ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_redis() -> Iterator[tuple[subprocess.Popen, int]]:
    """A Redis server of this test's own (the shared one must not be stopped)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: the cache-down test needs one to stop")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield server, port
    server.kill()
    server.wait()


def test_a_cache_that_goes_down_does_not_take_feeds_down(
    client, feeds, builds, private_redis, settings, caplog
):
    server, port = private_redis
    settings.CACHES = {
        **django_settings.CACHES,
        "feeds": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        },
    }
    settings.WAGTAIL_CIVIL_FEED_CACHE = "feeds"
    first = client.get(feeds["all"])
    assert [caches["feeds"].get(f"wagtail_civil:feed:{v.key}") for v in versions._KNOWN.values()]
    builds.reset_mock()

    server.kill()
    server.wait()
    versions.forget()  # a process that starts while the cache is down
    down = client.get(feeds["all"])
    assert (down.status_code, down.content, down["ETag"]) == (200, first.content, first["ETag"])
    assert builds.call_count == 1
    assert "Feed cache unavailable" in caplog.text
    _edit_meeting(title="Dialog om musiken")
    assert b"SUMMARY:Dialog om musiken" in client.get(feeds["all"]).content


def test_a_failsafe_default_cache_that_goes_down_leaves_pages_and_feeds_up(
    client, feeds, private_redis, settings, caplog
):
    """As deployed (docs/deployment.md): Redis is the default cache, which Wagtail reads for every
    page's address; with Django's own RedisCache a stopped Redis would make those a 500."""
    server, port = private_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "wagtail_civil.failsafe_cache.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    meeting_url = _meeting().url
    first = client.get(feeds["all"])
    assert client.get(meeting_url).status_code == 200
    assert caches["default"].set("probe", 1) is None and caches["default"].get("probe") == 1

    server.kill()
    server.wait()
    assert caches["default"].get("probe") is None  # a miss, not an error
    assert client.get(meeting_url).status_code == 200
    _another_server()
    down = client.get(feeds["all"])
    assert (down.status_code, down.content, down["ETag"]) == (200, first.content, first["ETag"])
    assert "Redis cache unreachable" in caplog.text
    _edit_meeting(title="Dialog om dansen")
    assert b"SUMMARY:Dialog om dansen" in client.get(feeds["all"]).content
