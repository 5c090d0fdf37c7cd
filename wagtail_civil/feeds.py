"""The calendar feeds: views that turn live, public meetings into iCalendar through the core.

A feed URL is polled for years by calendar programs that never log in, so every view answers from
the same rules: the meetings of the request's site (:meth:`Site.find_for_request`), published and
public (:meth:`MeetingPageQuerySet.for_feed`, which also keeps a cancelled meeting for a while),
held within the last ``conf.feed_past_days()`` or still to come. Anything unknown, unpublished or
behind a view restriction is a 404 that says nothing about why.

What a feed holds changes only when something is published, unpublished, moved or deleted, or
when a day passes (the window moves at local midnight, never in between), and ``Last-Modified``
is the latest of those moments: the meetings' own ``last_published_at`` alone would not move when
a meeting is *removed*, and a client that only sends ``If-Modified-Since`` would keep it forever.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from civilsamhalle.calendar import FeedInfo, feed_bytes

from . import conf
from .http import calendar_response
from .labels import feed_labels
from .models import (
    AgreementPage,
    MeetingIndexPage,
    MeetingPage,
    Organisation,
    OrganisationCategory,
    OrganisationIndexPage,
)
from .sites import absolute_url, site_name

__all__ = [
    "feed_agreement",
    "feed_all",
    "feed_category",
    "feed_index",
    "feed_meeting",
    "feed_organisation",
]

logger = logging.getLogger(__name__)

# Logged actions that cannot change what a resident sees (drafts, locks, workflow steps).
_PRIVATE_ACTIONS = (
    "wagtail.edit",
    "wagtail.lock",
    "wagtail.unlock",
    "wagtail.workflow.",
    "wagtail.comments.",
    "wagtail.revert",
    "wagtail.reorder",
)


@dataclass(frozen=True)
class _Feed:
    name: str
    description: str
    url: str | None
    filename: str
    meetings: QuerySet | list  # a list only when not windowed
    changed_at: dt.datetime | None = None
    windowed: bool = True
    attachment: bool = False


# --- the views -----------------------------------------------------------------------------------


def _read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; anything else is 405 with ``Allow: GET, HEAD`` (docs/feeds.md).

    Exempt from CSRF, whose middleware would otherwise answer a POST with 403 before the view
    could say 405: a feed changes nothing and has no form, so there is nothing to forge.
    """
    return csrf_exempt(require_safe(view))


