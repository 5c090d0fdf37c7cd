"""The regional calendar's feed: a :class:`.MeetingFeed` whose meetings are this site's and the
followed sites' (:mod:`..federation.regional`), rendered by the core's calendar with each
followed meeting under its source's UID, so a calendar subscribed to both the source's feed and
the regional one shows the meeting once, and a move at the source moves it here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilsamhalle.calendar import FeedInfo
from civilsamhalle.calendar.feed import assemble_feed, event_piece

from .. import conf
from ..feed_words import feed_labels
from .base import MeetingFeed, register_feed

__all__ = ["RegionalFeed"]


@register_feed
class RegionalFeed(MeetingFeed):
    """The meetings a ``RegionalCalendarPage`` lists; ``?source=`` narrows it as on the page."""

    kind = "regional"
    route = "calendar/regional/<civil_pk:pk>.ics"
    object_model = "RegionalCalendarPage"
    description_text = gettext_lazy(
        "Meetings of %(site)s and of the sites it follows, listed on “%(title)s”."
    )

    def meetings(self, obj: Any, request: HttpRequest) -> Callable[[dt.datetime], list[Any]]:
        """The regional meetings since a moment: :meth:`window` gives the moment."""
        from ..federation.regional import regional_meetings

        source = obj.source_form(request).chosen()
        return lambda since: regional_meetings(
            request, since=since, source=source, own=obj.include_own
        )

    def window(self, meetings: Any, day_start: dt.datetime) -> list[Any]:
        return meetings(day_start - dt.timedelta(days=conf.feed_past_days()))

    def name(self, obj: Any, request: HttpRequest) -> str:
        # Translators: a calendar's name: a regional calendar page's title and the site's name
        return _("%(title)s – %(site)s") % self.words(obj, request)

    def render(self, items: Any, info: FeedInfo, request: HttpRequest) -> bytes:
        labels = feed_labels(info.language)
        return assemble_feed(info, (event_piece(e.meeting, info, labels, uid=e.uid) for e in items))
