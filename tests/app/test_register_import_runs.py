"""A confirmed register import is a run: queued as a task, followed on its page, reported there.

tests/settings.py queues the app's tasks in a backend that keeps them (tests/app/task_queue.py
runs them as a worker would); ``WAGTAIL_CIVIL_TASK_BACKEND = "default"`` is the immediate backend,
what a site gets when it configures nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from wagtail_civil import register_import_task
from wagtail_civil.models import Organisation, RegisterImportRun

from .task_queue import queued, run_queue

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"
UPLOAD = "/admin/civil-society/import-organisations/"
Status = RegisterImportRun.Status


@pytest.fixture(autouse=True)
def import_dir(settings: Any, tmp_path: Path) -> Path:
    settings.WAGTAIL_CIVIL_IMPORT_DIR = str(tmp_path / "waiting")
    return tmp_path / "waiting"


@pytest.fixture
def confirm(editor: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Upload ``content``, confirm the preview; the response of the confirmation."""

    def post(content: bytes, name: str = "föreningar.csv", publish: str = "1") -> Any:
        preview = editor.post(
            UPLOAD, {"file": SimpleUploadedFile(name, content), "publish": publish}
        )
        token = preview.context["token"]
        with django_capture_on_commit_callbacks(execute=True):
            return editor.post(f"{UPLOAD}{token}/confirm/")

    return post


def run_url(run: RegisterImportRun) -> str:
    return reverse("wagtail_civil_register_import:run", args=[run.pk])


def test_confirm_queues_the_import_and_the_run_reports_it(
    editor: Any, confirm: Any, import_dir: Path, admin_user: Any
) -> None:
    response = confirm((DATA / "rbok.csv").read_bytes())
    [run] = RegisterImportRun.objects.all()
    assert response.url == run_url(run)
    assert queued() == [("wagtail_civil.register_import_task.run_register_import", (run.pk,))]
    assert (run.status, run.user, run.file_name, run.language) == (
        Status.QUEUED,
        admin_user,
        "föreningar.csv",
        "sv",
    )
    assert run.rows_total == 8 and not Organisation.objects.exists()
    assert [p.name for p in import_dir.iterdir()] == [run.token]  # kept for the worker

    page = editor.get(run_url(run)).content.decode()
    assert 'data-in-progress="true" data-refresh="5"' in page and "<progress" in page
    assert "import-run.js" in page  # fetches the run again every 5 seconds

    assert run_queue() == 1
    run.refresh_from_db()
    assert run.status == Status.DONE and run.started_at and run.finished_at
    counts = (run.created_count, run.changed_count, run.unchanged_count, run.rejected_count)
    assert counts == (2, 0, 0, 6)
    assert run.rows_done == run.rows_total == 8
    assert [row["line"] for row in run.report["rejected"]] == [5, 6, 7, 8, 9, 10]
    assert not list(import_dir.iterdir()) and run.token == ""
    # The history names the editor who confirmed.
    organisation = Organisation.objects.get(organisation_number="802001-2343")
    assert organisation.live and organisation.latest_revision.user == admin_user

    response = editor.get(run_url(run))
    page = response.content.decode()
    assert "import-run.js" not in page and "<progress" not in page
    assert "Årjängs hembygdsförening" in page and "802001-2343" in page
    assert response.context["rejected"][0]["line"] == 5


def test_the_page_shows_the_progress_of_a_running_import(editor: Any) -> None:
    run = RegisterImportRun.objects.create(
        file_name="stor.csv", status=Status.RUNNING, rows_total=800, rows_done=350
    )
    page = editor.get(run_url(run)).content.decode()
    assert 'max="800" value="350"' in page and "44 %" in page
    assert "350" in page and "import-run.js" in page
    assert f'href="{run_url(run)}"' in page  # "Refresh", for a browser without JavaScript


