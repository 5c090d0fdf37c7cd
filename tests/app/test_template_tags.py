"""The template tags and the rules behind them, without rendering whole pages.

Times are checked around the changes of summer time, because that is where a meeting shown an
hour off would send people to a locked door; the meeting rules (when to offer registration, the
venue, the online link) at the moments they change.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from civilsamhalle.commitments import CommitmentState, CommitmentStatus
from civilsamhalle.model import Commitment
from wagtail_civil.filters import MeetingFilterSet
from wagtail_civil.jsonld import jsonld_script
from wagtail_civil.models import MeetingPage
from wagtail_civil.presentation import meeting_view
from wagtail_civil.templatetags import civil_tags

UTC = dt.UTC


def times(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(str(html), "html.parser")
    return [(t["datetime"], t.get_text()) for t in soup.find_all("time")]


def span(start: dt.datetime, end: dt.datetime) -> SimpleNamespace:
    return SimpleNamespace(start=start, end=end)


# --- dates and times ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def test_same_day_range_says_the_date_once_in_local_time():
    html = civil_tags.civil_time_range(
        span(dt.datetime(2026, 10, 13, 16, tzinfo=UTC), dt.datetime(2026, 10, 13, 19, tzinfo=UTC))
    )
    (start, start_text), (end, end_text) = times(html)
    assert start == "2026-10-13T18:00+02:00" and end == "2026-10-13T21:00+02:00"
    # Weekday and date in Swedish; how date and time are joined is the translators' choice.
    assert start_text.startswith("tisdag 13 oktober 2026") and start_text.endswith("18:00")
    assert end_text == "21:00"
    text = BeautifulSoup(str(html), "html.parser").get_text()
    assert text == f"{start_text}–21:00" and text.count("oktober") == 1


def test_winter_time_and_short_form():
    html = civil_tags.civil_time_range(
        span(dt.datetime(2026, 12, 1, 17, tzinfo=UTC), dt.datetime(2026, 12, 1, 18, tzinfo=UTC)),
        "short",
    )
    (start, start_text), (end, end_text) = times(html)
    assert (start, end, end_text) == ("2026-12-01T18:00+01:00", "2026-12-01T19:00+01:00", "19:00")
    assert start_text.startswith("1 december 2026") and start_text.endswith("18:00")


def test_range_over_midnight_local_gives_both_dates():
    # 21:30 UTC is 23:30 in Stockholm in summer: the end, 00:30, is the next local day.
    html = civil_tags.civil_time_range(
        span(
            dt.datetime(2026, 6, 1, 21, 30, tzinfo=UTC), dt.datetime(2026, 6, 1, 22, 30, tzinfo=UTC)
        )
    )
    assert [value for value, _ in times(html)] == [
        "2026-06-01T23:30+02:00",
        "2026-06-02T00:30+02:00",
    ]
    assert "2 juni 2026" in times(html)[1][1]


def test_range_across_the_change_to_winter_time():
    # On 25 October 2026 the clocks go back from 03:00 to 02:00 (at 01:00 UTC): an hour-long
    # meeting from 00:30 UTC starts and ends at "02:30", an hour apart.
    html = civil_tags.civil_time_range(
        span(
            dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        )
    )
    assert [value for value, _ in times(html)] == [
        "2026-10-25T02:30+02:00",
        "2026-10-25T02:30+01:00",
    ]


def test_time_zone_setting_is_used(settings):
    settings.WAGTAIL_CIVIL_TIME_ZONE = "Europe/Oslo"
    assert civil_tags.civil_time_zone() == "Europe/Oslo"
    settings.WAGTAIL_CIVIL_TIME_ZONE = "America/New_York"
    html = civil_tags.civil_datetime(dt.datetime(2026, 10, 13, 16, tzinfo=UTC))
    assert times(html)[0][0] == "2026-10-13T12:00-04:00"


def test_bad_values_render_nothing():
    assert civil_tags.civil_time_range(SimpleNamespace(start=None, end=None)) == ""
    assert civil_tags.civil_datetime(None) == ""
    assert civil_tags.civil_date("not a date") == ""
    assert civil_tags.civil_time(None) == ""
    moment = dt.datetime(2026, 3, 1, 10, tzinfo=UTC)
    # An end before the start (bad data) shows the start alone rather than nonsense.
    assert (
        len(times(civil_tags.civil_time_range(span(moment, moment - dt.timedelta(hours=1))))) == 1
    )


def test_dates_and_times_of_day():
    assert times(civil_tags.civil_date(dt.date(2024, 3, 5))) == [("2024-03-05", "5 mars 2024")]
    assert times(civil_tags.civil_date(dt.date(2024, 3, 5), "weekday")) == [
        ("2024-03-05", "tisdag 5 mars 2024")
    ]
    # A date-time's date is the local one: 23:30 UTC on 31 December is New Year's Day here.
    late = dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    assert times(civil_tags.civil_date(late))[0][0] == "2026-01-01"
    assert times(civil_tags.civil_time(dt.time(18, 30))) == [("18:30", "18:30")]


# --- small filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "link"),
    [("0522-69 60 00", "0522696000"), ("+46 522 69 60 00", "+46522696000"), ("", "")],
)
def test_tel(typed, link):
    assert civil_tags.civil_tel(typed) == link


def test_display_url():
    assert civil_tags.civil_display_url("https://example.org/teater/") == "example.org/teater"
    assert civil_tags.civil_display_url("http://example.org") == "example.org"


def test_commitment_words():
    commitment = Commitment(description="Två dialoger", minimum=2)
    status = CommitmentStatus(commitment, 2026, CommitmentState.ON_TRACK, 1, 1, 2)
    with translation.override("en"):
        assert civil_tags.civil_commitment_counts(status) == "1 of 2 held, 1 planned"
    status = CommitmentStatus(commitment, 2026, CommitmentState.AT_RISK, 3, 0, 5)
    assert [c for c in civil_tags.civil_commitment_counts(status) if c.isdigit()] == list("350")
    states = {
        civil_tags.civil_commitment_state(CommitmentStatus(commitment, 2026, state, 0, 0, 2))
        for state in CommitmentState
    }
    assert len(states) == len(CommitmentState) and "" not in states


def test_filled_columns():
    rows = [SimpleNamespace(signatory="", date=None), SimpleNamespace(signatory="Eva", date=None)]
    assert civil_tags.civil_filled(rows, "signatory", "date") == {"signatory": True, "date": False}


def test_unique_ids_differ():
    assert civil_tags.civil_unique_id("x") != civil_tags.civil_unique_id("x")


def test_jsonld_script_escapes_everything_that_could_end_the_element():
    data = {"name": "</script><!-- & -->", "other": "<SCRIPT>"}
    html = str(jsonld_script(data))
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == data


# --- pagination -----------------------------------------------------------------------------------


def test_pagination_keeps_the_query_and_elides():
    request = RequestFactory().get("/organisationer/", {"q": "kör & sång", "page": "7"})
    page = Paginator(range(300), 10).get_page(7)
    context = civil_tags.civil_pagination(Context({"request": request}), page)
    numbers = [p.get("number") for p in context["pages"]]
    assert numbers[:2] == [1, None] and numbers[-2:] == [None, 30]  # None: "…"
    assert [p["number"] for p in context["pages"] if p.get("current")] == [7]
    assert context["previous"] == "?q=k%C3%B6r+%26+s%C3%A5ng&page=6"
    assert context["next"].endswith("&page=8")


def test_one_page_has_no_pagination():
    page = Paginator(range(3), 10).get_page(1)
    assert civil_tags.civil_pagination(Context({}), page) == {"pages": None}
    html = Template("{% load civil_tags %}{% civil_pagination p %}").render(Context({"p": page}))
    assert "<nav" not in html


# --- forms ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_widget_is_tied_to_its_error():
    filterset = MeetingFilterSet({"kind": "nonsense"}, queryset=MeetingPage.objects.all())
    assert filterset.form.errors
    html = str(civil_tags.civil_widget(filterset.form["kind"]))
    select = BeautifulSoup(html, "html.parser").select_one("select")
    assert select["aria-describedby"] == "id_kind-error" and select["aria-invalid"] == "true"
    fine = BeautifulSoup(str(civil_tags.civil_widget(filterset.form["agreement"])), "html.parser")
    assert not fine.select_one("select").has_attr("aria-describedby")


@pytest.mark.django_db
def test_filter_feeds_only_from_valid_choices(make_organisation):
    org = make_organisation("Teatern")
    query = {"organisation": org.slug, "category": "nonsense"}
    filterset = MeetingFilterSet(query, queryset=MeetingPage.objects.all())
    filterset.qs  # noqa: B018 (validates, as the page does)
    assert civil_tags.civil_filter_feeds(filterset) == [("organisation", org)]
    unbound = MeetingFilterSet(None, queryset=MeetingPage.objects.all())
    assert civil_tags.civil_filter_feeds(unbound) == []


# --- what a meeting shows, and when --------------------------------------------------------------


@pytest.mark.django_db
def test_registration_open_closed_and_gone(make_meeting):
    meeting = make_meeting(
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=timezone.now() + dt.timedelta(days=1),
    )
    now = timezone.now()
    assert meeting_view(meeting, now=now).registration == "open"
    assert meeting_view(meeting, now=now + dt.timedelta(days=2)).registration == "closed"
    after = meeting.end + dt.timedelta(minutes=1)
    assert meeting_view(meeting, now=after).registration == ""  # over: nothing to say
    meeting.status = "postponed"
    assert meeting_view(meeting, now=now).registration == ""


@pytest.mark.django_db
def test_place_and_link_by_mode_and_status(make_meeting):
    meeting = make_meeting(mode="hybrid", online_url="https://example.org/teams")
    view = meeting_view(meeting)
    assert view.show_venue and view.show_online
    meeting.status = "moved_online"
    view = meeting_view(meeting)
    assert not view.show_venue and view.show_online
    meeting.status = "cancelled"
    view = meeting_view(meeting)
    assert not view.show_venue and not view.show_online and view.is_off


@pytest.mark.django_db
def test_map_link_by_coordinates_or_address(make_meeting):
    meeting = make_meeting(latitude=58.3498, longitude=11.9356, street_address="Kungsgatan 1")
    assert "mlat=58.349800" in meeting_view(meeting).map_url
    meeting.latitude = meeting.longitude = None
    assert "search?query=Kungsgatan%201%2C%20Uddevalla" in meeting_view(meeting).map_url
    meeting.street_address = ""
    assert meeting_view(meeting).map_url == ""  # "Folkets Hus, Uddevalla" alone finds too much


@pytest.mark.django_db
def test_add_to_calendar_leaves_out_cancelled_and_held_meetings(make_meeting, rf):
    context = Context({"request": rf.get("/")})
    upcoming = make_meeting("Kommande")
    links = civil_tags.add_to_calendar_links(context, upcoming)["links"]
    assert links["ics"] == f"/calendar/meeting/{upcoming.pk}.ics"
    assert links["google"].startswith("https://calendar.google.com/")
    assert (
        "outlook.office.com" in links["outlook"] and "outlook.live.com" in links["outlook_personal"]
    )
    cancelled = make_meeting("Inställt", status="cancelled")
    held = make_meeting("Hållet", start=timezone.now() - dt.timedelta(days=3))
    assert civil_tags.add_to_calendar_links(context, cancelled)["links"] is None
    assert civil_tags.add_to_calendar_links(context, held)["links"] is None


@pytest.mark.django_db
def test_subscribe_tag_renders_nothing_without_a_feed(make_organisation, rf):
    draft = make_organisation("Utkast", live=False)
    template = Template('{% load civil_tags %}{% civil_subscribe kind obj heading="Rubrik" %}')
    request = rf.get("/")
    assert (
        template.render(Context({"request": request, "kind": "organisation", "obj": draft})).strip()
        == ""
    )
    assert (
        template.render(Context({"request": request, "kind": "nonsense", "obj": None})).strip()
        == ""
    )
    html = template.render(Context({"request": request, "kind": "all", "obj": None}))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h2").get_text() == "Rubrik"
    assert soup.find("a")["href"] == "webcal://testserver/calendar/all.ics"
    assert soup.find("input")["value"] == "http://testserver/calendar/all.ics"
    secure = Template('{% load civil_tags %}{% civil_subscribe "all" level=3 %}').render(
        Context({"request": rf.get("/", secure=True)})
    )
    soup = BeautifulSoup(secure, "html.parser")
    assert soup.find("h3") and soup.find("input")["value"] == "https://testserver/calendar/all.ics"


# --- a meeting's status in words ----------------------------------------------------------------


def status_html(status: str, *, short: bool = False) -> str:
    meeting = SimpleNamespace(status=status, get_status_display=lambda: f"<{status}>")
    template = Template('{% include "wagtail_civil/includes/status.html" %}')
    return template.render(Context({"meeting": meeting, "short": short}))


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        ("cancelled", "Mötet kommer inte att hållas."),
        ("postponed", "Mötet är uppskjutet."),
        ("moved_online", "Mötet hålls nu enbart digitalt."),
        ("rescheduled", "Mötet har fått ny dag eller tid."),
    ],
)
def test_a_status_other_than_scheduled_is_said_in_words(swedish, status, sentence):
    banner = BeautifulSoup(status_html(status), "html.parser")
    assert banner.strong.text == f"<{status}>."
    assert sentence in banner.p.text
    short = BeautifulSoup(status_html(status, short=True), "html.parser")
    assert short.text.strip() == f"<{status}>"


def test_a_meeting_that_goes_ahead_as_planned_gets_no_status_words(swedish):
    assert status_html("scheduled").strip() == ""
