"""Many at once on PostgreSQL: registrations for the last seats and reminder workers.

Transactional tests (the threads need committed rows), kept in a module of their own: such a
test ends by emptying the database, which the module's autouse fixture puts back when the module
ends, so the tests that run after it in the same worker find Wagtail's migrated rows.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import close_old_connections
from django.utils import timezone

from tests.app.conftest import next_week_at
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration.reminders import send_due
from wagtail_civil.registration.seats import register


def early(meeting: MeetingPage, name: str, email: str) -> Registration:
    """Registered three days ago, before the reminder hours began."""
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    return register(meeting, name=name, email=email, now=three_days_ago).registration


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_threads_never_overbook(make_meeting):
    """60 people press Register at once for 25 seats: 25 get one, 35 the waitlist."""
    meeting = make_meeting(
        registration_kind="built_in",
        registration_capacity=25,
        registration_waitlist=True,
        start=next_week_at(),
    )
    barrier = threading.Barrier(60)
    errors: list[BaseException] = []

    def sign_up(n: int) -> None:
        try:
            barrier.wait()
            register(meeting, name=f"Deltagare {n} Å", email=f"p{n}@example.se")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = Registration.objects.filter(meeting=meeting).counts()
    assert counts == {"confirmed": 25, "waitlisted": 35, "cancelled": 0}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_running_at_once_send_each_reminder_once(make_meeting):
    """Four workers run the reminders at the same moment over 40 registrants: each registrant
    is claimed by exactly one of them (the conditional UPDATE), so gets exactly one email."""
    meeting = make_meeting(
        start=timezone.now() + dt.timedelta(hours=24),
        registration_kind="built_in",
        registration_capacity=40,
        registration_reminder_hours=48,
    )
    for n in range(40):
        early(meeting, f"Deltagare {n} Åström", f"p{n}@example.se")
    barrier = threading.Barrier(4)
    sent: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            sent.append(send_due())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == 40
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 40
    assert send_due() == 0
