"""The StreamField blocks: what they offer, what each one's context holds, and how it renders.

A block is chosen once by an editor and then shows whatever is live for years, so each test
puts drafts and restricted content next to public content and checks that only the public
content reaches the context and the HTML. ``AgreementPage.body`` is a ``CivilStreamBlock``, so
the rendered tests put the blocks there.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction

from tests.app.conftest import next_week_at, publish
from tests.app.page_html import assert_well_formed_page, parse, subscribe_boxes
from wagtail_civil.blocks import (
    CivilStreamBlock,
    OrganisationListBlock,
    SignatoriesBlock,
    SubscribeBlock,
    UpcomingMeetingsBlock,
)
from wagtail_civil.models import MeetingIndexPage

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


# --- what each block's context holds -------------------------------------------------------------


def test_the_stream_block_offers_the_civil_blocks():
    names = set(CivilStreamBlock().child_blocks)
    assert names == {
        "heading",
        "paragraph",
        "upcoming_meetings",
        "signatories",
        "organisation_list",
        "subscribe",
        "liaison",
    }


def _value(block, **raw):
    return block.to_python(raw)


@pytest.mark.django_db
def test_upcoming_meetings_block_shows_only_public_upcoming_meetings(
    civil_site, make_meeting, make_organisation
):
    now = timezone.now()
    theatre = make_organisation("Teaterföreningen")
    first = make_meeting("Första", start=now + DAY, hosts=[theatre])
    second = make_meeting("Andra", start=now + 2 * DAY, hosts=[theatre])
    make_meeting("Tredje", start=now + 3 * DAY, hosts=[theatre])
    make_meeting("Utkast", start=now + DAY, hosts=[theatre], live=False)
    make_meeting("Förbi", start=now - 3 * DAY, hosts=[theatre])
    hidden = make_meeting("Lösenord", start=now + DAY, hosts=[theatre])
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    make_meeting("Annan värd", start=now + DAY)

    block = UpcomingMeetingsBlock()
    context = block.get_context(_value(block, organisation=theatre.pk, count=2))

    assert context["meetings"] == [first, second]
    # Narrowed to one organisation: the site's meeting list would show others' meetings too,
    # so it is not offered as "all meetings"; unnarrowed, the site's only list is.
    assert context["meeting_index"] is None
    everything = block.get_context(_value(block, count=2))
    assert everything["meeting_index"] == civil_site.meeting_index


@pytest.mark.django_db
def test_upcoming_meetings_block_filters_by_kind_agreement_and_category(
    make_meeting, make_agreement, make_category
):
    culture = make_category("Kultur")
    agreement = make_agreement("ÖK")
    hearing = make_meeting("Hearing", kind="hearing", agreement=agreement, categories=[culture])
    make_meeting("Dialog", agreement=agreement, categories=[culture])
    make_meeting("Hearing utan ÖK", kind="hearing", categories=[culture])
    block = UpcomingMeetingsBlock()
    value = _value(block, kind="hearing", agreement=agreement.pk, category=culture.pk, count=5)
    assert block.get_context(value)["meetings"] == [hearing]


@pytest.mark.django_db
def test_signatories_block_shows_nothing_of_an_unpublished_agreement(
    make_agreement, make_organisation
):
    parish = make_organisation("Bäve församling")
    public = make_agreement("ÖK", signatories=[parish, "Uddevalla kommun"])
    draft = make_agreement("Utkast", signatories=[parish], live=False)
    block = SignatoriesBlock()
    context = block.get_context(_value(block, agreement=public.pk))
    assert [s.display_name for s in context["signatures"]] == [
        "Bäve församling",
        "Uddevalla kommun",
    ]
    context = block.get_context(_value(block, agreement=draft.pk))
    assert context["agreement"] is None and context["signatures"] == []


@pytest.mark.django_db
def test_organisation_list_block_holds_published_organisations_by_category_or_kind(
    make_organisation, make_category
):
    study = make_category("Studieförbund")
    abf = make_organisation("ABF", categories=[study], kind="study_association")
    make_organisation("Bilda", categories=[study], kind="study_association")
    make_organisation("Hemligt studieförbund", categories=[study], live=False)
    make_organisation("Fotbollsklubben")
    block = OrganisationListBlock()
    everyone = block.get_context(_value(block, category=study.pk))["organisations"]
    assert [o.name for o in everyone] == ["ABF", "Bilda"]
    first = block.get_context(_value(block, kind="study_association", count=1))["organisations"]
    assert first == [abf]


@pytest.mark.django_db
def test_subscribe_block_needs_the_thing_to_subscribe_to(make_organisation):
    block = SubscribeBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(_value(block, feed="organisation"))
    assert "organisation" in caught.value.block_errors
    organisation = make_organisation()
    block.clean(_value(block, feed="organisation", organisation=organisation.pk))
    block.clean(_value(block, feed="all"))


@pytest.mark.django_db
def test_subscribe_block_offers_no_feed_of_unpublished_or_restricted_things(
    civil_site, make_organisation, rf
):
    block = SubscribeBlock()
    draft = make_organisation("Utkast", live=False)
    context = block.get_context(_value(block, feed="organisation", organisation=draft.pk))
    assert context["feed_object"] is None and context["feed_url"] is None
    PageViewRestriction.objects.create(page=civil_site.meeting_index, restriction_type="login")
    value = _value(block, feed="index", meeting_index=civil_site.meeting_index.pk)
    context = block.get_context(value, parent_context={"request": rf.get("/")})
    assert context["feed_object"] is None and context["feed_links"] is None


# --- rendered inside a page ----------------------------------------------------------------------


def render_body(client, page, blocks: list[tuple[str, object]]):
    """Publish ``page`` with ``blocks`` as its body and return the parsed page."""
    page.body = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
    page = publish(page)
    soup = parse(client.get(page.url))
    assert_well_formed_page(soup)
    return soup.main.find("div", class_="civil-body")


def test_heading_and_paragraph(client, civil_site):
    body = render_body(
        client,
        civil_site.agreement,
        [("heading", "Nyheter"), ("paragraph", "<p>Nu har <b>tio</b> föreningar skrivit på.</p>")],
    )
    assert body.find("h2").get_text() == "Nyheter"
    assert body.find("b").get_text() == "tio"


def test_upcoming_meetings_shows_only_published_public_meetings(
    client, civil_site, make_meeting, make_organisation, make_category
):
    culture = make_category("Kultur", slug="kultur")
    theatre = make_organisation("Teatern", categories=[culture])
    make_meeting("Teaterdialog", hosts=[theatre], start=next_week_at(days=2))
    make_meeting("Annan dialog", start=next_week_at(days=3))
    make_meeting("Utkastdialog", hosts=[theatre], live=False)
    make_meeting("Hållen dialog", hosts=[theatre], start=next_week_at(days=-20))
    closed = civil_site.home.add_child(instance=MeetingIndexPage(title="Internt", slug="internt"))
    PageViewRestriction.objects.create(page=closed, restriction_type="password", password="x")
    make_meeting("Internt möte", hosts=[theatre], parent=closed)

    body = render_body(
        client,
        civil_site.agreement,
        [
            ("upcoming_meetings", {"heading": "Alla möten", "count": 5}),
            ("upcoming_meetings", {"heading": "", "category": culture.pk, "count": 5}),
        ],
    )
    everything, culture_only = body.find_all("section", class_="civil-upcoming-meetings")
    titles = [h.get_text(strip=True) for h in everything.find_all("h3")]
    assert titles == ["Teaterdialog", "Annan dialog"]
    assert everything.find("h2").get_text() == "Alla möten"
    assert [h.get_text(strip=True) for h in culture_only.find_all("h3")] == ["Teaterdialog"]
    assert culture_only.find("h2").get_text(strip=True)  # a heading even when none was typed
    assert everything.find("a", href=civil_site.meeting_index.url)


def test_upcoming_meetings_links_all_meetings_only_when_that_list_holds_them(
    client, civil_site, make_meeting, make_category
):
    culture = make_category("Kultur", slug="kultur")
    make_meeting("Här", categories=[culture])
    blocks = [
        ("upcoming_meetings", {"heading": "Alla", "count": 5}),
        ("upcoming_meetings", {"heading": "Kultur", "category": culture.pk, "count": 5}),
    ]
    everything, narrowed = render_body(client, civil_site.agreement, blocks).find_all(
        "section", class_="civil-upcoming-meetings"
    )
    assert everything.find("a", href=civil_site.meeting_index.url)
    assert not narrowed.find("a", href=civil_site.meeting_index.url)

    other = civil_site.home.add_child(instance=MeetingIndexPage(title="Luleå", slug="lulea"))
    make_meeting("Där", parent=other)
    everything, _ = render_body(client, civil_site.agreement, blocks).find_all(
        "section", class_="civil-upcoming-meetings"
    )
    assert [h.get_text(strip=True) for h in everything.find_all("h3")] == ["Här", "Där"]
    assert not everything.find("a", href=civil_site.meeting_index.url)


def test_upcoming_meetings_empty(client, civil_site):
    body = render_body(client, civil_site.agreement, [("upcoming_meetings", {"count": 3})])
    section = body.find("section", class_="civil-upcoming-meetings")
    assert not section.find("article") and section.find("p").get_text(strip=True)


def test_signatories_block(client, civil_site, make_agreement, make_organisation):
    org = make_organisation("Frivilligcentrum")
    signed = make_agreement("ÖK Idé Uddevalla", signatories=[org, "Uddevalla kommun"])
    draft = make_agreement("Utkast", signatories=[org], live=False)
    body = render_body(
        client,
        civil_site.agreement,
        [
            ("signatories", {"heading": "Vilka har skrivit på?", "agreement": signed.pk}),
            ("signatories", {"heading": "Hemligt", "agreement": draft.pk}),
        ],
    )
    (section,) = body.find_all("section", class_="civil-signatories-block")
    assert section.find("h2").get_text() == "Vilka har skrivit på?"
    names = [th.get_text(strip=True) for th in section.tbody.find_all("th", scope="row")]
    assert names == ["Frivilligcentrum", "Uddevalla kommun"]
    assert section.find("a", href=org.get_url()) and section.find("a", href=signed.url)
    assert "Hemligt" not in body.get_text()


def test_organisation_list_block(client, civil_site, make_organisation, make_category):
    faith = make_category("Trossamfund", slug="tro")
    church = make_organisation("Svenska kyrkan", categories=[faith], kind="faith_community")
    make_organisation("Hemlig församling", categories=[faith], live=False)
    make_organisation("ABF", kind="study_association")
    body = render_body(
        client,
        civil_site.agreement,
        [
            ("organisation_list", {"heading": "", "category": faith.pk}),
            ("organisation_list", {"heading": "Studieförbund", "kind": "study_association"}),
            ("organisation_list", {"heading": "Två", "count": 1}),
        ],
    )
    by_category, by_kind, limited = body.find_all("section", class_="civil-organisation-list")
    assert by_category.find("h2").get_text(strip=True) == "Trossamfund"
    assert [a.get_text() for a in by_category.find_all("a")] == ["Svenska kyrkan"]
    assert by_category.find("a")["href"] == church.get_url()
    assert [a.get_text() for a in by_kind.find_all("a")] == ["ABF"]
    assert len(limited.find_all("li")) == 1


def test_subscribe_block_offers_only_public_feeds(
    client, civil_site, make_category, make_organisation, make_meeting
):
    culture = make_category("Kultur", slug="kultur")
    hidden = make_organisation("Hemlig förening", live=False)
    make_meeting("Kulturdialog", categories=[culture])
    body = render_body(
        client,
        civil_site.agreement,
        [
            (
                "subscribe",
                {"heading": "Kulturens möten", "feed": "category", "category": culture.pk},
            ),
            ("subscribe", {"heading": "Allt", "feed": "all"}),
            (
                "subscribe",
                {"heading": "Hemligt", "feed": "organisation", "organisation": hidden.pk},
            ),
        ],
    )
    headings = [h.get_text() for h in body.find_all("h2")]
    assert headings == ["Kulturens möten", "Allt"]
    soup = body.find_parent("html")
    paths = [urlsplit(copy).path for _, copy in subscribe_boxes(soup)]
    # The page's own agreement feed comes after the body.
    assert paths[:2] == [f"/calendar/categories/{culture.pk}.ics", "/calendar/all.ics"]
    for path in paths[:2]:
        feed = client.get(path)
        assert feed.status_code == 200 and b"Kulturdialog" in feed.content
