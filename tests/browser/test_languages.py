"""The language switcher in Chromium: axe finds nothing on a translated meeting in either
language, it fits 320 px, and a resident switches language by keyboard without JavaScript."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import override_settings
from wagtail.models import Locale, Site

from tests.app.conftest import CivilSite, publish

from .test_admin_editing import site  # noqa: F401 (fixture: the site, transactional)

pytestmark = pytest.mark.browser


@pytest.fixture
def translated(site: CivilSite, make_meeting: Any) -> Iterator[dict[str, str]]:  # noqa: F811
    with override_settings(WAGTAIL_I18N_ENABLED=True, ROOT_URLCONF="tests.i18n_urls"):
        Site.clear_site_root_paths_cache()
        english = Locale.objects.get_or_create(language_code="en")[0]
        meeting = make_meeting("Dialog om föreningslokaler")
        pages = []
        for page, title in (
            (site.home, "Test Municipality"),
            (site.meeting_index, "Meetings"),
            (meeting, "Dialogue on premises for associations"),
        ):
            copy = page.copy_for_translation(english)
            copy.title = title
            copy.save()
            pages.append(publish(copy))
        Site.clear_site_root_paths_cache()
        yield {"sv": meeting.url, "en": pages[-1].url}
    Site.clear_site_root_paths_cache()


def test_axe_finds_nothing_on_either_language(
    translated: dict[str, str], open_page: Callable[..., Any], axe_problems: Any, subtests: Any
) -> None:
    for language, path in translated.items():
        with subtests.test(language=language):
            page = open_page(path)
            assert page.locator("html").get_attribute("lang") == language
            assert not (problems := axe_problems(page)), problems


def test_the_switcher_fits_320_px_and_works_by_keyboard_without_javascript(
    translated: dict[str, str], open_page: Callable[..., Any]
) -> None:
    page = open_page(translated["sv"], viewport="mobile", javascript=False)
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("Math.max(document.documentElement.scrollWidth, window.innerWidth)")
    assert width <= 320, f"{width}px wide at 320px"
    link = page.locator("nav.civil-languages a[hreflang=en]")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(translated["en"])
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.civil-languages a[aria-current=page]").inner_text() == "English"
