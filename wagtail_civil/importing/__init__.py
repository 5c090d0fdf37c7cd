"""Import data files (``docs/data-format.md``) into a site: ``manage.py import_dataset``.

Every object is found by what stays the same when it is imported again: a meeting by its UID, an
organisation by its organisation number or slug, a category, index page or agreement by its slug.
What is new is created, what differs is changed and published through a revision (as an editor's
"Publish" is, so the history shows it), and what is the same is left alone. An import is one
transaction: a file with a bad record writes nothing. See ``docs/import.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from civilsamhalle.errors import DataFileError, InvalidData
from civilsamhalle.interchange import load
from civilsamhalle.model import Dataset

from .context import Context
from .meetings import import_meetings
from .pages import import_agreements, import_index_pages
from .register import import_categories, import_organisations
from .report import ImportFailed, Report

__all__ = [
    "ImportFailed",
    "Report",
    "default_parent",
    "import_dataset",
    "import_files",
    "read_files",
]


def default_parent() -> Page:
    """The default site's root page, where an import puts its pages unless told otherwise."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        raise ImportFailed(["no site: give the page to import under (--parent)"])
    return site.root_page.specific


def read_files(paths: Sequence[str | Path]) -> list[tuple[str, Dataset]]:
    """Every file read and validated; every mistake of every file raised together."""
    problems: list[str] = []
    found: list[tuple[str, Dataset]] = []
    for path in paths:
        try:
            found.append((str(path), load(path)))
        except InvalidData as exc:
            problems.extend(f"{path}: {error}" for error in exc.errors)
        except DataFileError as exc:
            problems.append(str(exc))
    if problems:
        raise ImportFailed(problems)
    return found


def import_dataset(
    dataset: Dataset,
    parent: Page | None = None,
    *,
    source: str = "<data>",
    publish: bool = True,
    report: Report | None = None,
) -> Report:
    """Create or update what ``dataset`` holds under ``parent`` (the default site's root).

    References the file does not hold itself (an organisation, agreement or meeting list named
    by id) are looked up on the site, so a small file can add to what is there. Raises
    :class:`ImportFailed` with every bad record, having written nothing.
    """
    ctx = Context(
        parent=parent or default_parent(), source=source, publish=publish,
        report=report or Report(),
    )  # fmt: skip
    with transaction.atomic():
        import_categories(ctx, dataset.categories)
        import_organisations(ctx, dataset.organisations)
        import_index_pages(ctx, dataset.pages)
        import_agreements(ctx, dataset.agreements)
        import_meetings(ctx, dataset.meetings)
        if ctx.problems:
            raise ImportFailed(ctx.problems)
    return ctx.report


def import_files(
    paths: Sequence[str | Path],
    parent: Page | None = None,
    *,
    publish: bool = True,
    dry_run: bool = False,
) -> Report:
    """Import data files in order, all or nothing; ``dry_run`` reports and then rolls back.

    Each file stands on its own (its references name ids in the same file), as
    ``civilsamhalle validate`` checks it.
    """
    report = Report()
    datasets = read_files(paths)
    problems: list[str] = []
    with transaction.atomic():
        for source, dataset in datasets:
            try:
                import_dataset(dataset, parent, source=source, publish=publish, report=report)
            except ImportFailed as exc:  # go on, to report the next files' bad records too
                problems.extend(exc.problems)
        if problems:
            raise ImportFailed(problems)
        if dry_run:
            transaction.set_rollback(True)
    return report
