"""The admin's import of a register export: upload, a preview of what would change, confirm.

The same import as ``manage.py import_organisations`` (:mod:`.importing.register_file`), for
editors who may add and change organisations. The uploaded file waits in a private directory
(``WAGTAIL_CIVIL_IMPORT_DIR``, by default ``<temp dir>/wagtail_civil_imports``, never the public
media storage) under a random name the editor's session knows, until the editor confirms or
cancels; files left behind by an editor who walked away are removed a day later, at the next upload.
Confirming records a :class:`~.models.RegisterImportRun` and queues the import
(:mod:`.register_import_task`), which removes the file when done; the editor follows the run's
page (:mod:`.register_import_runs`).
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import IndexView

from civilsamhalle.errors import DataFileError
from civilsamhalle.interchange.register_files import MissingColumn
from civilsamhalle.interchange.register_rows import COLUMNS, Rejected
from civilsamhalle.rules import RuleError

from .conf import import_dir
from .importing.register_file import RegisterImport, import_register
from .models import Organisation, RegisterImportRun
from .register_import_runs import run_view, runs_view
from .register_import_task import enqueue_run
from .validators import rule_error

__all__ = [
    "OrganisationIndexView",
    "RegisterUploadForm",
    "can_import",
    "field_labels",
    "missing_fields",
    "reason",
    "urlpatterns",
]

PERMISSIONS = ("wagtail_civil.add_organisation", "wagtail_civil.change_organisation")
SESSION_KEY = "wagtail_civil_register_import"
MAX_AGE = 24 * 3600
PREVIEW_ROWS = 200

# The admin's words for a rejected row; the core's rules are worded by :mod:`.validators`.
REASONS: dict[str, Any] = {
    "number_missing": _("No organisation number."),
    "name_missing": _("No name, and no organisation with this number on the site to update."),
    "duplicate": _("Organisation number %(value)s is already on line %(first)s; that row is used."),
    "founded_invalid": _("“%(value)s” is not a year or a date."),
    "email_invalid": _("“%(value)s” is not an email address."),
    "country_unknown": _("Unknown country “%(value)s”; write SE or NO."),
    "record_invalid": _("Not an entity of the Enhetsregisteret (no organisasjonsnummer)."),
}


def can_import(user: Any) -> bool:
    """Who may import, and see the imports: those who may both add and change organisations."""
    return bool(user and user.has_perms(PERMISSIONS))


def field_labels() -> dict[str, Any]:
    """The organisation's field names as the admin shows them."""
    return {
        f.name: f.verbose_name
        for f in Organisation._meta.get_fields()
        if hasattr(f, "verbose_name")
    }


def reason(rejected: Rejected) -> str:
    """Why a row was rejected, in the editor's language."""
    if rejected.code == "site_rules":
        return str(rejected.params["value"])  # worded by the model's validation, already
    if rejected.code in REASONS:
        return str(REASONS[rejected.code]) % rejected.params
    error = rule_error(RuleError(rejected.code, None, **rejected.params))
    return " ".join(error.messages)


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register file"),
        help_text=_(
            "A CSV export of an association register (Rbok, Interbook Go, a spreadsheet saved as "
            "CSV) or JSON from Brønnøysund's Enhetsregisteret. Organisations are matched on "
            "their organisation number."
        ),
    )
    publish = forms.TypedChoiceField(
        label=_("New and changed organisations"),
        choices=[
            ("1", _("Publish them")),
            ("0", _("Save them as drafts for review")),
        ],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffixes = "".join(Path(upload.name).suffixes[-2:]).lower()
        if not suffixes.endswith((".csv", ".txt", ".json", ".json.gz")):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a CSV or JSON file. Export the register as CSV and try "
                    "again."
                ),
                code="file_type",
                params={"name": upload.name},
            )
        return upload


def _session(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION_KEY, {}))


def _stored(request: HttpRequest, token: str) -> tuple[Path, dict[str, Any]]:
    """The waiting file of this editor's upload ``token``; 404 for anyone else's or a stale one."""
    entry = _session(request).get(token)
    file_path = import_dir() / token
    if entry is None or not file_path.is_file():
        raise Http404
    return file_path, entry


def _forget(request: HttpRequest, token: str) -> None:
    (import_dir() / token).unlink(missing_ok=True)
    entries = _session(request)
    entries.pop(token, None)
    request.session[SESSION_KEY] = entries


def _sweep() -> None:
    """Remove uploads nobody confirmed or cancelled within a day (not those a worker is still to
    import: a stopped worker delays an import, it does not lose it)."""
    cutoff = time.time() - MAX_AGE
    waiting = set(
        RegisterImportRun.objects.filter(
            status__in=[RegisterImportRun.Status.QUEUED, RegisterImportRun.Status.RUNNING]
        ).values_list("token", flat=True)
    )
    for old in import_dir().glob("*"):
        if old.is_file() and old.name not in waiting and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def _file_error(exc: DataFileError, name: str) -> forms.ValidationError:
    if isinstance(exc, MissingColumn):
        return forms.ValidationError(
            _(
                "“%(name)s” has no column for the organisation number (for example "
                "“%(example)s”). Its columns are: %(found)s."
            ),
            code="missing_column",
            params={"name": name, "example": COLUMNS[exc.column][0], "found": ", ".join(exc.found)},
        )
    return forms.ValidationError(
        _("“%(name)s” could not be read as a register export: %(problem)s"),
        code="unreadable",
        params={"name": name, "problem": str(exc)},
    )


