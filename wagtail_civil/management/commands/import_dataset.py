"""``manage.py import_dataset FILE…``: create or update a site's content from data files.

Messages are English, as Django's own commands (``migrate``, ``loaddata``) are: the command is for
whoever runs the site, and its output is read in logs and CI, not by residents or editors.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Page

from wagtail_civil.importing import ImportFailed, import_files

__all__ = ["Command"]


class Command(BaseCommand):
    help = (
        "Import data files (docs/data-format.md): create what is new, change what differs, "
        "leave the rest. All or nothing; run it again and nothing changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSON data files, in order.")
        parser.add_argument(
            "--parent",
            default=None,
            help="Id or path (/kommun/) of the page index pages and agreements go under "
            "(default: the default site's root page).",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save new and changed pages as drafts for an editor to publish.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parent = _parent(options["parent"]) if options["parent"] else None
        try:
            report = import_files(
                options["files"], parent, publish=not options["draft"],
                dry_run=options["dry_run"],
            )  # fmt: skip
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            count = len(exc.problems)
            raise CommandError(f"{count} bad record(s); nothing was imported.") from None
        title = "Dry run, nothing written:" if options["dry_run"] else "Imported:"
        self.stdout.write(self.style.SUCCESS(title))
        for line in report.lines():
            self.stdout.write(line)


def _parent(value: str) -> Page:
    """A page by id, or by its path below the site root ("/kommun/moten/")."""
    if value.isdigit():
        found = Page.objects.filter(pk=int(value)).first()
    else:
        found = Page.objects.filter(url_path__endswith="/" + value.strip("/") + "/").first()
    if found is None:
        raise CommandError(f"--parent: no page {value!r}")
    return found.specific
