"""The calendar feeds: one class with named hooks, one short subclass per feed, and a registry.

As with Django's syndication ``Feed``, a feed is a class whose hooks say what differs
(:meth:`MeetingFeed.get_object`, :meth:`~MeetingFeed.meetings`, :meth:`~MeetingFeed.name`, …)
while the base class does what every feed must do alike: only the request's site's published,
public meetings, the time window, the iCalendar bytes through the core, and HTTP with validators
(:mod:`wagtail_civil.http`). A feed class also knows its URL (``route``, ``url_name``,
:meth:`~MeetingFeed.path_for`), so the kind of a feed is described once: the URLs, ``feed_path``,
the subscribe block and the template tags all read :data:`FEEDS`. A site adds or replaces a feed
with :func:`register_feed` (docs/feeds.md, "Your own feed").
"""

from .base import FEEDS, MeetingFeed, feed_urlpatterns, register_feed
from .builtin import (
    AgreementFeed,
    AllMeetingsFeed,
    CategoryFeed,
    MeetingListFeed,
    OrganisationFeed,
    SingleMeetingFeed,
)

__all__ = [
    "FEEDS",
    "AgreementFeed",
    "AllMeetingsFeed",
    "CategoryFeed",
    "MeetingFeed",
    "MeetingListFeed",
    "OrganisationFeed",
    "SingleMeetingFeed",
    "feed_urlpatterns",
    "register_feed",
]
