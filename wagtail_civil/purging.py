"""Purge the feeds and listing pages that show a meeting from the site's front-end caches.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a published or unpublished page's own
address. It cannot know that a meeting also appears in up to six kinds of feed and on the pages of
its meeting list, agreement and organisations, nor that an organisation (a snippet) or a category
appears in feeds at all. This module adds those addresses, sends them through the backends the
site configured (HTTP PURGE / Varnish, Cloudflare, CloudFront, Azure) once the change commits,
and leaves the changed page's own address to Wagtail. docs/feeds.md lists what is purged when.

What a change affects is read from the database twice: before (``pre_save``, ``pre_page_move``,
``pre_delete``), so that a meeting moved to another agreement also leaves the old agreement's
feed, and after (the published, unpublished and moved signals).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, signals
from django.utils import translation
from wagtail.coreutils import get_content_languages
from wagtail.models import Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from . import conf
from .apps import civil_model
from .feed_urls import feed_path
from .feeds import FEEDS
from .languages import i18n_enabled, page_language

__all__ = ["connect_signals", "enabled", "urls_to_purge"]

logger = logging.getLogger(__name__)

FRONTEND_CACHE = "wagtail.contrib.frontend_cache"
# What an object showed before a publish, unpublish or move, until the change is done.
_before = Local()


def enabled() -> bool:
    """Whether to purge: ``WAGTAIL_CIVIL_PURGE_FEEDS``, Wagtail's frontend cache app installed
    and a backend configured for it (without one there is nowhere to send a purge)."""
    configured = getattr(settings, "WAGTAILFRONTENDCACHE", None) or getattr(
        settings, "WAGTAILFRONTENDCACHE_LOCATION", None
    )
    return bool(configured) and conf.purge_feeds() and apps.is_installed(FRONTEND_CACHE)


class _Addresses:
    """The full URLs one change affects, with the look-ups many meetings share done once."""

    def __init__(self) -> None:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        # Also the cache object for page URLs: the sites' root paths are read once.
        self.batch = PurgeBatch()
        self._cached: dict[str, list[Any]] = {}

    @property
    def urls(self) -> set[str]:
        return self.batch.urls

    def _once(self, name: str, query: Any) -> list[Any]:
        if name not in self._cached:
            self._cached[name] = list(query())
        return self._cached[name]

    def sites(self) -> list[Site]:
        return self._once("sites", lambda: Site.objects.select_related("root_page"))

    def sites_of(self, page: Any) -> list[Site]:
        """The sites that serve ``page``, so also the feeds that can show it: under a site's
        root page or under one of its translations (an English tree beside the Swedish one)."""
        roots = self._once("roots", Site.get_site_root_paths)
        serving = {root.site_id for root in roots if page.url_path.startswith(root.root_path)}
        return [site for site in self.sites() if site.pk in serving]

    def directories(self) -> list[Any]:
        return self._once(
            "directories", lambda: civil_model("OrganisationIndexPage").objects.live()
        )

    def meeting_lists(self) -> list[Any]:
        # Specific: a site's own list may override get_meetings() to show other lists' meetings.
        lists = civil_model("MeetingIndexPage").objects
        return self._once("lists", lambda: lists.live().specific())

    def feed(self, kind: str, obj: Any, sites: Iterable[Site], language: str | None = None) -> None:
        """A feed's address on each of ``sites`` (none when the site serves no such feed).

        With several languages a feed has an address per language (``/en/calendar/all.ics``),
        each holding that locale's meetings: the one of ``language`` (the changed meeting's), else
        of ``obj``'s own locale, else every content language's (an organisation is in them all).
        """
        sites = list(sites)
        for code in _languages(obj, language):
            with translation.override(code) if code else nullcontext():
                path = feed_path(kind, obj)
            if path is not None:
                self.batch.add_urls(site.root_url + path for site in sites)

    def page(self, page: Any) -> None:
        self.batch.add_page(page)

    def organisation_page(self, organisation: Any) -> None:
        """The organisation's page in every directory (a snippet's page is a directory route)."""
        for directory in self.directories():
            base = directory.get_full_url(self.batch)
            if base is not None:
                slug = {"slug": organisation.slug}
                self.batch.add_url(base + directory.reverse_subpage("organisation", kwargs=slug))

    def meetings(self, meetings: Any, *, own_pages: bool) -> None:
        """Every feed that can show these meetings and the pages that list them."""
        meetings = list(
            meetings.select_related("agreement", "council").prefetch_related(
                "categories",
                Prefetch(
                    "host_links",
                    queryset=civil_model("MeetingHost").objects.select_related("organisation"),
                ),
                "host_links__organisation__categories",
                "attending_organisations__organisation",
            )
        )
        if not meetings:
            return
        pks = [meeting.pk for meeting in meetings]
        lists = [(index, _shown(index, pks)) for index in self.meeting_lists()]
        site_wide = [kind for kind, feed in FEEDS.items() if feed.url_attribute is None]
        for meeting in meetings:
            sites = self.sites_of(meeting)
            language = page_language(meeting) if i18n_enabled() else None
            for kind in site_wide:
                self.feed(kind, None, sites, language)
            self.feed("meeting", meeting, sites)
            if own_pages:
                self.page(meeting)
            for index, shown in lists:
                if meeting.pk in shown:
                    self.feed("index", index, self.sites_of(index))
                    self.page(index)
            agreement = meeting.agreement if meeting.agreement_id else None
            if agreement is not None and agreement.live:
                self.feed("agreement", agreement, self.sites_of(agreement))
                self.page(agreement)
            council = meeting.council if meeting.council_id else None
            if council is not None and council.live:
                self.feed("council", council, self.sites_of(council))
                self.page(council)
            links = [*meeting.host_links.all(), *meeting.attending_organisations.all()]
            categories = list(meeting.categories.all())
            for organisation in {link.organisation for link in links if link.organisation.live}:
                self.feed("organisation", organisation, sites, language)
                self.organisation_page(organisation)
            for link in meeting.host_links.all():
                if link.organisation.live:
                    categories += link.organisation.categories.all()
            for category in set(categories):
                self.feed("category", category, sites, language)


def _languages(obj: Any, language: str | None) -> list[str | None]:
    """The languages whose address of a feed of ``obj`` to purge; ``[None]`` (the address as it
    is) on a site of one language."""
    if not i18n_enabled():
        return [None]
    own = language or (page_language(obj) if obj is not None else None)
    if own is not None:
        return [own]
    return list(get_content_languages()) or [None]


def _shown(index: Any, pks: list[int]) -> set[int]:
    """Which of ``pks`` the meeting list shows (one query, whatever its get_meetings())."""
    shown = index.get_meetings().filter(pk__in=pks).prefetch_related(None)
    return set(shown.values_list("pk", flat=True))


def _public_meetings() -> Any:
    """Meetings that feeds and lists can show: published, public, not aliases."""
    return civil_model("MeetingPage").objects.live().public().filter(alias_of__isnull=True)


def _meeting(found: _Addresses, pk: int, own_page: bool) -> None:
    found.meetings(_public_meetings().filter(pk=pk), own_pages=own_page)


def _agreement(found: _Addresses, pk: int, own_page: bool) -> None:
    agreement = civil_model("AgreementPage").objects.live().public().filter(pk=pk).first()
    if agreement is None:
        return
    found.feed("agreement", agreement, found.sites_of(agreement))
    if own_page:
        found.page(agreement)
    # Meeting pages name the agreement, organisation pages list the agreements signed.
    found.meetings(_public_meetings().filter(agreement=agreement), own_pages=True)
    for signature in agreement.signatures.select_related("organisation"):
        if signature.organisation is not None and signature.organisation.live:
            found.organisation_page(signature.organisation)


def _council(found: _Addresses, pk: int, own_page: bool) -> None:
    council = civil_model("CouncilPage").objects.live().public().filter(pk=pk).first()
    if council is None:
        return
    found.feed("council", council, found.sites_of(council))
    if own_page:
        found.page(council)
    # The council's Popolo export is a route of its page.
    found.batch.add_urls(
        url + council.reverse_subpage("popolo")
        for url in [council.get_full_url(found.batch)]
        if url is not None
    )


def _organisation(found: _Addresses, pk: int, own_page: bool) -> None:
    organisation = civil_model("Organisation").objects.filter(pk=pk, live=True).first()
    if organisation is None:
        return
    found.feed("organisation", organisation, found.sites())  # every site serves it
    found.organisation_page(organisation)
    for directory in found.directories():
        found.page(directory)
    parent = organisation.parent
    if parent is not None and parent.live:  # its page lists its member organisations
        found.organisation_page(parent)
    signed = organisation.signatures.values("page_id")
    for agreement in civil_model("AgreementPage").objects.live().filter(pk__in=signed):
        found.page(agreement)
    # Meetings name their hosts and speakers' organisations, and carry their hosts' categories.
    found.meetings(_public_meetings().for_organisation(organisation), own_pages=True)
    found.meetings(_public_meetings().filter(speakers__organisation=organisation), own_pages=True)


def _category(found: _Addresses, category: Any) -> None:
    found.feed("category", category, found.sites())
    for directory in found.directories():  # its filter offers the categories
        found.page(directory)
    for organisation in category.organisations.filter(live=True):
        found.organisation_page(organisation)
    found.meetings(_public_meetings().for_category(category), own_pages=False)


def urls_to_purge(obj: Any, *, own_page: bool = False) -> set[str]:
    """The full URLs that show ``obj`` (a meeting, agreement, organisation or category) as the
    database holds it now; nothing for an unpublished one. ``own_page`` adds a page's own
    address, which Wagtail purges itself on publish and unpublish but not on a move."""
    found = _Addresses()
    if isinstance(obj, civil_model("OrganisationCategory")):
        _category(found, obj)
        return found.urls
    for name, collect in _COLLECTORS.items():
        if isinstance(obj, civil_model(name)):
            collect(found, obj.pk, own_page)
    return found.urls


_COLLECTORS = {
    "MeetingPage": _meeting,
    "AgreementPage": _agreement,
    "CouncilPage": _council,
    "Organisation": _organisation,
}


# --- sending, once the change is committed -------------------------------------------------------


def _purge(urls: set[str]) -> None:
    """Send through Wagtail's frontend cache; a failing backend is logged, never raised: the
    change is already saved, and the caches expire the copies after their max-age anyway."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(urls))
    except Exception:
        logger.exception("Purging %d URLs from the front-end cache failed", len(urls))


