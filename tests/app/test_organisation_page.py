"""An organisation's page in the directory: what it is, what it takes part in, its feed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.app.page_html import assert_feeds_answer, assert_well_formed_page, parse, subscribe_boxes
from wagtail_civil.models import MeetingAttendance

pytestmark = pytest.mark.django_db


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


def test_detail_shows_what_the_organisation_takes_part_in(
    client, civil_site, make_organisation, make_meeting, make_agreement, stub_templates
):
    church = make_organisation("Svenska kyrkan")
    parish = make_organisation("Bäve församling", parent=church)
    make_organisation("Utkastförsamling", parent=church, live=False)
    signed = make_agreement("ÖK Idé Uddevalla", signatories=[church])
    make_agreement("Utkast till överenskommelse", signatories=[church], live=False)
    hosted = make_meeting("Värdmöte", hosts=[church])
    attended = make_meeting("Besök")
    MeetingAttendance.objects.create(page=attended, organisation=church)
    make_meeting("Utkastmöte", hosts=[church], live=False)
    make_meeting("Annat möte")

    response = client.get("/organisationer/svenska-kyrkan/")

    assert response.status_code == 200
    context = response.context
    assert context["organisation"] == church
    assert list(context["agreements"]) == [signed]
    assert {m.pk for m in context["upcoming_meetings"]} == {hosted.pk, attended.pk}
    assert list(context["children"]) == [parish]
