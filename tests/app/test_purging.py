"""Front-end cache purging: each change an editor makes sends exactly the PURGE requests for the
feeds and pages that show what changed, through Wagtail's HTTP backend, to a recording server.

Every change goes through the code path the admin uses (a revision published, a page unpublished,
deleted or moved, a snippet published) and the commit's callbacks are run, as after a request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page, Site

from tests.app.i18n import *  # noqa: F403 (the fixtures i18n_on, two_languages)
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import MeetingAttendance, MeetingHost, MeetingIndexPage

from .conftest import publish

try:
    from wagtail.actions.delete import DeleteAction
except ImportError:  # Wagtail 7.0: the admin's delete view logs and deletes by itself
    DeleteAction = None


def delete_snippet(obj: Any) -> None:
    """Delete an organisation or category as the admin's delete view does."""
    if DeleteAction is not None:
        DeleteAction(obj).execute(skip_permission_checks=True)
        return
    from wagtail.log_actions import log

    with transaction.atomic():
        log(instance=obj, action="wagtail.delete")
        obj.delete()


HOST = "testserver"  # the test site's host, port 80


class _Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.received.append((self.command, self.path, self.headers["Host"]))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class PurgeServer:
    """A purge-recording HTTP server on 127.0.0.1, and the settings that send purges to it."""

    server: ThreadingHTTPServer
    received: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def location(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, status: int) -> None:
        self.server.status = status


@pytest.fixture
def purge_server() -> Iterator[PurgeServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    recorder = PurgeServer(server)
    server.received = recorder.received
    server.status = 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield recorder
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def purging(
    purge_server: PurgeServer, django_capture_on_commit_callbacks: Any
) -> Callable[..., Any]:
    """``with purging() as sent:`` makes a change with the Varnish backend configured and the
    commit's callbacks run; ``sent`` is then the PURGE requests, as (path, Host) pairs, in
    order of path. Content made before the block sends nothing (no backend yet)."""

    @contextmanager
    def record(location: str | None = None, **settings: Any) -> Iterator[list[tuple[str, str]]]:
        backend = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location or purge_server.location,
        }
        sent: list[tuple[str, str]] = []
        with override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}, **settings):
            with django_capture_on_commit_callbacks(execute=True):
                yield sent
        assert all(method == "PURGE" for method, _path, _host in purge_server.received)
        sent += sorted((path, host) for _method, path, host in purge_server.received)
        purge_server.received.clear()

    return record


def on(host: str, *paths: str | None) -> list[tuple[str, str]]:
    assert None not in paths
    return [(path, host) for path in paths]


@pytest.fixture
def world(civil_site, make_category, make_organisation, make_meeting) -> Any:
    """A meeting under the site's agreement, hosted by an organisation in the culture category,
    tagged with the pensioners' category, attended by a study association; what it shows."""
    culture, pensioners = make_category("Kultur", slug="kultur"), make_category("Pension")
    theatre = make_organisation("Teatern", slug="teatern", categories=[culture])
    study = make_organisation("Studieförbundet", slug="studie")
    meeting = make_meeting(
        "Dialog", slug="dialog", hosts=[theatre], categories=[pensioners],
        agreement=civil_site.agreement,
    )  # fmt: skip
    meeting.attending_organisations = [MeetingAttendance(organisation=study)]
    meeting = publish(meeting)
    w = SimpleNamespace(
        meeting=meeting, theatre=theatre, study=study, culture=culture, pensioners=pensioners,
        index=civil_site.meeting_index, agreement=civil_site.agreement,
    )  # fmt: skip
    w.feeds = [
        feed_path("all"),
        feed_path("meeting", meeting),
        feed_path("index", w.index),
        feed_path("agreement", w.agreement),
        feed_path("organisation", theatre),
        feed_path("organisation", study),
        feed_path("category", culture),
        feed_path("category", pensioners),
    ]
    w.lists = ["/moten/", "/moten/past/", *downloads("/moten/")]
    w.others = ["/ok-ide/", "/organisationer/teatern/", "/organisationer/studie/"]
    return w


