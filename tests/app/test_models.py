"""What every model promises: translated choices for every core value, API fields that exist,
and the plain helpers the models share. The StreamField blocks are in ``test_blocks``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError

from civilsamhalle import model as domain
from wagtail_civil import choices
from wagtail_civil.models.mixins import richtext_to_text
from wagtail_civil.validators import HttpUrlValidator

DAY = dt.timedelta(days=1)


# --- choices, API fields, plain helpers (no database) --------------------------------------------


@pytest.mark.parametrize(
    ("enum", "choice_list"),
    [
        (domain.OrganisationKind, choices.ORGANISATION_KIND_CHOICES),
        (domain.MeetingKind, choices.MEETING_KIND_CHOICES),
        (domain.AttendanceMode, choices.ATTENDANCE_MODE_CHOICES),
        (domain.EventStatus, choices.EVENT_STATUS_CHOICES),
        (domain.RegistrationKind, choices.REGISTRATION_KIND_CHOICES),
        (domain.AgreementStatus, choices.AGREEMENT_STATUS_CHOICES),
        (domain.Country, choices.COUNTRY_CHOICES),
    ],
)
def test_every_core_value_has_exactly_one_choice(enum, choice_list):
    values = [value for value, _label in choice_list]
    assert sorted(values) == sorted(member.value for member in enum)


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("wagtail_civil").get_models()), ids=lambda m: m.__name__
)
def test_every_model_declares_api_fields_that_exist(model):
    assert model.api_fields, f"{model.__name__} has no api_fields"
    for api_field in model.api_fields:
        name = api_field.name
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            assert hasattr(model, name), f"{model.__name__}.{name} does not exist"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        (None, ""),
        ("<p>En   rad</p>", "En rad"),
        ("<p>Ett</p><p>Två &amp; tre</p>", "Ett\n\nTvå & tre"),
        ('<p>Läs <a linktype="page" id="3">mer</a></p>', "Läs mer"),
        ("<ul><li>A</li><li>B</li></ul>", "A\n\nB"),
        ("<p>rad<br/>ny rad</p>", "rad\n\nny rad"),
    ],
)
def test_rich_text_becomes_plain_text(html, text):
    assert richtext_to_text(html) == text


@pytest.mark.parametrize("url", ["ftp://example.org/", "javascript:alert(1)", "example.org"])
def test_only_web_addresses_pass(url):
    with pytest.raises(ValidationError):
        HttpUrlValidator()(url)
    HttpUrlValidator()("https://example.org/")