class _Pending:
    """The URLs of one transaction, sent once when it commits (each URL once)."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        _purge(self.urls)


def _queue(urls: set[str]) -> None:
    """Purge ``urls`` after the current transaction commits, or now outside one."""
    if not urls:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _purge(urls)
        return
    pending = getattr(connection, "_wagtail_civil_purge", None)
    # A rolled-back transaction drops its callbacks: then this one is no longer waiting.
    waiting = pending is not None and not pending.sent
    if not waiting or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = connection._wagtail_civil_purge = _Pending()
        transaction.on_commit(pending, robust=True)
    pending.urls.update(urls)


# --- the signals ---------------------------------------------------------------------------------


def _key(instance: Any) -> tuple[str, Any]:
    # A page may come as its specific class or as a plain Page: the key is the same.
    return ("page" if hasattr(instance, "path") else instance._meta.label_lower, instance.pk)


def _remember(instance: Any, urls: set[str]) -> None:
    """Keep what ``instance`` showed until its change is done (a save by code that no publish
    follows leaves its set here, sent with the next publish of the object: a few extra URLs)."""
    if not hasattr(_before, "urls"):
        _before.urls = {}
    _before.urls.setdefault(_key(instance), set()).update(urls)


def _recall(instance: Any) -> set[str]:
    return getattr(_before, "urls", {}).pop(_key(instance), set())


def _own_page(page: Any) -> set[str]:
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(page)
    return batch.urls


def _before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A publish or unpublish saves the whole object over its live version: read that first."""
    if raw or instance.pk is None or kwargs.get("update_fields") is not None or not enabled():
        return
    _remember(instance, urls_to_purge(sender(pk=instance.pk)))  # as saved, not as edited


