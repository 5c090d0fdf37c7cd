"""The editor's first hour, through the real Wagtail admin in Chromium.

Nordic names saved with the slug the admin's JavaScript fills in (with Wagtail's default
``WAGTAIL_ALLOW_UNICODE_SLUGS``: the admin builds its forms once per process, so the other
value is tested at the form level in tests/app/test_slugs.py), every admin listing of the app
searched by typing in its search box, and categories ticked in the organisation form. Fields
and buttons are found by their names, never by their (translated) labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.app.conftest import CivilSite

from .conftest import LOCALE

pytestmark = pytest.mark.browser

PASSWORD = "nordic-test-password"
SNIPPETS = "/admin/snippets/wagtail_civil"
AUTOSAVE_INTERVAL_MS = 500  # Wagtail's default WAGTAIL_AUTOSAVE_INTERVAL, which the tests keep
# Counts Wagtail's autosave events (they reach the document, as its indicator listens there) and
# notes when the editor last typed or ticked something.
AUTOSAVE_WATCH = """
window.__civilAutosave = {sent: 0, answered: 0, lastEdit: 0, lastAnswer: 0};
const watch = window.__civilAutosave;
document.addEventListener("w-autosave:save", () => { watch.sent += 1; });
for (const name of ["w-autosave:success", "w-autosave:error"]) {
  document.addEventListener(name, () => {
    watch.answered += 1;
    watch.lastAnswer = performance.now();
  });
}
for (const name of ["input", "change"]) {
  document.addEventListener(name, () => { watch.lastEdit = performance.now(); }, true);
}
"""
# True once no autosave is in flight or due: on a form without autosave at once; after an edit
# that autosave skipped (nothing changed), 5 s after it.
AUTOSAVE_SETTLED = """() => {
  const watch = window.__civilAutosave;
  if (!watch || !document.querySelector("form[data-w-autosave-interval-value]")) return true;
  if (watch.sent !== watch.answered) return false;
  return watch.lastEdit <= watch.lastAnswer || performance.now() - watch.lastEdit > 5000;
}"""


@pytest.fixture
def site(
    transactional_db: Any, django_db_serialized_rollback: Any, civil_site: CivilSite
) -> CivilSite:
    return civil_site


@pytest.fixture
def admin(browser: Any, live_server: Any, site: CivilSite) -> Iterator[Any]:
    """A browser tab logged in to the admin through its login form, as an editor does."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)
    context = browser.new_context(base_url=live_server.url, locale=LOCALE)
    context.set_default_timeout(15_000)
    context.add_init_script(AUTOSAVE_WATCH)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("[name=username]", "redaktor")
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url
    # Requests the page has sent and not yet had answered (an autosave, a chooser's search).
    in_flight: set[Any] = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    page.in_flight = in_flight
    yield page
    context.close()


def _type_name(page: Any, name: str) -> None:
    """Type the name key by key, as an editor does, so Wagtail's slug sync runs."""
    field = page.locator("[name=name]")
    field.click()
    field.press_sequentially(name)
    field.press("Tab")


def _settle(page: Any) -> None:
    """Let the autosave of the last change be sent and answered, as an editor sees "Saved".

    Wagtail's add view turns into the edit view when its first autosave has created the page;
    a publish or a chooser opened while that request is on its way races it. The autosave waits
    WAGTAIL_AUTOSAVE_INTERVAL (500 ms) after the last input.
    """
    page.wait_for_timeout(AUTOSAVE_INTERVAL_MS + 250)
    # On a loaded machine the browser's timer may fire later than that: wait until every
    # autosave sent was answered and none is still due for an edit made after the last answer.
    page.wait_for_function(AUTOSAVE_SETTLED, timeout=15_000)
    for _ in range(200):  # at most 10 s
        if not page.in_flight:
            break
        page.wait_for_timeout(50)


def _open_chooser(page: Any, prefix: str) -> Any:
    """Open the chooser of the inline panel ``prefix`` (its "Add …" button) once the autosave
    has settled; the modal, when it lists the register."""
    _settle(page)
    page.locator(f"#id_{prefix}-OPEN_MODAL").click()
    modal = page.locator(".modal-dialog")
    modal.locator("[data-multiple-choice-select]").first.wait_for()
    return modal


def _publish(page: Any) -> None:
    """Press Publish (in the footer's dropdown for snippets with drafts) or Save, once the
    autosave of the last change has settled (:func:`_settle`)."""
    _settle(page)
    publish = page.locator("form [name=action-publish]")
    if publish.count():
        if not publish.first.is_visible():
            page.locator("footer [data-w-dropdown-target=toggle]").first.click()
        button = publish.first
    else:
        button = page.locator("footer form [type=submit], form footer [type=submit]").first
    with page.expect_navigation():
        button.click()


