"""The admin in Chromium speaks the app's words where they are the app's, and Wagtail's elsewhere.

One catalogue serves every installed app, so a message the app shares with Wagtail changes
Wagtail's screens too; the app's own words with two meanings carry contexts. Seen by an editor:
the organisation form's register panel is not headed "Anmälan" (a meeting's sign-up), and a
cancelled workflow still reads as Wagtail says it ("Avbruten", not the meeting's "Inställt").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.browser

PASSWORD = "redaktör-lösenord-1"


@pytest.fixture
def swedish_editor(
    transactional_db: Any,
    django_db_serialized_rollback: Any,
    django_user_model: Any,
    civil_site: Any,
    browser: Any,
    live_server: Any,
) -> Iterator[tuple[Any, Any]]:
    """A Chromium page logged in to the admin as a superuser whose admin language is Swedish."""
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", "redaktor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    yield page, user
    context.close()


def test_a_swedish_editor_sees_registrering_and_wagtails_avbruten(
    swedish_editor: tuple[Any, Any],
    civil_site: Any,
    make_organisation: Callable[..., Any],
) -> None:
    page, user = swedish_editor
    organisation = make_organisation("Bäve hembygdsförening")
    page.goto(f"/admin/snippets/wagtail_civil/organisation/edit/{organisation.pk}/")
    headings = [h.strip() for h in page.locator(".w-panel__heading").all_inner_texts()]
    assert "Registrering" in headings, headings
    assert "Anmälan" not in headings, headings
    assert page.get_by_label("Organisationsnummer").is_visible()

    meetings = civil_site.meeting_index
    meetings.get_workflow().start(meetings, user).cancel(user=user)
    page.goto(f"/admin/pages/{meetings.pk}/workflow_history/")
    # text_content: the admin shows statuses in capitals by CSS only
    statuses = [s.strip() for s in page.locator(".w-status").all_text_contents()]
    assert statuses == ["Avbruten"], statuses
