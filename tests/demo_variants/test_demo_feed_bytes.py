"""Every feed of the demo, byte for byte, for a fixed date and clock.

Calendar programs compare what they fetch with what they had: a change in the bytes of a feed
whose meetings did not change (another line order, another header) makes every subscriber
download and re-read it. So refactoring the feed views must leave every feed as it was. The
demo is loaded for :data:`DAY` with the clock stopped at :data:`LOADED_AT` (every publishing
timestamp, and so every DTSTAMP and ``Last-Modified``, is that moment), then each feed is fetched
at :data:`FETCHED_AT`; its status, caching headers and the SHA-256 of its body must equal those in
``feed_bytes.json``. The ETag is left out: it is made from the change stamp's random token
(wagtail_civil/feeds/stamp.py), not from the bytes, and is checked to be a strong one.

After a change that is *meant* to change the feeds, write the file again with
``CIVIL_WRITE_FEED_BYTES=1 pytest tests/demo/test_demo_feed_bytes.py`` and review the diff;
``CIVIL_FEED_DUMP_DIR=/some/dir`` also writes every feed's body there, to compare two versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from demo.loader import load_demo
from django.db import transaction
from django.test import Client

from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import (
    AgreementPage,
    MeetingIndexPage,
    MeetingPage,
    Organisation,
    OrganisationCategory,
)

DAY = dt.date(2026, 3, 10)
LOADED_AT = dt.datetime(2026, 3, 10, 6, 30, tzinfo=dt.UTC)  # after local midnight
FETCHED_AT = dt.datetime(2026, 3, 10, 11, 15, tzinfo=dt.UTC)
EXPECTED = Path(__file__).with_name("feed_bytes.json")
HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Disposition",
    "Last-Modified",
    "Cache-Control",
)


@pytest.fixture(scope="module")
def fixed_demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded for ``DAY`` at ``LOADED_AT``, rolled back when the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with mock.patch("django.utils.timezone.now", return_value=LOADED_AT):
                load_demo(DAY)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _feeds() -> dict[str, str | None]:
    """Every feed of every public object, named by kind and slug (primary keys vary by database)."""
    objects = (
        [("all", "all", None)]
        + [("index", p.slug, p) for p in MeetingIndexPage.objects.live().public()]
        + [("agreement", p.slug, p) for p in AgreementPage.objects.live().public()]
        + [("organisation", o.slug, o) for o in Organisation.objects.public()]
        + [("category", c.slug, c) for c in OrganisationCategory.objects.all()]
        + [("meeting", m.slug, m) for m in MeetingPage.objects.for_feed()]
    )
    return {f"{kind}/{slug}": feed_path(kind, obj) for kind, slug, obj in objects}


def _fetch_all() -> dict[str, dict[str, Any]]:
    client = Client()
    found: dict[str, dict[str, Any]] = {}
    with mock.patch("django.utils.timezone.now", return_value=FETCHED_AT):
        for name, path in sorted(_feeds().items()):
            assert path is not None, name
            response = client.get(path)
            if dump := os.environ.get("CIVIL_FEED_DUMP_DIR"):
                Path(dump, name.replace("/", "--") + ".ics").write_bytes(response.content)
            assert re.fullmatch(r'"[0-9a-f]{40}"', response["ETag"]), name
            found[name] = {
                "status": response.status_code,
                "sha256": hashlib.sha256(response.content).hexdigest(),
                **{h: response.get(h) for h in HEADERS},
            }
    return found


def test_every_demo_feed_is_byte_identical_for_a_fixed_clock(fixed_demo, db):
    expected = json.loads(EXPECTED.read_text())  # what was stored, before anything is written
    found = _fetch_all()
    if os.environ.get("CIVIL_WRITE_FEED_BYTES") and found != expected:
        EXPECTED.write_text(json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        pytest.fail(f"{EXPECTED.name} written anew: review the diff, then run without the variable")
    assert len(found) >= 40
    assert sorted(found) == sorted(expected)
    for name in expected:
        assert found[name] == expected[name], name
