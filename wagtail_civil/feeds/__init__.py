"""The calendar feeds: one class with named hooks, a short subclass per feed, and a registry.

A site adds or replaces a feed with :func:`register_feed` (docs/feeds.md, "Your own feed").
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
from .regional import RegionalFeed
from .volunteer_needs import VolunteerNeedFeed

__all__ = [
    "FEEDS",
    "AgreementFeed",
    "AllMeetingsFeed",
    "CategoryFeed",
    "MeetingFeed",
    "MeetingListFeed",
    "OrganisationFeed",
    "RegionalFeed",
    "SingleMeetingFeed",
    "VolunteerNeedFeed",
    "feed_urlpatterns",
    "register_feed",
]
