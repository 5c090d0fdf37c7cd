"""Nordic names get slugs that save as the admin fills them in, and every address built on them.

Seen: an organisation "Bäve hembygdsförening" or a category "Föreningar på landsbygden", with the
slug left as Wagtail's admin filled it in, answered "Enter a valid slug" on publish. The admin
fills slugs as ``WAGTAIL_ALLOW_UNICODE_SLUGS`` says (default: keep "ä"), so the app's slug fields
take unicode as Wagtail's own page slugs do, and its routes match what the fields hold.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.test import override_settings
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import MeetingPage, Organisation, OrganisationCategory
from wagtail_civil.models.mixins import UniqueSlugMixin, make_slug

pytestmark = pytest.mark.django_db

ADD = {
    "organisation": "/admin/snippets/wagtail_civil/organisation/add/",
    "category": "/admin/snippets/wagtail_civil/organisationcategory/add/",
}
MODEL = {"organisation": Organisation, "category": OrganisationCategory}

# (kind, name, slug Wagtail's admin fills in with unicode slugs, and without)
NORDIC_NAMES = [
    ("organisation", "Bäve hembygdsförening", "bäve-hembygdsförening", "bave-hembygdsforening"),
    ("category", "Föreningar på landsbygden", "föreningar-på-landsbygden",
     "foreningar-pa-landsbygden"),
    ("organisation", "Bærum frivilligsentral Østre", "bærum-frivilligsentral-østre",
     "baerum-frivilligsentral-ostre"),
    ("category", "Kyrkor och trossamfund", "kyrkor-och-trossamfund", "kyrkor-och-trossamfund"),
    ("organisation", "Café Übergången", "café-übergången", "cafe-ubergangen"),
]  # fmt: skip

UNICODE = pytest.mark.parametrize("allow_unicode", [True, False], ids=["unicode", "ascii"])


def _add_form(editor, kind: str):
    """The admin's own add form, every hidden field included, as a browser would post it."""
    html = editor.get(ADD[kind]).content.decode()
    for index in range(html.count("<form")):
        data = querydict_from_html(html, form_index=index)
        if "slug" in data:
            return data
    raise AssertionError(f"no form with a slug on {ADD[kind]}")


def _publish(editor, kind: str, name: str, slug: str):
    data = _add_form(editor, kind)
    data["name"] = name
    data["slug"] = slug
    data["action-publish"] = "action-publish"
    return editor.post(ADD[kind], data)


@UNICODE
@pytest.mark.parametrize(("kind", "name", "unicode_slug", "ascii_slug"), NORDIC_NAMES)
def test_a_nordic_name_saves_with_the_slug_the_admin_filled_in(
    editor, settings, allow_unicode, kind, name, unicode_slug, ascii_slug
):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = allow_unicode
    slug = unicode_slug if allow_unicode else ascii_slug

    response = _publish(editor, kind, name, slug)

    assert response.status_code == 302, response.context["form"].errors
    saved = MODEL[kind].objects.get()
    assert (saved.name, saved.slug) == (name, slug)


@UNICODE
def test_a_typed_unicode_slug_is_kept_whatever_the_setting(editor, settings, allow_unicode):
    """As for Wagtail's pages: the setting decides how slugs are made, not which are valid."""
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = allow_unicode
    response = _publish(editor, "organisation", "Bäve hembygdsförening", "bäve-hembygd")
    assert response.status_code == 302
    assert Organisation.objects.get().slug == "bäve-hembygd"


@UNICODE
@pytest.mark.parametrize(("kind", "name", "unicode_slug", "ascii_slug"), NORDIC_NAMES)
def test_a_blank_slug_is_made_as_the_admin_would_fill_it(
    editor, settings, allow_unicode, kind, name, unicode_slug, ascii_slug
):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = allow_unicode
    response = _publish(editor, kind, name, "")
    assert response.status_code == 302
    assert MODEL[kind].objects.get().slug == (unicode_slug if allow_unicode else ascii_slug)


@UNICODE
def test_slugs_stay_unique(make_organisation, settings, allow_unicode):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = allow_unicode
    first = make_organisation("Röda Korset")
    second = make_organisation("Röda korset")
    base = "röda-korset" if allow_unicode else "roda-korset"
    assert (first.slug, second.slug) == (base, f"{base}-2")


def test_make_slug_transliterates_like_the_admin_without_unicode():
    assert make_slug("Ærlige Åsa og Øystein", allow_unicode=False) == "aerlige-asa-og-oystein"
    assert make_slug("Ærlige Åsa og Øystein", allow_unicode=True) == "ærlige-åsa-og-øystein"


