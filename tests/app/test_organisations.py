"""The organisation register: slugs, organisation numbers, what is public, and the directory."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wagtail_civil.models import MeetingAttendance, Organisation, OrganisationCategory

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
    assert organisation.get_full_url() == "http://testserver/organisationer/b%C3%A4ve-f%C3%B6rsamling/"


def test_no_url_without_a_published_directory_or_when_unpublished(civil_site, make_organisation):
    draft = make_organisation("Utkast", live=False)
    assert draft.get_url() is None
    published = make_organisation("Publicerad")
    civil_site.organisation_index.unpublish()
    assert published.get_url() is None


def test_domain_object_carries_the_register_data(make_organisation, make_category):
    faith = make_category("Trossamfund")
    church = make_organisation("Svenska kyrkan", kind="faith_community")
    parish = make_organisation(
        "Bäve församling",
        kind="faith_community",
        categories=[faith],
        parent=church,
        organisation_number="2120001595",
        website="https://www.svenskakyrkan.se/",
        description="<p>Vi finns i <b>Bäve</b>.</p><p>Välkommen!</p>",
    )
    parish.areas_of_activity.add("körsång", "barn och unga")
    parish.save()
    item = parish.to_domain()
    assert item.id == "bäve-församling"
    assert item.kind.value == "faith_community"
    assert item.categories == ("Trossamfund",)
    assert item.parent_id == "svenska-kyrkan"
    assert item.organisation_number == "212000-1595"
    assert item.description == "Vi finns i Bäve.\n\nVälkommen!"
    assert item.areas_of_activity == ("barn och unga", "körsång")


# --- the directory -------------------------------------------------------------------------------


@pytest.fixture
def register(make_organisation, make_category):
    culture = make_category("Kulturföreningar")
    faith = make_category("Trossamfund")
    orgs = {
        "theatre": make_organisation("Teaterföreningen", categories=[culture]),
        "church": make_organisation("Svenska kyrkan", categories=[faith], kind="faith_community"),
        "study": make_organisation("ABF Fyrbodal", kind="study_association"),
        "draft": make_organisation("Hemlig förening", live=False, categories=[culture]),
    }
    return culture, faith, orgs


def _names(response):
    return [o.name for o in response.context["organisations"]]


def test_directory_lists_published_organisations(client, civil_site, register, stub_templates):
    response = client.get("/organisationer/")
    assert response.status_code == 200
    assert _names(response) == ["ABF Fyrbodal", "Svenska kyrkan", "Teaterföreningen"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "kulturföreningar"}, ["Teaterföreningen"]),
        ({"kind": "study_association"}, ["ABF Fyrbodal"]),
        ({"q": "kyrkan"}, ["Svenska kyrkan"]),
        ({"q": "hemlig"}, []),
        ({"category": "trossamfund", "kind": "faith_community"}, ["Svenska kyrkan"]),
    ],
)
def test_directory_filters(client, civil_site, register, stub_templates, query, expected):
    response = client.get("/organisationer/", query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_search_finds_areas_of_activity(client, civil_site, register, stub_templates):
    theatre = register[2]["theatre"]
    theatre.areas_of_activity.add("amatörteater")
    theatre.save()
    response = client.get("/organisationer/", {"q": "amatör"})
    assert _names(response) == ["Teaterföreningen"]


@pytest.mark.parametrize(
    "query",
    [
        {"category": "finns-inte"},
        {"kind": "<script>"},
        {"category": "x" * 5000},
        {"category": "trossamfund\x00"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filter_values_never_fail(client, civil_site, register, stub_templates, query):
    response = client.get("/organisationer/", query)
    assert response.status_code == 200
    # The bad filter is reported and ignored; the published organisations are still listed.
    assert _names(response) == ["ABF Fyrbodal", "Svenska kyrkan", "Teaterföreningen"]
    bad = set(query) - {"page"}
    assert set(response.context["filter"].form.errors) == bad


def test_empty_filters_mean_all(client, civil_site, register, stub_templates):
    response = client.get("/organisationer/", {"q": "", "category": "", "kind": ""})
    assert _names(response) == ["ABF Fyrbodal", "Svenska kyrkan", "Teaterföreningen"]
    assert not response.context["filter"].form.errors
    assert response.context["is_filtered"] is False


def test_a_draft_category_member_is_not_found_by_category(
    client, civil_site, register, stub_templates
):
    response = client.get("/organisationer/", {"category": "kulturföreningar"})
    assert "Hemlig förening" not in _names(response)


def test_directory_paginates(client, civil_site, make_organisation, stub_templates):
    civil_site.organisation_index.per_page = 2
    civil_site.organisation_index.save_revision().publish()
    for name in ("A", "B", "C", "D", "E"):
        make_organisation(name)
    second = client.get("/organisationer/", {"page": 2})
    assert _names(second) == ["C", "D"]
    assert second.context["organisations"].paginator.num_pages == 3


def test_detail_shows_what_the_organisation_takes_part_in(
    client, civil_site, make_organisation, make_meeting, make_agreement, stub_templates
):
    church = make_organisation("Svenska kyrkan")
    parish = make_organisation("Bäve församling", parent=church)
    make_organisation("Utkastförsamling", parent=church, live=False)
    signed = make_agreement("ÖK Idé Uddevalla", signatories=[church])
    make_agreement("Utkast till överenskommelse", signatories=[church], live=False)
    hosted = make_meeting("Värdmöte", hosts=[church])
    attended = make_meeting("Besök")
    MeetingAttendance.objects.create(page=attended, organisation=church)
    make_meeting("Utkastmöte", hosts=[church], live=False)
    make_meeting("Annat möte")

    response = client.get("/organisationer/svenska-kyrkan/")

    assert response.status_code == 200
    context = response.context
    assert context["organisation"] == church
    assert list(context["agreements"]) == [signed]
    assert {m.pk for m in context["upcoming_meetings"]} == {hosted.pk, attended.pk}
    assert list(context["children"]) == [parish]


@pytest.mark.parametrize("slug", ["finns-inte", "hemlig-forening"])
def test_detail_of_unknown_or_draft_organisation_is_404(
    client, civil_site, register, stub_templates, slug
):
    assert client.get(f"/organisationer/{slug}/").status_code == 404


def test_organisation_preview_uses_the_public_context(civil_site, make_organisation, rf):
    organisation = make_organisation("Teaterföreningen", live=False)
    request = rf.get("/")
    context = organisation.get_preview_context(request, "")
    assert context["organisation"] == organisation
    assert context["page"] == civil_site.organisation_index
    assert organisation.get_preview_template(request, "") == (
        "wagtail_civil/organisation_detail.html"
    )


def test_category_string_is_its_name(make_category):
    assert str(make_category("Studieförbund")) == "Studieförbund"
    assert OrganisationCategory.objects.get().slug == "studieförbund"


def test_directory_links_cost_no_queries_in_the_template(
    client, civil_site, register, stub_templates, django_assert_num_queries
):
    organisations = client.get("/organisationer/").context["organisations"]
    with django_assert_num_queries(0):
        urls = [o.url for o in organisations]
    assert urls == [
        "/organisationer/abf-fyrbodal/",
        "/organisationer/svenska-kyrkan/",
        "/organisationer/teaterf%C3%B6reningen/",
    ]


def test_with_urls_leaves_unpublished_organisations_unlinked(civil_site, register):
    orgs = register[2]
    linked = Organisation.with_urls([orgs["theatre"], orgs["draft"]])
    assert [o.url for o in linked] == ["/organisationer/teaterf%C3%B6reningen/", None]
