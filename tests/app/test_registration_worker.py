"""The production path: emails queued in the database (django-tasks-db) and sent by its worker,
``manage.py db_worker``, as the example site's production settings and docs/registration.md set
them up. The arguments go through the database as JSON and the task is found by its path."""

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
    if not apps.is_installed("django_tasks_db"):
        reason = "django-tasks-db needs Django 6 or django-tasks >= 0.12 (see tests/settings.py)"
        print(f"\nSKIPPING the worker test: {reason}")
        pytest.skip(reason)
    settings.WAGTAIL_CIVIL_TASK_BACKEND = "database"
    return "database"


def test_the_database_worker_sends_what_was_queued(make_meeting, database_queue):
    from django_tasks_db.models import DBTaskResult

    meeting = make_meeting(
        "Dialogmöte om föreningsbidrag",
        registration_kind="built_in",
        registration_capacity=1,
        contact_email="kontakt@ulricehamn.example.se",
    )
    register(meeting, name="Åsa Öberg", email="asa@example.se", language="sv")
    register(meeting, name="Øystein Ærø", email="oy@example.no", language="nb")
    assert mail.outbox == []  # committed and queued; the worker sends
    waiting = DBTaskResult.objects.values_list("task_path", flat=True)
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
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