def _check(request: HttpRequest) -> None:
    if not can_import(request.user):
        raise PermissionDenied


def upload_view(request: HttpRequest) -> HttpResponse:
    """GET: the form; POST: keep the file, try it, and show the preview (or the form's error)."""
    _check(request)
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        directory = import_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        _sweep()
        token = secrets.token_hex(16)
        with (directory / token).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            result = import_register(directory / token, dry_run=True, keep=PREVIEW_ROWS)
        except DataFileError as exc:
            (directory / token).unlink(missing_ok=True)
            form.add_error("file", _file_error(exc, upload.name))
        else:
            entries = _session(request)
            entries[token] = {
                "name": upload.name,
                "publish": form.cleaned_data["publish"],
                "rows": result.rows,
            }
            request.session[SESSION_KEY] = entries
            return _preview(request, token, entries[token], result)
    return TemplateResponse(
        request,
        "wagtail_civil/admin/register_import/upload.html",
        {"form": form, "has_runs": RegisterImportRun.objects.exists()},
    )


def report_rows(result: RegisterImport, rejected_limit: int) -> dict[str, list[Any]]:
    """What the preview and a run's page list, in the editor's words (worded once, here): the
    first ``rejected_limit`` rejected rows with their reason, the new and the changed
    organisations kept by the import, and the fields the file has no column for."""
    labels = field_labels()
    return {
        "rejected": [
            {"line": row.line, "message": reason(row)} for row in result.rejected[:rejected_limit]
        ],
        "created": [
            {"line": c.line, "number": c.organisation_number, "name": c.name}
            for c in result.created_rows
        ],
        "changed": [
            {
                "line": c.line,
                "number": c.organisation_number,
                "name": c.name,
                "fields": [str(labels.get(name, name)) for name in c.fields],
            }
            for c in result.changed_rows
        ],
        "missing": [str(labels.get(name, name)) for name in missing_fields(result)],
    }


def _preview(
    request: HttpRequest, token: str, entry: dict[str, Any], result: RegisterImport
) -> TemplateResponse:
    rows = report_rows(result, PREVIEW_ROWS)
    return TemplateResponse(
        request,
        "wagtail_civil/admin/register_import/preview.html",
        {
            "token": token,
            "name": entry["name"],
            "publish": entry["publish"],
            "result": result,
            **rows,
            "more_rejected": max(0, len(result.rejected) - len(rows["rejected"])),
            "more_created": max(0, result.created - len(rows["created"])),
            "more_changed": max(0, result.changed - len(rows["changed"])),
        },
    )


def missing_fields(result: RegisterImport) -> list[str]:
    """The organisation's fields the file has no column for."""
    names = {"founded": "founded_year"}
    return [names.get(name, name) for name in result.file.missing]


def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """POST: record the run and queue the import of what the preview showed; on to the run's
    page. The waiting file stays until the import is done (the task removes it)."""
    _check(request)
    if request.method != "POST":
        return redirect("wagtail_civil_register_import:upload")
    _file_path, entry = _stored(request, token)
    entries = _session(request)
    entries.pop(token, None)  # a second click finds no upload: 404, nothing imported twice
    request.session[SESSION_KEY] = entries
    run = RegisterImportRun.objects.create(
        user=request.user,
        file_name=entry["name"][:255],
        token=token,
        publish=entry["publish"],
        language=get_language() or "",
        rows_total=entry.get("rows", 0),
    )
    enqueue_run(run)
    return redirect("wagtail_civil_register_import:run", run_id=run.pk)


def cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    """POST: forget the upload without importing anything."""
    _check(request)
    if request.method == "POST":
        _stored(request, token)
        _forget(request, token)
        messages.success(request, _("The import was cancelled; nothing was changed."))
    return redirect("wagtail_civil_register_import:upload")


class OrganisationIndexView(IndexView):
    """The organisations' listing, with "Import from a register" in the header's "…" menu (a
    second header button would push "Add organisation" off a 320 px wide screen)."""

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        if can_import(self.request.user):
            buttons.append(
                Button(
                    _("Import from a register"),
                    url=reverse("wagtail_civil_register_import:upload"),
                    icon_name="upload",
                    priority=50,
                )
            )
        return buttons


app_name = "wagtail_civil_register_import"
urlpatterns = [
    path("", upload_view, name="upload"),
    path("runs/", runs_view, name="runs"),
    path("runs/<civil_pk:run_id>/", run_view, name="run"),
    path("<slug:token>/confirm/", confirm_view, name="confirm"),
    path("<slug:token>/cancel/", cancel_view, name="cancel"),
]
