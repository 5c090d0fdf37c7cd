"""With WAGTAIL_I18N_ENABLED off (the default of an existing site) nothing changes for residents:
pages follow the browser's language, no switcher, every meeting of the site in its feeds."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale

from tests.app.conftest import publish
from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import Liaison

pytestmark = pytest.mark.django_db


def test_the_setting_is_off_in_these_tests():
    assert not getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def test_a_page_follows_the_browser_and_has_no_switcher(make_meeting, client):
    meeting = make_meeting("Dialog om föreningslokaler")
    soup = BeautifulSoup(client.get(meeting.url, HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    assert soup.html["lang"] == "en"
    assert "When" in [dt.get_text(strip=True) for dt in soup.main.find_all("dt")]
    assert soup.find("nav", class_="civil-languages") is None
    assert soup.find("a", class_="civil-site-name")["href"] == "/"


def test_feeds_hold_every_meeting_and_follow_the_browser(make_meeting, client):
    make_meeting("Dialog om föreningslokaler")
    make_meeting("Stormöte om digitalt utanförskap")
    response = client.get(feed_path("all"), HTTP_ACCEPT_LANGUAGE="en")
    calendar = read_feed(response.content)
    assert len(calendar.walk("VEVENT")) == 2
    assert str(calendar["X-WR-CALNAME"]).startswith("Meetings: ")


def test_a_new_liaison_gets_the_default_locale_and_shows_in_the_directory(civil_site, client):
    liaison = Liaison(name="Åsa Lind", role="Lots för civilsamhället")
    liaison.save()
    publish(liaison)
    assert liaison.locale == Locale.get_default()
    html = client.get(civil_site.organisation_index.url).content.decode()
    assert "Lots för civilsamhället" in html


def test_a_copy_of_a_meeting_still_gets_a_new_uid(make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    copy = meeting.copy(update_attrs={"slug": "kopia", "title": "Kopia"})
    assert copy.uid != meeting.uid
