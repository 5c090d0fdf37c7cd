"""Followed sites in the admin: the listing and the edit view show each site's last good fetch,
what its last attempt did (OK, or the refusal in the editor's language) and how many meetings its
copy holds; the listing costs the same queries for 2 or 8 sites. The sites are the fixture
server of the federation tests (127.0.0.1), one answering well, one answering a forged UID."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import pgettext

from civilsamhalle import federation as core_federation
from wagtail_civil.federation import fetch
from wagtail_civil.federation.fetch import fetch_site
from wagtail_civil.federation.status import refusal_words, status_of
from wagtail_civil.models import FollowedCopy, FollowedItem, FollowedSite

from .conftest import next_week_at
from .followed_server import Answer, agreement_item, followed_server, meeting_item

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/wagtail_civil/followedsite/"


def _meetings(host: str, *, domain: str | None = None) -> Answer:
    start = next_week_at(hour=18, days=3)
    return Answer(
        items=[
            meeting_item(n, f"Möte {n}", (start + dt.timedelta(days=n)).isoformat(),
                         (start + dt.timedelta(days=n, hours=2)).isoformat(), host=host,
                         domain=domain)
            for n in (1, 2)
        ],
        etag=f'"{domain or host}"',
    )  # fmt: skip


@pytest.fixture
def sites():
    """Ale, fetched well; Lerum, fetched well once and then refused (a forged UID); Ny, never
    fetched."""
    with followed_server() as ale_server, followed_server() as lerum_server:
        for server in (ale_server, lerum_server):
            agreements = Answer(items=[agreement_item(7, "ÖK", host=server.host)])
            server.answers = {"meetings": _meetings(server.host), "agreements": agreements}
        ale = FollowedSite.objects.create(name="Ale kommun", api_url=ale_server.api_url)
        lerum = FollowedSite.objects.create(name="Lerums kommun", api_url=lerum_server.api_url)
        new = FollowedSite.objects.create(name="Ny kommun", api_url="http://127.0.0.1:9/api/v2/")
        assert {o.result for o in fetch_site(ale) + fetch_site(lerum)} == {"changed"}
        lerum_server.answers["meetings"] = _meetings(lerum_server.host, domain="uddevalla.se")
        assert fetch_site(lerum)[0].result == "refused"
    return {"ale": ale, "lerum": lerum, "new": new}


def _rows(html: str) -> dict[str, dict[str, object]]:
    """Site name -> its row's cells by column header."""
    table = BeautifulSoup(html, "html.parser").find("table", class_="listing")
    headers = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = dict(zip(headers, tr.find_all("td"), strict=True))
        rows[tr.find("td", class_="title").find("span").get_text(strip=True)] = cells
    return rows


def _text(cell) -> str:
    return " ".join(cell.get_text().split())


def test_the_listing_shows_each_sites_last_fetch(editor, sites):
    response = editor.get(LISTING)
    assert response.status_code == 200
    rows = _rows(response.content.decode())
    with translation.override("sv"):
        headers = {"when": "Last successful fetch", "outcome": "Last attempt",
                   "count": "Meetings in the copy"}  # fmt: skip
        headers = {key: translation.gettext(value) for key, value in headers.items()}
        ok = pgettext("outcome of fetching a followed site", "OK")
        never = pgettext("fetched", "Never")
        not_yet = translation.gettext("Not fetched yet")
        lerum_reason = FollowedCopy.objects.get(site=sites["lerum"], endpoint="meetings").error
        refused = refusal_words(lerum_reason)
    ale, lerum, new = rows["Ale kommun"], rows["Lerums kommun"], rows["Ny kommun"]
    # Fetched well: a time ("… ago" with the exact time in a tooltip), OK, its two meetings.
    assert ale[headers["when"]].find(class_="w-human-readable-date")
    assert _text(ale[headers["outcome"]]) == ok
    assert _text(ale[headers["count"]]) == "2"
    assert _text(ale["Aktiv"]) == "Ja"
    assert editor.get(LISTING, {"ordering": "-active"}).status_code == 200
    # Refused after a good fetch: the last good copy stays, and the reason is in words, with the
    # domain it saw, not the log's English sentence.
    assert lerum[headers["when"]].find(class_="w-human-readable-date")
    outcome = _text(lerum[headers["outcome"]])
    assert "uddevalla.se" in outcome and lerum_reason not in outcome and refused in outcome
    assert _text(lerum[headers["count"]]) == "2"
    # Never fetched.
    assert _text(new[headers["when"]]) == never
    assert _text(new[headers["outcome"]]) == not_yet
    assert _text(new[headers["count"]]) == "0"


def test_the_edit_view_shows_the_same_read_only(editor, sites):
    url = f"{LISTING}edit/{sites['lerum'].pk}/"
    html = editor.get(url).content.decode()
    panel = BeautifulSoup(html, "html.parser").find("dl", class_="civil-fetch-status")
    with translation.override("sv"):
        expected = status_of(FollowedSite.objects.get(pk=sites["lerum"].pk)).outcome()
    assert expected in _text(panel) and "uddevalla.se" in _text(panel)
    assert [_text(dd) for dd in panel.find_all("dd")][-1] == "2"
    assert not panel.find(["input", "select", "textarea"])
    # Saving the form is unchanged by the panel; a new site has no status yet.
    assert "civil-fetch-status" not in editor.get(f"{LISTING}add/").content.decode()


def test_the_listing_costs_the_same_queries_for_2_or_8_sites(editor, django_assert_max_num_queries):
    now = timezone.now()

    def add(n: int, *, refused: bool) -> None:
        site = FollowedSite.objects.create(name=f"Kommun {n}", api_url=f"http://k{n}.se/api/v2/")
        for endpoint in fetch.ENDPOINTS:
            FollowedCopy.objects.create(site=site, endpoint=endpoint, fetched_at=now,
                                        attempted_at=now, error="the answer is not JSON"
                                        if refused else "")  # fmt: skip
        FollowedItem.objects.bulk_create(
            FollowedItem(site=site, endpoint="meetings", uid=f"{n}-{i}@k{n}.se", title="Möte",
                         html_url="http://k.se/m/") for i in range(3)
        )  # fmt: skip

    for n in range(2):
        add(n, refused=n == 1)
    editor.get(LISTING)
    with CaptureQueriesContext(connection) as two:
        assert editor.get(LISTING).status_code == 200
    for n in range(2, 8):
        add(n, refused=n % 2 == 1)
    with django_assert_max_num_queries(len(two)):
        response = editor.get(LISTING)
    assert len(_rows(response.content.decode())) == 8


def _refusal_samples() -> list[str]:
    """Each ``raise Refused(...)`` sentence of the fetch and the core, with "1" for each value."""
    samples = []
    for module in (fetch, core_federation):
        tree = ast.parse(Path(module.__file__).read_text())
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("Refused", "_BadRequest") and node.args):  # fmt: skip
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                samples.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                samples.append("".join(part.value if isinstance(part, ast.Constant) else "1"
                                       for part in arg.values))  # fmt: skip
    return samples


def test_every_refusal_the_fetch_raises_is_worded_for_editors():
    samples = _refusal_samples()
    assert len(samples) >= 15
    with translation.override("sv"):
        unknown = [sample for sample in samples if refusal_words(sample) == sample]
    assert unknown == []
    # One this version does not know is shown as stored.
    assert refusal_words("något nytt") == "något nytt"
