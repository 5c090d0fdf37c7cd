"""Who took part, ticked in the meeting form's list of the register and saved as attendance rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html

from wagtail_civil.models import MeetingAttendance, MeetingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(make_organisation, make_category):
    faith = make_category("Trossamfunden")
    seniors = make_category("Pensionärsorganisationerna")
    study = make_category("Studieförbunden")
    return {
        "oasen": make_organisation("Equmeniakyrkan Oasen", categories=[faith]),
        "bäve": make_organisation("Bäve församling", categories=[faith]),
        "spf": make_organisation("SPF Seniorerna Åsunden", categories=[seniors, study]),
        "röda": make_organisation("Röda Korset Ulricehamn"),
        "utkast": make_organisation("Öxabäcks bygdeförening", live=False),
    }


@pytest.fixture
def held(make_meeting):
    start = dt.datetime(2022, 3, 15, 18, tzinfo=dt.UTC)
    return make_meeting("Stormöte 1: gemensamma spelregler", start=start, kind="open_meeting")


def _edit_url(meeting: MeetingPage) -> str:
    return f"/admin/pages/{meeting.pk}/edit/"


def _form(editor, meeting: MeetingPage):
    response = editor.get(_edit_url(meeting))
    assert response.status_code == 200
    return response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def _post(editor, meeting: MeetingPage, data):
    """Post every value of each field (the client would send only a QueryDict's last)."""
    return editor.post(_edit_url(meeting), {key: data.getlist(key) for key in data})


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _tick(data, *organisations) -> None:
    data.setlist("attending_register", [str(o.pk) for o in organisations])


def _attending(meeting: MeetingPage) -> list[str]:
    rows = MeetingPage.objects.get(pk=meeting.pk).attending_organisations.all()
    return [row.organisation.name for row in rows]


def test_the_form_lists_the_register_grouped_by_category(editor, held, register):
    response, _data = _form(editor, held)
    html = response.content.decode()
    assert html.count('name="attending_register"') == len(register)
    for group in ("Trossamfunden", "Pensionärsorganisationerna", _sv("Without a category")):
        assert f"<summary>{group}" in html
    # In two categories: listed once, under the first by name, with the other beside it.
    with translation.override("sv"):
        also = pgettext("other categories", "(also %(list)s)") % {"list": "Studieförbunden"}
        draft = pgettext("organisation not published", "(draft)")
    assert f"SPF Seniorerna Åsunden {also}" in html
    assert f"Öxabäcks bygdeförening {draft}" in html
    assert "<summary>Studieförbunden" not in html
    assert 'id="attending_organisations-TOTAL_FORMS"' not in html  # the inline panel is gone


def test_ticked_organisations_are_saved_as_attendance_rows(editor, held, register):
    _response, data = _form(editor, held)
    _tick(data, register["spf"], register["oasen"], register["röda"])
    data["action-publish"] = "action-publish"
    response = _post(editor, held, data)
    assert response.status_code == 302
    assert _attending(held) == ["Equmeniakyrkan Oasen", "Röda Korset Ulricehamn",
                                "SPF Seniorerna Åsunden"]  # fmt: skip

    # Unticking one keeps the others' rows (and ids); a new tick is added after them.
    before = {r.organisation_id: r.pk for r in MeetingAttendance.objects.filter(page=held)}
    _response, data = _form(editor, held)
    assert sorted(data.getlist("attending_register")) == sorted(str(pk) for pk in before)
    _tick(data, register["spf"], register["röda"], register["bäve"])
    data["action-publish"] = "action-publish"
    _post(editor, held, data)
    after = {r.organisation_id: r.pk for r in MeetingAttendance.objects.filter(page=held)}
    assert _attending(held) == ["Röda Korset Ulricehamn", "SPF Seniorerna Åsunden",
                                "Bäve församling"]  # fmt: skip
    for kept in ("spf", "röda"):
        assert after[register[kept].pk] == before[register[kept].pk]


def test_a_draft_keeps_the_ticks_in_its_revision_and_the_live_page_its_rows(editor, held, register):
    held.attending_organisations = [MeetingAttendance(organisation=register["oasen"])]
    held.save_revision().publish()
    _response, data = _form(editor, held)
    _tick(data, register["bäve"], register["spf"])
    _post(editor, held, data)  # "Save draft"
    assert _attending(held) == ["Equmeniakyrkan Oasen"]
    draft = MeetingPage.objects.get(pk=held.pk).get_latest_revision_as_object()
    assert [r.organisation.name for r in draft.attending_organisations.all()] == [
        "Bäve församling",
        "SPF Seniorerna Åsunden",
    ]
    # The edit form shows the draft's ticks, and publishing the draft writes them.
    _response, data = _form(editor, held)
    assert sorted(data.getlist("attending_register")) == sorted(
        [str(register["bäve"].pk), str(register["spf"].pk)]
    )
    Revision.objects.filter(object_id=str(held.pk)).latest("created_at").publish()
    assert _attending(held) == ["Bäve församling", "SPF Seniorerna Åsunden"]


def test_a_mistake_elsewhere_keeps_what_was_ticked(editor, held, register):
    _response, data = _form(editor, held)
    _tick(data, register["bäve"], register["utkast"])
    data["end"] = "2022-03-15 17:00"  # before the start
    data["action-publish"] = "action-publish"
    response = _post(editor, held, data)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    html = response.content.decode()
    bound = response.context["form"]["attending_register"].value()
    assert sorted(map(str, bound)) == sorted([str(register["bäve"].pk), str(register["utkast"].pk)])
    for ticked in (register["bäve"], register["utkast"]):
        assert (
            "checked"
            in html.split(f'name="attending_register" value="{ticked.pk}"')[1].split(">")[0]
        )
    assert (
        "checked"
        not in html.split(f'name="attending_register" value="{register["spf"].pk}"')[1].split(">")[
            0
        ]
    )
    assert _attending(held) == []


def test_a_value_not_in_the_register_is_an_error_on_the_field(editor, held, register):
    _response, data = _form(editor, held)
    data.setlist("attending_register", [str(register["bäve"].pk), "999999"])
    data["action-publish"] = "action-publish"
    response = _post(editor, held, data)
    assert response.status_code == 200
    assert "attending_register" in response.context["form"].errors
    assert _attending(held) == []


def test_the_revision_comparison_names_the_organisations(editor, held, register):
    first = held.save_revision()
    held.attending_organisations = [MeetingAttendance(organisation=register["spf"])]
    second = held.save_revision()
    url = f"/admin/pages/{held.pk}/revisions/compare/{first.pk}...{second.pk}/"
    response = editor.get(url)
    assert response.status_code == 200
    assert "SPF Seniorerna Åsunden" in response.content.decode()


def test_the_form_takes_the_same_queries_for_5_or_50_organisations(editor, held, make_organisation):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(_edit_url(held)).status_code == 200
        return len(captured)

    for i in range(5):
        make_organisation(f"Förening {i}")
    editor.get(_edit_url(held))
    few = queries()
    for i in range(5, 50):
        make_organisation(f"Förening {i}")
    assert queries() <= few
