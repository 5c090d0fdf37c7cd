"""Stories (collaboration examples): the page, its list filtered by partner and category, and
the stories on each partner organisation's page.

As residents see them (the real templates, read as HTML), as editors meet them (the admin's own
form, posted as a browser would), and what never reaches a list: drafts, unpublished and
view-restricted stories and draft organisations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from tests.app.conftest import publish
from tests.app.page_html import assert_well_formed_page, parse
from wagtail_civil.models import (
    InitiativeImage,
    InitiativeIndexPage,
    InitiativeMeeting,
    InitiativeOrganisation,
    InitiativePage,
    InitiativeResult,
    InitiativeUnit,
    MunicipalUnit,
)

pytestmark = pytest.mark.django_db

PERIOD_ORDER = "The collaboration cannot end before it began (%(start)s)."
NOT_A_NUMBER = "Enter a number."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    """Images and their renditions go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def stories(civil_site) -> InitiativeIndexPage:
    index = InitiativeIndexPage(title="Exempel på samverkan", slug="exempel")
    civil_site.home.add_child(instance=index)
    return publish(index)


@pytest.fixture
def make_story(stories):
    """``make_story(title, partners=[org], units=[unit], results=[(label, n, unit)])``."""

    def make(
        title: str = "Ring en vän",
        *,
        partners=(),
        units=(),
        categories=(),
        results=(),
        images=(),
        meetings=(),
        live: bool = True,
        revision: bool = True,
        **fields: Any,
    ) -> InitiativePage:
        fields.setdefault("summary", "Seniorföreningarna ringer till äldre för en pratstund.")
        fields.setdefault("start_date", dt.date(2022, 9, 1))
        story = InitiativePage(title=title, **fields)
        story.partner_links = [InitiativeOrganisation(organisation=o) for o in partners]
        story.unit_links = [InitiativeUnit(unit=u) for u in units]
        story.results = [InitiativeResult(label=lb, number=n, unit=u) for lb, n, u in results]
        story.images = [InitiativeImage(**image) for image in images]
        story.meeting_links = [InitiativeMeeting(meeting=m) for m in meetings]
        story.categories.set(list(categories))
        story.live = live and not revision
        stories.add_child(instance=story)
        if live and revision:
            return publish(story)
        if revision:
            story.save_revision()
        return InitiativePage.objects.get(pk=story.pk)

    return make


@pytest.fixture
def unit(db) -> MunicipalUnit:
    return MunicipalUnit.objects.create(name="Kultur- och fritidsförvaltningen")


