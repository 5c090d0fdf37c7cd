"""The demo's accessibility statement, in Swedish, as DIGG's model statement asks: who, which
website, partially compliant, the known gaps told honestly (the demo's documents are not checked,
maps are external services), how it was assessed, how to report a problem, and DIGG.

Its dates are fixed, not computed from ``today``, so loading again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from home.models import HomePage

from wagtail_civil.models import AccessibilityGap, AccessibilityStatementPage

__all__ = ["GAPS", "SLUG", "add_accessibility_statement"]

SLUG = "tillganglighetsredogorelse"

FIELDS: dict[str, Any] = {
    "title": "Tillgänglighetsredogörelse",
    "organisation_name": "Demokommun",
    "website_scope": (
        "Den här webbplatsen för kommunens samverkan med civilsamhället: möten och "
        "mötesanmälan, överenskommelser, samråd, handlingsprogram, frivilliguppdrag och "
        "kalenderflöden."
    ),
    "intro": (
        "<p>Det här är demonstrationens tillgänglighetsredogörelse. En kommun som använder "
        "civilsamhalle skriver sin egen, med sina egna brister och kontaktuppgifter.</p>"
    ),
    "conformance": "partial",
    "assessment": "self",
    "assessment_method": (
        "Vi testar alla sidtyper och formulär automatiskt med axe-core i webbläsaren Chromium, "
        "också när ett formulär visar fel och i 320 pixlars bredd, och manuellt med enbart "
        "tangentbord och utan JavaScript."
    ),
    "prepared_on": dt.date(2026, 11, 30),
    "reviewed_on": None,
    "contact_email": "tillganglighet@example.org",
    "contact_phone": "0771-12 34 56",
    "response_days": 5,
    "country": "SE",
    "uustatus_url": "",
    "takes_reports": True,
}

GAPS: list[dict[str, Any]] = [
    {
        "problem": (
            "Dokument i PDF-format, till exempel protokoll och överenskommelser, är inte "
            "granskade. Många saknar taggar, rubriker och textalternativ till bilder och går "
            "därför dåligt att läsa med skärmläsare."
        ),
        "criterion": "1.3.1 Information och relationer",
        "location": "Dokument som laddats upp till möten, samråd och överenskommelser",
        "reason": "not_yet_fixed",
        "fix_planned_on": dt.date(2027, 6, 30),
    },
    {
        "problem": (
            "Bilder i berättelserna om samverkan har ibland textalternativ som inte beskriver "
            "vad bilden visar."
        ),
        "criterion": "1.1.1 Icke-textinnehåll",
        "location": "Berättelser om samverkan",
        "reason": "not_yet_fixed",
        "fix_planned_on": dt.date(2027, 3, 31),
    },
    {
        "problem": (
            "Vägbeskrivningar till mötesplatserna länkar till externa karttjänster, som vi inte "
            "styr över och som inte alltid går att använda med tangentbord."
        ),
        "criterion": "2.1.1 Tangentbord",
        "location": "Länkar till kartor på mötessidorna",
        "reason": "out_of_scope",
        "fix_planned_on": None,
    },
]


def _same(page: AccessibilityStatementPage) -> bool:
    if any(getattr(page, name) != value for name, value in FIELDS.items()):
        return False
    names = ("problem", "criterion", "location", "reason", "fix_planned_on")
    have = [{name: getattr(gap, name) for name in names} for gap in page.gaps.all()]
    return have == GAPS


def add_accessibility_statement(home: HomePage) -> AccessibilityStatementPage:
    """Create or update the statement under the start page, published."""
    page = AccessibilityStatementPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is not None and page.live and _same(page):
        return page
    if page is None:
        page = AccessibilityStatementPage(slug=SLUG, live=False, **FIELDS)
        home.add_child(instance=page)
    else:
        for name, value in FIELDS.items():
            setattr(page, name, value)
    page.gaps = [AccessibilityGap(sort_order=order, **gap) for order, gap in enumerate(GAPS)]
    page.save_revision().publish()
    return AccessibilityStatementPage.objects.get(pk=page.pk)
