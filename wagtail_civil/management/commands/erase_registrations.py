"""``manage.py erase_registrations [--dry-run]``: erase registrants' personal data after the
retention period (``WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS``). Run it daily.

Messages are English, as Django's own commands' are: they are read in logs by whoever runs the
site. Meeting titles are printed as editors typed them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wagtail_civil.registration import retention

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Erase the personal data of registrations whose meeting ended more than "
        "WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS ago; counts and attendance are kept. "
        "Running it again erases nothing more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased; erase nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        now = timezone.now()
        try:
            cutoff = retention.retention_cutoff(now)
        except ImproperlyConfigured as exc:
            raise CommandError(f"{exc} Nothing was erased.") from None
        meetings = retention.expired_by_meeting(now)
        total = sum(meeting.registrations for meeting in meetings)
        ended = f"meetings that ended before {cutoff:%Y-%m-%d %H:%M} UTC"
        if dry_run:
            title = f"Dry run, nothing erased. Would erase {_registrations(total)} of {ended}"
        else:
            total = retention.erase_expired(now)
            title = f"Erased the personal data of {_registrations(total)} of {ended}"
        self.stdout.write(self.style.SUCCESS(title + ("." if not meetings else ":")))
        for meeting in meetings:
            count = _registrations(meeting.registrations)
            self.stdout.write(f"  {meeting.title} (ended {meeting.end:%Y-%m-%d}): {count}")


def _registrations(count: int) -> str:
    return f"{count} registration" + ("" if count == 1 else "s")
