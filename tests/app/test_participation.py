"""Participation over time on the site: the summary of a page's meetings, the agreement page's
chart and tables, and an organisation's list of the meetings it took part in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.app.conftest import publish
from wagtail_civil.models import MeetingAttendance, MeetingPage
from wagtail_civil.participation import chart_rows, participation_for, register_categories

pytestmark = pytest.mark.django_db

SWEDEN = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def seats(make_category):
    return {
        "faith": make_category("Trossamfunden"),
        "seniors": make_category("Pensionärsorganisationerna"),
        "rural": make_category("Landsbygdsorganisationerna"),
        "unused": make_category("Kulturorganisationerna"),  # no organisation in it
    }


@pytest.fixture
def register(make_organisation, seats):
    return {
        "oasen": make_organisation("Equmeniakyrkan Oasen", categories=[seats["faith"]]),
        "spf": make_organisation("SPF Seniorerna Åsunden", categories=[seats["seniors"]]),
        "röda": make_organisation("Röda Korset Ulricehamn"),
        "draft": make_organisation("Öxabäcks bygdeförening", categories=[seats["rural"]],
                                   live=False),
    }  # fmt: skip


@pytest.fixture
def held(make_meeting, civil_site):
    """``held(day, attending=[...], **fields)``: a meeting that took place under the site's
    agreement, at 18:00 on ``day``."""

    def make(day: dt.date, attending=(), **fields: Any) -> MeetingPage:
        fields.setdefault("agreement", civil_site.agreement)
        live = fields.pop("live", True)
        start = dt.datetime.combine(day, dt.time(18), SWEDEN)
        meeting = make_meeting(f"Stormöte {day:%-d/%-m %Y}", start=start, live=False, **fields)
        meeting.attending_organisations = [MeetingAttendance(organisation=o) for o in attending]
        if live:
            return publish(meeting)
        meeting.save_revision()
        return meeting

    return make


def test_the_summary_of_an_agreements_meetings(civil_site, held, register, seats):
    held(
        dt.date(2022, 3, 15),
        [register["oasen"], register["röda"]],
        attendance_organisations=12,
        attendance_people=17,
        attendance_municipal_staff=5,
    )
    held(dt.date(2022, 5, 17), [register["spf"], register["draft"]], attendance_people=19)
    held(dt.date(2023, 2, 14), attendance_organisations=16, attendance_people=23)
    held(dt.date(2023, 5, 1), [register["spf"]], status="cancelled", attendance_people=4)
    # Not counted: under no agreement, a draft, not held yet.
    held(dt.date(2022, 4, 1), [register["spf"]], agreement=None, attendance_people=99)
    held(dt.date(2022, 4, 2), attendance_people=99, live=False)
    held(timezone.localdate() + dt.timedelta(days=30), attendance_people=99)

    summary = participation_for(civil_site.agreement.get_meetings())
    assert summary.categories == (
        "Pensionärsorganisationerna", "Trossamfunden",
    )  # used by a published organisation; the draft's and the unused are not  # fmt: skip
    rows = {m.start.date(): m for m in summary.meetings}
    assert list(rows) == [dt.date(2022, 3, 15), dt.date(2022, 5, 17), dt.date(2023, 2, 14)]
    march, may, february = rows.values()
    assert (march.organisations, march.people, march.municipal_staff) == (12, 17, 5)
    assert march.missing == ("Pensionärsorganisationerna",)
    # The draft organisation is left out: one organisation from the register.
    assert (may.organisations, may.organisation_ids, may.missing) == (
        1, (register["spf"].slug,), ("Trossamfunden",),
    )  # fmt: skip
    assert february.missing is None and february.url.endswith(_page_url(february))
    y2022, y2023 = summary.years
    assert (y2022.meetings, y2022.organisations, y2022.people) == (2, 13, 36)
    assert y2022.missing == ()
    assert (y2023.meetings, y2023.people, y2023.missing) == (1, 23, None)


def _page_url(row) -> str:
    return MeetingPage.objects.get(title=row.title).url


def test_categories_given_are_judged_in_their_order(civil_site, held, register, seats):
    held(dt.date(2022, 3, 15), [register["oasen"]])
    given = [seats["rural"], seats["faith"], "Kulturorganisationerna"]
    summary = participation_for(civil_site.agreement.get_meetings(), given)
    assert summary.categories == (
        "Landsbygdsorganisationerna", "Trossamfunden", "Kulturorganisationerna",
    )  # fmt: skip
    assert summary.meetings[0].missing == ("Landsbygdsorganisationerna", "Kulturorganisationerna")


def test_register_categories_are_those_of_published_organisations(register, seats):
    assert register_categories() == ["Pensionärsorganisationerna", "Trossamfunden"]


def test_a_restricted_meeting_never_counts_whatever_queryset_is_passed(civil_site, held):
    private = held(dt.date(2022, 3, 15), attendance_people=8)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    held(dt.date(2022, 4, 15), attendance_people=3)
    summary = participation_for(MeetingPage.objects.all())
    assert [m.people for m in summary.meetings] == [3]


def test_the_chart_scales_to_the_largest_figure(civil_site, held):
    held(dt.date(2022, 3, 15), attendance_organisations=10, attendance_people=40)
    held(dt.date(2022, 4, 15))  # nothing recorded: in the table, not in the chart
    [row] = chart_rows(participation_for(civil_site.agreement.get_meetings()))
    assert [(bar.kind, bar.value, bar.width) for bar in row.bars] == [
        ("organisations", 10, "25.0"),
        ("people", 40, "100.0"),
    ]
    assert "10" in row.text and "40" in row.text


def test_the_agreement_page_shows_the_chart_and_the_tables(client, civil_site, held, register):
    civil_site.agreement.signatures.create(organisation=register["spf"])
    held(dt.date(2022, 3, 15), [register["oasen"]], attendance_organisations=12,
         attendance_people=17, attendance_municipal_staff=5)  # fmt: skip
    held(dt.date(2023, 2, 14), attendance_people=23)
    html = client.get(civil_site.agreement.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = html.split('class="civil-participation"')[1].split("</section>")[0]
    assert section.count("<caption>") == 2
    assert section.count('<th scope="col"') == 12
    assert '<th scope="row" role="rowheader">2022</th>' in section
    assert 'role="img" aria-label="' in section and "inline-size: " in section
    # Judged against the signatories' categories: SPF's seniors, absent in March.
    assert "Pensionärsorganisationerna" in section
    assert "Trossamfunden" not in section.split("<table")[1]
    assert "<script" not in section


def test_a_page_without_held_meetings_shows_no_participation(client, civil_site, held):
    held(timezone.localdate() + dt.timedelta(days=30))
    html = client.get(civil_site.agreement.url).content.decode()
    assert "civil-participation" not in html


def test_an_organisation_lists_the_meetings_it_took_part_in(
    client, civil_site, held, register, make_meeting
):
    took_part = held(dt.date(2022, 3, 15), [register["oasen"]], agreement=None)
    held(dt.date(2022, 4, 15), [register["oasen"]], live=False)
    held(dt.date(2022, 5, 15), [register["oasen"]], status="cancelled")
    held(dt.date(2022, 6, 15), [register["spf"]])
    held(timezone.localdate() + dt.timedelta(days=30), [register["oasen"]])
    private = held(dt.date(2022, 7, 15), [register["oasen"]])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    html = client.get(register["oasen"].get_url()).content.decode()
    section = html.split('id="civil-attended-heading"')[1].split("</section>")[0]
    assert section.count("<li>") == 1
    assert f'<a href="{took_part.url}">{took_part.title}</a>' in section


@pytest.fixture
def grow(civil_site, held, register):
    """``grow(n)`` adds n held meetings under the agreement that Oasen and SPF took part in."""
    made = []

    def add(n: int) -> None:
        for _ in range(n):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=7 * len(made))
            made.append(held(day, [register["oasen"], register["spf"]], attendance_people=9))

    return add


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


@pytest.mark.parametrize("what", ["summary", "agreement page", "organisation page"])
def test_queries_are_the_same_for_5_or_50_meetings(
    client, civil_site, grow, register, what, django_assert_max_num_queries
):
    def run() -> None:
        if what == "summary":
            summary = participation_for(civil_site.agreement.get_meetings())
            assert len(summary.meetings) == len(grow_count)
            return
        path = civil_site.agreement.url if what == "agreement page" else register["oasen"].url
        assert client.get(path).status_code == 200

    grow_count: list = []
    grow(5)
    grow_count[:] = range(5)
    run()  # warm what a site caches once (site root paths)
    few = _queries(run)
    grow(45)
    grow_count[:] = range(50)
    with django_assert_max_num_queries(few):
        run()
