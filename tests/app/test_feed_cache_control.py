"""The feeds' Cache-Control: what a CDN or reverse proxy in front of the site may do with them.

``stale-while-revalidate`` lets the cache answer at once while it fetches a fresh copy, and
``stale-if-error`` lets it answer with its copy while the site is down (RFC 5861).
"""

from __future__ import annotations

import pytest

KINDS = ["all", "index", "agreement", "organisation", "category", "meeting"]
DEFAULT = "public, max-age=900, stale-while-revalidate=86400, stale-if-error=604800"


@pytest.mark.parametrize("kind", KINDS)
def test_every_feed_may_be_served_stale_while_revalidated_and_on_error(client, feeds, kind):
    response = client.get(feeds[kind])
    assert response.status_code == 200
    assert response["Cache-Control"] == DEFAULT


def test_a_304_carries_the_same_directives_for_the_cache_to_keep_its_copy(client, feeds):
    etag = client.get(feeds["all"])["ETag"]
    not_modified = client.get(feeds["all"], headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"] == DEFAULT


@pytest.mark.parametrize(
    ("revalidate", "if_error", "expected"),
    [
        (3600, 60, "public, max-age=900, stale-while-revalidate=3600, stale-if-error=60"),
        (0, 120, "public, max-age=900, stale-if-error=120"),
        (3600, 0, "public, max-age=900, stale-while-revalidate=3600"),
        (0, 0, "public, max-age=900"),
    ],
)
def test_the_stale_directives_follow_the_settings_and_zero_leaves_one_out(
    client, feeds, settings, revalidate, if_error, expected
):
    settings.WAGTAIL_CIVIL_FEED_STALE_WHILE_REVALIDATE = revalidate
    settings.WAGTAIL_CIVIL_FEED_STALE_IF_ERROR = if_error
    assert client.get(feeds["meeting"])["Cache-Control"] == expected


def test_max_age_and_the_stale_directives_are_set_apart(client, feeds, settings):
    settings.WAGTAIL_CIVIL_FEED_MAX_AGE = 60
    settings.WAGTAIL_CIVIL_FEED_STALE_WHILE_REVALIDATE = 600
    assert client.get(feeds["agreement"])["Cache-Control"] == (
        "public, max-age=60, stale-while-revalidate=600, stale-if-error=604800"
    )
