"""The base class of every calendar feed, and the registry the URLs, blocks and tags read.

``Last-Modified`` is the latest change anywhere (the change stamp), the object's own publishing
and the local midnight the window last moved: the meetings' own timestamps alone would not move
when a meeting is *removed* from a feed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from anyascii import anyascii
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from civilsamhalle import __version__
from civilsamhalle.calendar import FeedInfo

from .. import (
    conf,
    converters,  # noqa: F401  (registers <civil_pk:…> for the routes)
)
from ..apps import civil_model
from ..feed_words import feed_labels
from ..http import calendar_response, feed_headers, strong_etag
from ..languages import feed_locale, in_site, page_language
from ..sites import absolute_url, site_name
from . import stamp as feed_stamp
from . import versions
from .cache import cache_get, cache_set
from .render import render_feed

__all__ = ["FEEDS", "MeetingFeed", "feed_urlpatterns", "register_feed"]


class MeetingFeed:
    """A calendar feed of meetings. Override the hooks; ``__call__`` serves it over HTTP.

    An instance is the view (:meth:`urlpattern` routes one), shared by every request, so hooks
    get what they need as arguments (the request, the object) and keep nothing on ``self``.
    """

    kind: ClassVar[str] = ""  # the key in FEEDS and in feed_path(kind, obj)
    route: ClassVar[str] = ""  # the path pattern, e.g. "calendar/agreements/<civil_pk:pk>.ics"
    namespace: ClassVar[str | None] = "wagtail_civil"  # where url_name is reversed
    url_attribute: ClassVar[str | None] = "pk"  # what of the object goes into the URL as "pk"
    label: ClassVar[Any] = None  # offered by the subscribe block when set
    # The calendar's description, with %(title)s and %(site)s (see words()); none when None.
    description_text: ClassVar[Any] = None
    object_model: ClassVar[str | None] = None  # what the feed is of: an app model's name
    # The MeetingPageQuerySet method that narrows the site's meetings to the object's.
    narrow_by: ClassVar[str | None] = None
    block_field: ClassVar[str | None] = None  # the subscribe block's chooser for the object
    filter_field: ClassVar[str | None] = None  # the meeting list's filter that matches this feed
    windowed: ClassVar[bool] = True  # only meetings since feed_past_days() ago
    attachment: ClassVar[bool] = False  # sent for download rather than inline
    csrf_exempt: ClassVar[bool] = True  # read only, no form: a POST gets 405, not CSRF's 403

    @classmethod
    def url_name(cls) -> str:
        return f"feed_{cls.kind}"

    @classmethod
    def path_for(cls, obj: Any = None) -> str | None:
        """The feed's path for ``obj``, or ``None`` where there is no feed to link to.

        ``None`` for a missing or unsaved object, one that is not published (its feed answers
        404), or a site without the feed's URL. A view restriction is not checked here: that costs
        a query per call, and the page showing the link is itself restricted.
        """
        kwargs: dict[str, Any] = {}
        if cls.url_attribute is not None:
            value = getattr(obj, cls.url_attribute, None) if obj is not None else None
            if value is None or getattr(obj, "live", True) is False:
                return None
            kwargs["pk"] = value
        name = f"{cls.namespace}:{cls.url_name()}" if cls.namespace else cls.url_name()
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            return None

    @classmethod
    def urlpattern(cls) -> URLPattern:
        return path(cls.route, cls(), name=cls.url_name())

    # --- hooks -----------------------------------------------------------------------------------

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        """What the feed is of: the published ``object_model`` numbered ``pk``, else 404."""
        if self.object_model is None:
            return None
        model = civil_model(self.object_model)
        if issubclass(model, Page):
            return self.public_page(self.object_model, request, kwargs["pk"])
        published = {"live": True} if hasattr(model, "live") else {}
        return self.live_object(self.object_model, request, pk=kwargs["pk"], **published)

    def meetings(self, obj: Any, request: HttpRequest) -> Iterable[Any]:
        """The meeting pages before the window: the request's site's, narrowed by ``narrow_by``."""
        meetings = self.site_meetings(request)
        return getattr(meetings, self.narrow_by)(obj) if self.narrow_by else meetings

    def title(self, obj: Any) -> str:
        """What the feed is of, in words, for :meth:`name` and :meth:`description`."""
        return obj.title

    def name(self, obj: Any, request: HttpRequest) -> str:
        # Translators: a calendar's name: an agreement, organisation or category, then the site
        return _("Meetings: %(title)s – %(site)s") % self.words(obj, request)

    def description(self, obj: Any, request: HttpRequest) -> str:
        if self.description_text is None:
            return ""
        return str(self.description_text) % self.words(obj, request)

    def link(self, obj: Any, request: HttpRequest) -> str | None:
        """The page the feed belongs to (the calendar's ``URL``)."""
        return absolute_url(obj, request)

    def filename(self, obj: Any) -> str:
        """Slugified into the ``.ics`` file name; ``calendar`` when it slugifies to nothing."""
        return obj.slug

    def changed_at(self, obj: Any) -> dt.datetime | None:
        """When the object itself last changed, for ``Last-Modified``."""
        return getattr(obj, "last_published_at", None)

    def locale(self, obj: Any, request: HttpRequest) -> Any:
        """Whose meetings the feed holds, with i18n on: the object's locale, else the request's
        language's (:func:`..languages.feed_locale`); ``None`` for every meeting."""
        return feed_locale(obj, request, self.site(request))

    def language(self, obj: Any, request: HttpRequest) -> str:
        """The language of the feed's words: its locale's, else the request's."""
        locale = self.locale(obj, request)
        return (
            (page_language(locale) if locale is not None else None)
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )

    def now(self) -> dt.datetime:
        return timezone.now()

    def render(self, items: Any, info: FeedInfo, request: HttpRequest) -> bytes:
        """The bytes of ``items`` (what :meth:`meetings` gave, windowed): meeting pages by
        default; a feed of something else renders its own."""
        return render_feed(items, info, request)

    # --- what every feed shares ------------------------------------------------------------------

    def site(self, request: HttpRequest) -> Site:
        site = Site.find_for_request(request)  # cached on the request by Wagtail
        if site is None:
            raise Http404
        return site

    def site_meetings(self, request: HttpRequest) -> Any:
        """Published, public meetings of the site (the restriction check covers every ancestor)."""
        meetings = civil_model("MeetingPage").objects.all()
        return in_site(meetings, self.site(request)).for_feed()

    def public_page(self, name: str, request: HttpRequest, pk: int) -> Any:
        """A live, public page of the site by primary key, else 404 that says nothing of why."""
        pages = civil_model(name).objects.live().public()
        found = in_site(pages, self.site(request), inclusive=True)
        page = found.filter(pk=pk).first()
        if page is None:
            raise Http404
        return page

    def live_object(self, name: str, request: HttpRequest, **lookup: Any) -> Any:
        """A model's object (not a page) by ``lookup``, else 404; needs a site like every feed."""
        self.site(request)
        found = civil_model(name).objects.filter(**lookup).first()
        if found is None:
            raise Http404
        return found

    def words(self, obj: Any, request: HttpRequest) -> dict[str, str]:
        """``%(title)s`` and ``%(site)s`` for the calendar's name and description."""
        return {"title": self.title(obj), "site": site_name(self.site(request))}

    def day_start(self) -> dt.datetime:
        """Local midnight today: the moment the time window last moved."""
        local = timezone.localtime(self.now(), ZoneInfo(conf.time_zone()))
        return local.replace(hour=0, minute=0, second=0, microsecond=0)

    def window(self, meetings: Any, day_start: dt.datetime) -> Any:
        """Upcoming meetings and those of the last ``feed_past_days()``, from midnight, so the
        content (and its ETag) stays the same all day."""
        since = day_start - dt.timedelta(days=conf.feed_past_days())
        return meetings.visible(day_start).filter(end__gte=since)

    def info(self, obj: Any, request: HttpRequest) -> FeedInfo:
        """What the feed says about itself (its name, language, UID domain, zone)."""
        return FeedInfo(
            name=self.name(obj, request),
            description=self.description(obj, request),
            url=self.link(obj, request),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            refresh_interval=conf.feed_refresh_interval(),
            uid_domain=conf.uid_domain(),
            timezone=conf.time_zone(),
        )

    def __init__(self) -> None:
        self._view = require_safe(self.serve)

    def __call__(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """GET and HEAD only; anything else is 405 with ``Allow: GET, HEAD`` (docs/feeds.md)."""
        return self._view(request, **kwargs)

    def serve(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The feed with caching headers, or a 304 before anything is built
        (:func:`..http.calendar_response`)."""
        stamp = feed_stamp.current()
        day_start = self.day_start()
        identity = versions.identity(
            self, request, stamp.token, day_start, self.version_parts(request)
        )
        made: list[Any] = []  # the object and FeedInfo, once looked up

        def obj_and_info() -> tuple[Any, FeedInfo]:
            if not made:
                versions.remember_site(request, stamp.token)
                obj = self.get_object(request, **kwargs)
                with translation.override(self.language(obj, request)):
                    made.extend((obj, self.info(obj, request)))
            return made[0], made[1]

        version = versions.known(identity)
        if version is None:
            obj, info = obj_and_info()
            key = self.version(obj, request, info, day_start, stamp.token)
            changed = (self.changed_at(obj), day_start, stamp.changed_at)
            version = versions.Version(
                key=key,
                headers=feed_headers(
                    etag=strong_etag(key.encode()),
                    last_modified=max((c for c in changed if c is not None), default=None),
                    # ASCII, transliterated as Wagtail's admin does: "Bærum" gives baerum.ics.
                    filename=f"{slugify(anyascii(self.filename(obj))) or 'calendar'}.ics",
                    attachment=self.attachment,
                ),
            )
            versions.remember(identity, version)
        return calendar_response(
            request,
            lambda: self.body(version.key, day_start, obj_and_info, request),
            version.headers,
        )

    def version(
        self, obj: Any, request: HttpRequest, info: FeedInfo, day_start: dt.datetime, token: str
    ) -> str:
        """The feed's version key: whatever its bytes are made from, hashed.

        Equal keys give equal bytes, so the key is both the strong ETag and the cache key. It
        holds the change stamp (every write that can change a feed moves it), the window's day,
        the feed's own words and settings, the host and query the request came with, and the
        package's version. A feed whose content depends on anything else adds it in
        :meth:`version_parts`.
        """
        parts = (
            __version__,
            type(self).__module__,
            type(self).__qualname__,
            type(obj).__name__,
            getattr(obj, "pk", None),
            info,
            feed_labels(info.language),
            request.scheme,
            request.get_host(),
            sorted(request.GET.lists()),
            day_start.isoformat() if self.windowed else "",
            conf.feed_past_days(),
            conf.cancelled_visible_for(),
            token,
            self.version_parts(request),
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def version_parts(self, request: HttpRequest) -> tuple[Any, ...]:
        """More of what this feed's bytes depend on, for :meth:`version` (none by default).

        Called on every request, a 304 included, so it must be cheap: a setting, a header.
        What the database holds is covered by the change stamp already.
        """
        return ()

    def body(
        self,
        key: str,
        day_start: dt.datetime,
        obj_and_info: Callable[[], tuple[Any, FeedInfo]],
        request: HttpRequest,
    ) -> bytes:
        """The feed's bytes: from this process's memory or the cache when this version was built
        before, else built."""
        remembered = versions.known_body(key)
        if remembered is not None:
            return remembered
        cache_key = f"wagtail_civil:feed:{key}"
        cached = cache_get(cache_key)
        if isinstance(cached, bytes):
            versions.remember_body(key, cached)
            return cached
        obj, info = obj_and_info()
        pages = self.meetings(obj, request)
        locale = self.locale(obj, request)
        if locale is not None and hasattr(pages, "filter"):
            # Translations share a UID: one locale's meetings, or an event shows twice.
            pages = pages.filter(locale=locale)
        if self.windowed:
            pages = self.window(pages, day_start)
        with translation.override(info.language):
            data = self.render(pages, info, request)
        cache_set(cache_key, data)
        versions.remember_body(key, data)
        return data


# --- the registry --------------------------------------------------------------------------------

FEEDS: dict[str, type[MeetingFeed]] = {}


def register_feed(feed: type[MeetingFeed]) -> type[MeetingFeed]:
    """Serve ``feed`` under its ``kind``, replacing a registered feed of the same kind.

    Usable as a class decorator. Register before the URLs are first read (in ``AppConfig.ready``):
    ``wagtail_civil.urls`` serves what is registered then.
    """
    FEEDS[feed.kind] = feed
    return feed


def feed_urlpatterns() -> list[URLPattern]:
    """One URL pattern per registered feed that has a ``route``."""
    return [feed.urlpattern() for feed in FEEDS.values() if feed.route]
