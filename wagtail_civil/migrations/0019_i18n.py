"""Several languages on one site (docs/languages.md).

Liaisons become translatable in Wagtail's three documented steps: the two fields are added
nullable, every existing liaison gets the default locale and its own translation key, then the
fields become required and unique together. A meeting's UID is shared by its translations, so it
is no longer unique on its own (it stays indexed: feeds and imports look meetings up by it).
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_locale_and_translation_key(apps, schema_editor):
    Liaison = apps.get_model("wagtail_civil", "Liaison")
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Liaison.objects.exists():
        return
    locale = _default_locale(Locale)
    for liaison in Liaison.objects.filter(locale__isnull=True).only("pk"):
        Liaison.objects.filter(pk=liaison.pk).update(locale=locale, translation_key=uuid.uuid4())
    if schema_editor.connection.vendor == "postgresql":
        # The new foreign key is checked at commit; step 3 alters the table in this same
        # transaction, which PostgreSQL refuses while checks are pending: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _default_locale(Locale):
    """The locale of LANGUAGE_CODE, as Wagtail's Locale.get_default() finds it; else the first
    (a site whose LANGUAGE_CODE changed after its pages were made); else a new one."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        code = settings.LANGUAGE_CODE
    found = (
        Locale.objects.filter(language_code=code).first() or Locale.objects.order_by("pk").first()
    )
    return found or Locale.objects.create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_civil", "0018_meeting_directions"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        # 1. The fields, nullable, without a unique constraint yet.
        migrations.AddField(
            model_name="liaison",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="liaison",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        # 2. Every existing liaison in the default locale, each its own translation key.
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
        # 3. Required, and unique together, as TranslatableMixin declares them.
        migrations.AlterField(
            model_name="liaison",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="liaison",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="liaison",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="meetingpage",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
