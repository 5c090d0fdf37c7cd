"""``manage.py erase_volunteer_offers [--dry-run]``: erase volunteer offers' personal data after
the retention period (``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS``). Run it daily.

Messages are English, as Django's own commands' are: they are read in logs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wagtail_civil.volunteering import retention

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Erase the personal data of volunteer offers older than "
        "WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS after their need is over; the offers' "
        "statuses are kept. Running it again erases nothing more."
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
        since = f"before {cutoff:%Y-%m-%d %H:%M} UTC"
        if dry_run:
            total = retention.expired(now).count()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Dry run, nothing erased. Would erase {_offers(total)} {since}."
                )
            )
            return
        total = retention.erase_expired(now)
        self.stdout.write(
            self.style.SUCCESS(f"Erased the personal data of {_offers(total)} {since}.")
        )


def _offers(count: int) -> str:
    return f"{count} volunteer offer" + ("" if count == 1 else "s")
