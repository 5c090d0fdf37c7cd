"""The demo's accessibility statement: in Swedish, partially compliant with its known gaps told,
DIGG as the enforcement body, linked from the footer of the demo's pages, the report form open;
loading again changes nothing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from demo.a11y import GAPS, SLUG
from wagtail.models import PageLogEntry

from wagtail_civil.accessibility.footer import forget
from wagtail_civil.models import AccessibilityStatementPage, MeetingIndexPage

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:  # noqa: ANN001
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_statement_is_published_in_swedish_with_its_gaps(demo, client):
    statement = AccessibilityStatementPage.objects.live().public().get(slug=SLUG)
    assert statement.conformance == "partial" and statement.country == "SE"
    assert [gap.problem for gap in statement.gaps.all()] == [gap["problem"] for gap in GAPS]
    page = _soup(client.get(statement.url))
    text = page.find("main").get_text(" ", strip=True)
    assert "Demokommun" in text and "PDF" in text and "1.3.1 Information och relationer" in text
    assert page.find("a", href="https://www.digg.se/tdosanmalan") is not None
    assert page.find("a", href=statement.url + "report/") is not None
    assert _soup(client.get(statement.url + "report/")).find("form") is not None


def test_the_demo_pages_link_to_it_from_the_footer(demo, client):
    forget()
    statement = AccessibilityStatementPage.objects.get(slug=SLUG)
    for page in [demo.home, *MeetingIndexPage.objects.live()[:2], statement]:
        footer = _soup(client.get(page.url)).find("footer", class_="civil-site-footer")
        assert footer is not None and footer.a["href"] == statement.url, page.url


def test_loading_again_changes_nothing(demo, load):
    statement = AccessibilityStatementPage.objects.get(slug=SLUG)
    revisions = statement.revisions.count()
    logged = PageLogEntry.objects.filter(page=statement).count()
    load()
    assert statement.revisions.count() == revisions
    assert PageLogEntry.objects.filter(page=statement).count() == logged
