"""``manage.py load_demo``: create or update the demo content (run by ``make demo``).

A thin wrapper around the app's import (``manage.py import_dataset``) of the demo's data files,
see :mod:`demo.loader`. Safe to run again: what did not change is left alone, so calendars that
subscribed see no change.
"""

from __future__ import annotations

import datetime as dt

from demo.loader import load_demo
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wagtail_civil.importing import ImportFailed


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today wants a date like 2026-06-15, not {value!r}") from exc


class Command(BaseCommand):
    help = "Load the demo content (organisations, agreements, meetings) from its data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Date the upcoming and this year's meetings are placed from (default: today).",
        )
        parser.add_argument(
            "--host",
            default=None,
            help="Where the demo runs, as given to runserver (127.0.0.1:8124); sets the Site's "
            "hostname and port (default: the host of WAGTAILADMIN_BASE_URL).",
        )

    def handle(
        self,
        *args: object,
        today: dt.date | None = None,
        host: str | None = None,
        **options: object,
    ) -> None:
        try:
            result = load_demo(today, host)
        except ImportFailed as exc:
            raise CommandError("\n".join(exc.problems)) from None
        except ValueError as exc:
            raise CommandError(f"--host: {exc}") from exc
        self.stdout.write(self.style.SUCCESS("Demo content loaded:"))
        for line in result.tally.lines():
            self.stdout.write(line)
        self.stdout.write(
            "  The meeting titled “Lösenordsskyddat: …” is behind the password "
            f"“{result.private_password}”; the one titled “Utkast: …” is an unpublished draft."
        )
        if result.registrations_added:
            self.stdout.write(
                f"  {result.registrations_added} made-up people registered for “Stormöte om det "
                "digitala utanförskapet”: every seat taken and three on the waitlist. Emails the "
                "site sends are printed in this terminal (no SMTP server needed)."
            )
