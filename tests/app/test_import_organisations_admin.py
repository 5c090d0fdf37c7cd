"""The admin's register import: upload, preview, confirm or cancel; only for those who may.

The preview is a dry run of the real import, so what it shows is what the confirmation does;
the upload waits in ``WAGTAIL_CIVIL_IMPORT_DIR`` until the import has run, and is gone afterwards
(the run's record and page: test_register_import_runs.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Revision

from wagtail_civil.models import Organisation, RegisterImportRun

from .task_queue import run_queue

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"
UPLOAD = "/admin/civil-society/import-organisations/"


@pytest.fixture(autouse=True)
def import_dir(settings: Any, tmp_path: Path) -> Path:
    settings.WAGTAIL_CIVIL_IMPORT_DIR = str(tmp_path / "waiting")
    return tmp_path / "waiting"


def upload(client: Any, name: str, content: bytes, publish: str = "1") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), "publish": publish})


def test_preview_then_confirm(
    editor: Any, import_dir: Path, make_organisation: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_organisation("PRO Öxabäck", organisation_number="802004-5673", municipality="Marks kommun")
    response = upload(editor, "rbok.csv", (DATA / "rbok.csv").read_bytes())
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.changed, result.unchanged) == (1, 1, 0)
    assert [row["line"] for row in response.context["rejected"]] == [5, 6, 7, 8, 9, 10]
    html = response.content.decode()
    assert "Årjängs hembygdsförening" in html and "802001-2343" in html
    [change] = response.context["changed"]
    municipality = str(Organisation._meta.get_field("municipality").verbose_name)
    assert change["name"] == "PRO Öxabäck" and municipality in change["fields"]
    assert municipality in html  # the changed fields, named in the table
    assert not Organisation.objects.filter(organisation_number="802001-2343").exists()
    [waiting] = list(import_dir.iterdir())
    token = response.context["token"]
    assert waiting.name == token

    with django_capture_on_commit_callbacks(execute=True):  # queued once the run is committed
        response = editor.post(f"{UPLOAD}{token}/confirm/")
    assert response.status_code == 302
    [run] = RegisterImportRun.objects.all()
    assert response.url == reverse("wagtail_civil_register_import:run", args=[run.pk])
    assert run_queue() == 1  # the import runs as a worker runs it (tests/app/task_queue.py)
    assert Organisation.objects.get(organisation_number="802001-2343").live
    assert Organisation.objects.get(organisation_number="802004-5673").municipality == "Mark"
    assert not list(import_dir.iterdir())
    # Confirming twice (a double click, the back button) imports nothing more.
    assert editor.post(f"{UPLOAD}{token}/confirm/").status_code == 404


def test_cancel_forgets_the_file(editor: Any, import_dir: Path) -> None:
    response = upload(editor, "rbok.csv", (DATA / "rbok.csv").read_bytes(), publish="0")
    assert response.context["publish"] is False
    token = response.context["token"]
    assert editor.post(f"{UPLOAD}{token}/cancel/").status_code == 302
    assert not list(import_dir.iterdir()) and not Organisation.objects.exists()


def test_drafts_when_chosen(editor: Any, django_capture_on_commit_callbacks: Any) -> None:
    token = upload(editor, "rbok.csv", (DATA / "rbok.csv").read_bytes(), "0").context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"{UPLOAD}{token}/confirm/")
    run_queue()
    assert Organisation.objects.count() == 2
    assert not Organisation.objects.filter(live=True).exists()
    assert Revision.objects.count() == 2


def test_missing_column_is_an_error_on_the_field_and_the_choice_is_kept(editor: Any) -> None:
    response = upload(
        editor, "namn.csv", "Föreningsnamn;Kommun\nÅrsta IF;Stockholm\n".encode(), "0"
    )
    assert response.status_code == 200
    form = response.context["form"]
    [error] = form.errors["file"]
    with translation.override("sv"):  # the editor's language (the fixture's profile)
        expected = gettext(
            "“%(name)s” has no column for the organisation number (for example "
            "“%(example)s”). Its columns are: %(found)s."
        ) % {"name": "namn.csv", "example": "Organisationsnummer", "found": "Föreningsnamn, Kommun"}
    assert error == expected
    assert expected in html.unescape(response.content.decode())
    assert form["publish"].value() == "0"


def test_not_a_csv_is_refused(editor: Any) -> None:
    response = upload(editor, "bild.png", b"\x89PNG")
    assert "file" in response.context["form"].errors


def test_someone_elses_or_garbage_token_is_404(editor: Any, client: Any, admin_user: Any) -> None:
    assert editor.post(f"{UPLOAD}nonsense/confirm/").status_code == 404
    assert editor.post(f"{UPLOAD}..%2F..%2Fetc/confirm/").status_code == 404


def test_needs_add_and_change_organisation(client: Any, django_user_model: Any) -> None:
    user = django_user_model.objects.create_user("redaktor", password="x")
    group = Group.objects.create(name="Redaktörer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 302  # Wagtail sends the refused to the dashboard
    listing = reverse("wagtailsnippets_wagtail_civil_organisation:list")
    group.permissions.add(Permission.objects.get(codename="change_organisation"))
    assert "Import from a register" not in client.get(listing).content.decode()
    group.permissions.add(Permission.objects.get(codename="add_organisation"))
    assert client.get(UPLOAD).status_code == 200
    assert UPLOAD in client.get(listing).content.decode()