@_read_only
def feed_all(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    name = site_name(site)
    return _serve(
        request,
        _Feed(
            # Translators: the name of the calendar of all meetings, e.g. "Möten: Uddevalla kommun"
            name=_("Meetings: %(site)s") % {"site": name},
            description=_("All public meetings published by %(site)s.") % {"site": name},
            url=absolute_url(site.root_page, request),
            filename=name,
            meetings=_site_meetings(site),
        ),
    )


@_read_only
def feed_index(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site(request)
    page = _public_page(MeetingIndexPage, pk, site)
    words = {"title": page.title, "site": site_name(site)}
    return _serve(
        request,
        _Feed(
            # Translators: a calendar's name: a meeting list's title and the site's name
            name=_("%(title)s – %(site)s") % words,
            description=_("The meetings listed on “%(title)s”, published by %(site)s.") % words,
            url=absolute_url(page, request),
            filename=page.slug,
            meetings=page.get_meetings(),
            changed_at=page.last_published_at,
        ),
    )


@_read_only
def feed_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site(request)
    page = _public_page(AgreementPage, pk, site)
    words = {"title": page.title, "site": site_name(site)}
    return _serve(
        request,
        _Feed(
            # Translators: a calendar's name: an agreement, organisation or category, then the site
            name=_("Meetings: %(title)s – %(site)s") % words,
            description=_("Meetings held under the agreement “%(title)s”, published by %(site)s.")
            % words,
            url=absolute_url(page, request),
            filename=page.slug,
            meetings=_site_meetings(site).for_agreement(page),
            changed_at=page.last_published_at,
        ),
    )


@_read_only
def feed_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site(request)
    organisation = Organisation.objects.filter(pk=pk, live=True).first()
    if organisation is None:
        raise Http404
    words = {"title": organisation.name, "site": site_name(site)}
    return _serve(
        request,
        _Feed(
            name=_("Meetings: %(title)s – %(site)s") % words,
            description=_("Meetings that %(title)s hosts or takes part in, published by %(site)s.")
            % words,
            url=absolute_url(organisation, request),
            filename=organisation.slug,
            meetings=_site_meetings(site).for_organisation(organisation),
            changed_at=organisation.last_published_at,
        ),
    )


@_read_only
def feed_category(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site(request)
    category = OrganisationCategory.objects.filter(pk=pk).first()
    if category is None:
        raise Http404
    words = {"title": category.name, "site": site_name(site)}
    directory = OrganisationIndexPage.find_for_request(request)
    directory_url = absolute_url(directory, request) if directory is not None else None
    return _serve(
        request,
        _Feed(
            name=_("Meetings: %(title)s – %(site)s") % words,
            description=_("Meetings of %(title)s, published by %(site)s.") % words,
            url=f"{directory_url}?{urlencode({'category': category.slug})}"
            if directory_url
            else None,
            filename=category.slug,
            meetings=_site_meetings(site).for_category(category),
        ),
    )


@_read_only
def feed_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting, for "add to calendar". Served as long as the meeting's page is: no window."""
    site = _site(request)
    meetings = list(_site_meetings(site).filter(pk=pk))
    if not meetings:
        raise Http404
    meeting = meetings[0]
    words = {"title": meeting.title, "site": site_name(site)}
    return _serve(
        request,
        _Feed(
            name=_("%(title)s – %(site)s") % words,
            description="",
            url=absolute_url(meeting, request),
            filename=meeting.slug,
            meetings=meetings,
            windowed=False,
            attachment=True,
        ),
    )


# --- what every feed shares ----------------------------------------------------------------------


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _site_meetings(site: Site) -> Any:
    """Published, public meetings of one site (the restriction check covers every ancestor)."""
    return MeetingPage.objects.descendant_of(site.root_page).for_feed()


def _public_page(model: Any, pk: int, site: Site) -> Any:
    page = (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(pk=pk)
        .first()
    )
    if page is None:
        raise Http404
    return page


def _day_start() -> dt.datetime:
    """Local midnight today: the moment the feeds' time window last moved."""
    local = timezone.localtime(timezone.now(), ZoneInfo(conf.time_zone()))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _window(meetings: Any, day_start: dt.datetime) -> Any:
    """Upcoming meetings and those held in the last ``feed_past_days()``, measured from midnight
    so the content (and its ETag) stays the same all day."""
    since = day_start - dt.timedelta(days=conf.feed_past_days())
    return meetings.visible(day_start).filter(end__gte=since)


def _latest_public_change() -> dt.datetime | None:
    """When something that feeds show was last published, unpublished, moved or deleted.

    Global on purpose: a meeting moved from one agreement to another leaves the first feed
    without touching anything that feed still holds. Two indexed lookups, whatever the size.
    """
    private = Q()
    for action in _PRIVATE_ACTIONS:
        private |= Q(action__startswith=action)
    pages = PageLogEntry.objects.exclude(private).order_by("-timestamp")
    models = (
        ModelLogEntry.objects.filter(content_type__app_label="wagtail_civil")
        .exclude(private & ~Q(content_type__model="organisationcategory"))
        .order_by("-timestamp")
    )
    stamps = [qs.values_list("timestamp", flat=True).first() for qs in (pages, models)]
    return max((s for s in stamps if s is not None), default=None)


def _serve(request: HttpRequest, feed: _Feed) -> HttpResponse:
    day_start = _day_start()
    pages = _window(feed.meetings, day_start) if feed.windowed else feed.meetings
    meetings = []
    changed = [feed.changed_at, day_start, _latest_public_change()]
    for page in pages:
        changed.append(page.last_published_at)
        try:
            meetings.append(page.to_domain(request))
        except ValueError:  # pydantic's ValidationError, or an unknown choice value
            # One meeting with data the domain rejects must not take every subscriber's
            # calendar down with it; the editor sees the error when next saving the page.
            logger.warning("Meeting %s left out of a feed: invalid data", page.pk, exc_info=True)
    info = FeedInfo(
        name=feed.name,
        description=feed.description,
        url=feed.url,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        refresh_interval=conf.feed_refresh_interval(),
        uid_domain=conf.uid_domain(),
        timezone=conf.time_zone(),
    )
    body = feed_bytes(meetings, info, feed_labels(info.language))
    return calendar_response(
        request,
        body,
        filename=f"{slugify(feed.filename) or 'calendar'}.ics",
        last_modified=max((c for c in changed if c is not None), default=None),
        attachment=feed.attachment,
    )
