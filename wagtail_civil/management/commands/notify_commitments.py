"""``manage.py notify_commitments``: tell agreements' contacts of commitments turned "at risk".

Run it once a day from cron or a systemd timer (docs/commitments.md). It stores each
commitment's state and queues an email only when a state changes to "at risk", so running it
again, or twice at once, emails no one twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wagtail_civil.follow_up.tasks import queue_notices

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Judge every commitment of the agreements in force and queue an email to the "
        "agreement's contact for each that turned at risk since the last run. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Judge as on this day (YYYY-MM-DD) instead of today; for trying it out.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = queue_notices(today=options["today"])
        self.stdout.write(f"Queued {queued} email{'' if queued == 1 else 's'}.")
