"""The production path of the admin's register import: the run queued in the database and the
import done by its worker, ``manage.py db_worker`` (as test_registration_worker.py does for the
emails). The run's id goes through the database as JSON, the worker commits batch by batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import Organisation, RegisterImportRun

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"
UPLOAD = "/admin/civil-society/import-organisations/"


def test_the_database_worker_runs_a_confirmed_import(
    client: Any, admin_user: Any, settings: Any, tmp_path: Path
) -> None:
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "database"
    settings.WAGTAIL_CIVIL_IMPORT_DIR = str(tmp_path / "waiting")
    client.force_login(admin_user)
    content = (DATA / "interbook_cp1252.csv").read_bytes()
    preview = client.post(
        UPLOAD, {"file": SimpleUploadedFile("interbook.csv", content), "publish": "1"}
    )
    client.post(f"{UPLOAD}{preview.context['token']}/confirm/")
    [run] = RegisterImportRun.objects.all()
    assert run.status == RegisterImportRun.Status.QUEUED and not Organisation.objects.exists()

    call_command(
        "db_worker", "--backend", "database", "--batch", "--no-startup-delay", "--interval", "0"
    )
    run.refresh_from_db()
    assert run.status == RegisterImportRun.Status.DONE
    assert run.created_count == Organisation.objects.count() > 0
    assert run.rows_done == run.rows_total and not list((tmp_path / "waiting").iterdir())
