"""Read and write a whole :class:`~civilsamhalle.model.Dataset` as one JSON file.

This is the file that ``civilsamhalle validate`` checks and ``civilsamhalle ics`` turns into a
calendar, so that a municipality without Wagtail (or a developer testing a feed) can keep its
meetings in a file under version control. The shape is the Dataset's own, field for field, so the
model is the one description of it and nothing here can drift from it:

.. code-block:: json

    {
      "name": "Luleå kommun",
      "organisations": [
        {"id": "pro-lulea", "name": "PRO Luleå", "kind": "association",
         "categories": ["pensionärsorganisationer"], "website": "https://example.org"}
      ],
      "agreements": [
        {"id": "ok-ide", "title": "Lokal överenskommelse", "status": "in_force",
         "commitments": [{"description": "Två dialoger per år", "minimum": 2,
                          "meeting_kind": "dialogue"}]}
      ],
      "meetings": [
        {"uid": "5b1b0c1e-2f59-4d1c-9a57-0d7b3e3c2a11", "title": "Dialog om sommaren",
         "start": "2020-06-02T13:00:00+02:00", "end": "2020-06-02T15:00:00+02:00",
         "timezone": "Europe/Stockholm", "mode": "online",
         "online_url": "https://example.org/mote", "agreement_id": "ok-ide"}
      ]
    }

Dates and times are ISO 8601 and must carry their UTC offset; ``timezone`` names the IANA zone
the meeting is held in, which calendar programs need to move it correctly across daylight saving.
An ``organisation_number`` is checked against its check digit (Sweden ``NNNNNN-NNNN``, Norway
nine digits, chosen by ``country``: ``"SE"`` or ``"NO"``). Every object rejects fields it does
not know, so a misspelt field is reported instead of ignored.

The whole format, field by field, is described in ``docs/data-format.md``; ``civilsamhalle
schema`` prints it as a JSON Schema (:func:`json_schema`).

Reading returns every mistake at once (see :mod:`civilsamhalle.errors`): field errors from the
model together with whole-file problems such as two meetings sharing a ``uid`` or a reference to
an organisation that is not in the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataFileError, InvalidData, format_validation_error
from ..i18n import translation
from ..model import Dataset
from .consistency import dataset_problems, place_problems

__all__ = ["load", "loads", "dump", "dumps", "json_schema", "SCHEMA_DIALECT"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def loads(data: str | bytes, source: str = "<data>", language: str | None = None) -> Dataset:
    """Parse and validate JSON text.

    Raises :class:`DataFileError` when ``data`` is not JSON (``source`` names it in the message)
    and :class:`InvalidData` with every mistake when it is JSON that breaks the rules.
    ``language`` picks the catalogue of the messages (English when ``None``); the core's own
    rules and the common mistakes are translated, pydantic's rarer messages stay English.
    """
    _ = translation(language).gettext
    if isinstance(data, bytes):
        try:
            # utf-8-sig: spreadsheet programs and Windows editors put a byte-order mark first.
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = _("{source} is not UTF-8 text (byte {position})")
            raise DataFileError(message.format(source=source, position=exc.start)) from None
    try:
        dataset = Dataset.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidData(_field_errors(exc, data, source, language)) from None
    if problems := dataset_problems(_parsed(data), language):
        raise InvalidData(problems)
    return dataset


def _field_errors(exc: ValidationError, data: str, source: str, language: str | None) -> list[str]:
    """The model's field errors, then the whole-file problems: every mistake of the file at once.

    A meeting whose fields failed is checked again for its place (venue, link) so that the
    editor learns of those too, unless the model already reported that field.
    """
    _ = translation(language).gettext
    for err in exc.errors():
        if err["type"] == "json_invalid":
            detail = err["msg"].removeprefix("Invalid JSON: ")
            message = _("{source} is not valid JSON: {detail}")
            raise DataFileError(message.format(source=source, detail=detail)) from None
    errors = format_validation_error(exc, language, Dataset)
    raw = _parsed(data)
    failed = {e["loc"][1] for e in exc.errors() if e["loc"][:1] == ("meetings",)}
    reported = {e.partition(": ")[0] for e in errors}
    late = place_problems(raw, {i for i in failed if isinstance(i, int)}, language)
    errors.extend(e for e in late if e.partition(": ")[0] not in reported)
    return [*errors, *dataset_problems(raw, language)]


def _parsed(data: str) -> Any:
    """The file as plain JSON values, for the whole-file checks that run despite field errors."""
    try:
        return json.loads(data)
    except ValueError:  # pragma: no cover - pydantic read it already
        return None


def load(path: str | Path, language: str | None = None) -> Dataset:
    """Read and validate a JSON data file; errors as for :func:`loads`."""
    _ = translation(language).gettext
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = _("cannot read {path}: {reason}")
        raise DataFileError(message.format(path=path, reason=reason)) from None
    return loads(data, source=str(path), language=language)


def dumps(dataset: Dataset, indent: int | None = 2) -> str:
    """The dataset as JSON text that :func:`loads` reads back to an equal dataset.

    Every field is written, defaults included, so a file keeps its meaning even if a later
    version of the model changes a default.
    """
    return dataset.model_dump_json(indent=indent) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, with every field's description."""
    schema = Dataset.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **schema}


def dump(dataset: Dataset, path: str | Path) -> None:
    """Write the dataset to ``path`` as UTF-8 JSON."""
    Path(path).write_bytes(dumps(dataset).encode())  # str.encode() is UTF-8 on every machine