def _after_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page published or unpublished (also before a delete): Wagtail purges the page itself."""
    before = _recall(instance)
    if _is_tracked_page(sender) and enabled():
        _queue((before | urls_to_purge(instance)) - _own_page(instance))


def _after_snippet_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    before = _recall(instance)
    if enabled():
        _queue(before | urls_to_purge(instance, own_page=True))


def _before_move(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_tracked_page(sender) and enabled():
        _remember(instance, urls_to_purge(instance.specific, own_page=True))


def _after_move(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Wagtail purges nothing on a move: the old and the new addresses both go."""
    before = _recall(instance)
    if _is_tracked_page(sender) and enabled():
        _queue(before | urls_to_purge(instance.specific, own_page=True))


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An organisation or a category about to be deleted (a page is unpublished first)."""
    if enabled():
        _queue(urls_to_purge(instance, own_page=True))


def _category_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and enabled():
        _queue(urls_to_purge(instance))


def _seat_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A council's seat (with its holders) saved or deleted: its page and Popolo export."""
    if raw or not enabled():
        return
    council = civil_model("CouncilPage").objects.filter(pk=instance.council_id).first()
    if council is not None:
        _queue(urls_to_purge(council, own_page=True))


def _is_tracked_page(sender: Any) -> bool:
    pages = (civil_model("MeetingPage"), civil_model("AgreementPage"), civil_model("CouncilPage"))
    return isinstance(sender, type) and issubclass(sender, pages)


def connect_signals() -> None:
    """Connect the handlers (``AppConfig.ready``); each checks :func:`enabled` when it runs."""
    meeting, agreement = civil_model("MeetingPage"), civil_model("AgreementPage")
    organisation, category = civil_model("Organisation"), civil_model("OrganisationCategory")
    council = civil_model("CouncilPage")
    for model in (meeting, agreement, council, organisation):
        signals.pre_save.connect(_before_save, sender=model, dispatch_uid=f"civil-purge-{model}")
    page_published.connect(_after_page_change, dispatch_uid="civil-purge-published")
    page_unpublished.connect(_after_page_change, dispatch_uid="civil-purge-unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="civil-purge-pre-move")
    post_page_move.connect(_after_move, dispatch_uid="civil-purge-post-move")
    published.connect(_after_snippet_change, sender=organisation, dispatch_uid="civil-purge-org")
    unpublished.connect(_after_snippet_change, sender=organisation, dispatch_uid="civil-purge-org")
    for model in (organisation, category):
        signals.pre_delete.connect(_deleted, sender=model, dispatch_uid=f"civil-purge-del-{model}")
    signals.post_save.connect(_category_saved, sender=category, dispatch_uid="civil-purge-cat")
    seat = civil_model("CouncilSeat")
    signals.post_save.connect(_seat_changed, sender=seat, dispatch_uid="civil-purge-seat")
    signals.post_delete.connect(_seat_changed, sender=seat, dispatch_uid="civil-purge-seat-del")