def _image(title: str = "Telefon") -> Any:
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def _swedish(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _titles(soup) -> list[str]:
    cards = soup.main.find_all("article", class_="civil-initiative-card")
    return [card.find(["h2", "h3"]).get_text(strip=True) for card in cards]


# --- the model -----------------------------------------------------------------------------------


def test_a_period_that_ends_before_it_began_is_an_error_on_until(make_story):
    story = make_story(live=False)
    story.end_date = dt.date(2022, 8, 31)
    with pytest.raises(ValidationError) as caught:
        story.full_clean()
    assert list(caught.value.message_dict) == ["end_date"]
    assert "2022-09-01" in caught.value.message_dict["end_date"][0]
    story.end_date = story.start_date  # a one-day collaboration
    story.full_clean()
    assert not story.is_ongoing(today=dt.date(2022, 9, 2))
    story.end_date = None
    story.full_clean()
    assert story.is_ongoing(today=dt.date(2040, 1, 1))


@pytest.mark.parametrize(
    ("number", "shown"),
    [(Decimal("500"), "500"), (Decimal("2.50"), "2,5"), (Decimal("1200.00"), "1\xa0200")],
)
def test_a_figure_is_written_in_the_readers_language(number, shown):
    with translation.override("sv"):
        assert InitiativeResult(label="Telefonsamtal", number=number).number_display == shown
    with translation.override("en"):
        assert InitiativeResult(label="Calls", number=Decimal("2.50")).number_display == "2.5"


def test_an_informative_image_needs_alt_text_and_a_decorative_one_none(make_story):
    story = make_story()
    image = _image()
    missing = InitiativeImage(page=story, image=image, alt_text="  ")
    with pytest.raises(ValidationError) as caught:
        missing.full_clean()
    assert list(caught.value.message_dict) == ["alt_text"]
    both = InitiativeImage(page=story, image=image, alt_text="En telefon", decorative=True)
    with pytest.raises(ValidationError) as caught:
        both.full_clean()
    assert list(caught.value.message_dict) == ["alt_text"]
    InitiativeImage(page=story, image=image, decorative=True).full_clean()
    described = InitiativeImage(page=story, image=image, alt_text=" En röd telefon ")
    described.full_clean()
    assert described.alt == "En röd telefon"
    assert InitiativeImage(image=image, alt_text="x", decorative=True).alt == ""


def test_stories_are_found_by_wagtail_search(make_story):
    make_story("Ring en vän", summary="Fem hundra telefonsamtal om året.")
    make_story("Klädutlämning", summary="Kläder till flyktingar.")
    found = InitiativePage.objects.live().search("telefonsamtal")
    assert [page.title for page in found] == ["Ring en vän"]


def test_api_fields_name_real_fields():
    names = {field.name for field in InitiativePage.api_fields}
    assert {"summary", "start_date", "end_date", "partner_links", "results", "images"} <= names
    for name in names:
        assert hasattr(InitiativePage, name), name


# --- the editor's form ---------------------------------------------------------------------------


def _add_url(stories) -> str:
    return f"/admin/pages/add/wagtail_civil/initiativepage/{stories.pk}/"


def _story_form(editor, stories, **values):
    response = editor.get(_add_url(stories))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Ring en vän",
            "slug": "ring-en-van",
            "summary": "Seniorföreningarna ringer till äldre.",
            "start_date": "2022-09-01",
            "body": rich_text("<p>Eldsjälar ringer runt.</p>"),
            "results-TOTAL_FORMS": "1",
            "results-0-label": "Telefonsamtal",
            "results-0-number": "500",
            "results-0-unit": "per år",
            "results-0-ORDER": "1",
            "action-publish": "action-publish",
        }
    )
    data.update(values)
    return data


def test_a_figure_that_is_not_a_number_is_an_error_on_its_field(editor, stories):
    data = _story_form(editor, stories, **{"results-0-number": "femhundra"})

    response = editor.post(_add_url(stories), data)

    assert response.status_code == 200
    formset = response.context["form"].formsets["results"]
    assert formset.forms[0].errors["number"] == [_swedish(NOT_A_NUMBER)]
    assert list(response.context["form"].errors) == []
    html = response.content.decode()
    for typed in ("femhundra", "Telefonsamtal", "per år", "Seniorföreningarna ringer"):
        assert typed in html
    assert not InitiativePage.objects.exists()


@pytest.mark.parametrize(("typed", "saved"), [("2,5", Decimal("2.5")), ("1200", Decimal(1200))])
def test_a_figure_is_typed_as_a_swedish_editor_writes_it(editor, stories, typed, saved):
    data = _story_form(editor, stories, **{"results-0-number": typed})
    response = editor.post(_add_url(stories), data)
    assert response.status_code == 302
    assert InitiativePage.objects.get().results.get().number == saved


def test_a_period_in_the_wrong_order_is_an_error_on_until_in_swedish(editor, stories):
    data = _story_form(editor, stories, end_date="2022-08-01")

    response = editor.post(_add_url(stories), data)

    assert response.status_code == 200
    message = _swedish(PERIOD_ORDER) % {"start": "2022-09-01"}
    assert response.context["form"].errors["end_date"] == [message]
    assert "2022-08-01" in response.content.decode()
    assert not InitiativePage.objects.exists()


def test_a_story_is_published_with_partners_figures_and_an_image(
    editor, stories, make_organisation, unit
):
    church = make_organisation("Svenska kyrkan i Ulricehamn")
    image = _image()
    data = _story_form(
        editor,
        stories,
        **{
            "partner_links-TOTAL_FORMS": "1",
            "partner_links-0-organisation": str(church.pk),
            "partner_links-0-ORDER": "1",
            "unit_links-TOTAL_FORMS": "1",
            "unit_links-0-unit": str(unit.pk),
            "unit_links-0-ORDER": "1",
            "images-TOTAL_FORMS": "1",
            "images-0-image": str(image.pk),
            "images-0-alt_text": "",
            "images-0-ORDER": "1",
        },
    )
    response = editor.post(_add_url(stories), data)
    assert response.status_code == 200  # the image has neither alt text nor "decorative"
    image_form = response.context["form"].formsets["images"].forms[0]
    assert list(image_form.errors) == ["alt_text"]
    assert not InitiativePage.objects.exists()

    data["images-0-alt_text"] = "En telefon på ett köksbord"
    response = editor.post(_add_url(stories), data)

    assert response.status_code == 302
    story = InitiativePage.objects.get()
    assert story.live
    assert [p.name for p in story.public_partners] == ["Svenska kyrkan i Ulricehamn"]
    assert story.units == [unit]
    assert [(r.label, r.number, r.unit) for r in story.results.all()] == [
        ("Telefonsamtal", Decimal("500"), "per år")
    ]
    assert [i.alt for i in story.images.all()] == ["En telefon på ett köksbord"]


