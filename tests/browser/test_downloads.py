"""With JavaScript off, a resident clicks "CSV for Excel" on the directory or the meeting list
and gets the file: a download, not a page, and one that a spreadsheet opens as columns.

The links are found by their addresses, never by their (translated) wording.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import PublicPages

pytestmark = pytest.mark.browser


def test_the_csv_links_download_a_file_excel_opens_as_columns(
    public_pages: PublicPages, open_page: Callable[..., Any], subtests: Any
) -> None:
    for name, column, expected in (
        ("directory", "name", "Röda Korset Uddevallakretsen"),
        ("meeting_index", "title", "Dialogmöte om föreningsbidrag och lokaler"),
    ):
        with subtests.test(msg=name):
            page = open_page(getattr(public_pages, name), javascript=False)
            links = page.locator("main section.civil-downloads a")
            assert links.count() >= 2
            assert all(link.inner_text().strip() for link in links.all())
            link = page.locator("main a[href$='download/csv/?delimiter=semicolon']")
            assert link.is_visible()
            with page.expect_download() as download_info:
                link.click()
            download = download_info.value
            assert download.suggested_filename.endswith(".csv")
            data = open(download.path(), "rb").read()
            assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
            rows = list(csv.DictReader(io.StringIO(data[3:].decode()), delimiter=";"))
            assert expected in {row[column] for row in rows}


def test_the_popolo_link_opens_json(
    public_pages: PublicPages, open_page: Callable[..., Any]
) -> None:
    page = open_page(public_pages.directory, javascript=False)
    href = page.locator("main a[href$='download/popolo/']").get_attribute("href")
    response = page.context.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/json"
    names = {o["name"] for o in response.json()["organizations"]}
    assert "Röda Korset Uddevallakretsen" in names
