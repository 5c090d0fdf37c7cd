"""``manage.py erase_signing_requests [--dry-run]``: erase the personal data of signing requests
decided more than ``WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS`` ago. Run it daily.

Messages are English, as Django's own commands' are: they are read in logs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wagtail_civil.signing import retention

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Erase the personal data (requester's email, signatory, contact) of signing requests "
        "decided more than WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS ago; the decisions are "
        "kept. Running it again erases nothing more."
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
        decided = f"decided before {cutoff:%Y-%m-%d %H:%M} UTC"
        if dry_run:
            count = retention.expired(now).count()
            text = f"Dry run, nothing erased. Would erase {_requests(count)} {decided}."
        else:
            count = retention.erase_expired(now)
            text = f"Erased the personal data of {_requests(count)} {decided}."
        self.stdout.write(self.style.SUCCESS(text))


def _requests(count: int) -> str:
    return f"{count} signing request" + ("" if count == 1 else "s")
