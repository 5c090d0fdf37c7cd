"""The demo's participation: Ulricehamn's four stormöten add up to what Ulricehamn publishes,
and the pages show who came."""

from __future__ import annotations

import pytest
from demo.participation import TOTALS, check, ulricehamn_participation

from wagtail_civil.models import AgreementPage, MeetingPage, Organisation

pytestmark = pytest.mark.django_db

SEATS = (
    "Kulturorganisationerna", "Landsbygdsorganisationerna", "Pensionärsorganisationerna",
    "Studieförbunden", "Trossamfunden",
)  # fmt: skip


def test_the_four_stormoten_add_up_to_the_published_totals(demo):
    summary = check()
    assert len(summary.meetings) == 4 and [y.year for y in summary.years] == [2022, 2023]
    totals = tuple(
        sum(getattr(y, figure) for y in summary.years)
        for figure in ("organisations", "people", "municipal_staff")
    )
    assert totals == TOTALS == (56, 79, 25)


def test_missing_categories_are_the_seats_nobody_in_the_register_came_for(demo):
    summary = ulricehamn_participation()
    assert summary.categories == SEATS
    first, second, third, fourth = summary.meetings
    # Studieförbundet Vuxenskolan Väst came to the second and fourth meeting.
    assert "Studieförbunden" in first.missing and "Studieförbunden" not in second.missing
    assert "Trossamfunden" not in fourth.missing
    y2022, y2023 = summary.years
    assert y2022.missing == (
        "Kulturorganisationerna", "Landsbygdsorganisationerna", "Pensionärsorganisationerna",
    )  # fmt: skip
    assert y2023.missing == y2022.missing


def test_an_organisation_page_lists_the_stormoten_it_took_part_in(demo, client):
    oasen = Organisation.objects.get(slug="equmeniakyrkan-oasen")
    html = client.get(oasen.get_url()).content.decode()
    section = html.split('id="civil-attended-heading"')[1].split("</section>")[0]
    for slug in ("stormote-1", "stormote-2", "stormote-4"):
        assert MeetingPage.objects.get(slug=slug).title in section
    assert MeetingPage.objects.get(slug="stormote-3").title not in section


def test_the_agreement_pages_show_participation(demo, client):
    for slug, figure in (("ok-ide", "70"), ("lulea-overenskommelse", "41")):
        page = AgreementPage.objects.get(slug=slug)
        html = client.get(page.url).content.decode()
        section = html.split('class="civil-participation"')[1].split("</section>")[0]
        assert "<caption>" in section and f">{figure}<" in section


def test_reloading_adds_no_attendance(demo, load):
    before = list(MeetingPage.objects.values_list("slug", "attending_organisations"))
    load()
    assert list(MeetingPage.objects.values_list("slug", "attending_organisations")) == before