def test_every_slug_of_the_app_takes_unicode_and_is_made_in_one_place():
    """Now and later: a new model with a slug must use the app's slug field and mixin."""
    for model in apps.get_app_config("wagtail_civil").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.SlugField):
                assert field.allow_unicode, f"{model.__name__}.{field.name}"
                assert issubclass(model, Page | UniqueSlugMixin), model.__name__


# --- every address built from a slug -------------------------------------------------------------


@pytest.fixture
def nordic(civil_site, make_category, make_organisation, make_meeting, make_agreement):
    """An organisation, a category and an agreement page whose slugs are not ASCII."""
    category = make_category("Föreningar på landsbygden", slug="föreningar-på-landsbygden")
    organisation = make_organisation(
        "Bäve hembygdsförening", slug="bäve-hembygdsförening", categories=[category]
    )
    other = make_organisation("Röda Korset", slug="roda-korset")
    agreement = make_agreement(
        "Överenskommelse på landsbygden",
        slug="överenskommelse-på-landsbygden",
        signatories=[organisation],
    )
    hosted = make_meeting("Hembygdsdag", hosts=[organisation], agreement=agreement)
    make_meeting("Krisberedskap", hosts=[other])
    return civil_site, category, organisation, agreement, hosted


def test_an_organisation_with_a_nordic_slug_has_a_working_page(client, nordic):
    _site, category, organisation, agreement, _hosted = nordic
    url = organisation.get_url()
    assert url.endswith("/b%C3%A4ve-hembygdsf%C3%B6rening/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bäve hembygdsförening" in html
    assert "Hembygdsdag" in html  # its upcoming meeting
    assert agreement.title in html
    # The page's link to its category's list (percent-encoded by the template) works too.
    link = f"?category={category.slug}"
    assert "?category=f%C3%B6reningar-p%C3%A5-landsbygden" in html
    listing = client.get(nordic[0].organisation_index.url + link)
    assert "Bäve hembygdsförening" in listing.content.decode()
    assert "Röda Korset" not in listing.content.decode()


def test_the_directory_lists_organisations_with_nordic_slugs_with_their_links(client, nordic):
    site, _category, organisation, _agreement, _hosted = nordic
    html = client.get(site.organisation_index.url).content.decode()
    assert f'href="{organisation.get_url()}"' in html


@pytest.mark.parametrize("param", ["category", "organisation"])
def test_meeting_lists_filter_by_nordic_slugs(client, nordic, param):
    site, category, organisation, _agreement, _hosted = nordic
    value = {"category": category, "organisation": organisation}[param].slug
    response = client.get(site.meeting_index.url, {param: value})
    assert response.status_code == 200
    assert response.context["filter"].errors == {}
    html = response.content.decode()
    assert "Hembygdsdag" in html and "Krisberedskap" not in html


def test_an_agreement_page_with_a_nordic_slug_works_in_pages_feeds_and_filters(client, nordic):
    site, _category, organisation, agreement, hosted = nordic
    assert client.get(agreement.url).status_code == 200
    meeting = MeetingPage.objects.for_feed().get(pk=hosted.pk)
    domain = meeting.to_domain()
    assert domain.agreement_id == "överenskommelse-på-landsbygden"
    assert domain.host_ids == ("bäve-hembygdsförening",)
    response = client.get(site.meeting_index.url, {"agreement": agreement.pk})
    assert "Hembygdsdag" in response.content.decode()
    assert "Krisberedskap" not in response.content.decode()
    assert agreement.to_domain().signatures[0].organisation_id == "bäve-hembygdsförening"


@pytest.mark.parametrize("kind", ["organisation", "category", "agreement", "meeting"])
def test_feeds_of_objects_with_nordic_slugs(client, nordic, kind):
    _site, category, organisation, agreement, hosted = nordic
    obj = {"organisation": organisation, "category": category, "agreement": agreement}.get(
        kind, hosted
    )
    response = client.get(feed_path(kind, obj))
    assert response.status_code == 200
    assert b"Hembygdsdag" in response.content
    assert b"Krisberedskap" not in response.content


@override_settings(WAGTAIL_ALLOW_UNICODE_SLUGS=False)
def test_an_ascii_site_still_routes_old_unicode_slugs(client, nordic):
    """Turning unicode slugs off later does not break the addresses already given out."""
    response = client.get(nordic[2].get_url())
    assert response.status_code == 200
