"""The editor's preview: a draft organisation and a page being added render as they will look."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.app.conftest import next_week_at
from tests.app.page_html import assert_well_formed_page, parse
from wagtail_civil.models import (
    AgreementCommitment,
    AgreementSignature,
    MeetingProgrammeItem,
    MeetingSpeaker,
    Organisation,
)

pytestmark = pytest.mark.django_db


def test_organisation_preview_renders_a_draft(rf, register, admin_user):
    """The snippet's preview shows the page as it will look, feed-less while it is a draft."""
    draft: Organisation = register["draft"]
    request = rf.get("/admin/snippets/preview/")
    request.user = admin_user
    response = draft.serve_preview(request, draft.default_preview_mode)
    response.render()
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == "Hemlig förening"
    assert not soup.find("section", class_="civil-subscribe")


def test_organisation_preview_uses_the_public_context(civil_site, make_organisation, rf):
    organisation = make_organisation("Teaterföreningen", live=False)
    request = rf.get("/")
    context = organisation.get_preview_context(request, "")
    assert context["organisation"] == organisation
    assert context["page"] == civil_site.organisation_index
    assert organisation.get_preview_template(request, "") == (
        "wagtail_civil/organisation_detail.html"
    )


def _unsaved_child(parent: Any, page: Any) -> Any:
    """``page`` placed under ``parent`` the way Wagtail previews a page that is being added."""
    page.depth = parent.depth + 1
    last = parent.get_last_child()
    page.path = last._inc_path() if last else page._get_path(parent.path, page.depth, 1)
    return page


@pytest.mark.parametrize("kind", ["meeting", "agreement"])
def test_preview_of_a_page_being_added(rf, civil_site, admin_user, make_organisation, kind):
    """The editor's preview renders before the page has an id, a URL or a feed."""
    from wagtail_civil.models import AgreementPage, MeetingPage

    org = make_organisation("Röda Korset")
    if kind == "meeting":
        start = next_week_at()
        page = MeetingPage(
            title="Nytt möte",
            slug="nytt-mote",
            start=start,
            end=start + dt.timedelta(hours=2),
            venue_name="Folkets Hus",
            registration_kind="external",
            registration_url="https://example.org/anmalan",
        )
        page.programme = [MeetingProgrammeItem(start_time=dt.time(18), title="Fika")]
        page.speakers = [MeetingSpeaker(name="Bengt", organisation=org)]
        parent = civil_site.meeting_index
    else:
        page = AgreementPage(title="Nytt avtal", slug="nytt-avtal", status="draft")
        page.signatures = [AgreementSignature(organisation=org)]
        page.commitments = [AgreementCommitment(description="Två möten", minimum=2)]
        parent = civil_site.home
    page = _unsaved_child(parent, page)
    request = rf.get("/admin/pages/preview/")
    request.user = admin_user
    response = page.serve_preview(request, page.default_preview_mode)
    soup = parse(response.render() if hasattr(response, "render") else response)
    assert_well_formed_page(soup)
    assert soup.h1.get_text(strip=True) == page.title
    assert soup.main.find("a", href=org.get_url())
    # No feed of its own yet (a new meeting's parent list already has one).
    assert not soup.find("a", href=lambda h: h and "/calendar/meeting/" in h)
    assert not soup.find("a", href=lambda h: h and "/calendar/agreements/" in h)
