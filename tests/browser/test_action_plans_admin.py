"""An editor writes an action plan with an action in the real admin in Chromium, in Swedish,
with Norwegian and Swedish names; a progress of 150 % is shown on its field, typing kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.app.conftest import CivilSite

from .test_admin_editing import _publish, admin, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _type(page: Any, name: str, text: str) -> None:
    field = page.locator(f"[name='{name}']")
    field.click()
    field.press_sequentially(text)
    field.press("Tab")


def test_an_editor_creates_a_plan_with_an_action(admin: Any, site: CivilSite) -> None:  # noqa: F811
    from wagtail_civil.models import ActionPlanPage, ActionStatusChange, MunicipalUnit

    unit = MunicipalUnit.objects.create(name="Kultur og fritid Østre Æråsen", slug="kultur-osten")
    admin.goto(f"/admin/pages/add/wagtail_civil/actionplanpage/{site.home.pk}/")
    _type(admin, "title", "Handlingsplan för föreningslivet 2026 – Ærø og Åsunden")
    admin.fill("[name=period_start]", "2026-01-01")
    admin.fill("[name=period_end]", "2026-12-31")
    _type(admin, "adopted_by", "Kommunfullmäktige i Ulricehamn")
    admin.locator("#id_actions-ADD").click()
    _type(admin, "actions-0-number", "1")
    _type(admin, "actions-0-title", "Bygga nätverk med Frivillighetssentralen på Øvre Ærø")
    admin.select_option("[name='actions-0-status']", "under_way")
    admin.select_option("[name='actions-0-responsible_units']", str(unit.pk))
    _type(admin, "actions-0-progress", "150")
    _publish(admin)

    with translation.override("sv"):
        message = gettext("Progress is a percentage from 0 to 100, not %(value)s.") % {"value": 150}
    field = admin.locator("[data-field-wrapper]:has([name='actions-0-progress'])")
    expect(field).to_contain_text(message)
    expect(admin.locator("[name='actions-0-progress']")).to_have_value("150")
    expect(admin.locator("[name='actions-0-title']")).to_have_value(
        "Bygga nätverk med Frivillighetssentralen på Øvre Ærø"
    )
    assert not ActionPlanPage.objects.filter(live=True).exists()

    admin.fill("[name='actions-0-progress']", "30")
    _publish(admin)
    plan = ActionPlanPage.objects.get(live=True)
    assert plan.title == "Handlingsplan för föreningslivet 2026 – Ærø og Åsunden"
    assert plan.slug.startswith("handlingsplan-för-föreningslivet-2026")
    action = plan.actions.get()
    assert (action.title, action.status, action.progress) == (
        "Bygga nätverk med Frivillighetssentralen på Øvre Ærø",
        "under_way",
        30,
    )
    assert list(action.responsible_units.all()) == [unit]
    assert ActionStatusChange.objects.get(action=action).user.username == "redaktor"