def downloads(meeting_list: str) -> list[str]:
    """A meeting list's month views and download addresses, purged with the list
    (test_downloads_caching.py, test_month_calendar.py)."""
    return [
        f"{meeting_list}month/",
        f"{meeting_list}month/print/",
        f"{meeting_list}download/csv/",
        f"{meeting_list}download/csv/?delimiter=semicolon",
    ]


def meeting_paths(page: str) -> list[str]:
    """A meeting page's addresses: the page and its printed invitation, purged together."""
    return [page, f"{page}print/"]


# The directory and its downloads, purged together.
DIRECTORY = [
    "/organisationer/",
    "/organisationer/download/csv/",
    "/organisationer/download/csv/?delimiter=semicolon",
    "/organisationer/download/popolo/",
]


def expect(*paths: str | None, host: str = HOST) -> list[tuple[str, str]]:
    """The requests for ``paths``, each once, sorted as ``purging`` reports them."""
    return sorted(on(host, *paths))


# --- meetings ------------------------------------------------------------------------------------


def test_publishing_a_meeting_purges_its_feeds_and_the_pages_that_list_it(
    world, purging, purge_server
):
    world.meeting.title = "Dialog om lokaler"
    with purging() as sent:
        publish(world.meeting)
        # Ours wait for the commit (Wagtail's own purge of the page and its printed invitation,
        # its cached paths, does not).
        assert sorted(purge_server.received) == [
            ("PURGE", "/moten/dialog/", HOST),
            ("PURGE", "/moten/dialog/print/", HOST),
        ]
    # The page and its invitation once: Wagtail's own purge, not repeated by ours.
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, "/moten/dialog/", "/moten/dialog/print/"
    )


def test_a_meeting_moved_to_another_agreement_and_host_purges_the_old_ones_too(
    world, purging, make_agreement, make_organisation
):
    new_agreement = make_agreement("Föreningsavtal", slug="avtal")
    new_host = make_organisation("Röda Korset", slug="roda-korset")
    world.meeting.agreement = new_agreement
    world.meeting.host_links = [MeetingHost(organisation=new_host)]
    with purging() as sent:
        publish(world.meeting)
    added = [
        feed_path("agreement", new_agreement),
        feed_path("organisation", new_host),
        "/avtal/",
        "/organisationer/roda-korset/",
    ]
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, *added, *meeting_paths("/moten/dialog/")
    )


def test_unpublishing_a_meeting_purges_what_showed_it(world, purging):
    with purging() as sent:
        world.meeting.unpublish()
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, *meeting_paths("/moten/dialog/")
    )


def test_deleting_a_meeting_purges_what_showed_it(world, purging):
    with purging() as sent:
        DeletePageAction(world.meeting, user=None).execute(skip_permission_checks=True)
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, *meeting_paths("/moten/dialog/")
    )


def test_moving_a_meeting_to_another_list_purges_both_lists_and_both_addresses(
    world, purging, civil_site
):
    other = publish(civil_site.home.add_child(instance=MeetingIndexPage(title="Råd", slug="rad")))
    with purging() as sent:
        MovePageAction(world.meeting, other, pos="last-child").execute(skip_permission_checks=True)
    # Wagtail's page purge does not run on a move: the meeting's old and new addresses are
    # ours. Its redirects app purges the path of the redirect it makes ("/moten/dialog").
    moved = [
        feed_path("index", other),
        "/rad/",
        "/rad/past/",
        *meeting_paths("/moten/dialog/"),
        *meeting_paths("/rad/dialog/"),
    ]
    moved += downloads("/rad/")
    assert sent == expect(*world.feeds, *world.lists, *world.others, *moved, "/moten/dialog")


