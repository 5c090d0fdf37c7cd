"""The ``civilsamhalle`` command: check a data file, turn it into a calendar feed, print its schema.

A municipality that keeps its meetings in a JSON file (or a developer preparing one for import)
needs to hear about every mistake at once, with the place it is at, and to produce the same
``.ics`` feed the Wagtail app serves without running a web site. The command never shows a
traceback for a mistake in the file: exit status 1 means "the file breaks the rules, here is
where", 2 means "the file could not be read, or the command was used wrongly".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .calendar import FeedInfo, FeedLabels, feed_bytes
from .errors import DataFileError, InvalidData
from .i18n import translation
from .interchange.jsonfile import json_schema, load
from .model import Dataset

__all__ = ["main", "build_parser", "environment_language"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2

LANGUAGES = ("sv", "nb", "en")


def environment_language() -> str | None:
    """The language of the person at the terminal, found the way GNU gettext finds it.

    Unlike a feed, whose language belongs to the feed, the command's own messages are for
    whoever runs it, so they follow ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            first = value.split(":")[0].split(".")[0].split("@")[0]
            return None if first in ("", "C", "POSIX") else first
    return None


def _(message: str) -> str:
    """The command's own message in the terminal's language."""
    return translation(environment_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """A counted message (``{count}`` filled in) with the plural form of the terminal's language."""
    return translation(environment_language()).ngettext(singular, plural, count).format(count=count)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civilsamhalle",
        description=_("Check civilsamhalle data files and write calendar feeds from them."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help=_("check a JSON data file and report every error with its place"),
        description=_("Check a JSON data file and report every error with its place."),
    )
    validate.add_argument("file", type=Path, help=_("the JSON data file"))

    ics = commands.add_parser(
        "ics",
        help=_("write the meetings of a JSON data file as an iCalendar feed"),
        description=_("Write the meetings of a JSON data file as an iCalendar (.ics) feed."),
    )
    ics.add_argument("file", type=Path, help=_("the JSON data file"))
    ics.add_argument(
        "-o",
        "--output",
        default="-",
        help=_("where to write the feed; '-' (the default) writes to standard output"),
    )
    ics.add_argument("--name", help=_("the calendar's name as subscribers see it"))
    ics.add_argument(
        "--language",
        choices=LANGUAGES,
        default="sv",
        help=_("language of the feed's fixed texts (default: %(default)s)"),
    )
    ics.add_argument(
        "--uid-domain",
        help=_(
            "domain that makes event UIDs globally unique, e.g. your municipality's; "
            "keep it unchanged once people subscribe"
        ),
    )
    ics.add_argument(
        "--agreement",
        metavar="ID",
        help=_("only the meetings held under the agreement with this id"),
    )
    commands.add_parser(
        "schema",
        help=_("print the JSON Schema of a data file"),
        description=_(
            "Print the JSON Schema (draft 2020-12) of a data file, with a description of every "
            "field; editors and validators that read JSON Schema can check a file with it."
        ),
    )
    return parser


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
    return EXIT_OK


def _read(path: Path, out: TextIO, err: TextIO) -> Dataset | int:
    """The dataset, or the exit status after the problems have been reported."""
    try:
        return load(path, language=environment_language())
    except DataFileError as exc:
        print(f"civilsamhalle: {exc}", file=err)
        return EXIT_UNUSABLE
    except InvalidData as exc:
        for line in exc.errors:
            print(line, file=out)
        count = ngettext("{count} error", "{count} errors", len(exc.errors))
        summary = f"{path}: {count}"
        print(summary, file=err)
        return EXIT_INVALID


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    dataset = _read(args.file, out, err)
    if isinstance(dataset, int):
        return dataset
    counts = (
        ngettext("{count} organisation", "{count} organisations", len(dataset.organisations)),
        ngettext("{count} agreement", "{count} agreements", len(dataset.agreements)),
        ngettext("{count} meeting", "{count} meetings", len(dataset.meetings)),
    )
    print(_("OK: {counts}").format(counts=", ".join(counts)), file=out)
    return EXIT_OK


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so a web server never serves a half-written feed."""
    directory = path.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a feed is for the web server
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _ics(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    dataset = _read(args.file, out, err)
    if isinstance(dataset, int):
        return dataset
    meetings = list(dataset.meetings)
    name = args.name
    if args.agreement is not None:
        agreement = next((a for a in dataset.agreements if a.id == args.agreement), None)
        if agreement is None:
            known = ", ".join(a.id for a in dataset.agreements) or _("none")
            message = _("{path} has no agreement with the id '{id}' (agreements: {known})")
            print(
                "civilsamhalle: " + message.format(path=args.file, id=args.agreement, known=known),
                file=err,
            )
            return EXIT_UNUSABLE
        meetings = [m for m in meetings if m.agreement_id == agreement.id]
        name = name or agreement.title
    name = name or dataset.name or "civilsamhalle"

    options = {"uid_domain": args.uid_domain} if args.uid_domain else {}
    info = FeedInfo(name=name, language=args.language, **options)
    data = feed_bytes(meetings, info, FeedLabels.for_language(args.language))

    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        _write_atomically(Path(args.output), data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = _("cannot write {path}: {reason}").format(path=args.output, reason=reason)
        print(f"civilsamhalle: {message}", file=err)
        return EXIT_UNUSABLE
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (the process's arguments when ``None``); return the status."""
    args = build_parser().parse_args(argv)
    handlers = {"validate": _validate, "ics": _ics, "schema": _schema}
    return handlers[args.command](args, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover - `python -m civilsamhalle.cli`
    sys.exit(main())
