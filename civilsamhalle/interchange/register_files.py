"""Read an association register's export row by row, whatever its encoding and delimiter.

A CSV from a Swedish register (Rbok, Interbook Go, Excel's "Save as CSV") comes in UTF-8 with or
without a byte order mark, or in Windows-1252, with commas or semicolons; a download from
Brønnøysund's Enhetsregisteret is JSON (a page of ``_embedded.enheter``, or the bulk download's
plain list, possibly gzipped). Rows are read one at a time and never all kept, so a file of
50,000 rows takes as little memory as one of 50: only the numbers already seen are kept, to
reject a number that comes twice (the first is kept).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import DataFileError
from .register_rows import COLUMNS, RegisterRow, Rejected, clean_row, column_for, enhet_row

__all__ = ["RegisterFile", "open_register"]

_CHUNK = 1 << 16
_ENHETER = re.compile(r'"enheter"\s*:\s*\[')
_BETWEEN = re.compile(r"[\s,]*")


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it, for a progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.done = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        return len(data)


def detect_encoding(raw: IO[bytes]) -> str:
    """``utf-8-sig`` when the whole file is UTF-8 (BOM or not), else ``cp1252``.

    Checked over the whole file, a chunk at a time: an export is often pure ASCII for thousands
    of rows before the first "Föreningen", and one wrong guess garbles every name after it.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


@dataclass
class RegisterFile:
    """An open register file: its rows as :meth:`rows` yields them, and what was found out."""

    kind: str  # "csv" or "enhetsregisteret"
    encoding: str
    total_bytes: int
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # field → the file's header
    missing: list[str] = field(default_factory=list)  # fields without a column
    ignored: list[str] = field(default_factory=list)  # headers that mean nothing here
    voluntary_only: bool = True
    skipped: int = 0  # entities left out: not in the Frivillighetsregisteret
    _open: Callable[[], IO[bytes]] | None = None
    _counter: _Counting | None = None

    @property
    def bytes_read(self) -> int:
        return self._counter.done if self._counter else 0

    def rows(self) -> Iterator[RegisterRow | Rejected]:
        """Each row in file order; a number seen before is :class:`Rejected` as a duplicate."""
        assert self._open is not None
        # Number → first line, as two ints (about 140 bytes a row): the one thing that grows.
        seen: dict[int, int] = {}
        with self._open() as raw:
            self._counter = _Counting(raw)
            reader = self._csv_rows if self.kind == "csv" else self._json_rows
            for row in reader(io.BufferedReader(self._counter, _CHUNK)):
                if isinstance(row, RegisterRow):
                    digits = int(row.organisation_number.replace("-", ""))
                    key = -digits if row.country == "NO" else digits
                    if key in seen:
                        row = Rejected(
                            row.line, "duplicate",
                            {"value": row.organisation_number, "first": seen[key]},
                        )  # fmt: skip
                    else:
                        seen[key] = row.line
                if row is None:
                    self.skipped += 1
                else:
                    yield row

    def _csv_rows(self, binary: IO[bytes]) -> Iterator[RegisterRow | Rejected]:
        text = io.TextIOWrapper(binary, encoding=self.encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=self.delimiter)
        line = 0
        try:
            headers = next(reader, [])
            targets = [column_for(h) for h in headers]
            line = reader.line_num
            for cells in reader:
                start, line = line + 1, reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                by_field = {t: c for t, c in zip(targets, cells, strict=False) if t}
                yield clean_row(start, by_field)
        except (csv.Error, OSError, EOFError) as exc:  # a runaway quoted cell, a broken gzip
            raise DataFileError(f"line {line + 1} cannot be read: {exc}") from None

    def _json_rows(self, binary: IO[bytes]) -> Iterator[RegisterRow | Rejected | None]:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace")
        for line, enhet in _json_array(text):
            yield enhet_row(line, enhet, voluntary_only=self.voluntary_only)


