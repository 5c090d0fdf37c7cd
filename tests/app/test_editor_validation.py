"""What an editor meets in the real Wagtail admin: errors on the field, typing kept, no 500.

Each test fetches the admin's own form, fills it in as a browser would (``querydict_from_html``
keeps every hidden management field Wagtail renders) and posts it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html, rich_text
from wagtail.users.models import UserProfile

from wagtail_civil.models import MeetingPage, Organisation

pytestmark = pytest.mark.django_db

END_BEFORE_START = "The meeting must end after it starts."


def _in_swedish(message: str) -> str:
    """``message`` as a Swedish editor reads it (the same text until a catalogue exists)."""
    with translation.override("sv"):
        return gettext(message)


def _form(editor, url: str, form_id: str | None = None):
    response = editor.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id=form_id)


# --- meetings ------------------------------------------------------------------------------------


def _meeting_url(civil_site) -> str:
    return f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"


def _fill_meeting(data, **values):
    data.update(
        {
            "title": "Dialog om fritid",
            "slug": "dialog-om-fritid",
            "start": "2030-03-14 17:00",
            "end": "2030-03-14 19:00",
            "venue_name": "Folkets Hus",
            "description": rich_text("<p>Välkomna!</p>"),
        }
    )
    data.update(values)
    return data


def test_end_before_start_is_an_error_on_end_and_keeps_the_typing(editor, civil_site):
    data = _fill_meeting(
        _form(editor, _meeting_url(civil_site), "page-edit-form"),
        start="2030-03-14 19:00",
        end="2030-03-14 17:00",
        theme="Föreningslivets lokaler",
    )
    data["action-publish"] = "action-publish"

    response = editor.post(_meeting_url(civil_site), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["end"] == [_in_swedish(END_BEFORE_START)]
    assert _in_swedish(END_BEFORE_START) in response.content.decode()
    assert list(form.errors) == ["end"]
    html = response.content.decode()
    for typed in ("Dialog om fritid", "Föreningslivets lokaler", "2030-03-14 19:00", "Folkets Hus"):
        assert typed in html
    assert not MeetingPage.objects.exists()


def test_each_meeting_rule_reaches_the_editor_on_its_field(editor, civil_site):
    data = _fill_meeting(
        _form(editor, _meeting_url(civil_site), "page-edit-form"),
        mode="hybrid",
        venue_name="",
        registration_kind="external",
        online_url="ftp://example.org/",
    )
    response = editor.post(_meeting_url(civil_site), data)
    assert response.status_code == 200
    assert {"venue_name", "online_url"} <= set(response.context["form"].errors)
    # Model-level rules run once the field-level ones pass; fix the address and see the rest.
    data["online_url"] = ""
    response = editor.post(_meeting_url(civil_site), data)
    assert set(response.context["form"].errors) == {"venue_name", "online_url", "registration_url"}


def test_a_valid_meeting_is_published_in_the_municipality_time_zone(editor, civil_site, settings):
    settings.TIME_ZONE = "UTC"  # the server's clock
    settings.WAGTAIL_CIVIL_TIME_ZONE = "Europe/Stockholm"  # where the meeting is
    data = _fill_meeting(_form(editor, _meeting_url(civil_site), "page-edit-form"))
    data["action-publish"] = "action-publish"

    response = editor.post(_meeting_url(civil_site), data)

    assert response.status_code == 302
    meeting = MeetingPage.objects.get()
    assert meeting.live
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    assert meeting.start.astimezone(stockholm).replace(tzinfo=None) == dt.datetime(2030, 3, 14, 17)
    assert meeting.start == dt.datetime(2030, 3, 14, 16, tzinfo=dt.UTC)


def test_the_edit_form_shows_local_time_whatever_the_editor_zone(
    editor, civil_site, make_meeting, admin_user, settings
):
    settings.TIME_ZONE = "UTC"
    settings.WAGTAIL_CIVIL_TIME_ZONE = "Europe/Stockholm"
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "America/New_York"
    profile.save()
    meeting = make_meeting(start=dt.datetime(2030, 6, 1, 16, tzinfo=dt.UTC))  # 18:00 in Sweden
    data = _form(editor, f"/admin/pages/{meeting.pk}/edit/", "page-edit-form")
    assert data["start"] == "2030-06-01 18:00"
    assert data["end"] == "2030-06-01 20:00"


def test_an_editor_copying_a_meeting_gets_a_new_calendar_identity(editor, make_meeting):
    meeting = make_meeting(slug="dialog")
    url = f"/admin/pages/{meeting.pk}/copy/"
    data = _form(editor, url, form_id=None)
    data.update({"new_title": "Dialog (kopia)", "new_slug": "dialog-kopia"})
    data["new_parent_page"] = str(meeting.get_parent().pk)
    response = editor.post(url, data)
    assert response.status_code == 302
    copy = MeetingPage.objects.get(slug="dialog-kopia")
    assert copy.uid != meeting.uid


# --- organisations -------------------------------------------------------------------------------

ORGANISATION_ADD = "/admin/snippets/wagtail_civil/organisation/add/"


def _organisation_form(editor):
    response = editor.get(ORGANISATION_ADD)
    assert response.status_code == 200
    html = response.content.decode()
    forms = [
        i
        for i in range(html.count("<form"))
        if "organisation_number" in str(querydict_from_html(html, form_index=i))
    ]
    return querydict_from_html(html, form_index=forms[0])


def test_a_wrong_organisation_number_is_an_error_on_its_field(editor):
    data = _organisation_form(editor)
    data.update(
        {
            "name": "Bäve församling",
            "country": "SE",
            "organisation_number": "212000-1596",
            "website": "https://example.org/",
        }
    )
    data["action-publish"] = "action-publish"

    response = editor.post(ORGANISATION_ADD, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["organisation_number"]
    with translation.override("sv"):
        assert form.errors["organisation_number"] == [
            gettext(
                "“%(value)s” is not a valid Swedish organisation number: the check digit does "
                "not match."
            )
            % {"value": "212000-1596"}
        ]
    html = response.content.decode()
    assert "212000-1596" in html and "Bäve församling" in html
    assert not Organisation.objects.exists()


def test_a_valid_organisation_is_saved_normalised_and_published(editor, make_category):
    faith = make_category("Trossamfund")
    data = _organisation_form(editor)
    data.update(
        {
            "name": "Bäve församling",
            "country": "SE",
            "organisation_number": "2120001595",
            "kind": "faith_community",
            "areas_of_activity": "körsång, barn och unga",
        }
    )
    data.setlist("categories", [str(faith.pk)])
    data["action-publish"] = "action-publish"

    response = editor.post(ORGANISATION_ADD, data)

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.live
    assert organisation.slug == "bäve-församling"  # as the admin fills it in
    assert organisation.organisation_number == "212000-1595"
    assert list(organisation.categories.all()) == [faith]
    assert sorted(t.name for t in organisation.areas_of_activity.all()) == [
        "barn och unga",
        "körsång",
    ]


def test_the_admin_menu_and_listing_work(editor, make_organisation):
    make_organisation("Teaterföreningen", organisation_number="2120001595")
    listing = editor.get("/admin/snippets/wagtail_civil/organisation/", {"kind": "association"})
    assert listing.status_code == 200
    assert "Teaterföreningen" in listing.content.decode()
    assert editor.get("/admin/snippets/wagtail_civil/organisationcategory/").status_code == 200
    assert "civil-society" in editor.get("/admin/").content.decode()


# --- agreements and the other page types ---------------------------------------------------------


def test_an_agreement_ending_before_it_starts_is_an_error_on_valid_until(editor, civil_site):
    url = f"/admin/pages/add/wagtail_civil/agreementpage/{civil_site.home.pk}/"
    data = _form(editor, url, "page-edit-form")
    data.update(
        {
            "title": "ÖK Idé",
            "slug": "ok-ide-2",
            "valid_from": "2025-01-01",
            "valid_until": "2024-12-31",
            "purpose": rich_text("<p>Att mötas.</p>"),
            # Wagtail's JavaScript writes the StreamFields' counts; a browser would send them.
            "principles-count": "0",
            "body-count": "0",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["valid_until"]
    assert "2024-12-31" in response.content.decode()


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("agreementpage", "home"),
        ("meetingindexpage", "home"),
        ("meetingpage", "meeting_index"),
        ("organisationindexpage", "agreement"),
    ],
)
def test_every_page_type_can_be_added_in_the_admin(editor, civil_site, model, parent):
    parent_page = getattr(civil_site, parent)
    response = editor.get(f"/admin/pages/add/wagtail_civil/{model}/{parent_page.pk}/")
    assert response.status_code == 200


def test_a_meeting_cannot_be_added_outside_a_meeting_list(editor, civil_site):
    response = editor.get(f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.home.pk}/")
    assert response.status_code in (302, 403)
    assert not MeetingPage.objects.exists()


def test_organisation_edit_inspect_and_history_views(editor, make_organisation):
    organisation = make_organisation("Teaterföreningen")
    base = "/admin/snippets/wagtail_civil/organisation"
    for view in ("edit", "inspect", "history"):
        response = editor.get(f"{base}/{view}/{organisation.pk}/")
        assert response.status_code == 200, view
