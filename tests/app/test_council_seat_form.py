"""A council's seat form in the real Wagtail admin: the council chosen from the page's link, a
term that ends before it starts and two holders of one seat at once refused on the field, in the
editor's language, with what was typed kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html

from tests.app import test_councils
from wagtail_civil.models import CouncilSeat

pytestmark = pytest.mark.django_db

# The councils' test content, one description of it (fixtures made visible here by name).
make_council = test_councils.make_council
ulricehamn = test_councils.ulricehamn


def _in_swedish(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _seat_form(editor, council):
    response = editor.get(f"/admin/snippets/wagtail_civil/councilseat/add/?council={council.pk}")
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="w-editor-form")


def _holder(data, n, **values):
    data["holders-TOTAL_FORMS"] = str(n + 1)
    prefix = f"holders-{n}-"
    for key in (
        "name",
        "role",
        "party",
        "title",
        "term_from",
        "term_to",
        "on_behalf_of",
        "id",
        "ORDER",
        "DELETE",
    ):
        data[prefix + key] = ""
    data[prefix + "role"] = "member"
    data[prefix + "ORDER"] = str(n + 1)
    for key, value in values.items():
        data[prefix + key] = value


def test_the_add_seat_link_chooses_the_council(editor, ulricehamn):
    data = _seat_form(editor, ulricehamn["council"])
    assert data["council"] == str(ulricehamn["council"].pk)
    panel = editor.get(f"/admin/pages/{ulricehamn['council'].pk}/edit/").content.decode()
    assert "Pensionärsorganisationerna" in panel and "Britt-Marie Larsson" in panel
    assert f"councilseat/add/?council={ulricehamn['council'].pk}" in panel


def test_a_term_ending_before_it_starts_is_an_error_on_its_end(editor, ulricehamn):
    data = _seat_form(editor, ulricehamn["council"])
    data.update(label="Trossamfunden", represents="municipality")
    _holder(data, 0, name="Gulli Håkansson", term_from="2026-05-01", term_to="2025-05-01")
    response = editor.post(
        f"/admin/snippets/wagtail_civil/councilseat/add/?council={ulricehamn['council'].pk}", data
    )
    assert response.status_code == 200
    holder_form = response.context["form"].formsets["holders"].forms[0]
    with translation.override("sv"):
        message = gettext("The term cannot end before it starts (%(start)s).") % {
            "start": date_format(dt.date(2026, 5, 1), "SHORT_DATE_FORMAT")
        }
    assert holder_form.errors == {"term_to": [message]}
    assert message in response.content.decode()
    html = response.content.decode()
    assert "Gulli Håkansson" in html and "Trossamfunden" in html
    assert not CouncilSeat.objects.filter(label="Trossamfunden").exists()


def test_two_holders_of_one_seat_at_once_is_an_error_unless_one_substitutes(editor, ulricehamn):
    url = f"/admin/snippets/wagtail_civil/councilseat/add/?council={ulricehamn['council'].pk}"
    data = _seat_form(editor, ulricehamn["council"])
    data.update(label="Landsbygden", represents="municipality")
    _holder(data, 0, name="Tomas Jacov", term_from="2025-01-01", term_to="2026-12-31")
    _holder(data, 1, name="Øystein Ærø", term_from="2026-06-01")
    response = editor.post(url, data)
    assert response.status_code == 200
    second = response.context["form"].formsets["holders"].forms[1]
    (error,) = second.errors["term_from"]
    assert "Tomas Jacov" in error
    assert "Øystein Ærø" in response.content.decode()
    assert not CouncilSeat.objects.filter(label="Landsbygden").exists()
    # Handed over the next day: no overlap. A substitute beside the holder: none either.
    data["holders-1-term_from"] = "2027-01-01"
    _holder(data, 2, name="Elisabeth Frick", term_from="2025-06-01", substitute="on")
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].formsets["holders"].errors
    seat = CouncilSeat.objects.get(label="Landsbygden")
    assert [h.name for h in seat.holders.all()] == ["Tomas Jacov", "Øystein Ærø", "Elisabeth Frick"]


def test_a_category_seat_needs_its_category(editor, ulricehamn):
    url = f"/admin/snippets/wagtail_civil/councilseat/add/?council={ulricehamn['council'].pk}"
    data = _seat_form(editor, ulricehamn["council"])
    data.update(label="Kulturorganisationerna", represents="category", category="")
    response = editor.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["category"] == [
        _in_swedish("Choose the category of organisations this seat is for.")
    ]


def test_a_meeting_names_its_council_in_the_admin(editor, make_meeting, ulricehamn):
    meeting = make_meeting("Samrådsmöte")
    html = editor.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    assert 'name="council"' in html
