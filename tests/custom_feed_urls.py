"""A site's URLs, for the test of a site's own feed (``tests/app/test_feed_custom.py``).

Nothing here names the feed: ``wagtail_civil.urls`` serves every feed registered when the URLs
are read, as docs/feeds.md ("Your own feed") says.
"""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),
]
