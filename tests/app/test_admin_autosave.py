"""Publishing after Wagtail's autosave: one object, published, with the slug the editor saw.

Seen on the demo: autosave and Publish collided, and a draft was left behind with "slug already
in use". Wagtail's autosave creates the object with the first save of a new form and answers
where its edit view is; the editor's Publish then goes there, naming the revision it overwrites.
This follows those requests as the admin's JavaScript sends them.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
import wagtail
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from wagtail_civil.models import MeetingPage, Organisation

pytestmark = pytest.mark.django_db

if importlib.util.find_spec("wagtail.admin.ui.autosave") is None:  # Wagtail 7.0 (make test-lowest)
    _REASON = f"Wagtail {wagtail.__version__} has no autosave, so nothing races Publish"
    print(f"\nSKIPPING {__name__}: {_REASON}")
    pytest.skip(_REASON, allow_module_level=True)

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def _form(editor, url: str, field: str):
    html = editor.get(url).content.decode()
    for index in range(html.count("<form")):
        data = querydict_from_html(html, form_index=index)
        if field in data:
            return data
    raise AssertionError(f"no form with {field} on {url}")


def _autosave_then_publish(editor, add_url: str, data):
    """Autosave the new form, then publish it where the autosave said it now lives."""
    autosaved = editor.post(add_url, data, **AUTOSAVE)
    assert autosaved.status_code == 200, autosaved.content[:500]
    answer = json.loads(autosaved.content)
    assert answer["success"], answer
    edit_url = answer["url"]
    # A second autosave goes to the edit view too, overwriting its own revision.
    data["overwrite_revision_id"] = str(answer["revision_id"])
    again = editor.post(edit_url, data, **AUTOSAVE)
    answer = json.loads(again.content)
    assert answer["success"], answer
    data["overwrite_revision_id"] = str(answer["revision_id"])
    data["action-publish"] = "action-publish"
    return editor.post(edit_url, data)


def test_an_organisation_autosaved_then_published(editor):
    add_url = "/admin/snippets/wagtail_civil/organisation/add/"
    data = _form(editor, add_url, "slug")
    data.update({"name": "Bäve hembygdsförening", "slug": "bäve-hembygdsförening"})

    published = _autosave_then_publish(editor, add_url, data)

    assert published.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.live and not organisation.has_unpublished_changes
    assert organisation.slug == "bäve-hembygdsförening"


def test_a_meeting_autosaved_then_published(editor, civil_site):
    add_url = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    data = _form(editor, add_url, "title")
    data.update(
        {
            "title": "Dialog på Bäve bygdegård",
            "slug": "dialog-på-bäve-bygdegård",
            "start": "2030-03-14 17:00",
            "end": "2030-03-14 19:00",
            "venue_name": "Bäve bygdegård",
            "description": rich_text("<p>Välkomna!</p>"),
        }
    )

    published = _autosave_then_publish(editor, add_url, data)

    assert published.status_code == 302
    meeting = MeetingPage.objects.get()
    assert meeting.live and not meeting.has_unpublished_changes
    assert meeting.slug == "dialog-på-bäve-bygdegård"
    assert meeting.get_parent().pk == civil_site.meeting_index.pk
