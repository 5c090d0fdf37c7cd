"""The migrations match the models, and the one migration serves Wagtail 7.0 LTS and 8.x."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

import wagtail_civil

MIGRATIONS = Path(wagtail_civil.__file__).parent / "migrations"

# The newest migration of each app that both Wagtail 7.0 and 8.x ship.
OLDEST_SUPPORTED = {
    "wagtailcore": "0094_alter_page_locale",
    "wagtaildocs": "0014_alter_document_file_size",
    "wagtailimages": "0027_image_description",
}


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    try:
        call_command("makemigrations", "wagtail_civil", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"wagtail_civil needs a new migration:\n{out.getvalue()} ({exc})")
    assert "No changes detected" in out.getvalue()


def test_dependencies_exist_in_every_supported_wagtail():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key, migration in loader.disk_migrations.items():
        if key[0] != "wagtail_civil":
            continue
        for app, name in migration.dependencies:
            if app in OLDEST_SUPPORTED:
                assert name <= OLDEST_SUPPORTED[app], f"{key[1]} depends on {app}.{name}"


def test_migrations_do_not_name_wagtail_8_only_modules():
    for path in MIGRATIONS.glob("[0-9]*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import modelsearch" not in source, path.name
        assert "modelsearch.index.Indexed" not in source, path.name
        assert "settings.WAGTAIL_PAGE_MODEL" not in source, path.name
