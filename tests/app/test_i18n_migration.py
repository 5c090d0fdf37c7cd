"""Migration 0019 makes liaisons translatable without losing one: existing rows get the default
locale and a translation key each (Wagtail's three steps), and meeting UIDs stay as they were."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)

BEFORE = [("wagtail_civil", "0018_meeting_directions")]
AFTER = [("wagtail_civil", "0019_i18n")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_liaisons_get_the_default_locale_and_their_own_keys():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Locale = old.get_model("wagtailcore", "Locale")
    Liaison = old.get_model("wagtail_civil", "Liaison")
    ContentType = old.get_model("contenttypes", "ContentType")
    OldMeeting = old.get_model("wagtail_civil", "MeetingPage")
    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    Locale.objects.get_or_create(language_code="en")
    names = ["Anna Berg", "Øystein Hågensen", "Åsa Lind"]
    for name in names:
        Liaison.objects.create(name=name, role="Lots", live=True)
    meeting_type = ContentType.objects.get_or_create(
        app_label="wagtail_civil", model="meetingpage"
    )[0]
    start = dt.datetime(2030, 3, 14, 17, tzinfo=dt.UTC)
    uid = uuid.uuid4()
    OldMeeting.objects.create(
        title="Dialog", slug="dialog", path="00019998", depth=2, numchild=0,
        content_type=meeting_type, locale=swedish, uid=uid, start=start,
        end=start + dt.timedelta(hours=2), draft_title="Dialog", url_path="/dialog/",
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    try:
        new = executor.loader.project_state(AFTER).apps
        rows = list(new.get_model("wagtail_civil", "Liaison").objects.order_by("name"))
        assert [r.name for r in rows] == sorted(names)
        assert {r.locale_id for r in rows} == {swedish.pk}  # LANGUAGE_CODE is "sv"
        assert all(r.translation_key for r in rows)
        assert len({r.translation_key for r in rows}) == 3
        assert new.get_model("wagtail_civil", "MeetingPage").objects.get(slug="dialog").uid == uid
    finally:  # the tests after this one need every table of the latest migrations
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
