"""iCalendar feeds of meetings: see :mod:`.feed` for the feed, :mod:`.lines` for its content
lines, :mod:`.timezones` for VTIMEZONE, :mod:`.text` for the words of an event, :mod:`.labels`
for their translations and :mod:`.sequence` for when an update must raise SEQUENCE."""

from .feed import FeedInfo, build_calendar, event_uid, feed_bytes
from .labels import FeedLabels
from .sequence import next_sequence

__all__ = ["FeedInfo", "FeedLabels", "build_calendar", "feed_bytes", "event_uid", "next_sequence"]