def test_a_change_rolled_back_purges_nothing_and_the_next_one_still_does(world, purging):
    category = [*world.feeds, *world.lists, *world.others, *DIRECTORY]
    with purging() as sent:
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(world.meeting)
            raise RuntimeError
        world.culture.save()
    # "/moten/dialog/" was sent by Wagtail at once, before the rollback; ours only after commit.
    assert sent == expect(*category, *meeting_paths("/moten/dialog/"))


def test_a_draft_saved_without_publishing_purges_nothing(world, purging):
    world.meeting.title = "Ett utkast"
    with purging() as sent:
        world.meeting.save_revision()
    assert sent == []


def test_every_site_that_serves_the_meeting_gets_its_feeds_purged(world, purging, civil_site):
    Site.objects.create(hostname="kommun.example", port=8000, root_page=civil_site.home)
    with purging() as sent:
        publish(world.meeting)
    other = "kommun.example:8000"
    assert sorted(set(sent)) == sent  # each once
    assert set(on(other, *world.feeds)) <= set(sent)
    # Pages have one address each (Wagtail's choice of site); feeds are served on every site.
    assert {host for _path, host in sent} == {HOST, other}
    assert not set(on(other, *world.lists, *world.others)) & set(sent)


def test_a_site_without_the_meeting_gets_only_the_organisations_own_feed(world, purging):
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Grann", slug="grann"))
    Site.objects.create(hostname="grann.example", port=80, root_page=other_home)
    world.theatre.name = "Stadsteatern"
    with purging() as sent:
        publish(world.theatre)
    # An organisation's feed is served on every site; the meeting is in the first site only.
    assert [item for item in sent if item[1] == "grann.example"] == [
        (feed_path("organisation", world.theatre), "grann.example")
    ]


# --- agreements, organisations and categories ----------------------------------------------------


def test_publishing_an_agreement_purges_its_meetings_feeds_and_pages(world, purging):
    world.agreement.title = "ÖK Idé 2026"
    with purging() as sent:
        publish(world.agreement)
    # /ok-ide/ once: Wagtail's. The meeting page names the agreement.
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, *meeting_paths("/moten/dialog/")
    )


def test_publishing_an_organisation_purges_its_feed_its_page_the_directory_and_its_meetings(
    world, purging
):
    world.theatre.name = "Stadsteatern"
    with purging() as sent:
        publish(world.theatre)
    pages = [*world.lists, *world.others, *meeting_paths("/moten/dialog/"), *DIRECTORY]
    assert sent == expect(*world.feeds, *pages)


def test_an_organisation_leaving_a_category_purges_the_old_categorys_feed(
    world, purging, make_category
):
    faith = make_category("Tro", slug="tro")
    world.theatre.categories.set([faith])
    with purging() as sent:
        publish(world.theatre)
    pages = [*world.lists, *world.others, *meeting_paths("/moten/dialog/"), *DIRECTORY]
    assert sent == expect(*world.feeds, feed_path("category", faith), *pages)


def test_unpublishing_and_deleting_an_organisation_purge_what_showed_it(world, purging):
    pages = [*world.lists, *world.others, *meeting_paths("/moten/dialog/"), *DIRECTORY]
    theatre = [feed_path("organisation", world.theatre), feed_path("category", world.culture)]
    with purging() as sent:
        world.theatre.unpublish()
    assert sent == expect(*world.feeds, *pages)
    # Unpublished, the organisation is in no feed: deleting it has nothing left to purge.
    with purging() as sent:
        delete_snippet(world.theatre)
    assert sent == []
    # The meeting no longer shows the theatre, nor so its culture category.
    pages.remove("/organisationer/teatern/")
    with purging() as sent:
        delete_snippet(world.study)
    assert sent == expect(*(set(world.feeds) - set(theatre)), *pages)