# --- the story page ------------------------------------------------------------------------------


def test_the_story_page_shows_partners_period_figures_and_images(
    client, make_story, make_organisation, make_category, unit
):
    seniors = make_category("Pensionärsorganisationerna", slug="pension")
    church = make_organisation("Svenska kyrkan")
    draft = make_organisation("Hemlig förening", live=False)
    story = make_story(
        partners=[church, draft],
        units=[unit],
        categories=[seniors],
        results=[("Telefonsamtal", Decimal("500"), "per år")],
        images=[
            {"image": _image(), "alt_text": "En röd telefon", "caption": "Foto: kommunen"},
            {"image": _image("Mönster"), "decorative": True},
        ],
    )
    with translation.override("sv"):
        soup = parse(client.get(story.url))
    assert_well_formed_page(soup)
    main = soup.main
    text = main.get_text(" ", strip=True)
    assert "Svenska kyrkan" in text and "Kultur- och fritidsförvaltningen" in text
    assert "Hemlig förening" not in text
    assert main.find("a", href=church.get_url())
    assert main.find("time", datetime="2022-09-01")
    assert main.find(class_="civil-result-number").get_text() == "500"
    assert "per år" in text
    assert main.find("a", href=f"{story.get_parent().url}?category=pension")
    assert [img["alt"] for img in main.find_all("img")] == ["En röd telefon", ""]
    assert main.find("figcaption").get_text() == "Foto: kommunen"


