"""Meeting hosts are picked in Wagtail's searchable organisation chooser, and none were lost.

The hosts were a Ctrl-click multi-select of the whole register. They are inline rows now
(``MeetingHost``) edited with a ``MultipleChooserPanel``; migration 0003 moved the stored hosts
and the hosts saved in revisions.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.test.utils.form_data import querydict_from_html

from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import MeetingHost, MeetingPage

BEFORE = [("wagtail_civil", "0002_unicode_slugs")]
AFTER = [("wagtail_civil", "0003_meeting_hosts")]


@pytest.mark.django_db
def test_the_meeting_form_picks_hosts_in_the_organisation_chooser(
    editor, civil_site, make_organisation
):
    red_cross = make_organisation("Röda Korset")
    church = make_organisation("Svenska kyrkan")
    add_url = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    html = editor.get(add_url).content.decode()
    assert 'name="hosts"' not in html  # the old multi-select is gone
    assert "host_links-TOTAL_FORMS" in html
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(
        {
            "title": "Dialog om fritid",
            "slug": "dialog-om-fritid",
            "start": "2030-03-14 17:00",
            "end": "2030-03-14 19:00",
            "venue_name": "Folkets Hus",
            "host_links-TOTAL_FORMS": "2",
            "host_links-0-organisation": str(church.pk),
            "host_links-0-ORDER": "1",
            "host_links-1-organisation": str(red_cross.pk),
            "host_links-1-ORDER": "2",
            "action-publish": "action-publish",
        }
    )
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    meeting = MeetingPage.objects.for_feed().get()
    assert meeting.public_hosts == [church, red_cross]  # in the editor's order
    assert meeting.to_domain().hosts == ("Svenska kyrkan", "Röda Korset")
    assert list(MeetingPage.objects.for_organisation(red_cross)) == [meeting]


@pytest.mark.django_db
def test_the_organisation_chooser_searches_the_register(editor, make_organisation):
    make_organisation("Kulturföreningen Bäve")
    make_organisation("Röda Korset")
    response = editor.get(
        "/admin/snippets/choose/wagtail_civil/organisation/results/", {"q": "kultur"}
    )
    html = response.content.decode()
    assert "Kulturföreningen Bäve" in html and "Röda Korset" not in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_hosts_and_the_hosts_of_revisions():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    Locale = old.get_model("wagtailcore", "Locale")
    Revision = old.get_model("wagtailcore", "Revision")
    Organisation = old.get_model("wagtail_civil", "Organisation")
    OldMeeting = old.get_model("wagtail_civil", "MeetingPage")

    page_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0]
    meeting_type = ContentType.objects.get_or_create(
        app_label="wagtail_civil", model="meetingpage"
    )[0]
    locale = Locale.objects.get_or_create(language_code="sv")[0]
    orgs = [
        Organisation.objects.create(name=name, slug=name.lower(), live=True)
        for name in ("Bäve", "Ale")
    ]
    import datetime as dt
    import uuid

    start = dt.datetime(2030, 3, 14, 17, tzinfo=dt.UTC)
    meeting = OldMeeting.objects.create(
        title="Dialog", slug="dialog", path="00019999", depth=2, numchild=0,
        content_type=meeting_type, locale=locale, uid=uuid.uuid4(), start=start,
        end=start + dt.timedelta(hours=2), draft_title="Dialog", url_path="/dialog/",
    )  # fmt: skip
    for org in orgs:  # the rows of the old many-to-many table
        OldMeeting.hosts.through.objects.create(meetingpage_id=meeting.pk, organisation=org)
    Revision.objects.create(
        content_type=meeting_type,
        base_content_type=page_type,
        object_id=str(meeting.pk),
        object_str="Dialog",
        created_at=start,
        content={"pk": meeting.pk, "title": "Dialog", "hosts": [orgs[1].pk]},
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    try:
        rows = MeetingHost.objects.filter(page_id=meeting.pk).order_by("sort_order")
        assert sorted(r.organisation_id for r in rows) == sorted(o.pk for o in orgs)
        new = executor.loader.project_state(AFTER).apps
        content = new.get_model("wagtailcore", "Revision").objects.get(object_id=str(meeting.pk))
        assert "hosts" not in content.content
        assert [link["organisation"] for link in content.content["host_links"]] == [orgs[1].pk]
    finally:  # the tests after this one need every table of the latest migrations
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
