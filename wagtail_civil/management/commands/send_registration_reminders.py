"""``manage.py send_registration_reminders``: email the reminders that are due, each once.

Run it from cron or a systemd timer every 15 minutes or so (docs/registration.md); running it
twice at once, or beside a worker running the same task, sends no reminder twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wagtail_civil.registration.reminders import send_due

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Email a reminder to every confirmed registrant of a meeting that starts within its "
        "reminder hours and has not had one. Safe to run often and concurrently."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due()
        self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