def test_saving_and_deleting_a_category_purge_its_feed_and_its_meetings_feeds(world, purging):
    # Organisation pages and the directory show categories; meeting pages do not.
    pages = [*world.lists, *world.others, *DIRECTORY]
    world.culture.name = "Kulturföreningar"
    with purging() as sent:
        world.culture.save()
    assert sent == expect(*world.feeds, *pages)
    with purging() as sent:
        delete_snippet(world.culture)
    assert sent == expect(*world.feeds, *pages)


# --- when nothing is, or cannot be, sent ---------------------------------------------------------


def test_a_purge_server_that_fails_does_not_fail_publishing(world, purging, purge_server, caplog):
    purge_server.answer(500)
    world.meeting.title = "Nytt namn"
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"), purging() as sent:
        publish(world.meeting)
    assert sent == expect(
        *world.feeds, *world.lists, *world.others, *meeting_paths("/moten/dialog/")
    )  # all tried
    assert "HTTPError: 500" in caplog.text
    assert world.meeting.__class__.objects.get(pk=world.meeting.pk).title == "Nytt namn"


def test_a_purge_server_that_is_down_does_not_fail_publishing(world, purging, caplog):
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    location = f"http://127.0.0.1:{closed.server_address[1]}"
    closed.server_close()  # nothing listens there now
    world.theatre.name = "Stadsteatern"
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"), purging(location):
        publish(world.theatre)
    assert "URLError" in caplog.text
    assert world.theatre.__class__.objects.get(pk=world.theatre.pk).live


def test_a_site_can_switch_feed_purging_off(world, purging):
    with purging(WAGTAIL_CIVIL_PURGE_FEEDS=False) as sent:
        publish(world.meeting)
        publish(world.theatre)
    assert sent == expect(*meeting_paths("/moten/dialog/"))  # Wagtail's own, for the page


def test_nothing_is_sent_without_wagtails_frontend_cache_app(world, purging, monkeypatch):
    from django.apps import apps

    # As if not in INSTALLED_APPS (the registry cannot be repopulated mid-run).
    monkeypatch.delitem(apps.app_configs, "wagtailfrontendcache")
    with purging() as sent:
        publish(world.theatre)
        world.culture.save()
        world.meeting.unpublish()
    # Only the purge of Wagtail's own page handler, which stays connected once the app was ready.
    assert sent == expect(*meeting_paths("/moten/dialog/"))


# --- several languages ---------------------------------------------------------------------------


def test_a_translated_meeting_purges_the_feeds_at_its_languages_addresses(
    world, purging, two_languages
):
    """An English meeting is in the /en/ feeds, never in the Swedish ones: a change to it purges
    /en/calendar/all.ics and the English list's feed, and leaves /calendar/all.ics alone."""
    english_index = two_languages.translate(world.index, title="Meetings", slug="meetings")
    english = two_languages.translate(world.meeting, title="Dialogue", slug="dialogue")
    english.title = "Dialogue on premises"
    with purging() as sent:
        publish(english)
    purged = {path for path, _host in sent}
    with translation.override("en"):
        english_feeds = {
            feed_path("all"),
            feed_path("meeting", english),
            feed_path("index", english_index),
            feed_path("organisation", world.theatre),
            feed_path("category", world.pensioners),
        }
    assert all(path.startswith("/en/calendar/") for path in english_feeds)
    assert english_feeds <= purged, sorted(purged)
    assert {"/en/meetings/dialogue/", "/en/meetings/"} <= purged
    assert not {feed_path("all"), feed_path("index", world.index)} & purged


def test_an_organisation_purges_its_feed_in_every_content_language(world, purging, i18n_on):
    """An organisation is not translated: its feed has an address per language, all purged."""
    world.theatre.name = "Stadsteatern"
    with purging() as sent:
        publish(world.theatre)
    purged = {path for path, _host in sent}
    own = feed_path("organisation", world.theatre)
    assert {own, f"/en{own}", f"/nb{own}"} <= purged
