"""Finished register imports are deleted after WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS: their
reports repeat rows of the file. Imports still waiting or running are never deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail_civil.checks import check_settings
from wagtail_civil.models import RegisterImportRun

pytestmark = pytest.mark.django_db

Status = RegisterImportRun.Status


def _run(name: str, status: str, finished_days_ago: int | None) -> RegisterImportRun:
    finished = None
    if finished_days_ago is not None:
        finished = timezone.now() - dt.timedelta(days=finished_days_ago)
    return RegisterImportRun.objects.create(
        file_name=name,
        status=status,
        finished_at=finished,
        report={"rejected": [{"line": 3, "message": "“åsa@” is not an email address"}]},
    )


@pytest.fixture
def runs() -> dict[str, RegisterImportRun]:
    return {
        "old done": _run("föreningar-2025.csv", Status.DONE, 91),
        "old failed": _run("enheter-ø.json", Status.FAILED, 120),
        "recent": _run("föreningar-2026.csv", Status.DONE, 89),
        "stalled": _run("stor-fil.csv", Status.RUNNING, None),
        "queued": _run("kö.csv", Status.QUEUED, None),
    }


def _left() -> set[str]:
    return set(RegisterImportRun.objects.values_list("file_name", flat=True))


def test_runs_finished_before_the_retention_are_deleted_once(runs: Any, capsys: Any) -> None:
    call_command("erase_import_runs", "--dry-run")
    assert "Would erase 2 register import runs finished before" in capsys.readouterr().out
    assert len(_left()) == 5

    call_command("erase_import_runs")
    assert "Erased the personal data of 2 register import runs" in capsys.readouterr().out
    assert _left() == {"föreningar-2026.csv", "stor-fil.csv", "kö.csv"}

    call_command("erase_import_runs")
    assert "of 0 register import runs" in capsys.readouterr().out


def test_the_retention_is_a_setting(runs: Any, settings: Any) -> None:
    settings.WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS = 0
    call_command("erase_import_runs")
    assert _left() == {"stor-fil.csv", "kö.csv"}  # never what is waiting or running


@pytest.mark.parametrize("value", ["90", -1, dt.timedelta(days=90), True])
def test_a_bad_retention_deletes_nothing_and_check_warns(runs: Any, settings: Any, value) -> None:
    settings.WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS = value
    with pytest.raises(CommandError, match="Nothing was erased"):
        call_command("erase_import_runs")
    assert len(_left()) == 5
    assert "wagtail_civil.W022" in {message.id for message in check_settings(None)}
