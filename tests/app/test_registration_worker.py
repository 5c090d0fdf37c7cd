"""The production path: emails queued in the database and sent by its worker, ``manage.py
db_worker``, as the example site's production settings and docs/registration.md set them up
(django-tasks-db; with Wagtail 7.0's django-tasks 0.7, the database backend it ships). The
arguments go through the database as JSON and the task is found by its path."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command

from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.registration.seats import register

# The worker closes its database connection between tasks, as a long-running process should:
# the test cannot run inside a transaction that is rolled back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_queue(settings: Any) -> str:
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "database"
    return "database"


def _results() -> Any:
    """The database backend's rows of queued tasks, of whichever package is installed."""
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult
    else:
        from django_tasks.backends.database.models import DBTaskResult
    return DBTaskResult.objects


def test_the_database_worker_sends_what_was_queued(make_meeting, database_queue):

    meeting = make_meeting(
        "Dialogmöte om föreningsbidrag",
        registration_kind="built_in",
        registration_capacity=1,
        contact_email="kontakt@ulricehamn.example.se",
    )
    register(meeting, name="Åsa Öberg", email="asa@example.se", language="sv")
    register(meeting, name="Øystein Ærø", email="oy@example.no", language="nb")
    assert mail.outbox == []  # committed and queued; the worker sends
    waiting = _results().values_list("task_path", flat=True)
    assert sorted(waiting) == [
        "wagtail_civil.registration.tasks.send_fill_notice",
        "wagtail_civil.registration.tasks.send_registration_email",
        "wagtail_civil.registration.tasks.send_registration_email",
    ]

    call_command(
        "db_worker", "--backend", database_queue, "--batch", "--no-startup-delay", "--interval", "0"
    )
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Anmälan bekräftad: Dialogmöte om föreningsbidrag",
        "Dialogmöte om föreningsbidrag: 100 % av platserna är tagna",
        "På ventelisten: Dialogmöte om föreningsbidrag",
    ]
    # "SUCCESSFUL" since django-tasks 0.8 (and django-tasks-db), "SUCCEEDED" before.
    assert set(_results().values_list("status", flat=True)) <= {"SUCCESSFUL", "SUCCEEDED"}
    assert _results().filter(status__in=["SUCCESSFUL", "SUCCEEDED"]).count() == 3
