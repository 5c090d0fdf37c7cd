"""Meeting hosts become inline rows (MeetingHost), picked in Wagtail's snippet chooser.

The many-to-many rows move to MeetingHost in the editor's order, and the hosts saved in
revisions (drafts waiting to be published, history to revert to) move from ``hosts`` to
``host_links``, so publishing an old draft keeps its hosts.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def _revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    meeting_type = ContentType.objects.filter(app_label="wagtail_civil", model="meetingpage")
    return Revision.objects.filter(content_type__in=meeting_type)


def hosts_to_rows(apps, schema_editor):
    MeetingPage = apps.get_model("wagtail_civil", "MeetingPage")
    MeetingHost = apps.get_model("wagtail_civil", "MeetingHost")
    Old = MeetingPage.hosts.through
    MeetingHost.objects.bulk_create(
        MeetingHost(page_id=row.meetingpage_id, organisation_id=row.organisation_id, sort_order=n)
        for n, row in enumerate(Old.objects.order_by("meetingpage_id", "organisation__name"))
    )
    for revision in _revisions(apps).iterator():
        content = revision.content
        if "hosts" in content and "host_links" not in content:
            content["host_links"] = [
                {"pk": None, "page": content.get("pk"), "organisation": org, "sort_order": n}
                for n, org in enumerate(content.pop("hosts") or [])
            ]
            revision.save(update_fields=["content"])


def rows_to_hosts(apps, schema_editor):
    MeetingPage = apps.get_model("wagtail_civil", "MeetingPage")
    MeetingHost = apps.get_model("wagtail_civil", "MeetingHost")
    Old = MeetingPage.hosts.through
    Old.objects.bulk_create(
        Old(meetingpage_id=row.page_id, organisation_id=row.organisation_id)
        for row in MeetingHost.objects.all()
    )
    for revision in _revisions(apps).iterator():
        content = revision.content
        if "host_links" in content:
            content["hosts"] = [link["organisation"] for link in content.pop("host_links")]
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_civil', '0002_a_unicode_slugs'),
        ('wagtailcore', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='MeetingHost',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtail_civil.organisation', verbose_name='organisation')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='host_links', to='wagtail_civil.meetingpage')),
            ],
            options={
                'verbose_name': 'host organisation',
                'verbose_name_plural': 'host organisations',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(hosts_to_rows, rows_to_hosts),
        migrations.RemoveField(model_name='meetingpage', name='hosts'),
        migrations.AddField(
            model_name='meetingpage',
            name='hosts',
            field=models.ManyToManyField(blank=True, related_name='hosted_meetings', through='wagtail_civil.MeetingHost', to='wagtail_civil.organisation', verbose_name='host organisations'),
        ),
    ]
