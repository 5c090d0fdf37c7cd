"""``manage.py fetch_followed_sites``: refresh the regional calendar's copies of the sites it
follows. Run it from cron or a systemd timer every 15 minutes or so (docs/federation.md); a
source that has not changed answers 304 and costs next to nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wagtail_civil.federation.fetch import fetch_all
from wagtail_civil.federation.tasks import enqueue_fetch
from wagtail_civil.models.federation import FollowedSite

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Fetch the meetings and agreements of every active followed site, with conditional "
        "requests. A source that fails keeps its last good copy; the reason is printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the fetch as a task for the worker instead of fetching here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            enqueue_fetch()
            self.stdout.write("Queued the fetch.")
            return
        for outcome in fetch_all(FollowedSite.objects.filter(active=True)):
            line = f"{outcome.site} {outcome.endpoint}: {outcome.result}"
            if outcome.reason:
                line += f" ({outcome.reason})"
            self.stdout.write(line)