# (kind, name, slug filled in with unicode slugs, without)
NAMES = [
    ("organisation", "Bäve hembygdsförening", "bäve-hembygdsförening", "bave-hembygdsforening"),
    ("organisationcategory", "Föreningar på landsbygden", "föreningar-på-landsbygden",
     "foreningar-pa-landsbygden"),
    ("organisation", "Bærum frivilligsentral Østre", "bærum-frivilligsentral-østre",
     "baerum-frivilligsentral-ostre"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "name", "unicode_slug", "ascii_slug"), NAMES)
def test_a_nordic_name_is_published_with_the_slug_as_filled(
    admin: Any,
    site: CivilSite,
    kind: str,
    name: str,
    unicode_slug: str,
    ascii_slug: str,
) -> None:
    from wagtail_civil.models import Organisation, OrganisationCategory

    expected = unicode_slug  # Wagtail's default; tests/app/test_slugs.py posts both kinds
    admin.goto(f"{SNIPPETS}/{kind}/add/")
    _type_name(admin, name)
    # Filled in by Wagtail's JavaScript as the name was typed; the test never touches it.
    expect(admin.locator("[name=slug]")).to_have_value(expected)

    _publish(admin)

    assert "/add/" not in admin.url, admin.locator("main").inner_text()[:1000]  # no form errors
    model = Organisation if kind == "organisation" else OrganisationCategory
    saved = model.objects.get(name=name)
    assert saved.slug == expected
    directory = site.organisation_index.url
    if kind == "organisation":
        assert saved.live
        public = admin.goto(saved.get_url())
    else:
        public = admin.goto(f"{directory}?category={saved.slug}")
    assert public is not None and public.status == 200
    if kind == "organisation":
        assert name in admin.locator("main").inner_text()


@pytest.fixture
def register(site: CivilSite) -> CivilSite:
    from tests.app.conftest import publish
    from wagtail_civil.models import AgreementPage, MeetingPage, Organisation, OrganisationCategory

    from .conftest import next_week_at

    culture = OrganisationCategory.objects.create(name="Kulturföreningar")
    OrganisationCategory.objects.create(name="Pensionärsorganisationer")
    for org_name in ("Kulturföreningen Bäve", "Röda Korset Uddevallakretsen"):
        organisation = Organisation(name=org_name, live=False)
        organisation.save()
        if org_name.startswith("Kultur"):
            organisation.categories.set([culture])
        publish(organisation)
    for title in ("Dialogmöte om kulturhuset", "Dialogmöte om fritidsgårdarna"):
        start = next_week_at()
        meeting = MeetingPage(title=title, start=start, end=start, venue_name="Folkets Hus")
        meeting.end = start.replace(hour=20)
        meeting.live = False
        site.meeting_index.add_child(instance=meeting)
        publish(meeting)
    agreement = AgreementPage(title="Kulturöverenskommelse", live=False)
    site.home.add_child(instance=agreement)
    publish(agreement)
    return site


