"""Reading the downloads in tests: the CSV as a spreadsheet program would, the paths."""

from __future__ import annotations

import csv
import io
from typing import Any

__all__ = ["csv_rows", "download_paths"]


def csv_rows(response: Any, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV download as dicts by header, after checking what Excel needs: the BOM
    first, UTF-8, CRLF line ends."""
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf"), "no byte order mark: Excel would read cp1252"
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def download_paths(index_url: str, *names: str) -> list[str]:
    """``<list>/download/<name>/`` for each name."""
    return [f"{index_url}download/{name}/" for name in names]