def _json_array(text: IO[str]) -> Iterator[tuple[int, Any]]:
    """The objects of the entity list with the line each starts on, decoded one at a time.

    The list is the whole document (the bulk download) or the value of ``"enheter"`` (a page of
    the search API); a single entity object is yielded alone.
    """
    decoder = json.JSONDecoder()
    buffer = text.read(_CHUNK)
    line = 1
    stripped = buffer.lstrip()
    if stripped.startswith("{"):
        found = _ENHETER.search(buffer)
        while found is None and (more := text.read(_CHUNK)):
            buffer += more
            found = _ENHETER.search(buffer)
        if found is None:  # one entity, as /api/enheter/{orgnr} gives it
            document = _load(buffer + text.read())
            if isinstance(document, dict) and "organisasjonsnummer" not in document:
                return  # a search that found nothing has no "_embedded" at all
            yield 1, document
            return
        position = found.end()
    elif stripped.startswith("["):
        position = buffer.index("[") + 1
    else:
        raise DataFileError("not JSON from the Enhetsregisteret: expected a list of entities")
    line += buffer.count("\n", 0, position)
    while True:
        while True:  # skip commas and white space between objects
            match = _BETWEEN.match(buffer, position)
            line += buffer.count("\n", position, match.end())
            position = match.end()
            if position < len(buffer):
                break
            more = text.read(_CHUNK)
            if not more:
                raise DataFileError("the list of entities ends early: the file is cut short")
            buffer, position = more, 0
        if buffer[position] == "]":
            return
        while True:
            try:
                value, end = decoder.raw_decode(buffer, position)
                break
            except json.JSONDecodeError as exc:
                more = text.read(_CHUNK)
                if not more:
                    raise DataFileError(f"not valid JSON at line {line}: {exc.msg}") from None
                buffer = buffer[position:] + more
                position = 0
        yield line, value
        line += buffer.count("\n", position, end)
        buffer, position = buffer[end:], 0


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"not valid JSON at line {exc.lineno}: {exc.msg}") from None


def _delimiter(header: str) -> str:
    """The delimiter of the header line: the one of ``;``, ``,`` and tab it has most of."""
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def open_register(path: str | Path, *, voluntary_only: bool = True) -> RegisterFile:
    """Look at a register file: its format, encoding, delimiter and which columns it has.

    Raises :class:`DataFileError` when it cannot be read, or when it has no column for the
    organisation number (nothing in it could be matched, so nothing is imported).
    """
    path = Path(path)
    try:
        with path.open("rb") as probe:
            gzipped = probe.read(2) == b"\x1f\x8b"
        opener: Callable[[], IO[bytes]] = (
            (lambda: gzip.open(path, "rb")) if gzipped else (lambda: path.open("rb"))
        )
        total = path.stat().st_size
        with opener() as raw:
            start = raw.read(_CHUNK).lstrip(b"\xef\xbb\xbf \t\r\n")
        is_json = start[:1] in (b"{", b"[")
        if is_json:
            return RegisterFile(
                "enhetsregisteret", "utf-8", total, voluntary_only=voluntary_only, _open=opener
            )
        with opener() as raw:
            encoding = detect_encoding(raw)
        with opener() as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            header = text.readline()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataFileError(f"{path}: cannot be read: {exc}") from None
    if not header.strip():
        raise DataFileError(f"{path}: the file is empty")
    delimiter = _delimiter(header)
    headers = next(csv.reader([header], delimiter=delimiter), [])
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header_name in headers:
        target = column_for(header_name)
        if target and target not in columns:
            columns[target] = header_name.strip()
        elif header_name.strip():
            ignored.append(header_name.strip())
    missing = [f for f in COLUMNS if f not in columns and f not in ("country", "contact")]
    if "organisation_number" not in columns:
        raise MissingColumn("organisation_number", headers)
    return RegisterFile(
        "csv", encoding, total, delimiter, columns, missing, ignored, _open=opener
    )  # fmt: skip


class MissingColumn(DataFileError):
    """A column the import cannot do without; ``column`` names the field, ``found`` the headers."""

    def __init__(self, column: str, found: list[str]) -> None:
        self.column, self.found = column, [h.strip() for h in found if h.strip()]
        super().__init__(
            f"no column for the {column.replace('_', ' ')} (e.g. "
            f"'{COLUMNS[column][0]}'); the file's columns are: {', '.join(self.found) or 'none'}"
        )
