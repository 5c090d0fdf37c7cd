"""The regional calendar in real Chromium: its meeting list and agreement overview, with a
followed site's meetings beside the site's own, pass axe-core on a desktop and at 320 px, fit
320 px, and the source filter works without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.app.conftest import next_week_at, publish
from tests.app.followed_server import Answer, agreement_item, followed_server, meeting_item
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)
from wagtail_civil.federation.fetch import fetch_site
from wagtail_civil.models import FollowedSite, RegionalCalendarPage

from .test_mobile import _too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def regional(civil_site: Any, make_meeting: Any, make_agreement: Any) -> RegionalCalendarPage:
    make_meeting("Dialogmöte i Uddevalla", start=next_week_at(days=4))
    make_agreement("Överenskommelse för Uddevalla", signatories=["Föreningen Åsa"])
    with followed_server() as server:
        start = next_week_at(hour=18, days=2)
        end = start + dt.timedelta(hours=2)
        title = "Stormöte om föreningsbidrag i Bærum med en mycket lång titel som bryts"
        item = meeting_item(1, title, start.isoformat(), end.isoformat(), host=server.host)
        server.answers["meetings"] = Answer(items=[item])
        server.answers["agreements"] = Answer(
            items=[agreement_item(2, "Samarbeidsavtale med frivilligheten", host=server.host)]
        )
        site = FollowedSite.objects.create(name="Bærum kommune", api_url=server.api_url)
        assert [o.result for o in fetch_site(site)] == ["changed", "changed"]
    page = RegionalCalendarPage(title="Regional kalender", slug="regional", live=False)
    civil_site.home.add_child(instance=page)
    return publish(page)


def test_the_regional_pages_pass_axe_and_fit_320_px(
    regional: RegionalCalendarPage,
    open_page: Callable[..., Any],
    axe_problems: Callable[[Any], str],
) -> None:
    for path, expected in (
        (regional.url, ("Stormöte om föreningsbidrag i Bærum", "Dialogmöte i Uddevalla")),
        (regional.url + "agreements/", ("Samarbeidsavtale", "Överenskommelse för Uddevalla")),
    ):
        page = open_page(path, viewport="desktop")
        text = page.locator("main").inner_text()
        assert all(word in text for word in expected), text
        problems = [axe_problems(page)]
        page = open_page(path, viewport="mobile")
        page.set_viewport_size({"width": 320, "height": 640})
        problems.append(axe_problems(page))
        assert not any(problems), "\n".join(p for p in problems if p)
        assert _too_wide(page) is None, f"{path} is wider than 320 px"


def test_the_source_filter_works_without_javascript(
    regional: RegionalCalendarPage, open_page: Callable[..., Any]
) -> None:
    page = open_page(regional.url, javascript=False)
    page.locator("select[name=source]").select_option(label="Bærum kommune")
    page.locator("form.civil-filters button[type=submit]").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Stormöte om föreningsbidrag i Bærum" in text
    assert "Dialogmöte i Uddevalla" not in text
