"""The register of municipal units: typed once in the admin, named the same everywhere."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html

from wagtail_civil.models import MunicipalUnit

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/wagtail_civil/municipalunit/add/"


def _form(editor):
    response = editor.get(ADD)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode())


def test_an_editor_adds_a_unit_named_in_norwegian_and_the_slug_keeps_its_letters(editor):
    data = _form(editor)
    data.update({"name": "Park og idrett, Gjøvik-området (Ærø)", "email": "park@example.no"})
    response = editor.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = MunicipalUnit.objects.get()
    assert unit.name == "Park og idrett, Gjøvik-området (Ærø)"
    assert unit.slug and "ø" in unit.slug


def test_a_bad_email_is_an_error_on_the_field_in_swedish_and_the_name_stays(editor, admin_user):
    admin_user.wagtail_userprofile.preferred_language = "sv"
    admin_user.wagtail_userprofile.save()
    data = _form(editor)
    data.update({"name": "Kultur- och fritidsförvaltningen", "email": "inte en adress"})
    response = editor.post(ADD, data)
    assert response.status_code == 200
    assert not MunicipalUnit.objects.exists()
    form = response.context["form"]
    with translation.override("sv"):
        expected = gettext("Enter a valid email address.")
    assert form.errors["email"] == [expected]
    assert "Kultur- och fritidsförvaltningen" in response.content.decode()


def test_units_are_listed_under_civil_society_in_the_menu(editor):
    MunicipalUnit.objects.create(name="Helsetjenester")
    response = editor.get("/admin/snippets/wagtail_civil/municipalunit/")
    assert response.status_code == 200
    assert "Helsetjenester" in response.content.decode()
    assert "/admin/snippets/wagtail_civil/municipalunit/" in editor.get("/admin/").content.decode()


def test_api_fields_name_the_public_contact_details_only():
    names = [field.name for field in MunicipalUnit.api_fields]
    assert names == ["name", "slug", "description", "email", "phone", "website"]
