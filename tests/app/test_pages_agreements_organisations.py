"""The agreement, organisation directory and organisation pages, and the editors' previews.

Rendered by the real templates through Wagtail's serving, checked on the HTML as in
``test_pages`` (whose page checks are reused): who signed, whether a commitment is kept, only
published organisations, filters and pages that keep the search.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.app.conftest import next_week_at, publish
from tests.app.test_pages import (
    assert_feeds_answer,
    assert_well_formed_page,
    parse,
    subscribe_boxes,
)
from wagtail_civil.models import (
    AgreementCommitment,
    AgreementSignature,
    MeetingProgrammeItem,
    MeetingSpeaker,
    Organisation,
)
from wagtail_civil.templatetags.civil_tags import civil_commitment_state

pytestmark = pytest.mark.django_db

# --- the agreement -------------------------------------------------------------------------------


def test_agreement_page_shows_signatories_and_commitments(
    client, make_agreement, make_organisation, make_meeting
):
    org = make_organisation("Frivilligcentrum")
    draft = make_organisation("Utkast AB", live=False)
    agreement = make_agreement(
        "Lokal överenskommelse",
        signatories=[org, draft, "Uddevalla kommun"],
        commitments=[(1, "hearing")],
        status="in_force",
        valid_from=dt.date(2024, 1, 1),
        purpose="<p>Att samverka.</p>",
    )
    signature = agreement.signatures.get(organisation=org)
    signature.signatory, signature.date = "Eva Ek", dt.date(2024, 3, 5)
    signature.save()
    make_meeting("Dialog under avtalet", agreement=agreement)
    response = client.get(agreement.url)
    soup = parse(response)
    assert_well_formed_page(soup)
    table = soup.main.find("table")
    assert table.find("caption").get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert [row[0] for row in rows] == ["Frivilligcentrum", "Utkast AB", "Uddevalla kommun"]
    assert rows[0][1] == "Eva Ek"
    assert table.tbody.find("time", datetime="2024-03-05")
    # Only the published organisation is linked.
    assert [a["href"] for a in table.find_all("a")] == [org.get_url()]
    # The commitment (a hearing a year, none planned) in words, not only a meter.
    (status,) = response.context["commitment_statuses"]
    assert status.state.value == "at_risk"
    commitment = soup.main.find("li", class_="civil-commitment")
    assert "Minst 1 möten per år" in commitment.get_text()
    state = commitment.find(class_="civil-commitment-state").get_text(strip=True)
    assert state == civil_commitment_state(status) and state
    meter = commitment.find("meter")
    assert (meter["value"], meter["max"]) == ("0", "1")
    # Its upcoming meeting, and a feed that carries it.
    assert "Dialog under avtalet" in soup.main.get_text()
    assert_feeds_answer(client, subscribe_boxes(soup), "Dialog under avtalet")
    assert soup.main.find("time", datetime="2024-01-01")


def test_draft_agreement_is_not_served(client, make_agreement):
    agreement = make_agreement("Utkast", live=False)
    assert client.get(f"/{agreement.slug}/").status_code == 404


# --- the organisation directory and pages --------------------------------------------------------


@pytest.fixture
def register(civil_site, make_organisation, make_category):
    culture = make_category("Kulturföreningar", slug="kultur")
    faith = make_category("Trossamfund", slug="tro")
    church = make_organisation("Svenska kyrkan", categories=[faith], kind="faith_community")
    return {
        "culture": culture,
        "theatre": make_organisation(
            "Teaterföreningen",
            categories=[culture],
            website="https://example.org/teater/",
            phone="0522-1 23",
        ),
        "church": church,
        "parish": make_organisation("Bäve församling", kind="faith_community", parent=church),
        "study": make_organisation("ABF Fyrbodal", kind="study_association"),
        "draft": make_organisation("Hemlig förening", live=False, categories=[culture]),
    }


def listed(soup: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.main.find_all("h2", class_="civil-card-title")]


def test_directory_lists_only_published_organisations(client, civil_site, register):
    soup = parse(client.get(civil_site.organisation_index.url))
    assert_well_formed_page(soup)
    assert listed(soup) == ["ABF Fyrbodal", "Bäve församling", "Svenska kyrkan", "Teaterföreningen"]
    count = soup.main.find(attrs={"role": "status"})
    assert "4" in count.get_text()
    links = {a.get_text(strip=True): a["href"] for a in soup.main.select("h2 a")}
    assert links["ABF Fyrbodal"] == register["study"].get_url()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "kultur"}, ["Teaterföreningen"]),
        ({"kind": "faith_community"}, ["Bäve församling", "Svenska kyrkan"]),
        ({"q": "kyrkan"}, ["Svenska kyrkan"]),
        ({"q": "hemlig"}, []),
        ({"q": "förening", "category": "kultur"}, ["Teaterföreningen"]),
    ],
)
def test_directory_filters(client, civil_site, register, query, expected):
    soup = parse(client.get(civil_site.organisation_index.url, query))
    assert_well_formed_page(soup)
    assert listed(soup) == expected
    assert str(len(expected)) in soup.main.find(attrs={"role": "status"}).get_text()
    # The form shows what was asked, so it can be changed.
    form = soup.main.find("form")
    if "q" in query:
        assert form.find("input", attrs={"name": "q"})["value"] == query["q"]
    if not expected:
        assert soup.main.find(class_="civil-empty")


def test_directory_pages_keep_the_search(client, civil_site, register):
    index = civil_site.organisation_index
    index.per_page = 1
    publish(index)
    soup = parse(client.get(index.url, {"kind": "faith_community"}))
    assert listed(soup) == ["Bäve församling"]
    following = soup.main.find("a", rel="next")
    soup = parse(client.get(index.url + following["href"]))
    assert listed(soup) == ["Svenska kyrkan"]
    assert not soup.main.find("a", rel="next")


def test_organisation_page(client, civil_site, register, make_agreement, make_meeting):
    theatre = register["theatre"]
    agreement = make_agreement("ÖK Kultur", signatories=[theatre])
    make_agreement("Hemligt avtal", signatories=[theatre], live=False)
    make_meeting("Teaterdialog", hosts=[theatre])
    soup = parse(client.get(theatre.get_url()))
    assert_well_formed_page(soup)
    assert soup.h1.get_text(strip=True) == "Teaterföreningen"
    assert soup.title.get_text().startswith("Teaterföreningen")
    text = soup.main.get_text(" ", strip=True)
    assert "Kulturföreningar" in text and "Teaterdialog" in text and "Hemligt avtal" not in text
    assert soup.main.find("a", href=agreement.url)
    assert (
        soup.main.find("a", href="https://example.org/teater/").get_text() == "example.org/teater"
    )
    assert soup.main.find("a", href="tel:0522123")
    assert soup.main.find("a", href=f"{civil_site.organisation_index.url}?category=kultur")
    breadcrumbs = soup.find("nav", class_="civil-breadcrumbs")
    assert (
        breadcrumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == "Teaterföreningen"
    )
    boxes = subscribe_boxes(soup)
    assert [urlsplit(c).path for _, c in boxes] == [f"/calendar/organisations/{theatre.pk}.ics"]
    assert_feeds_answer(client, boxes, "Teaterdialog")


def test_organisation_page_links_parent_and_members(client, register):
    church, parish = register["church"], register["parish"]
    soup = parse(client.get(parish.get_url()))
    assert soup.main.find("a", href=church.get_url())
    soup = parse(client.get(church.get_url()))
    assert soup.main.find("a", href=parish.get_url())


def test_unknown_or_draft_organisation_is_404(client, civil_site, register):
    base = civil_site.organisation_index.url
    assert client.get(f"{base}no-such-organisation/").status_code == 404
    assert client.get(f"{base}{register['draft'].slug}/").status_code == 404


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


def test_documents_are_offered_with_their_type_and_size(
    client, settings, tmp_path, make_agreement, make_meeting
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    signed = Document.objects.create(
        title="ÖK Idé undertecknad", file=ContentFile(b"%PDF-1.4 " * 300, name="ok-ide.pdf")
    )
    minutes = Document.objects.create(
        title="Minnesanteckningar", file=ContentFile(b"x" * 2048, name="protokoll.docx")
    )
    agreement = make_agreement("Med dokument", document=signed)
    held = make_meeting("Hållet", start=timezone.now() - dt.timedelta(days=3), minutes=minutes)
    for page, document in ((agreement, signed), (held, minutes)):
        soup = parse(client.get(page.url))
        link = soup.main.find("a", href=document.url)
        assert link is not None and link.get_text(strip=True)
        described = link.parent.get_text(" ", strip=True)
        assert document.file_extension.upper() in described
        assert client.get(document.url).status_code == 200
