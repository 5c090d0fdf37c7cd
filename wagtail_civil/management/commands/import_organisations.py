"""``manage.py import_organisations FILE``: the organisations from an association register's export.

A CSV from a Swedish register (Rbok, Interbook Go, …) or JSON from Brønnøysund's
Enhetsregisteret; see ``docs/import.md``. Messages are English, as Django's own commands are.
The progress bar is a line of text rewritten with ``\\r`` when the output is a terminal, and a
plain line every 10 % otherwise (a log has no use for a bar): no dependency for either.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civilsamhalle.errors import DataFileError
from wagtail_civil.importing.register_file import import_register

__all__ = ["Command"]

_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import organisations from a register export: a CSV (Rbok, Interbook Go, …) or JSON "
        "from Brønnøysund's Enhetsregisteret. Matched on organisation number; bad rows are "
        "reported by line and the rest imported. Run it again and nothing changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="CSV or JSON (.json or .json.gz).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save new and changed organisations as drafts for an editor to publish.",
        )
        parser.add_argument(
            "--all-entities",
            action="store_true",
            help="Enhetsregisteret: import entities not in the Frivillighetsregisteret too.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows looked up together (default 500)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._last = -1
        self._tty = self.stdout.isatty() and options["verbosity"] > 0
        try:
            result = import_register(
                options["file"],
                dry_run=options["dry_run"],
                publish=not options["draft"],
                batch_size=max(1, options["batch_size"]),
                voluntary_only=not options["all_entities"],
                keep=0 if options["verbosity"] < 2 else 10**9,
                progress=self._progress if options["verbosity"] > 0 else None,
            )
        except DataFileError as exc:
            raise CommandError(f"{options['file']}: {exc}; nothing was imported.") from None
        if self._tty:
            self.stdout.write("")
        register = result.file
        if register.kind == "csv":
            self.stdout.write(
                f"{options['file']}: CSV, {register.encoding}, delimiter {register.delimiter!r}"
            )
            if register.missing:
                self.stdout.write("  no column for: " + ", ".join(register.missing))
            if register.ignored:
                self.stdout.write("  columns ignored: " + ", ".join(register.ignored))
        for rejected in result.rejected:
            self.stderr.write(f"{options['file']}: line {rejected.line}: {rejected.message}")
        for label, changes in (("created", result.created_rows), ("changed", result.changed_rows)):
            for change in changes:
                fields = f" ({', '.join(change.fields)})" if label == "changed" else ""
                self.stdout.write(
                    f"  line {change.line}: {label} {change.organisation_number} {change.name}"
                    + fields
                )
        title = "Dry run, nothing written:" if options["dry_run"] else "Imported:"
        self.stdout.write(self.style.SUCCESS(title))
        for line in result.lines():
            self.stdout.write(line)

    def _progress(self, done: int, total: int, rows: int) -> None:
        share = done / total if total else 1.0
        if self._tty:
            filled = round(share * _WIDTH)
            bar = "#" * filled + "-" * (_WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {share:4.0%}  {rows} rows", ending="")
            self.stdout.flush()
        elif int(share * 10) > self._last:
            self._last = int(share * 10)
            self.stdout.write(f"{share:.0%} read, {rows} rows")
