"""The calendar feed of a volunteer need list's one-off needs: a :class:`.MeetingFeed` whose
hooks give needs instead of meetings and render them with :mod:`civilsamhalle.calendar.needs`.

Every published, public one-off need of the list is in it, open or filled (a volunteer who
subscribed still goes), from ``WAGTAIL_CIVIL_FEED_PAST_DAYS`` ago; offers never change it.
"""

from __future__ import annotations

import datetime as dt
from html import unescape as unescape_entities
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from civilsamhalle.calendar import FeedInfo
from civilsamhalle.calendar.needs import NeedEvent, need_feed_bytes

from .. import conf
from ..sites import absolute_url
from .base import MeetingFeed, register_feed

__all__ = ["VolunteerNeedFeed", "need_event"]


@register_feed
class VolunteerNeedFeed(MeetingFeed):
    """The one-off needs listed on a ``VolunteerNeedIndexPage``, by the page's primary key."""

    kind = "volunteer_needs"
    route = "calendar/volunteer-needs/<civil_pk:pk>.ics"
    object_model = "VolunteerNeedIndexPage"
    description_text = gettext_lazy(
        "Tasks with a date that volunteers are wanted for, listed on “%(title)s”, "
        "published by %(site)s."
    )

    def meetings(self, obj: Any, request: HttpRequest) -> Any:
        return obj.get_needs().one_off()

    def window(self, needs: Any, day_start: dt.datetime) -> Any:
        since = day_start - dt.timedelta(days=conf.feed_past_days())
        return needs.filter(end__gte=since)

    def name(self, obj: Any, request: HttpRequest) -> str:
        # Translators: a calendar's name: a volunteer need list's title and the site's name
        return _("Volunteers wanted: %(title)s – %(site)s") % self.words(obj, request)

    def render(self, items: Any, info: FeedInfo, request: HttpRequest) -> bytes:
        events = [need_event(need, request) for need in items.order_by("start", "pk")]
        return need_feed_bytes(events, info)


def _lines(*pairs: tuple[str, str]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in pairs if value.strip())


def need_event(need: Any, request: HttpRequest | None = None) -> NeedEvent:
    """What the feed says of one need: the page's words, as plain text."""
    about = unescape_entities(strip_tags(need.description.replace("</p>", "</p>\n\n"))).strip()
    poster = need.poster
    url = absolute_url(need, request)
    facts = _lines(
        (pgettext("volunteer need", "Posted by"), str(poster or "")),
        (_("Volunteers needed"), str(need.volunteers_needed or "")),
        (_("Skills wanted"), need.skills),
        (_("Accessibility of the task"), need.accessibility),
        (pgettext("volunteer need", "Contact"), ", ".join(
            p for p in (need.contact_name, need.contact_email, need.contact_phone) if p)),
        (_("Offer your help"), url or ""),
    )  # fmt: skip
    return NeedEvent(
        uid=need.uid,
        title=need.title,
        start=need.start,
        end=need.end,
        timezone=conf.time_zone(),
        sequence=need.sequence,
        location=", ".join(part for part in (need.place, need.area) if part.strip()),
        description="\n\n".join(part for part in (about, facts) if part),
        url=url,
        categories=(pgettext("calendar category", "Volunteering"),),
        created=need.first_published_at,
        last_modified=need.last_published_at,
    )
