"""Import an association register's export into the organisations: ``import_organisations``.

Unlike a data file (:func:`~wagtail_civil.importing.import_files`, all or nothing), a register
export is thousands of rows typed by many hands over the years: a bad row is rejected with its
line and reason, and the rest is imported. Rows are matched on the organisation number, read one
at a time and handled in batches: one query finds a batch's organisations, and a row that changes
nothing costs no query at all, so importing the same file twice writes nothing and stays fast.
New and changed organisations are saved and published through a revision, as
:mod:`.register` does for data files, so each one's history shows the import.

The command imports the file in one transaction; the admin's import, which may run for minutes in
a worker (:mod:`wagtail_civil.register_import_task`), commits batch by batch (``atomic=False``), so
its progress shows and no transaction is held open for the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from civilsamhalle.interchange.register_files import RegisterFile, open_register
from civilsamhalle.interchange.register_rows import RegisterRow, Rejected

from ..models import Organisation
from .compare import assign, latest_in_bulk, set_text
from .context import save_revision
from .report import Report

__all__ = ["Change", "RegisterImport", "import_register"]

# The organisation's fields a register row can set, in the order a preview lists them.
FIELDS = ("name", "founded_year", "municipality", "website", "email", "phone")
KIND = "organisation"

Progress = Callable[[int, int, int], None]  # bytes read, bytes in all, rows read


@dataclass(frozen=True, slots=True)
class Change:
    """A created or changed organisation, for the preview: which of its fields the row sets."""

    line: int
    organisation_number: str
    name: str
    fields: tuple[str, ...]


@dataclass
class RegisterImport:
    """What an import did (or, in a dry run, would do): counts, rejected rows, changes seen."""

    file: RegisterFile
    report: Report = field(default_factory=Report)
    rejected: list[Rejected] = field(default_factory=list)
    created_rows: list[Change] = field(default_factory=list)  # the first ``keep`` only
    changed_rows: list[Change] = field(default_factory=list)
    keep: int = 200
    rows: int = 0

    @property
    def created(self) -> int:
        return self.report.created.get(KIND, 0)

    @property
    def changed(self) -> int:
        return self.report.updated.get(KIND, 0)

    @property
    def unchanged(self) -> int:
        return self.report.unchanged.get(KIND, 0)

    def note(self, change: Change, *, created: bool) -> None:
        kept = self.created_rows if created else self.changed_rows
        if len(kept) < self.keep:
            kept.append(change)

    def lines(self) -> list[str]:
        """The summary the command prints (English, as Django's own commands are)."""
        lines = [
            f"  created    {self.created:>7}",
            f"  changed    {self.changed:>7}",
            f"  unchanged  {self.unchanged:>7}",
            f"  rejected   {len(self.rejected):>7}",
        ]
        if self.file.skipped:
            lines.append(
                f"  skipped    {self.file.skipped:>7}  (not in the Frivillighetsregisteret)"
            )
        return lines


def import_register(
    path: str | Path,
    *,
    dry_run: bool = False,
    publish: bool = True,
    batch_size: int = 500,
    keep: int = 200,
    voluntary_only: bool = True,
    progress: Progress | None = None,
    atomic: bool = True,
    user: Any = None,
) -> RegisterImport:
    """Import a register file (see :mod:`civilsamhalle.interchange.register_files`).

    Raises :class:`~civilsamhalle.errors.DataFileError` (nothing written) when the file cannot be
    read or has no organisation number column; otherwise each bad row is in ``rejected``.
    ``dry_run`` does everything and rolls it back, so its counts are the real import's.
    ``atomic=False`` commits each batch on its own (what was imported before a failure stays);
    ``user`` is who the organisations' history names.
    """
    result = RegisterImport(open_register(path, voluntary_only=voluntary_only), keep=keep)
    whole = atomic or dry_run
    with transaction.atomic() if whole else nullcontext():
        batch: list[RegisterRow] = []
        for row in result.file.rows():
            result.rows += 1
            if isinstance(row, Rejected):
                result.rejected.append(row)
                continue
            batch.append(row)
            if len(batch) >= batch_size:
                _import_batch(batch, result, publish, user, commit=not whole)
                batch = []
                if progress:
                    progress(result.file.bytes_read, result.file.total_bytes, result.rows)
        _import_batch(batch, result, publish, user, commit=not whole)
        if progress:
            progress(result.file.total_bytes, result.file.total_bytes, result.rows)
        if dry_run:
            transaction.set_rollback(True)
    result.rejected.sort(key=lambda r: r.line)
    return result


def _import_batch(
    batch: list[RegisterRow], result: RegisterImport, publish: bool, user: Any, *, commit: bool
) -> None:
    """Import one batch; ``commit``: in a transaction of its own (the whole file has none)."""
    if batch:
        with transaction.atomic() if commit else nullcontext():
            _import_rows(batch, result, publish, user)


def _import_rows(
    batch: list[RegisterRow], result: RegisterImport, publish: bool, user: Any
) -> None:
    found = Organisation.objects.filter(
        organisation_number__in={row.organisation_number for row in batch}
    )
    by_number = {(o.country, o.organisation_number): o for o in found}
    current = latest_in_bulk(by_number.values())
    for row in batch:
        existing = by_number.get((row.country, row.organisation_number))
        if existing is None and "name" not in row.values:
            result.rejected.append(Rejected(row.line, "name_missing"))
            continue
        obj = current[existing.pk] if existing else _new(row)
        changed = [
            name for name in FIELDS if name in row.values and assign(obj, {name: row.values[name]})
        ]
        if "description" in row.values and set_text(obj, "description", row.values["description"]):
            changed.append("description")
        created = existing is None
        if created or changed:
            try:
                # Each save would queue the reference index again: once, after the last.
                with transaction.atomic(), disable_reference_index_auto_update():
                    obj.full_clean()
                    if created:
                        obj.save()
                    save_revision(obj, publish=publish, user=user, clean=False)
                    _update_reference_index(obj)
            except ValidationError as exc:
                result.rejected.append(Rejected(row.line, "site_rules", {"value": _said(exc)}))
                continue
            change = Change(row.line, row.organisation_number, obj.name, tuple(changed))
            result.note(change, created=created)
        result.report.count(KIND, created=created, changed=bool(changed) and not created)


def _update_reference_index(obj: Organisation) -> None:
    """Queue Wagtail's reference index update as its own ``post_save`` handler does."""
    meta = Organisation._meta
    update_reference_index_task.enqueue(meta.app_label, meta.model_name, str(obj.pk))


def _new(row: RegisterRow) -> Organisation:
    obj = Organisation(live=False, country=row.country, organisation_number=row.organisation_number)
    if row.values.get("kind"):
        obj.kind = row.values["kind"]
    return obj


def _said(exc: ValidationError) -> str:
    """The site's own words for what is wrong, field by field (in the active language)."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    return " ".join(
        f"{Organisation._meta.get_field(name).verbose_name}: {' '.join(messages)}"
        if name != "__all__"
        else " ".join(messages)
        for name, messages in exc.message_dict.items()
    )
