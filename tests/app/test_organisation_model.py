"""The organisation model: slugs, organisation numbers, what is public, its address, categories.

The directory that lists organisations is in ``test_directory``, an organisation's page in
``test_organisation_page``, ``to_domain()`` in ``test_domain``.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wagtail_civil.models import Organisation, OrganisationCategory

pytestmark = pytest.mark.django_db


# --- slugs ---------------------------------------------------------------------------------------


def test_a_blank_slug_is_made_from_the_name_and_kept_unique(make_organisation):
    first = make_organisation("Röda Korset Uddevalla")
    second = make_organisation("Röda Korset Uddevalla")
    assert first.slug == "röda-korset-uddevalla"
    assert second.slug == "röda-korset-uddevalla-2"


def test_a_typed_slug_is_kept(make_organisation):
    assert make_organisation("ABF Fyrbodal", slug="abf").slug == "abf"


def test_category_slug_is_made_from_the_name(make_category):
    assert make_category("Trossamfund").slug == "trossamfund"


def test_a_resaved_organisation_keeps_its_slug(make_organisation):
    organisation = make_organisation("Frivilligcentrum")
    organisation.name = "Frivilligcentralen"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.slug == "frivilligcentrum"


# --- organisation numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("2120001595", "SE", "212000-1595"),
        (" 16212000-1595 ", "SE", "212000-1595"),
        ("920 697 143", "NO", "920697143"),
        ("", "SE", ""),
        ("   ", "SE", ""),
    ],
)
def test_organisation_number_is_normalised_on_clean(typed, country, stored):
    organisation = Organisation(name="Förening", country=country, organisation_number=typed)
    organisation.full_clean()
    assert organisation.organisation_number == stored


@pytest.mark.parametrize(
    ("typed", "country", "code"),
    [
        ("212000-1596", "SE", "organisation_number_check_digit"),
        ("212000-159", "SE", "organisation_number_length"),
        ("172120001595", "SE", "organisation_number_length"),
        ("21200O-1595", "SE", "organisation_number_characters"),
        ("920697144", "NO", "organisation_number_check_digit"),
        # A valid Swedish number is not a Norwegian one: the country decides.
        ("212000-1595", "NO", "organisation_number_length"),
    ],
)
def test_a_wrong_organisation_number_is_an_error_on_its_field(typed, country, code):
    organisation = Organisation(name="Förening", country=country, organisation_number=typed)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    errors = caught.value.error_dict
    assert list(errors) == ["organisation_number"]
    assert errors["organisation_number"][0].code == code
    assert organisation.organisation_number == typed  # what was typed is left for correcting


def test_website_must_be_a_web_address():
    organisation = Organisation(name="Förening", website="ftp://example.org/")
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "website" in caught.value.error_dict
    Organisation(name="Förening", website="https://example.org/").full_clean()


def test_an_organisation_cannot_be_its_own_ancestor(make_organisation):
    church = make_organisation("Svenska kyrkan")
    parish = make_organisation("Bäve församling", parent=church)
    church.parent = parish
    with pytest.raises(ValidationError) as caught:
        church.full_clean()
    assert "parent" in caught.value.error_dict
    parish.full_clean()  # a plain parent is fine


# --- what is public ------------------------------------------------------------------------------


def test_public_lists_only_published_organisations(make_organisation):
    published = make_organisation("Publicerad")
    make_organisation("Utkast", live=False)
    assert list(Organisation.objects.public()) == [published]


def test_in_category_by_object_or_slug(make_organisation, make_category):
    culture = make_category("Kulturföreningar")
    sport = make_category("Idrottsföreningar")
    both = make_organisation("Teaterföreningen", categories=[culture, sport])
    make_organisation("Fotbollsklubben", categories=[sport])
    assert list(Organisation.objects.in_category(culture)) == [both]
    assert list(Organisation.objects.in_category("kulturföreningar")) == [both]


def test_url_goes_through_the_directory(civil_site, make_organisation):
    organisation = make_organisation("Bäve församling")
    assert organisation.get_url() == "/organisationer/b%C3%A4ve-f%C3%B6rsamling/"
    assert (
        organisation.get_full_url() == "http://testserver/organisationer/b%C3%A4ve-f%C3%B6rsamling/"
    )


def test_no_url_without_a_published_directory_or_when_unpublished(civil_site, make_organisation):
    draft = make_organisation("Utkast", live=False)
    assert draft.get_url() is None
    published = make_organisation("Publicerad")
    civil_site.organisation_index.unpublish()
    assert published.get_url() is None


def test_category_string_is_its_name(make_category):
    assert str(make_category("Studieförbund")) == "Studieförbund"
    assert OrganisationCategory.objects.get().slug == "studieförbund"
