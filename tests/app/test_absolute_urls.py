"""One host in a response: a page, its feeds and its JSON-LD use the address they were asked on.

The demo run on another port, and a fresh ``wagtail start`` site (whose Site says
``localhost:80``), showed the subscribe box with the real host and everything else (feed URL
properties, "more information" links, Google/Outlook links, JSON-LD) with the Site record's.
Every absolute address the site writes must lead back to where the resident is.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

import pytest
from wagtail.models import Site

from tests.feedcheck import read_feed
from wagtail_civil.feed_urls import feed_path

# Addresses of other sites that pages and feeds legitimately contain.
ELSEWHERE = {
    "example.org",
    "schema.org",
    "calendar.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "www.openstreetmap.org",
    "test.example.org",  # the UID domain, not an address
}
URL = re.compile(r"(?:https?|webcal)://[^\s\"'<>\\]+")

HOSTS = ["127.0.0.1:8124", "kommun.example:8443"]


def _addresses(text: str) -> set[str]:
    """Every absolute address in ``text``, also those inside other links' query strings."""
    text = html.unescape(text)
    for _ in range(3):  # links inside links are encoded once per level
        text = unquote(text)
    return set(URL.findall(text))


def _ours(addresses: set[str]) -> dict[str, str]:
    return {
        url: urlsplit(url).netloc for url in addresses if urlsplit(url).hostname not in ELSEWHERE
    }


@pytest.fixture
def pages(civil_site, make_meeting, make_organisation, make_category):
    """A meeting with everything that makes addresses; the Site says 127.0.0.1:8000, as the
    demo's did, so a wrong rule shows as :8000."""
    site = civil_site.site
    site.hostname, site.port = "127.0.0.1", 8000
    site.save()
    category = make_category("Kulturföreningar")
    organisation = make_organisation("Teatersällskapet", categories=[category])
    meeting = make_meeting(
        "Dialog om lokaler",
        hosts=[organisation],
        agreement=civil_site.agreement,
        categories=[category],
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        theme="Lokaler",
    )
    return {
        "meeting page": meeting.url,
        "meeting index": civil_site.meeting_index.url,
        "agreement page": civil_site.agreement.url,
        "organisation page": organisation.get_url(),
        "all feed": feed_path("all"),
        "index feed": feed_path("index", civil_site.meeting_index),
        "agreement feed": feed_path("agreement", civil_site.agreement),
        "organisation feed": feed_path("organisation", organisation),
        "category feed": feed_path("category", category),
        "meeting feed": feed_path("meeting", meeting),
    }


@pytest.mark.parametrize("host", HOSTS)
def test_every_absolute_address_uses_the_requests_host(client, pages, host):
    found: dict[str, dict[str, str]] = {}
    for what, path in pages.items():
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (what, path, response.status_code)
        body = response.content
        if what.endswith("feed"):
            read_feed(body, path)
            text = body.decode().replace("\r\n ", "")  # unfolded content lines
        else:
            text = body.decode()
        found[what] = _ours(_addresses(text))
    wrong = {
        what: {url for url, netloc in urls.items() if netloc != host}
        for what, urls in found.items()
    }
    assert not any(wrong.values()), wrong
    # The addresses are there to be checked: each kind the issue named.
    meeting = found["meeting page"]
    assert any(url.startswith("webcal://") for url in meeting)
    assert f"http://{host}{pages['meeting page']}" in meeting  # JSON-LD, Google, Outlook
    assert f"http://{host}{pages['meeting page']}" in found["meeting feed"]  # URL, description
    assert f"http://{host}/" in found["all feed"]  # the feed's own URL


def test_json_ld_and_feed_name_the_same_page(client, pages):
    host = HOSTS[0]
    page = client.get(pages["meeting page"], HTTP_HOST=host).content.decode()
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    event = read_feed(client.get(pages["meeting feed"], HTTP_HOST=host).content).walk("VEVENT")[0]
    assert f'"url":"{event["URL"]}"' in jsonld


def test_the_header_and_the_feeds_give_the_site_the_same_name(client, pages, settings):
    """``Site.site_name``, else ``WAGTAIL_SITE_NAME``: in the header, the title and the feeds."""
    settings.WAGTAIL_SITE_NAME = "Uddevalla kommun"
    site = Site.objects.get()
    for stored, shown in [("Testkommun", "Testkommun"), ("", "Uddevalla kommun")]:
        site.site_name = stored
        site.save()
        page = client.get(pages["meeting page"]).content.decode()
        header = re.search(r'class="civil-site-name"[^>]*>([^<]*)<', page).group(1)
        title = re.search(r"<title>([^<]*)</title>", page).group(1)
        calendar = read_feed(client.get(pages["all feed"]).content)
        assert header == shown
        assert title.endswith(f" – {shown}")
        assert str(calendar["X-WR-CALNAME"]).endswith(shown)
