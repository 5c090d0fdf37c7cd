"""Fixtures of the accessibility statement tests: a published statement under the test site.

Imported by the statement's test modules (``from tests.app.accessibility import *``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from tests.app.conftest import CivilSite, publish
from wagtail_civil.accessibility.footer import forget
from wagtail_civil.models import AccessibilityGap, AccessibilityStatementPage
from wagtail_civil.volunteering.pages import attempts_key

__all__ = ["make_statement", "report_data", "statement"]

CLIENTS = ("127.0.0.1", "192.0.2.7")


def forget_attempts(page: Any) -> Any:
    """The rate limit counts in Django's cache, which outlives a test's transaction."""
    cache.delete_many([attempts_key(f"accessibility-report:{page.pk}", a) for a in CLIENTS])
    return page


def report_data(**changes: Any) -> dict[str, Any]:
    data = {
        "page_url": "https://testserver/moten/",
        "description": "Kalendern går inte att använda med tangentbordet i Firefox och NVDA.",
        "name": "Åsa Öberg",
        "email": "asa@example.org",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def make_statement(civil_site: CivilSite) -> Callable[..., AccessibilityStatementPage]:
    """``make_statement(live=True, gaps=[...], **fields)``: a statement of Testkommun."""

    def make(*, live: bool = True, gaps: list[dict[str, Any]] | None = None, **fields: Any) -> Any:
        fields.setdefault("title", "Tillgänglighetsredogörelse")
        fields.setdefault("slug", "tillganglighet")
        fields.setdefault("organisation_name", "Testkommun")
        fields.setdefault("website_scope", "testkommun.se/samverkan")
        fields.setdefault("prepared_on", dt.date(2026, 3, 2))
        fields.setdefault("contact_email", "webb@testkommun.se")
        page = AccessibilityStatementPage(live=False, **fields)
        for order, gap in enumerate(gaps or []):
            page.gaps.add(AccessibilityGap(sort_order=order, **gap))
        page = civil_site.home.add_child(instance=page)
        forget()
        if live:
            page = publish(page)
        return forget_attempts(page)

    return make


@pytest.fixture
def statement(make_statement: Callable[..., Any]) -> AccessibilityStatementPage:
    return make_statement(
        gaps=[
            {
                "problem": "Äldre PDF-dokument saknar taggar.",
                "criterion": "1.3.1 Information och relationer",
                "location": "Protokoll före 2024",
                "reason": "disproportionate",
            },
            {
                "problem": "Videor saknar syntolkning.",
                "criterion": "1.2.5 Syntolkning",
                "reason": "not_yet_fixed",
                "fix_planned_on": dt.date(2026, 12, 31),
            },
        ]
    )