def test_a_run_silent_for_long_says_its_process_stopped(editor: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(minutes=20)
    stopped = RegisterImportRun.objects.create(
        file_name="stor.csv", status=Status.RUNNING, started_at=long_ago, progressed_at=long_ago
    )
    moving = RegisterImportRun.objects.create(
        file_name="stor.csv", status=Status.RUNNING, started_at=long_ago,
        progressed_at=timezone.now(),
    )  # fmt: skip
    assert stopped.stalled and not moving.stalled
    assert "help-warning" in editor.get(run_url(stopped)).content.decode()
    assert "help-warning" not in editor.get(run_url(moving)).content.decode()


def test_progress_is_written_every_few_rows(editor: Any, confirm: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(register_import_task, "PROGRESS_EVERY", 1)
    confirm((DATA / "rbok.csv").read_bytes())
    written: list[str] = []

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith('UPDATE "wagtail_civil_registerimportrun" SET "rows_done"'):
            written.append(params[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        run_queue()
    assert len(written) >= 3 and written == sorted(written)


def test_a_failing_import_marks_the_run_failed_and_logs_it(
    editor: Any, confirm: Any, import_dir: Path, monkeypatch: Any, caplog: Any
) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(register_import_task, "import_register", boom)
    confirm((DATA / "rbok.csv").read_bytes())
    with caplog.at_level(logging.ERROR, logger="wagtail_civil.register_import_task"):
        run_queue()
    [run] = RegisterImportRun.objects.all()
    assert run.status == Status.FAILED and run.finished_at
    assert "disk on fire" in caplog.text and caplog.records[0].exc_info
    assert not list(import_dir.iterdir())
    page = editor.get(run_url(run)).content.decode()
    assert "disk on fire" not in page and "Traceback" not in page
    assert 'role="alert"' in page and "import-run.js" not in page


def test_the_immediate_backend_imports_in_the_request(
    editor: Any, confirm: Any, settings: Any
) -> None:
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "default"  # django-tasks' ImmediateBackend
    response = confirm((DATA / "rbok.csv").read_bytes(), publish="0")
    [run] = RegisterImportRun.objects.all()
    assert response.url == run_url(run) and run.status == Status.DONE
    assert Organisation.objects.count() == 2 and not Organisation.objects.filter(live=True)
    assert editor.get(reverse("wagtail_civil_register_import:runs")).status_code == 200


def test_garbage_run_ids_are_404(editor: Any) -> None:
    for run_id in ("12345", "0", "abc", "-1", "99999999999999999999", "007"):
        assert editor.get(f"{UPLOAD}runs/{run_id}/").status_code == 404


def test_runs_need_add_and_change_organisation(client: Any, django_user_model: Any) -> None:
    run = RegisterImportRun.objects.create(file_name="rbok.csv")
    user = django_user_model.objects.create_user("redaktor", password="x")
    group = Group.objects.create(name="Redaktörer")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organisation"),
    )
    user.groups.add(group)
    client.force_login(user)
    runs = reverse("wagtail_civil_register_import:runs")
    assert client.get(run_url(run)).status_code == 302  # Wagtail sends the refused away
    assert client.get(runs).status_code == 302
    group.permissions.add(Permission.objects.get(codename="add_organisation"))
    assert client.get(run_url(run)).status_code == 200
    assert run_url(run) in client.get(runs).content.decode()
    assert runs in client.get(UPLOAD).content.decode()


def _report(rejected: int) -> dict[str, Any]:
    return {
        "rejected": [{"line": i + 2, "message": "Fel."} for i in range(rejected)],
        "created": [
            {"line": i + 2, "number": f"80200{i}", "name": f"F {i}"} for i in range(rejected)
        ],
        "changed": [],
        "missing": [],
    }


def test_query_counts_do_not_grow(
    editor: Any, admin_user: Any, django_assert_max_num_queries: Any
) -> None:
    small = RegisterImportRun.objects.create(
        file_name="a.csv", user=admin_user, status=Status.DONE, rejected_count=1, report=_report(1)
    )
    big = RegisterImportRun.objects.create(
        file_name="b.csv", user=admin_user, status=Status.DONE, rejected_count=300,
        report=_report(300),
    )  # fmt: skip
    editor.get(run_url(small))  # warm caches (the admin's menu, the user's profile)
    counts = []
    for run in (small, big):
        with django_assert_max_num_queries(40) as captured:
            assert editor.get(run_url(run)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    runs = reverse("wagtail_civil_register_import:runs")
    with django_assert_max_num_queries(40) as few:
        editor.get(runs)
    for i in range(10):
        RegisterImportRun.objects.create(file_name=f"{i}.csv", user=admin_user)
    with django_assert_max_num_queries(40) as many:
        editor.get(runs)
    assert len(few) == len(many)
