"""The month calendar of a meeting list (``/moten/month/?month=2027-03``) and its printable
version for a notice board (``/moten/month/print/``): the table, the links between months and
views, today, cancelled meetings, the time zone, privacy and bad months; and the list's filters,
which the month and its print honour and keep in every link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from tests.app.page_html import (
    assert_well_formed_page,
    parse,
    status_word,
    subscribe_boxes,
    time_elements,
)
from wagtail_civil import month_calendar
from wagtail_civil.models import MeetingIndexPage

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1  # a March with nothing else in it, whenever the tests run


def _march(day: int, hour_utc: int) -> dt.datetime:
    return dt.datetime(YEAR, 3, day, hour_utc, tzinfo=dt.UTC)


def _month(client, index, month: str | None = f"{YEAR}-03", *, path: str = "month/"):
    return client.get(f"{index.url}{path}", {"month": month} if month else {})


@pytest.fixture
def march(civil_site, make_meeting):
    """March of next year: two meetings, a cancelled one, a two-day one, and what must not show."""
    shown = {
        "dialogue": make_meeting("Dialog om lokaler", start=_march(2, 17)),  # 18:00 in Sweden
        "cancelled": make_meeting("Inställd hearing", start=_march(10, 16), status="cancelled"),
        "two_days": make_meeting(
            "Föreningskonferens", start=_march(20, 8), duration=dt.timedelta(hours=30)
        ),
    }
    make_meeting("Utkast i mars", start=_march(11, 16), live=False)
    private = make_meeting("Arbetsgruppens möte", start=_march(12, 16))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    other = civil_site.home.add_child(instance=MeetingIndexPage(title="Andra", slug="andra"))
    make_meeting("Annan lista", start=_march(13, 16), parent=other)
    make_meeting("I april", start=dt.datetime(YEAR, 4, 1, 16, tzinfo=dt.UTC))
    return shown


def _days(soup: BeautifulSoup) -> dict[int, list[str]]:
    """Day of the month -> titles of the meetings in its cell."""
    days = {}
    for cell in soup.main.find("table").find_all("td", class_="civil-month-day"):
        number = int(cell.find(class_="civil-day-number").get_text())
        days[number] = [t.get_text(strip=True) for t in cell.find_all(class_="civil-title")]
    return days


def test_month_is_a_table_of_weeks_from_monday_with_its_meetings(client, civil_site, march):
    soup = parse(_month(client, civil_site.meeting_index))
    assert_well_formed_page(soup)
    table = soup.main.find("table")
    assert table.caption.get_text(strip=True).endswith(f"mars {YEAR}")
    headers = table.thead.find_all("th")
    assert [h["scope"] for h in headers] == ["col"] * 7
    assert [h.get_text() for h in headers][:2] == ["Måndag", "Tisdag"]
    rows = table.tbody.find_all("tr")
    assert all(len(row.find_all("td")) == 7 for row in rows)
    first = dt.date(YEAR, 3, 1)
    assert len(rows[0].find_all("td", class_="civil-month-outside")) == first.weekday()

    days = _days(soup)
    assert len(days) == 31
    assert days[2] == ["Dialog om lokaler"]
    assert days[10] == ["Inställd hearing"]
    # Over two local days it is on both; the draft, the private meeting and the other list's
    # meeting are on none.
    assert days[20] == days[21] == ["Föreningskonferens"]
    assert not days[11] and not days[12] and not days[13]
    assert days[1] == [] and days[31] == []
    # Each meeting links to its page; the time is the municipality's (UTC+1 in March).
    assert table.find("td", class_="civil-month-busy").a["href"] == march["dialogue"].url
    assert time_elements(soup)["18:00"] == "18:00"


def test_cancelled_meeting_says_so_in_words(client, civil_site, march):
    soup = parse(_month(client, civil_site.meeting_index))
    item = soup.main.find("li", class_="civil-cancelled")
    assert item.find(class_="civil-title").get_text() == "Inställd hearing"
    assert item.find("strong").get_text() == status_word("cancelled")


def test_previous_and_next_month_are_plain_links(client, civil_site, march):
    soup = parse(_month(client, civil_site.meeting_index))
    nav = soup.main.find("nav", class_="civil-month-nav")
    hrefs = [a["href"] for a in nav.find_all("a")]
    month_path = f"{civil_site.meeting_index.url}month/"
    assert hrefs == [f"{month_path}?month={YEAR}-02", month_path, f"{month_path}?month={YEAR}-04"]
    april = parse(client.get(hrefs[2]))
    assert [t for titles in _days(april).values() for t in titles] == ["I april"]
    # December links on to January of the next year.
    december = parse(_month(client, civil_site.meeting_index, f"{YEAR}-12"))
    assert december.main.find("a", rel="next")["href"].endswith(f"?month={YEAR + 1}-01")


def test_today_is_marked_in_this_month(client, civil_site):
    soup = parse(client.get(f"{civil_site.meeting_index.url}month/"))
    today = soup.main.find("td", attrs={"aria-current": "date"})
    assert int(today.find(class_="civil-day-number").get_text()) == month_calendar.today().day
    assert today.find("strong", class_="civil-today-label").get_text(strip=True)
    assert "civil-today" in today["class"]
    assert len(soup.main.find_all(attrs={"aria-current": "date"})) == 1
    # Another month has no today.
    assert not parse(_month(client, civil_site.meeting_index)).find(attrs={"aria-current": "date"})


def test_list_and_month_link_to_each_other(client, civil_site):
    index = civil_site.meeting_index
    month_path = f"{index.url}month/"
    listing = parse(client.get(index.url))
    assert listing.main.find("nav", class_="civil-tabs").find("a", href=month_path)
    soup = parse(client.get(month_path))
    tabs = soup.main.find("nav", class_="civil-tabs")
    assert tabs.find("a", href=index.url) and tabs.find("a", href=f"{index.url}past/")
    assert tabs.find("a", attrs={"aria-current": "page"})["href"] == month_path


@pytest.mark.parametrize(
    "month", ["2026-13", "2026-00", "0000-01", "99999-01", "0-1", "abc", "2026-1", "1899-12",
              "3000-01", "2026-01-01", "%00", "２０２６-０１"]
)  # fmt: skip
@pytest.mark.parametrize("path", ["month/", "month/print/"])
def test_bad_month_is_a_400_that_says_so(client, civil_site, month, path):
    response = _month(client, civil_site.meeting_index, month, path=path)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.main.find(class_="civil-error-summary").find(
        "a", href=f"{civil_site.meeting_index.url}month/"
    )


def test_month_far_from_any_meeting_is_empty_and_ends_the_links(client, civil_site, march):
    soup = parse(_month(client, civil_site.meeting_index, "2999-12"))
    assert not [t for titles in _days(soup).values() for t in titles]
    assert soup.main.find("p", class_="civil-empty")
    assert not soup.main.find("a", rel="next") and soup.main.find("a", rel="prev")
    soup = parse(_month(client, civil_site.meeting_index, "1900-01"))
    assert not soup.main.find("a", rel="prev")


def test_weeks_begin_on_sunday_in_english():
    with translation.override("en"):
        names = month_calendar.weekday_names()
        weeks = month_calendar.month_weeks(month_calendar.Month(2027, 3), [], dt.date(2027, 3, 9))
    assert names[0] == "Sunday"
    assert weeks[0][0].date == dt.date(2027, 2, 28) and weeks[0][0].date.weekday() == 6
    assert [d.date for w in weeks for d in w if d.is_today] == [dt.date(2027, 3, 9)]


@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
def test_month_costs_the_same_queries_for_2_or_40_meetings(
    client, civil_site, make_meeting, make_category, make_organisation, filtered,
    django_assert_max_num_queries,
):  # fmt: skip
    culture = make_category("Kulturföreningar", slug="kultur")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    query = {"month": f"{YEAR}-03"}
    if filtered:
        query.update(category="kultur", organisation=theatre.slug, kind="dialogue")
    for day in (3, 4):
        make_meeting(f"Möte {day}", start=_march(day, 16), hosts=[theatre])
    url = f"{civil_site.meeting_index.url}month/"
    client.get(url, query)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url, query).status_code == 200
    for n in range(38):
        make_meeting(
            f"Fler {n}",
            start=_march(1 + n % 28, 8 + n % 10),
            status="cancelled" if n % 5 == 0 else "scheduled",
            hosts=[theatre],
        )
    make_meeting("Utan kultur", start=_march(5, 16))  # shown only without the filter
    for path in ("month/", "month/print/"):
        with django_assert_max_num_queries(len(two)):
            response = client.get(f"{civil_site.meeting_index.url}{path}", query)
        assert response.status_code == 200
    assert response.content.decode().count("civil-title") == (40 if filtered else 41)


def test_month_print_lists_the_meetings_for_a_notice_board(client, civil_site, march):
    soup = parse(_month(client, civil_site.meeting_index, path="month/print/"))
    assert_well_formed_page(soup)
    rows = soup.main.find("table").tbody.find_all("tr")
    assert [r.th.find(class_="civil-title").get_text() for r in rows] == [
        "Dialog om lokaler",
        "Inställd hearing",
        "Föreningskonferens",
    ]
    assert rows[1].find("strong").get_text() == status_word("cancelled")
    assert "civil-cancelled" in rows[1]["class"]
    assert "Folkets Hus" in rows[0].get_text()
    # The QR code is drawn on the server, and the address it holds is printed beside it.
    web = soup.main.find(class_="civil-invitation-web")
    assert web.find("svg")["aria-hidden"] == "true" and not soup.find("script", src=False)
    assert f"testserver{civil_site.meeting_index.url}month/?month={YEAR}-03" in web.text
    # The month view links to it.
    month = parse(_month(client, civil_site.meeting_index))
    link = month.main.find("p", class_="civil-print-link").a
    assert link["href"] == f"{civil_site.meeting_index.url}month/print/?month={YEAR}-03"


# --- the list's filters ---------------------------------------------------------------------------


@pytest.fixture
def culture_march(civil_site, make_meeting, make_category, make_organisation):
    """March of next year: a meeting hosted by a culture association, one tagged with the
    category, a hearing of another kind and one with nothing to do with culture."""
    culture = make_category("Kulturföreningar", slug="kultur")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    make_meeting("Teaterdialog", start=_march(3, 17), hosts=[theatre])
    make_meeting("Kulturhearing", start=_march(9, 17), categories=[culture], kind="hearing")
    make_meeting("Pensionärsråd", start=_march(17, 17))
    return {"culture": culture, "theatre": theatre}


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def _titles(soup: BeautifulSoup) -> list[str]:
    return [t for titles in _days(soup).values() for t in titles]


def test_filtered_month_shows_only_its_meetings_and_every_link_keeps_the_filter(
    client, civil_site, culture_march
):
    index = civil_site.meeting_index
    soup = parse(_month_filtered(client, index, category="kultur"))
    assert_well_formed_page(soup)
    assert _titles(soup) == ["Teaterdialog", "Kulturhearing"]
    assert soup.main.find("p", class_="civil-count").get_text(strip=True).startswith("2 ")
    # What applies, in words, and the way back to every meeting of the same month.
    chosen = soup.main.find(class_="civil-chosen-filters")
    assert " ".join(chosen.find("li").get_text().split()) == "Kategori: Kulturföreningar"
    assert chosen.find("a")["href"] == f"{index.url}month/?month={YEAR}-03"
    assert len(_titles(parse(client.get(chosen.find("a")["href"])))) == 3
    # Previous, this and next month, the tabs and the print link carry it.
    nav = soup.main.find("nav", class_="civil-month-nav")
    assert [_query(a["href"]) for a in nav.find_all("a")] == [
        {"category": ["kultur"], "month": [f"{YEAR}-02"]},
        {"category": ["kultur"]},
        {"category": ["kultur"], "month": [f"{YEAR}-04"]},
    ]
    tabs = soup.main.find("nav", class_="civil-tabs").find_all("a")
    assert [urlsplit(a["href"]).path for a in tabs] == [index.url, f"{index.url}past/",
                                                         f"{index.url}month/"]  # fmt: skip
    assert all(_query(a["href"]) == {"category": ["kultur"]} for a in tabs)
    print_link = soup.main.find("p", class_="civil-print-link").a["href"]
    assert _query(print_link) == {"category": ["kultur"], "month": [f"{YEAR}-03"]}
    # The form shows the choice and keeps the month when it is sent again.
    form = soup.main.find("details", class_="civil-month-filters").find("form")
    assert form.find("option", selected=True, value="kultur")
    assert form.find("input", type="hidden", attrs={"name": "month"})["value"] == f"{YEAR}-03"
    # As on the list: the category's own feed is offered beside the list's.
    assert [urlsplit(copy).path for _, copy in subscribe_boxes(soup)][1] == (
        f"/calendar/categories/{culture_march['culture'].pk}.ics"
    )
    # Two filters narrow together.
    both = parse(_month_filtered(client, index, category="kultur", kind="hearing"))
    assert _titles(both) == ["Kulturhearing"]
    assert len(both.main.find(class_="civil-chosen-filters").find_all("li")) == 2
    # A month with none that match says the filter found none, not that none were published.
    none = parse(client.get(f"{index.url}month/", {"month": f"{YEAR}-04", "category": "kultur"}))
    empty = none.main.find("p", class_="civil-empty").get_text(strip=True)
    assert empty == "Inget möte den här månaden stämmer med filtren."
    unfiltered = parse(client.get(f"{index.url}month/", {"month": f"{YEAR}-04"}))
    assert unfiltered.main.find("p", class_="civil-empty").get_text(strip=True) == (
        "Inga möten har publicerats för den här månaden."
    )


def _month_filtered(client, index, path: str = "month/", **filters):
    return client.get(f"{index.url}{path}", {"month": f"{YEAR}-03", **filters})


def test_the_list_hands_its_filter_to_the_month_and_back(client, civil_site, culture_march):
    index = civil_site.meeting_index
    listing = parse(client.get(index.url, {"organisation": culture_march["theatre"].slug}))
    month_tab = listing.main.find("nav", class_="civil-tabs").find_all("a")[2]
    assert _query(month_tab["href"]) == {"organisation": [culture_march["theatre"].slug]}
    month = parse(client.get(month_tab["href"] + f"&month={YEAR}-03"))
    assert _titles(month) == ["Teaterdialog"]
    back = month.main.find("nav", class_="civil-tabs").find("a")["href"]
    assert _query(back) == {"organisation": [culture_march["theatre"].slug]}
    # Unfiltered, the tabs are the plain addresses.
    assert month_tab["href"] != f"{index.url}month/"
    plain = parse(client.get(index.url)).main.find("nav", class_="civil-tabs").find_all("a")[2]
    assert plain["href"] == f"{index.url}month/"


def test_a_bad_filter_value_answers_as_the_list_does(client, civil_site, culture_march):
    """The list shows a bad value as an error beside its field and applies the rest (200); so
    does the month view. The print has no form: a 400 that names the filter (as a download)."""
    index = civil_site.meeting_index
    bad = {"organisation": "finns-inte", "kind": "hearing"}
    listing = client.get(index.url, bad)
    response = _month_filtered(client, index, **bad)
    assert response.status_code == listing.status_code == 200
    soup = parse(response)
    assert _titles(soup) == ["Kulturhearing"]  # the valid filter still applies
    details = soup.main.find("details", class_="civil-month-filters")
    assert details.has_attr("open")
    select = details.find("select", attrs={"name": "organisation"})
    assert select["aria-invalid"] == "true"
    assert soup.find(id=select["aria-describedby"].split()[0]).get_text(strip=True)
    # Only the valid filter goes on in the links.
    assert _query(soup.main.find("a", rel="next")["href"]) == {
        "kind": ["hearing"], "month": [f"{YEAR}-04"]
    }  # fmt: skip
    assert [" ".join(li.get_text().split()) for li in
            soup.main.find(class_="civil-chosen-filters").find_all("li")] == [
        "Mötestyp: Hearing"]  # fmt: skip

    printed = _month_filtered(client, index, "month/print/", **bad)
    assert printed.status_code == 400
    summary = BeautifulSoup(printed.content.decode(), "html.parser").main.find(
        class_="civil-error-summary"
    )
    assert summary.find("li").get_text().startswith("Organisation:")
    assert _query(summary.find("a")["href"]) == {"kind": ["hearing"], "month": [f"{YEAR}-03"]}
    # A bad month and a filter: the 400 of the month, whose link keeps the filter.
    response = client.get(f"{index.url}month/", {"month": "2026-13", "kind": "hearing"})
    assert response.status_code == 400
    link = BeautifulSoup(response.content.decode(), "html.parser").main.find(
        class_="civil-error-summary"
    ).a["href"]  # fmt: skip
    assert link == f"{index.url}month/?kind=hearing"


def test_month_print_honours_the_filter_and_says_so(client, civil_site, culture_march):
    index = civil_site.meeting_index
    soup = parse(_month_filtered(client, index, "month/print/", category="kultur"))
    assert_well_formed_page(soup)
    rows = soup.main.find("table").tbody.find_all("tr")
    assert [r.th.find(class_="civil-title").get_text() for r in rows] == [
        "Teaterdialog",
        "Kulturhearing",
    ]
    heading = soup.main.find("h1")
    said = heading.find_next_sibling("p", class_="civil-print-filters")
    assert "Kulturföreningar" in said.get_text()
    # The QR code and the way back lead to the same filtered month.
    web = soup.main.find(class_="civil-invitation-web")
    assert f"testserver{index.url}month/?category=kultur&month={YEAR}-03" in web.text
    back = soup.main.find(class_="civil-print-help").find("a")["href"]
    assert _query(back) == {"category": ["kultur"], "month": [f"{YEAR}-03"]}
