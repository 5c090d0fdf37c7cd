"""Tables on a phone: each row reads as a small stacked list, every name whole.

On a 375 px phone the signatory table squeezed four columns side by side, and the stylesheet's
``overflow-wrap: anywhere`` then broke names in the middle ("Frivilligcentru|m", "septembe|r
2022"). On narrow screens (in ``rem``, so large text counts too) a row now stacks its cells, each
labelled with its column's header by CSS, while the markup stays a table for screen readers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from wagtail_civil.models import AgreementSignature

from .conftest import VIEWPORTS
from .test_mobile import _double_text_size

pytestmark = pytest.mark.browser

# Every word of every table cell rendered on one line: a Range over a word gives one rectangle
# per line box it is laid out on. Automatic hyphenation (a break inside a word) counts too; a
# break after a hyphen that is typed ("Johansson-|Lindqvist") does not. With ``unavoidable``,
# a word wider than its whole cell may break (at 200% text a long compound can be): the
# alternative is a page that scrolls sideways.
BROKEN_WORDS_JS = """
(unavoidable) => {
  const broken = [];
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    const room = cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft)
      - parseFloat(getComputedStyle(cell).paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const pattern = /[^\\s-]+-?/g;
      let match;
      while ((match = pattern.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(rects.map(r => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && !(unavoidable && width > room)) broken.push(match[0]);
      }
    }
    const style = getComputedStyle(cell);
    if (style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all'
        || style.hyphens === 'auto') {
      broken.push(`${cell.tagName} allows breaks inside words (${style.overflowWrap}, `
        + `${style.wordBreak}, hyphens ${style.hyphens})`);
    }
  }
  return broken;
}
"""

# Rows whose cells sit side by side instead of one under the other, and cells that lost their
# column's name; each row is described by its first cell.
NOT_STACKED_JS = """
() => {
  const problems = [];
  for (const row of document.querySelectorAll('main table tbody tr')) {
    const cells = [...row.children];
    const name = cells[0].textContent.trim();
    for (let i = 1; i < cells.length; i++) {
      const above = cells[i - 1].getBoundingClientRect(), here = cells[i].getBoundingClientRect();
      if (here.top < above.bottom - 1) problems.push(`${name}: cell ${i + 1} beside cell ${i}`);
      const label = cells[i].dataset.label;
      const shown = getComputedStyle(cells[i], '::before').content;
      if (!label || !shown.includes(label)) problems.push(`${name}: cell ${i + 1} has no label`);
    }
  }
  return problems;
}
"""

# Long Swedish names and dates, as on the page that was reported.
PARTIES = [
    ("Frivilligcentrum Uddevalla", "Margaretha Johansson-Lindqvist", "Verksamhetsansvarig"),
    ("Studieförbundet Vuxenskolan Bohuslän", "Karl-Henrik Andersson", "Regionchef"),
    ("Uddevalla kommun", "Annika Christoffersson", "Kommunstyrelsens ordförande"),
]


@pytest.fixture
def agreement_path(public_pages: Any) -> str:
    agreement = public_pages.site.agreement
    agreement.signatures.all().delete()
    for number, (party, signatory, title) in enumerate(PARTIES):
        AgreementSignature.objects.create(
            page=agreement,
            party_name=party,
            signatory=signatory,
            signatory_title=title,
            date=dt.date(2022, 9, 28 - number),
            sort_order=number,
        )
    return agreement.url


LOOKS = [
    ("375px phone", 375, False),
    ("320px (reflow)", 320, False),
    ("text at 200% on a 375px phone", 375, True),
]


def test_signatory_tables_stack_on_a_phone_with_every_word_whole(
    agreement_path: str, open_page: Callable[..., Any], subtests: Any
) -> None:
    for what, width, big_text in LOOKS:
        with subtests.test(msg=what):
            page = open_page(agreement_path, viewport="mobile")
            page.set_viewport_size({"width": width, "height": 667})
            if big_text:
                _double_text_size(page)
            assert page.locator("main table tbody tr").count() == len(PARTIES)
            broken = page.evaluate(BROKEN_WORDS_JS, big_text)
            assert broken == [], f"{what}: words broken in a table"
            assert page.evaluate(NOT_STACKED_JS) == [], f"{what}: rows not stacked"


def test_a_wide_window_keeps_the_table_as_columns(
    agreement_path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(agreement_path, viewport="desktop")
    assert page.evaluate(BROKEN_WORDS_JS, False) == []
    tops = page.evaluate(
        "[...document.querySelector('main table tbody tr').children]"
        ".map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(tops) == 4 and len(set(tops)) == 1, tops
    assert page.locator("main table thead").is_visible()


def test_the_stacked_table_is_still_a_table_to_a_screen_reader(
    agreement_path: str, open_page: Callable[..., Any]
) -> None:
    """Chromium's accessibility tree (what screen readers get) keeps the table, its rows,
    header cells and data cells when the rows are stacked with CSS."""
    page = open_page(agreement_path, viewport="mobile")
    assert VIEWPORTS["mobile"]["viewport"]["width"] == 375
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    roles = [node.get("role", {}).get("value") for node in nodes if not node.get("ignored")]
    assert roles.count("table") == 1
    assert roles.count("row") == len(PARTIES) + 1
    assert roles.count("columnheader") == 4
    assert roles.count("rowheader") == len(PARTIES)
    assert roles.count("cell") == 3 * len(PARTIES)
    names = {
        node.get("name", {}).get("value")
        for node in nodes
        if node.get("role", {}).get("value") == "columnheader"
    }
    assert "Undertecknad av" in names, names


# Cells that show their column's label on a phone although they hold nothing.
EMPTY_BUT_LABELLED_JS = """
() => [...document.querySelectorAll('main table tbody td[data-label]')]
  .filter(cell => !cell.textContent.trim() && getComputedStyle(cell).display !== 'none'
    && cell.getBoundingClientRect().height > 0)
  .map(cell => `${cell.parentElement.children[0].textContent.trim()}: ${cell.dataset.label}`)
"""


def test_a_blank_cell_shows_no_label_with_nothing_after_it(
    agreement_path: str, open_page: Callable[..., Any]
) -> None:
    # The demo's ÖK Idé showed "Undertecknarens titel:" and no title under every party but one.
    AgreementSignature.objects.filter(party_name=PARTIES[0][0]).update(signatory_title="")
    page = open_page(agreement_path, viewport="mobile")
    page.set_viewport_size({"width": 320, "height": 667})
    assert page.locator("main table tbody tr").count() == len(PARTIES)
    assert page.evaluate(EMPTY_BUT_LABELLED_JS) == []
    title = PARTIES[1][2]
    assert page.locator("main table tbody td", has_text=title).is_visible()
