"""Every table of the app's public templates is one that stacks on a phone (see
tests/browser/test_tables). The admin's templates (``admin/``) use Wagtail's own table styles.

The stacking is CSS (``.civil-table-stack``) fed by the markup: a data cell without its column's
name in ``data-label`` would show a bare value on a phone, and a table without explicit roles
may stop being announced as a table once CSS changes its display.
"""

from __future__ import annotations

import re
from pathlib import Path

import wagtail_civil

TEMPLATES = Path(wagtail_civil.__file__).parent / "templates" / "wagtail_civil"


# The month calendar is a grid of weeks, not rows of records: on a narrow screen it becomes a list
# of the days that have meetings, each under its full date (tests/browser/test_month_and_print.py
# checks it at 320 px), so its cells need no data-label.
OWN_NARROW_LAYOUT = {"meeting_month.html"}


def test_every_table_stacks_and_labels_its_cells():
    tables = 0
    for template in sorted(TEMPLATES.rglob("*.html")):
        if "admin" in template.relative_to(TEMPLATES).parts or template.name in OWN_NARROW_LAYOUT:
            continue
        text = template.read_text(encoding="utf-8")
        for table in re.findall(r"<table\b.*?</table>", text, flags=re.S):
            tables += 1
            opening = re.match(r"<table\b[^>]*>", table).group(0)
            assert "civil-table-stack" in opening and 'role="table"' in opening, template.name
            for cell in re.findall(r"<td\b[^>]*>", table):
                assert "data-label=" in cell and 'role="cell"' in cell, (template.name, cell)
            for row in re.findall(r"<tr\b[^>]*>", table):
                assert 'role="row"' in row, (template.name, row)
    assert tables >= 1
