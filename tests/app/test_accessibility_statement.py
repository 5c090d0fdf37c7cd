"""The accessibility statement page: what it says (compliance, the gaps in order, how it was
prepared, the enforcement body by country), one per site, and the footer link on every page,
which never points to a draft or a private statement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import PageViewRestriction

from tests.app.accessibility import *  # noqa: F403 (the fixtures)
from wagtail_civil.models import AccessibilityGap, AccessibilityStatementPage

pytestmark = pytest.mark.django_db


def sv(message: str, context: str = "") -> str:
    with translation.override("sv"):
        return pgettext(context, message) if context else gettext(message)


def soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def footer_link(response: Any) -> str | None:
    footer = soup(response).find("footer", class_="civil-site-footer")
    return footer.a["href"] if footer is not None else None


def test_the_statement_says_what_the_law_asks(client, statement):
    page = soup(client.get(statement.url))
    main = page.find("main").get_text(" ", strip=True)
    assert "Testkommun" in main and "testkommun.se/samverkan" in main
    assert (
        sv(
            "This website is partially compliant with WCAG 2.1 level AA (the European standard "
            "EN 301 549), because of the problems listed below."
        )
        in main
    )
    gaps = [h.get_text(strip=True) for h in page.select(".civil-gap h3")]
    assert gaps == ["Äldre PDF-dokument saknar taggar.", "Videor saknar syntolkning."]
    first = page.select(".civil-gap")[0].get_text(" ", strip=True)
    assert "1.3.1 Information och relationer" in first and "Protokoll före 2024" in first
    assert sv("Disproportionate burden", "accessibility gap reason") in first
    # Sweden: DIGG and its report page; the report form and the contact address.
    assert page.find("a", href="https://www.digg.se/tdosanmalan") is not None
    assert page.find("a", href=statement.url + "report/") is not None
    assert page.find("a", href="mailto:webb@testkommun.se") is not None
    assert page.find("a", href="https://www.uutilsynet.no/") is None


def test_norway_names_uu_tilsynet_and_the_uustatus_statement(client, make_statement):
    statement = make_statement(country="NO", uustatus_url="https://uustatus.no/nb/erklaringer/1")
    page = soup(client.get(statement.url, HTTP_ACCEPT_LANGUAGE="nb"))
    assert page.find("a", href="https://www.uutilsynet.no/") is not None
    assert page.find("a", href="https://www.diskrimineringsnemnda.no/") is not None
    assert page.find("a", href="https://uustatus.no/nb/erklaringer/1") is not None
    assert page.find("a", href="https://www.digg.se/tdosanmalan") is None


def test_every_page_links_to_the_published_statement(client, civil_site, statement):
    # (The test site's start page is a plain Wagtail page, with Wagtail's own template.)
    pages = (civil_site.meeting_index, civil_site.agreement, civil_site.organisation_index)
    for url in [page.url for page in pages] + [statement.url, statement.url + "report/"]:
        assert footer_link(client.get(url)) == statement.url, url


def test_a_draft_or_private_statement_is_never_linked(client, civil_site, make_statement):
    draft = make_statement(live=False)
    assert footer_link(client.get(civil_site.meeting_index.url)) is None
    assert client.get(draft.url).status_code == 404
    draft.save_revision().publish()
    published = AccessibilityStatementPage.objects.get()
    # Forgotten on publish:
    assert footer_link(client.get(civil_site.meeting_index.url)) == published.url
    PageViewRestriction.objects.create(page=published, restriction_type="login")
    assert footer_link(client.get(civil_site.meeting_index.url)) is None
    PageViewRestriction.objects.all().delete()
    assert footer_link(client.get(civil_site.meeting_index.url)) == published.url
    published.unpublish()
    assert footer_link(client.get(civil_site.meeting_index.url)) is None


def test_the_footer_costs_no_query_once_known(client, civil_site, statement,
                                              django_assert_max_num_queries):  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(civil_site.meeting_index.url)  # learns where the statement is
    with CaptureQueriesContext(connection) as first:
        client.get(civil_site.meeting_index.url)
    with django_assert_max_num_queries(len(first)):
        assert footer_link(client.get(civil_site.meeting_index.url)) == statement.url
    assert not [q for q in first if "accessibilitystatementpage" in q["sql"].lower()]


def test_one_statement_per_site(civil_site, statement):
    assert not AccessibilityStatementPage.can_create_at(civil_site.home)
    assert not AccessibilityStatementPage.can_create_at(civil_site.meeting_index)
    statement.delete()
    assert AccessibilityStatementPage.can_create_at(civil_site.home)


def test_editor_mistakes_are_shown_on_the_field(statement):
    statement.reviewed_on = dt.date(2026, 1, 1)  # before prepared_on
    statement.takes_reports = False
    statement.contact_email = ""
    with pytest.raises(ValidationError) as raised:
        statement.full_clean()
    assert set(raised.value.message_dict) >= {"reviewed_on", "contact_email"}
    gap = AccessibilityGap(page=statement, problem="Kartan", criterion="Kontrast")
    with pytest.raises(ValidationError) as raised:
        gap.full_clean()
    assert "criterion" in raised.value.message_dict
    AccessibilityGap(page=statement, problem="Kartan", criterion="1.4.11 Kontrast").full_clean()


def test_statement_api_fields_leave_out_reports():
    names = {field.name for field in AccessibilityStatementPage.api_fields}
    assert {"conformance", "gaps", "country", "prepared_on"} <= names
    assert "reports" not in names


def test_the_admin_offers_the_page_type_once_per_site(client, civil_site, admin_user):
    client.force_login(admin_user)
    add = f"/admin/pages/add/wagtail_civil/accessibilitystatementpage/{civil_site.home.pk}/"
    form = client.get(add)
    assert form.status_code == 200
    assert 'name="gaps-TOTAL_FORMS"' in form.content.decode()
    civil_site.home.add_child(
        instance=AccessibilityStatementPage(
            title="Tillgänglighet", slug="tillganglighet", organisation_name="Testkommun",
            website_scope="testkommun.se", prepared_on=dt.date(2026, 3, 2), live=False,
        )
    )  # fmt: skip
    assert client.get(add).status_code in (302, 403)


def test_a_report_leaves_the_feeds_alone(statement):
    """A report is never in a feed: sending one must not change every feed's ETag."""
    from wagtail_civil.feeds import stamp
    from wagtail_civil.models import AccessibilityReport

    before = stamp.current()
    report = AccessibilityReport.objects.create(statement=statement, page_url="/", name="Åsa")
    report.mark_answered()
    assert stamp.current() == before
