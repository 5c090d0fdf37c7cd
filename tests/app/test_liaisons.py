"""The liaison (lots): published liaisons on the organisation directory and as a block; drafts
and unpublished ones nowhere public; edited through Wagtail's snippet views."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.conftest import publish
from tests.app.page_html import assert_well_formed_page, parse
from tests.app.test_blocks import render_body
from wagtail_civil.models import Liaison, MunicipalUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_liaison() -> Any:
    def make(name: str = "Åse Ødegård", *, live: bool = True, **fields: Any) -> Liaison:
        fields.setdefault("role", "Lots för civilsamhället")
        liaison = Liaison(name=name, live=False, **fields)
        liaison.save()
        if live:
            return publish(liaison)
        liaison.save_revision()
        return liaison

    return make


def test_published_liaisons_are_shown_on_the_directory(
    client: Any, civil_site: Any, make_liaison: Any
) -> None:
    unit = MunicipalUnit.objects.create(name="Kultur- och fritidsförvaltningen")
    make_liaison(unit=unit, area="Föreningar och studieförbund", email="ase@example.org",
                 phone="0321-59 50 00")  # fmt: skip
    make_liaison("Hemlig Lots", live=False)
    soup = parse(client.get(civil_site.organisation_index.url))
    assert_well_formed_page(soup)
    section = soup.find("section", class_="civil-liaisons")
    assert section.h2.get_text() == "Din kontakt på kommunen"
    card = section.find(class_="civil-liaison")
    assert card.h3.get_text() == "Åse Ødegård"
    assert "Lots för civilsamhället, Kultur- och fritidsförvaltningen" in card.get_text()
    assert card.find("a", href="mailto:ase@example.org")
    assert card.find("a", href="tel:0321-595000")
    assert "Hemlig Lots" not in soup.get_text()


def test_no_liaison_no_section(client: Any, civil_site: Any, make_liaison: Any) -> None:
    make_liaison(live=False)
    soup = parse(client.get(civil_site.organisation_index.url))
    assert soup.find("section", class_="civil-liaisons") is None


def test_the_directory_takes_the_same_queries_for_any_number_of_liaisons(
    client: Any, civil_site: Any, make_liaison: Any, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = MunicipalUnit.objects.create(name="Kommunledningskontoret")
    make_liaison("Första", unit=unit)
    client.get(civil_site.organisation_index.url)
    with CaptureQueriesContext(connection) as one:
        client.get(civil_site.organisation_index.url)
    for i in range(8):
        make_liaison(f"Lots {i}", unit=unit)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(civil_site.organisation_index.url)
    assert response.content.decode().count('class="civil-card civil-liaison"') == 9


def test_the_liaison_block_shows_a_published_liaison_only(
    client: Any, civil_site: Any, make_liaison: Any
) -> None:
    shown = make_liaison(email="ase@example.org")
    hidden = make_liaison("Ola Nordmann", live=False)
    body = render_body(
        client,
        civil_site.agreement,
        [
            ("liaison", {"heading": "Frågor om överenskommelsen?", "liaison": shown.pk}),
            ("liaison", {"heading": "Utkast", "liaison": hidden.pk}),
        ],
    )
    (section,) = body.find_all("section", class_="civil-liaison-block")
    assert section.h2.get_text() == "Frågor om överenskommelsen?"
    assert section.h3.get_text() == "Åse Ødegård"
    assert "Ola Nordmann" not in body.get_text()
    shown.unpublish()
    soup = parse(client.get(civil_site.agreement.url))
    assert "Åse Ødegård" not in soup.main.get_text()


def test_an_editor_adds_a_liaison_as_a_draft_then_publishes(editor: Any) -> None:
    url = "/admin/snippets/wagtail_civil/liaison/add/"
    form = {"name": "Åse Ødegård", "role": "Lots", "email": "inte-en-adress"}
    response = editor.post(url, form)
    assert response.status_code == 200  # shown again with the error on the field
    assert "Fyll i en giltig e-postadress." in response.content.decode()
    assert 'value="Åse Ødegård"' in response.content.decode()
    assert not Liaison.objects.exists()
    form["email"] = "ase@example.org"
    editor.post(url, form)
    liaison = Liaison.objects.get()
    assert (liaison.name, liaison.live) == ("Åse Ødegård", False)
    editor.post(f"/admin/snippets/wagtail_civil/liaison/edit/{liaison.pk}/",
                {**form, "action-publish": "publish"})  # fmt: skip
    liaison.refresh_from_db()
    assert liaison.live and liaison.revisions.count() == 2
