"""The daily "erase personal data after the retention period" command, one class for each kind
of personal data (signing requests, volunteer offers), as Django's syndication ``Feed`` is one
class with a subclass per feed.

Messages are English, as Django's own commands' are: they are read in logs.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

__all__ = ["EraseCommand"]


class EraseCommand(BaseCommand):
    """Subclasses set ``retention`` (a module with ``retention_cutoff(now)``, ``expired(now)``
    and ``erase_expired(now)``), ``noun`` ("volunteer offer") and ``since`` ("decided before")."""

    retention: ModuleType
    noun: str
    since = "before"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased; erase nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        now = timezone.now()
        try:
            cutoff = self.retention.retention_cutoff(now)
        except ImproperlyConfigured as exc:
            raise CommandError(f"{exc} Nothing was erased.") from None
        if dry_run:
            count = self.retention.expired(now).count()
            text = f"Dry run, nothing erased. Would erase {self.counted(count)}"
        else:
            count = self.retention.erase_expired(now)
            text = f"Erased the personal data of {self.counted(count)}"
        self.stdout.write(self.style.SUCCESS(f"{text} {self.cut(cutoff)}."))

    def counted(self, count: int) -> str:
        return f"{count} {self.noun}" + ("" if count == 1 else "s")

    def cut(self, cutoff: dt.datetime) -> str:
        return f"{self.since} {cutoff:%Y-%m-%d %H:%M} UTC"
