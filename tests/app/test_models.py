"""What every model promises: translated choices for every core value, API fields that exist,
and StreamField blocks that only ever show published, public content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction

from civilsamhalle import model as domain
from wagtail_civil import choices
from wagtail_civil.blocks import (
    CivilStreamBlock,
    OrganisationListBlock,
    SignatoriesBlock,
    SubscribeBlock,
    UpcomingMeetingsBlock,
)
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


def test_the_stream_block_offers_the_civil_blocks():
    names = set(CivilStreamBlock().child_blocks)
    assert names == {
        "heading",
        "paragraph",
        "upcoming_meetings",
        "signatories",
        "organisation_list",
        "subscribe",
    }


# --- blocks --------------------------------------------------------------------------------------


def _value(block, **raw):
    return block.to_python(raw)


@pytest.mark.django_db
def test_upcoming_meetings_block_shows_only_public_upcoming_meetings(
    civil_site, make_meeting, make_organisation
):
    now = timezone.now()
    theatre = make_organisation("Teaterföreningen")
    first = make_meeting("Första", start=now + DAY, hosts=[theatre])
    second = make_meeting("Andra", start=now + 2 * DAY, hosts=[theatre])
    make_meeting("Tredje", start=now + 3 * DAY, hosts=[theatre])
    make_meeting("Utkast", start=now + DAY, hosts=[theatre], live=False)
    make_meeting("Förbi", start=now - 3 * DAY, hosts=[theatre])
    hidden = make_meeting("Lösenord", start=now + DAY, hosts=[theatre])
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    make_meeting("Annan värd", start=now + DAY)

    block = UpcomingMeetingsBlock()
    context = block.get_context(_value(block, organisation=theatre.pk, count=2))

    assert context["meetings"] == [first, second]
    # Narrowed to one organisation: the site's meeting list would show others' meetings too,
    # so it is not offered as "all meetings"; unnarrowed, the site's only list is.
    assert context["meeting_index"] is None
    everything = block.get_context(_value(block, count=2))
    assert everything["meeting_index"] == civil_site.meeting_index


@pytest.mark.django_db
def test_upcoming_meetings_block_filters_by_kind_agreement_and_category(
    make_meeting, make_agreement, make_category
):
    culture = make_category("Kultur")
    agreement = make_agreement("ÖK")
    hearing = make_meeting("Hearing", kind="hearing", agreement=agreement, categories=[culture])
    make_meeting("Dialog", agreement=agreement, categories=[culture])
    make_meeting("Hearing utan ÖK", kind="hearing", categories=[culture])
    block = UpcomingMeetingsBlock()
    value = _value(block, kind="hearing", agreement=agreement.pk, category=culture.pk, count=5)
    assert block.get_context(value)["meetings"] == [hearing]


@pytest.mark.django_db
def test_signatories_block_shows_nothing_of_an_unpublished_agreement(
    make_agreement, make_organisation
):
    parish = make_organisation("Bäve församling")
    public = make_agreement("ÖK", signatories=[parish, "Uddevalla kommun"])
    draft = make_agreement("Utkast", signatories=[parish], live=False)
    block = SignatoriesBlock()
    context = block.get_context(_value(block, agreement=public.pk))
    assert [s.display_name for s in context["signatures"]] == [
        "Bäve församling",
        "Uddevalla kommun",
    ]
    context = block.get_context(_value(block, agreement=draft.pk))
    assert context["agreement"] is None and context["signatures"] == []


@pytest.mark.django_db
def test_organisation_list_block(make_organisation, make_category):
    study = make_category("Studieförbund")
    abf = make_organisation("ABF", categories=[study], kind="study_association")
    make_organisation("Bilda", categories=[study], kind="study_association")
    make_organisation("Hemligt studieförbund", categories=[study], live=False)
    make_organisation("Fotbollsklubben")
    block = OrganisationListBlock()
    everyone = block.get_context(_value(block, category=study.pk))["organisations"]
    assert [o.name for o in everyone] == ["ABF", "Bilda"]
    first = block.get_context(_value(block, kind="study_association", count=1))["organisations"]
    assert first == [abf]


@pytest.mark.django_db
def test_subscribe_block_needs_the_thing_to_subscribe_to(make_organisation):
    block = SubscribeBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(_value(block, feed="organisation"))
    assert "organisation" in caught.value.block_errors
    organisation = make_organisation()
    block.clean(_value(block, feed="organisation", organisation=organisation.pk))
    block.clean(_value(block, feed="all"))


@pytest.mark.django_db
def test_subscribe_block_offers_no_feed_of_unpublished_or_restricted_things(
    civil_site, make_organisation, rf
):
    block = SubscribeBlock()
    draft = make_organisation("Utkast", live=False)
    context = block.get_context(_value(block, feed="organisation", organisation=draft.pk))
    assert context["feed_object"] is None and context["feed_url"] is None
    PageViewRestriction.objects.create(
        page=civil_site.meeting_index, restriction_type="login"
    )
    value = _value(block, feed="index", meeting_index=civil_site.meeting_index.pk)
    context = block.get_context(value, parent_context={"request": rf.get("/")})
    assert context["feed_object"] is None and context["feed_links"] is None
