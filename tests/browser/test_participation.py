"""Participation in Chromium: ticking who came in the real admin (in Swedish, Nordic names), and
the agreement and organisation pages with their chart and tables checked with axe, at 320 px and
without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.conftest import CivilSite
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)

from .test_admin_editing import _publish, admin, site  # noqa: F401 (fixtures: tab, site)
from .test_mobile import _too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SWEDEN = dt.timezone(dt.timedelta(hours=1))


def _sv(message: str) -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def stormoten(site: CivilSite) -> dict[str, Any]:  # noqa: F811
    """A register with Nordic names, and two stormöten held under the site's agreement."""
    from tests.app.conftest import publish
    from wagtail_civil.models import (
        AgreementSignature,
        MeetingAttendance,
        MeetingPage,
        Organisation,
        OrganisationCategory,
    )

    faith = OrganisationCategory.objects.create(name="Trossamfunden")
    seniors = OrganisationCategory.objects.create(name="Pensionärsorganisationerna")
    made: dict[str, Any] = {}
    for key, name, categories in (
        ("oasen", "Equmeniakyrkan Oasen", [faith]),
        ("bäve", "Bäve församling", [faith]),
        ("spf", "SPF Seniorerna Åsunden", [seniors]),
        ("øst", "Frivilligsentralen Østre Ærø", []),
    ):
        organisation = Organisation(name=name, live=False)
        organisation.save()
        organisation.categories.set(categories)
        made[key] = publish(organisation)
    AgreementSignature.objects.create(page=site.agreement, organisation=made["spf"])
    AgreementSignature.objects.create(page=site.agreement, organisation=made["oasen"])
    for n, (day, attending, people) in enumerate(
        [(dt.date(2022, 3, 15), ["oasen"], 17), (dt.date(2023, 2, 14), [], 23)], start=1
    ):
        start = dt.datetime.combine(day, dt.time(18), SWEDEN)
        meeting = MeetingPage(
            title=f"Stormöte {n}: gemensamma spelregler",
            kind="open_meeting",
            start=start,
            end=start + dt.timedelta(hours=3),
            venue_name="Stadshuset i Ulricehamn",
            agreement=site.agreement,
            attendance_organisations=12 + n,
            attendance_people=people,
            attendance_municipal_staff=5,
            live=False,
        )
        meeting.attending_organisations = [
            MeetingAttendance(organisation=made[k]) for k in attending
        ]
        site.meeting_index.add_child(instance=meeting)
        made[f"möte {n}"] = publish(meeting)
    return made


def _tab_with(page: Any, selector: str) -> None:
    """Open the tab that holds ``selector`` (found by what it holds, not by its name)."""
    panel = page.locator(f"[role=tabpanel]:has({selector})")
    page.locator(f'[role=tab][aria-controls="{panel.get_attribute("id")}"]').click()
    expect(panel).to_be_visible()


def _box(page: Any, organisation: Any) -> Any:
    return page.locator(f'[name=attending_register][value="{organisation.pk}"]')


def test_ticking_who_came_in_the_admin(admin: Any, stormoten: dict[str, Any]) -> None:  # noqa: F811
    from wagtail_civil.models import MeetingPage

    meeting = stormoten["möte 2"]
    admin.goto(f"/admin/pages/{meeting.pk}/edit/")
    _tab_with(admin, ".civil-attendance-checklist")
    checklist = admin.locator(".civil-attendance-checklist")
    expect(checklist).to_contain_text("Bäve församling")
    # A group with nothing ticked starts closed: open it by its summary, as an editor does.
    for organisation in (stormoten["bäve"], stormoten["øst"]):
        group = checklist.locator("details", has=_box(admin, organisation))
        if group.get_attribute("open") is None:
            group.locator("summary").click()
        _box(admin, organisation).check()

    # A mistake elsewhere: the end before the start. The error is on the field, ticks kept.
    _tab_with(admin, "[name=end]")
    end = admin.locator("[name=end]")
    end.fill("2023-02-14 17:00")
    end.press("Escape")
    _publish(admin)
    field = admin.locator("[data-field-wrapper]", has=admin.locator("[name=end]"))
    expect(field).to_contain_text(_sv("The meeting must end after it starts."))
    _tab_with(admin, ".civil-attendance-checklist")
    expect(_box(admin, stormoten["bäve"])).to_be_checked()
    expect(_box(admin, stormoten["øst"])).to_be_checked()
    expect(_box(admin, stormoten["oasen"])).not_to_be_checked()
    assert not MeetingPage.objects.get(pk=meeting.pk).attending_organisations.exists()

    _tab_with(admin, "[name=end]")
    admin.locator("[name=end]").fill("2023-02-14 21:00")
    admin.locator("[name=end]").press("Escape")
    _publish(admin)
    assert "/edit/" not in admin.url or not admin.locator(".error-message").count(), admin.locator(
        "main"
    ).inner_text()[:1000]
    saved = MeetingPage.objects.get(pk=meeting.pk)
    assert [row.organisation.name for row in saved.attending_organisations.all()] == [
        "Bäve församling",
        "Frivilligsentralen Østre Ærø",
    ]
    assert not saved.has_unpublished_changes


@pytest.fixture
def pages(stormoten: dict[str, Any], site: CivilSite) -> dict[str, str]:  # noqa: F811
    return {"agreement": site.agreement.url, "organisation": stormoten["oasen"].get_url()}


@pytest.mark.parametrize("which", ["agreement", "organisation"])
def test_the_pages_pass_axe_fit_320_px_and_work_without_javascript(
    pages: dict[str, str],
    open_page: Callable[..., Any],
    axe_problems: Callable[[Any], str],
    which: str,
) -> None:
    page = open_page(pages[which])
    assert not (report := axe_problems(page)), report

    narrow = open_page(pages[which], viewport="mobile")
    narrow.set_viewport_size({"width": 320, "height": 667})
    assert _too_wide(narrow) is None, f"{pages[which]} scrolls sideways at 320 px"
    assert not (report := axe_problems(narrow)), report

    bare = open_page(pages[which], javascript=False)
    main = bare.locator("main")
    if which == "agreement":
        years = main.locator("table.civil-participation-years")
        expect(years.locator("caption")).to_have_text(_sv("Participation per year"))
        expect(years.locator("tbody tr")).to_have_count(2)
        expect(main.locator(".civil-chart-bars[role=img]")).to_have_count(2)
        bar = main.locator(".civil-bar-people").first
        assert bar.bounding_box()["width"] > 0  # drawn by CSS alone
        expect(main.locator("table.civil-participation-meetings")).to_contain_text("23")
    else:
        expect(main.locator("#civil-attended-heading")).to_be_visible()
        link = main.locator("a", has_text="Stormöte 1: gemensamma spelregler")
        with bare.expect_navigation():
            link.click()
        expect(bare.locator("h1")).to_have_text("Stormöte 1: gemensamma spelregler")