def test_the_story_page_costs_the_same_queries_for_one_or_six_images(
    client, make_story, make_organisation, make_meeting, django_assert_max_num_queries
):
    partner = make_organisation("Röda Korset")
    meetings = [make_meeting(f"Möte {i}", hosts=[partner]) for i in range(4)]
    one = make_story(
        "Ett",
        partners=[partner],
        images=[{"image": _image(), "alt_text": "Ett"}],
        meetings=meetings[:1],
    )
    six = make_story(
        "Sex",
        partners=[partner],
        meetings=meetings,
        images=[{"image": _image(), "alt_text": f"Bild {i}"} for i in range(6)],
        results=[(f"Mått {i}", i, "st") for i in range(6)],
    )
    client.get(one.url), client.get(six.url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as few:
        client.get(one.url)
    with django_assert_max_num_queries(len(few)):
        assert client.get(six.url).status_code == 200


def test_only_published_public_meetings_are_shown_as_related(client, make_story, make_meeting):
    dialogue = make_meeting("Dialog om ofrivillig ensamhet")
    draft = make_meeting("Utkast till dialog", live=False)
    story = make_story(meetings=[dialogue, draft])
    assert list(story.get_meetings()) == [dialogue]
    soup = parse(client.get(story.url))
    assert_well_formed_page(soup)
    section = soup.find(id="civil-related-meetings-heading").parent
    assert [a.get_text(strip=True) for a in section.find_all("a", class_="civil-title")] == [
        "Dialog om ofrivillig ensamhet"
    ]


def test_a_private_agreement_is_not_linked(client, make_story, civil_site):
    PageViewRestriction.objects.create(
        page=civil_site.agreement, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    story = make_story(agreement=civil_site.agreement)
    soup = parse(client.get(story.url))
    assert not soup.main.find("a", href=civil_site.agreement.url)


# --- the list ------------------------------------------------------------------------------------


def test_the_list_shows_only_published_public_stories_newest_first(client, stories, make_story):
    make_story("Ring en vän", start_date=dt.date(2022, 9, 1))
    make_story("Klädutlämning", start_date=dt.date(2022, 2, 28), end_date=dt.date(2022, 3, 6))
    make_story("Utkast", live=False)
    unpublished = make_story("Avpublicerad")
    unpublished.unpublish()
    private = make_story("Bakom lösenord")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    soup = parse(client.get(stories.url))
    assert_well_formed_page(soup)
    assert _titles(soup) == ["Ring en vän", "Klädutlämning"]
    assert {s["name"] for s in soup.main.find("form").find_all("select")} == {
        "organisation",
        "unit",
        "category",
    }


def test_the_list_filters_by_partner_unit_and_category(
    client, stories, make_story, make_organisation, make_category, unit
):
    seniors = make_category("Pensionärsorganisationerna", slug="pension")
    church = make_organisation("Svenska kyrkan", slug="svenska-kyrkan")
    red_cross = make_organisation("Röda Korset", slug="roda-korset")
    only_in_draft = make_organisation("Bara i utkast", slug="bara-i-utkast")
    make_story("Ring en vän", partners=[church], categories=[seniors])
    make_story("Klädutlämning", partners=[church, red_cross], units=[unit])
    make_story("Utkast", partners=[only_in_draft], live=False)

    def titles(**query: str) -> list[str]:
        return sorted(_titles(parse(client.get(stories.url, query))))

    assert titles(organisation="svenska-kyrkan") == ["Klädutlämning", "Ring en vän"]
    assert titles(organisation="roda-korset") == ["Klädutlämning"]
    assert titles(unit=unit.slug) == ["Klädutlämning"]
    assert titles(category="pension") == ["Ring en vän"]
    assert titles(organisation="svenska-kyrkan", category="pension") == ["Ring en vän"]
    # Only the partners of published stories are offered, and only they filter.
    soup = parse(client.get(stories.url))
    offered = [o["value"] for o in soup.find("select", attrs={"name": "organisation"})("option")]
    assert offered == ["", "roda-korset", "svenska-kyrkan"]
    assert titles(organisation="bara-i-utkast") == ["Klädutlämning", "Ring en vän"]


@pytest.mark.parametrize(
    "query",
    [
        {"organisation": "finns-inte"},
        {"unit": "99999999999999999999"},
        {"category": "<script>alert(1)</script>"},
        {"organisation": "\x00"},
        {"page": "-1"},
        {"page": "99999999999999999999999"},
        {"category": ["a", "b"]},
    ],
)
def test_garbage_in_the_query_string_is_shown_never_a_server_error(
    client, stories, make_story, query
):
    make_story("Ring en vän")
    response = client.get(stories.url, query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert _titles(parse(response)) == ["Ring en vän"]


def test_the_list_costs_the_same_queries_for_5_or_50_stories(
    client,
    stories,
    make_story,
    make_organisation,
    make_category,
    unit,
    django_assert_max_num_queries,
):
    seniors = make_category("Pensionärsorganisationerna", slug="pension")
    partners = [make_organisation(f"Förening {i}") for i in range(3)]

    def add(n: int) -> None:
        for i in range(n):
            make_story(
                f"Berättelse {InitiativePage.objects.count()} {i}",
                partners=partners,
                units=[unit],
                categories=[seniors],
                results=[("Samtal", 5, "st")],
                revision=False,
            )

    add(5)
    paths = [stories.url, f"{stories.url}?category=pension", partners[0].get_url()]
    few = {}
    for path in paths:
        client.get(path)  # warm what the site caches once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        few[path] = len(captured)
    add(45)
    for path in paths:
        with django_assert_max_num_queries(few[path], info=f"{path}: 50 stories"):
            response = client.get(path)
        assert response.status_code == 200
    assert len(_titles(parse(client.get(partners[0].get_url())))) == 50


# --- the organisation's page ---------------------------------------------------------------------


def test_an_organisation_page_lists_its_public_stories_only(client, make_story, make_organisation):
    church = make_organisation("Svenska kyrkan")
    other = make_organisation("Röda Korset")
    make_story("Ring en vän", partners=[church])
    make_story("Utkast", partners=[church], live=False)
    private = make_story("Privat", partners=[church])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_story("Klädutlämning", partners=[other])

    soup = parse(client.get(church.get_url()))
    assert_well_formed_page(soup)
    assert _titles(soup) == ["Ring en vän"]
    assert soup.find(id="civil-initiatives-heading")
    lonely = make_organisation("Ensam förening")
    assert not parse(client.get(lonely.get_url())).find(id="civil-initiatives-heading")
