"""The documentation's screenshots, taken from the demo content in the real admin in Chromium.

The editor's guide (docs/editor-guide.md) and the residents' page (docs/subscribe.md) show the
admin and the public pages as they are, so every picture they show is taken here, from the demo
that `make demo` loads, through the admin's login form. Two checks keep pictures and docs honest:

- without a browser (tests/test_docs_build.py): every ``screenshots/*.png`` the docs show is one
  this module takes and is in docs/screenshots/, and no file lies there that no test takes;
- in Chromium: every picture is taken again, so a screen the docs show that no longer exists (a
  renamed tab, a removed button) fails here. ``CIVIL_WRITE_SCREENSHOTS=1`` (``make screenshots``)
  writes them over docs/screenshots/; otherwise they go to a temporary directory, so a test run
  leaves the committed pictures (which show the demo's dates of the day they were taken) alone.

Pictures are 1200×800 CSS pixels at scale 1, reduced to 256 colours: small enough to commit.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from .conftest import LOCALE

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SCREENSHOTS = DOCS / "screenshots"
VIEWPORT = {"width": 1200, "height": 800}
MAX_BYTES = 200_000
PASSWORD = "docs-screenshot-password"


@dataclass
class Demo:
    """The demo objects the pictures show (their admin addresses need their ids)."""

    home_id: int
    meeting_index_id: int
    meeting_index_url: str
    meeting_id: int
    meeting_url: str
    agreement_id: int


# name -> a function that brings the tab to what the picture shows and returns the element to
# photograph (None: the whole viewport).
Shot = Callable[[Any, Demo], Any]
SHOTS: dict[str, Shot] = {}


def shot(name: str) -> Callable[[Shot], Shot]:
    def register(take: Shot) -> Shot:
        SHOTS[name] = take
        return take

    return register


@shot("editor-dashboard.png")
def _dashboard(page: Any, demo: Demo) -> Any:
    page.goto("/admin/")
    return None


@shot("editor-page-tree.png")
def _page_tree(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/{demo.home_id}/")
    return None


@shot("editor-new-meeting.png")
def _new_meeting(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/add/wagtail_civil/meetingpage/{demo.meeting_index_id}/")
    page.locator("#id_title").fill("Dialogmöte om föreningsbidrag")
    return None


@shot("editor-meeting-place.png")
def _meeting_place(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/{demo.meeting_id}/edit/")
    _open_tab(page, gettext_lazy("Place"))
    return None


@shot("editor-meeting-registration.png")
def _meeting_registration(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/{demo.meeting_id}/edit/")
    _open_tab(page, pgettext_lazy("meeting sign-up", "Registration"))
    return None


@shot("editor-publish.png")
def _publish_menu(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/{demo.meeting_id}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("form [name=action-publish]").first.wait_for(state="visible")
    return None


@shot("editor-organisations.png")
def _organisations(page: Any, demo: Demo) -> Any:
    page.goto("/admin/snippets/wagtail_civil/organisation/")
    return None


@shot("editor-agreement.png")
def _agreement(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/pages/{demo.agreement_id}/edit/")
    return None


@shot("editor-registrations.png")
def _registrations(page: Any, demo: Demo) -> Any:
    page.goto(f"/admin/registrations/{demo.meeting_id}/")
    return None


@shot("resident-subscribe-box.png")
def _subscribe_box(page: Any, demo: Demo) -> Any:
    page.goto(demo.meeting_index_url)
    box = page.locator(".civil-subscribe").first
    box.locator("summary").click()  # the instructions per calendar program, opened
    # The address as a resident of a real site reads it: the live server's host and port are
    # replaced by a municipality's; the path is the one the page gave.
    box.locator("input").evaluate(
        "input => { const url = new URL(input.value);"
        " input.value = 'https://kommun.example' + url.pathname; }"
    )
    return box


def _open_tab(page: Any, label: Any) -> None:
    """Open the editor's tab with this label, in the admin's language (Swedish, as the browser
    asks), looked up in the app's own catalogue the way the admin translates it."""
    with translation.override("sv"):
        name = str(label)
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    page.locator(f"#{tab.get_attribute('aria-controls')}").wait_for(state="visible")


def _shrunk(png: bytes) -> bytes:
    """The picture in 256 colours, optimised: a tenth of Chromium's bytes, text still sharp."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture
def demo(
    transactional_db: Any, django_db_serialized_rollback: Any, live_server: Any, settings: Any
) -> Demo:
    """The demo as `make demo` loads it, on the live server's host."""
    # No Gravatar: the test machine reaches no such service, and a broken avatar would show.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    from demo.loader import load_demo
    from demo.registrations import DEMO_MEETING
    from django.contrib.auth import get_user_model

    from wagtail_civil.models import AgreementPage, MeetingPage

    loaded = load_demo(host=live_server.url.split("//", 1)[1])
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)
    meeting = MeetingPage.objects.get(slug=DEMO_MEETING)
    index = meeting.get_parent()
    agreement = AgreementPage.objects.live().filter(title="ÖK Idé").get()
    return Demo(
        home_id=loaded.home.pk,
        meeting_index_id=index.pk,
        meeting_index_url=index.url,
        meeting_id=meeting.pk,
        meeting_url=meeting.url,
        agreement_id=agreement.pk,
    )


@pytest.fixture
def editor(browser: Any, live_server: Any, demo: Demo) -> Iterator[Any]:
    """A tab logged in to the admin through its login form, at the pictures' size."""
    context = browser.new_context(
        base_url=live_server.url, locale=LOCALE, viewport=VIEWPORT, device_scale_factor=1
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("[name=username]", "redaktor")
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url
    yield page
    context.close()


@pytest.mark.browser
def test_every_picture_is_taken_from_the_demo(
    editor: Any, demo: Demo, tmp_path: Path, subtests: Any
) -> None:
    target = SCREENSHOTS if os.environ.get("CIVIL_WRITE_SCREENSHOTS") else tmp_path
    target.mkdir(exist_ok=True)
    taken = []
    for name, take in SHOTS.items():
        with subtests.test(msg=name):
            element = take(editor, demo)
            editor.wait_for_load_state("networkidle")
            assert editor.locator("body").inner_text().strip(), f"{name}: an empty page"
            assert "/admin/login/" not in editor.url, f"{name}: logged out"
            png = (element or editor).screenshot(animations="disabled", caret="hide")
            data = _shrunk(png)
            assert len(data) <= MAX_BYTES, f"{name}: {len(data)} bytes"
            (target / name).write_bytes(data)
            taken.append(name)
    assert sorted(taken) == sorted(SHOTS)
