"""The demo's meeting lists by month and on paper: each list's month calendar shows the month's
meetings; the demo's draft and password-protected meetings are in none of them."""

from __future__ import annotations

from bs4 import BeautifulSoup
from demo.loader import _DRAFT, _PRIVATE
from django.utils import timezone

from wagtail_civil.models import MeetingIndexPage, MeetingPage


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def _titles(soup: BeautifulSoup) -> list[str]:
    return [t.get_text(strip=True) for t in soup.main.find("table").find_all(class_="civil-title")]


def test_each_meeting_list_shows_its_meetings_by_month(demo, client):
    hidden = MeetingPage.objects.filter(slug__in=[_DRAFT, _PRIVATE])
    assert hidden.count() == 2
    hidden_titles = {m.title for m in hidden}
    shown = 0
    for index in MeetingIndexPage.objects.live().public():
        for meeting in MeetingPage.objects.child_of(index).live().public()[:3]:
            month = timezone.localtime(meeting.start).strftime("%Y-%m")
            soup = _soup(client, f"{index.url}month/?month={month}")
            titles = _titles(soup)
            assert meeting.title in titles, (index.url, month)
            assert not hidden_titles & set(titles)
            shown += 1
    assert shown >= 3
    # The private and the draft meeting's months show them to nobody.
    for meeting in hidden:
        month = timezone.localtime(meeting.start).strftime("%Y-%m")
        parent = meeting.get_parent()
        soup = _soup(client, f"{parent.url}month/?month={month}")
        assert meeting.title not in _titles(soup)


def test_demo_meeting_prints_with_its_qr_code(demo, client):
    meeting = MeetingPage.objects.live().public().filter(start__gte=timezone.now()).first()
    soup = _soup(client, meeting.url)
    print_path = soup.main.find("p", class_="civil-print-link").a["href"]
    invitation = _soup(client, print_path)
    assert invitation.main.h1.get_text() == meeting.title
    assert invitation.main.find(class_="civil-invitation-web").svg
