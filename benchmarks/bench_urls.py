"""URLs of the feed benchmark: the test site's, plus a plain django-ical feed and a constant view.

Only ``benchmarks/feed_requests.py`` uses this (as ``ROOT_URLCONF``); django-ical is installed
for the benchmark alone (the ``bench`` extra).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import strip_tags
from django_ical.views import ICalFeed
from wagtail.models import Site

from tests.urls import urlpatterns as site_urlpatterns
from wagtail_civil.models import MeetingPage

CONSTANT = {"body": b""}  # set by the benchmark to bytes as long as our feed


class PlainMeetingFeed(ICalFeed):
    """What a developer would write in twenty lines: the same live meetings in the same window."""

    product_id = "-//bench//django-ical//SV"
    timezone = "Europe/Stockholm"
    title = "Möten"
    link = "/"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def items(self) -> Any:
        root = Site.find_for_request(self.request).root_page
        since = timezone.localtime().replace(hour=0, minute=0, second=0) - dt.timedelta(days=365)
        meetings = MeetingPage.objects.live().public().descendant_of(root).visible()
        return meetings.filter(alias_of__isnull=True, end__gte=since).order_by("start")

    def item_title(self, item: MeetingPage) -> str:
        return item.title

    def item_description(self, item: MeetingPage) -> str:
        return strip_tags(item.description)

    def item_start_datetime(self, item: MeetingPage) -> dt.datetime:
        return item.start

    def item_end_datetime(self, item: MeetingPage) -> dt.datetime:
        return item.end

    def item_location(self, item: MeetingPage) -> str:
        return item.venue_name

    def item_link(self, item: MeetingPage) -> str:
        return item.get_url(self.request)

    def item_guid(self, item: MeetingPage) -> str:
        return f"{item.uid}@bench.example"


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse(CONSTANT["body"], content_type="text/calendar; charset=utf-8")


# The constant view sits where a site's own view would: after the admin's and the documents'
# URLs, just before the app's feeds, so both resolve past the same patterns (the feeds one
# include more). First in the list, it was resolved sooner than any site could serve it.
# django-ical's feed takes a second either way.
_FEEDS_AT = next(
    i for i, p in enumerate(site_urlpatterns) if getattr(p, "app_name", None) == "wagtail_civil"
)
urlpatterns = [
    path("bench/django-ical.ics", PlainMeetingFeed()),
    *site_urlpatterns[:_FEEDS_AT],
    path("bench/constant.ics", constant),
    *site_urlpatterns[_FEEDS_AT:],
]
