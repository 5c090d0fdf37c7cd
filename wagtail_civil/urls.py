"""Non-page URLs of the app: the calendar feeds. Include ahead of Wagtail's own URLs::

    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),

Wagtail's page serving only routes paths made of ``[\\w-]+/`` segments, so it can never answer
``calendar/all.ics``; and the paths carry primary keys, never slugs, so a subscription keeps
working for years while editors rename things. Use :func:`wagtail_civil.feed_urls.feed_path`
rather than reversing these names by hand.
"""

from django.urls import path, register_converter

from . import feeds


class _PrimaryKeyConverter:
    """A positive id as the database can hold it: ``<int:pk>`` would also match
    ``99999999999999999999``, which overflows a 64-bit column and fails as a server error
    instead of a 404. No leading zeros either, so each feed has exactly one address."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(_PrimaryKeyConverter, "civil_pk")

app_name = "wagtail_civil"
urlpatterns = [
    path("calendar/all.ics", feeds.feed_all, name="feed_all"),
    path("calendar/meetings/<civil_pk:pk>.ics", feeds.feed_index, name="feed_index"),
    path("calendar/agreements/<civil_pk:pk>.ics", feeds.feed_agreement, name="feed_agreement"),
    path(
        "calendar/organisations/<civil_pk:pk>.ics",
        feeds.feed_organisation,
        name="feed_organisation",
    ),
    path("calendar/categories/<civil_pk:pk>.ics", feeds.feed_category, name="feed_category"),
    path("calendar/meeting/<civil_pk:pk>.ics", feeds.feed_meeting, name="feed_meeting"),
]