def _search(page: Any, url: str, query: str, found: str, not_found: str) -> None:
    """Type in the listing's own search box and wait for the results it swaps in."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    # The listing's own box (the sidebar's searches all pages): results are swapped in as typed.
    box = page.locator("main input[name=q]").first
    box.press_sequentially(query)
    results = page.locator("main")
    expect(results).not_to_contain_text(not_found)
    expect(results).to_contain_text(found)
    assert page.url.split("?")[0].endswith(url), page.url


def test_every_admin_listing_of_the_app_can_be_searched(admin: Any, register: CivilSite) -> None:
    listings = [
        (f"{SNIPPETS}/organisation/", "Kulturföreningen Bäve", "Röda Korset"),
        (f"{SNIPPETS}/organisationcategory/", "Kulturföreningar", "Pensionärsorganisationer"),
        ("/admin/pages/search/", "Dialogmöte om kulturhuset", "fritidsgårdarna"),
        (f"/admin/pages/{register.meeting_index.pk}/", "Dialogmöte om kulturhuset", "fritids"),
        ("/admin/pages/search/", "Kulturöverenskommelse", "fritidsgårdarna"),
    ]
    for url, found, not_found in listings:
        _search(admin, url, "kultur", found, not_found)


def test_categories_are_ticked_in_the_organisation_form(admin: Any, register: CivilSite) -> None:
    from wagtail_civil.models import Organisation, OrganisationCategory

    admin.goto(f"{SNIPPETS}/organisation/add/")
    boxes = admin.locator("input[type=checkbox][name=categories]")
    assert boxes.count() == OrganisationCategory.objects.count()
    _type_name(admin, "Bäve hembygdsförening")
    for category in OrganisationCategory.objects.all():
        admin.locator(f"input[name=categories][value='{category.pk}']").check()
    _publish(admin)
    organisation = Organisation.objects.get(name="Bäve hembygdsförening")
    assert organisation.categories.count() == 2


def test_categories_are_ticked_in_the_meeting_form(admin: Any, register: CivilSite) -> None:
    from wagtail_civil.models import OrganisationCategory

    admin.goto(f"/admin/pages/add/wagtail_civil/meetingpage/{register.meeting_index.pk}/")
    boxes = admin.locator("input[type=checkbox][name=categories]")
    assert boxes.count() == OrganisationCategory.objects.count()


def _open_tab(page: Any, index: int) -> None:
    page.locator("[role=tab]").nth(index).click()


def test_hosts_are_picked_in_the_searchable_chooser(admin: Any, register: CivilSite) -> None:
    """Search the register in Wagtail's chooser, tick a host, confirm, publish."""
    from wagtail_civil.models import MeetingPage, OrganisationCategory

    admin.goto(f"/admin/pages/add/wagtail_civil/meetingpage/{register.meeting_index.pk}/")
    admin.locator("[name=title]").press_sequentially("Dialog på Bäve bygdegård")
    admin.locator("[name=start]").fill("2030-03-14 17:00")
    admin.locator("[name=end]").fill("2030-03-14 19:00")
    _open_tab(admin, 1)  # place
    admin.locator("[name=venue_name]").fill("Bäve bygdegård")
    _open_tab(admin, 2)  # organisers
    modal = _open_chooser(admin, "host_links")  # the register is listed
    # One input event, so one search: typed key by key, a slow answer for "k" could land last.
    modal.locator("input[name=q]").fill("kultur")
    expect(modal).not_to_contain_text("Röda Korset")
    expect(modal).to_contain_text("Kulturföreningen Bäve")
    modal.locator("[data-multiple-choice-select]").first.check()
    modal.locator("[data-multiple-choice-submit]").click()
    expect(admin.locator("#id_host_links-FORMS")).to_contain_text("Kulturföreningen Bäve")
    culture = OrganisationCategory.objects.get(name="Kulturföreningar")
    admin.locator(f"input[name=categories][value='{culture.pk}']").check()
    _publish(admin)

    meeting = MeetingPage.objects.get(title="Dialog på Bäve bygdegård")
    assert meeting.live
    assert [h.name for h in meeting.public_hosts] == ["Kulturföreningen Bäve"]
    assert [c.name for c in meeting.categories.all()] == ["Kulturföreningar"]
    response = admin.goto(meeting.url)
    assert response is not None and response.status == 200
    assert "Kulturföreningen Bäve" in admin.locator("main").inner_text()


def test_registration_on_the_page_is_set_up_in_its_tab(admin: Any, site: CivilSite) -> None:
    """An editor turns on registration on the page in the Registration tab: a deadline before the
    opening is refused on the field, in Swedish, with everything typed still there; corrected,
    the meeting is published and its page shows the form with the seats left."""
    from wagtail_civil.models import MeetingPage

    admin.goto(f"/admin/pages/add/wagtail_civil/meetingpage/{site.meeting_index.pk}/")
    admin.locator("[name=title]").press_sequentially("Stormöte på Åsens bygdegård")
    admin.locator("[name=start]").fill("2030-10-20 18:00")
    admin.locator("[name=end]").fill("2030-10-20 21:00")
    _open_tab(admin, 1)  # place
    admin.locator("[name=venue_name]").fill("Åsens bygdegård")
    _open_tab(admin, 3)  # registration
    admin.locator("[name=registration_kind]").select_option("built_in")
    admin.locator("[name=registration_opens]").fill("2030-10-14 08:00")
    admin.locator("[name=registration_deadline]").fill("2030-10-13")
    admin.locator("[name=registration_capacity]").fill("40")
    privacy = "Ulricehamns kommun behandlar dina uppgifter för att ordna stormötet på Åsen."
    admin.locator("[name=registration_privacy]").fill(privacy)
    _publish(admin)

    # The error stands at the field, in the editor's language.
    field = admin.locator("[data-field-wrapper]", has=admin.locator("[name=registration_opens]"))
    expect(field).to_contain_text("Anmälan måste öppna före sista anmälningsdag")
    # What was typed is still there.
    expect(admin.locator("[name=registration_capacity]")).to_have_value("40")
    expect(admin.locator("[name=registration_privacy]")).to_have_value(privacy)
    assert not MeetingPage.objects.filter(title="Stormöte på Åsens bygdegård", live=True).exists()

    _open_tab(admin, 3)
    admin.locator("[name=registration_opens]").fill("")  # open as soon as it is published
    _publish(admin)

    meeting = MeetingPage.objects.get(title="Stormöte på Åsens bygdegård")
    assert meeting.live and meeting.has_built_in_registration
    assert meeting.registration_capacity == 40
    response = admin.goto(meeting.url)
    assert response is not None and response.status == 200
    main = admin.locator("main")
    expect(main).to_contain_text(privacy)
    expect(main.locator("form [name=email]")).to_be_visible()
