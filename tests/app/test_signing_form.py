"""The agreement page's public signing form (``sign/``): asking to sign, and every bad input
refused on its field with what was typed kept and nothing saved; a closed agreement answers 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings

from civilsamhalle.enums import AgreementStatus
from tests.app import task_queue
from tests.app.conftest import CivilSite, publish
from tests.app.page_html import assert_well_formed_page
from wagtail_civil.checks import check_settings
from wagtail_civil.models import AgreementPage, AgreementSignature, Organisation, SigningRequest
from wagtail_civil.registration.page_form import attempts_key

pytestmark = pytest.mark.django_db

SE_NUMBER, NO_NUMBER = "802002-4280", "974760673"


@pytest.fixture
def agreement(civil_site: CivilSite) -> AgreementPage:
    page = civil_site.agreement
    page.status = AgreementStatus.OPEN_FOR_SIGNING.value
    page = publish(page)
    cache.delete_many([attempts_key(page.pk, a) for a in ("127.0.0.1", "192.0.2.7")])
    task_queue.clear()
    return page


@pytest.fixture
def register(make_organisation: Any) -> dict[str, Organisation]:
    return {
        "pro": make_organisation("PRO Ulricehamn", organisation_number="802400-0005"),
        "draft": make_organisation("Föreningen Utkast", live=False),
    }


def sign_url(page: AgreementPage) -> str:
    return page.url + "sign/"


def typed(**fields: str | None) -> dict[str, str]:
    data = {
        "organisation": "",
        "organisation_name": "Föreningen Ängsblomman",
        "country": "SE",
        "organisation_number": "8020024280",
        "organisation_email": "info@angsblomman.example.se",
        "organisation_phone": "",
        "signatory": "Åsa Öberg",
        "signatory_title": "Ordförande",
        "email": "asa@example.se",
        "consent": "on",
        "website": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_error(response: Any, name: str) -> str:
    """The error shown at field ``name`` (tied to it by aria-describedby), or ""."""
    error = soup_of(response).find(id=f"signing-{name}-error")
    return error.get_text(" ", strip=True) if error else ""


def value_of(response: Any, name: str) -> str:
    found = soup_of(response).find(attrs={"name": name})
    return found.get("value", "") if found else ""


def test_the_agreement_page_links_to_the_form_while_open(client: Client, agreement: Any) -> None:
    html = client.get(agreement.url).content.decode()
    assert f'href="{sign_url(agreement)}"' in html
    agreement.status = AgreementStatus.IN_FORCE.value
    agreement = publish(agreement)
    assert "sign/" not in client.get(agreement.url).content.decode()


def test_the_form_lists_only_published_organisations(
    client: Client, agreement: Any, register: dict[str, Organisation]
) -> None:
    response = client.get(sign_url(agreement))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert_well_formed_page(soup_of(response))
    options = [o.get_text() for o in soup_of(response).select("select[name=organisation] option")]
    assert "PRO Ulricehamn" in options
    assert "Föreningen Utkast" not in options
    # The retention is named in the privacy text, as the setting says.
    assert "90" in soup_of(response).find(class_="civil-privacy").get_text()


@pytest.mark.parametrize("status", ["draft", "in_force", "expired"])
def test_a_closed_agreement_answers_404_and_saves_nothing(
    client: Client, agreement: AgreementPage, status: str
) -> None:
    assert not AgreementStatus(status).may_be_asked_to_sign
    agreement.status = status
    agreement = publish(agreement)
    assert client.get(sign_url(agreement)).status_code == 404
    assert client.get(sign_url(agreement) + "thanks/").status_code == 404
    assert client.post(sign_url(agreement), typed()).status_code == 404
    assert not SigningRequest.objects.exists()


def test_garbage_addresses_and_methods_are_refused_cleanly(client: Client, agreement: Any) -> None:
    assert client.get(sign_url(agreement) + "nonsense/").status_code == 404
    assert client.put(sign_url(agreement)).status_code == 405
    response = client.post(sign_url(agreement), typed(organisation="abc", organisation_name=""))
    assert response.status_code == 200
    assert field_error(response, "organisation")


def test_a_new_organisation_asks_and_lands_on_the_thanks_page(
    client: Client, agreement: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_url(agreement), typed(organisation_number="8020024280"))
    assert response.status_code == 303
    assert response["Location"] == sign_url(agreement) + "thanks/"
    saved = SigningRequest.objects.get()
    assert (saved.agreement_id, saved.status, saved.organisation_id) == (
        agreement.pk,
        "pending",
        None,
    )
    assert saved.organisation_name == "Föreningen Ängsblomman"
    assert saved.organisation_number == SE_NUMBER  # in its usual written form
    assert (saved.signatory, saved.signatory_title) == ("Åsa Öberg", "Ordförande")
    assert saved.language == "sv" and saved.consented_at is not None
    # The editors are told by a task queued after commit, never inside the request.
    assert task_queue.queued() == [("wagtail_civil.signing.tasks.send_editor_notice", (saved.pk,))]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Åsa" not in thanks.content.decode()  # the thanks page names no one


def test_a_norwegian_organisation_number_is_checked_as_norwegian(
    client: Client, agreement: Any
) -> None:
    response = client.post(
        sign_url(agreement),
        typed(organisation_name="Ullensaker frivilligsentral Øst", country="NO",
              organisation_number=NO_NUMBER),
    )  # fmt: skip
    assert response.status_code == 303
    assert SigningRequest.objects.get().organisation_number == NO_NUMBER


def test_an_organisation_from_the_register_asks(
    client: Client, agreement: Any, register: dict[str, Organisation]
) -> None:
    pro = register["pro"]
    data = typed(organisation=str(pro.pk), organisation_name="", organisation_number="")
    response = client.post(sign_url(agreement), data)
    assert response.status_code == 303
    saved = SigningRequest.objects.get()
    assert saved.organisation == pro and saved.organisation_name == ""


@pytest.mark.parametrize(
    ("number", "country"),
    [("8020024281", "SE"), ("12345", "SE"), ("ABC-123", "SE"), ("974760674", "NO"),
     (SE_NUMBER, "NO")],
)  # fmt: skip
def test_an_invalid_organisation_number_is_refused_on_its_field(
    client: Client, agreement: Any, number: str, country: str
) -> None:
    response = client.post(sign_url(agreement), typed(organisation_number=number, country=country))
    assert response.status_code == 200
    assert number.strip() in field_error(response, "organisation_number")
    # What was typed is kept, everywhere on the form.
    assert value_of(response, "organisation_number") == number
    assert value_of(response, "organisation_name") == "Föreningen Ängsblomman"
    assert value_of(response, "signatory") == "Åsa Öberg"
    assert soup_of(response).find(class_="civil-error-summary") is not None
    assert not SigningRequest.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"organisation_name": ""}, "organisation"),
        ({"organisation_number": ""}, "organisation_number"),
        ({"organisation_email": "", "organisation_phone": ""}, "organisation_email"),
        ({"organisation_email": "inte-en-adress"}, "organisation_email"),
        ({"organisation_phone": "ring mig"}, "organisation_phone"),
        ({"signatory": ""}, "signatory"),
        ({"signatory_title": ""}, "signatory_title"),
        ({"email": ""}, "email"),
        ({"email": "åsa@"}, "email"),
        ({"consent": None}, "consent"),
        ({"country": "DK"}, "country"),
    ],
)
def test_each_missing_or_wrong_answer_is_shown_on_its_field(
    client: Client, agreement: Any, fields: dict[str, Any], field: str
) -> None:
    response = client.post(sign_url(agreement), typed(**fields))
    assert response.status_code == 200
    assert field_error(response, field), f"no error at {field}"
    summary = soup_of(response).find(class_="civil-error-summary")
    assert summary is not None and summary.find("a", href=f"#signing-{field}")
    assert not SigningRequest.objects.exists()


def test_choosing_one_organisation_and_typing_another_is_refused(
    client: Client, agreement: Any, register: dict[str, Organisation]
) -> None:
    response = client.post(sign_url(agreement), typed(organisation=str(register["pro"].pk)))
    assert "PRO Ulricehamn" in field_error(response, "organisation_name")
    assert not SigningRequest.objects.exists()


def test_a_form_sent_twice_makes_one_request(
    client: Client, agreement: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(sign_url(agreement), typed())
        second = client.post(sign_url(agreement), typed(email="ASA@example.se"))
    assert first.status_code == second.status_code == 303
    assert SigningRequest.objects.count() == 1
    assert len(task_queue.queued()) == 1  # the editors are told once


def test_a_second_request_from_the_same_organisation_waits_for_the_first(
    client: Client, agreement: Any, register: dict[str, Organisation]
) -> None:
    client.post(sign_url(agreement), typed())
    response = client.post(
        sign_url(agreement), typed(email="kassor@example.se", organisation_number="802002 4280")
    )
    assert response.status_code == 200
    assert "Föreningen Ängsblomman" in field_error(response, "organisation_number")
    pro = str(register["pro"].pk)
    chosen = {"organisation": pro, "organisation_name": "", "organisation_number": ""}
    assert client.post(sign_url(agreement), typed(**chosen)).status_code == 303
    response = client.post(sign_url(agreement), typed(email="annan@example.se", **chosen))
    assert "PRO Ulricehamn" in field_error(response, "organisation")
    # The register's organisation typed in as new, by its number, is the same organisation.
    response = client.post(
        sign_url(agreement),
        typed(email="tredje@example.se", organisation_name="PRO i Ulricehamn",
              organisation_number="8024000005"),
    )  # fmt: skip
    assert field_error(response, "organisation_number")
    assert SigningRequest.objects.count() == 2


def test_an_organisation_that_signed_cannot_ask_again(
    client: Client, agreement: AgreementPage, register: dict[str, Organisation]
) -> None:
    pro = register["pro"]
    agreement.signatures.add(AgreementSignature(organisation=pro))
    agreement = publish(agreement)
    chosen = {"organisation": str(pro.pk), "organisation_name": "", "organisation_number": ""}
    response = client.post(sign_url(agreement), typed(**chosen))
    assert "PRO Ulricehamn" in field_error(response, "organisation")
    by_number = client.post(sign_url(agreement), typed(organisation_number="802400-0005"))
    assert field_error(by_number, "organisation_number")
    assert not SigningRequest.objects.exists()


def test_the_honeypot_refuses_and_saves_nothing(client: Client, agreement: Any) -> None:
    response = client.post(sign_url(agreement), typed(website="http://spam.example"))
    assert response.status_code == 200
    summary = soup_of(response).find(class_="civil-error-summary")
    assert summary is not None and summary.get_text(strip=True)
    assert value_of(response, "organisation_name") == "Föreningen Ängsblomman"
    assert not SigningRequest.objects.exists()


@override_settings(WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT=(2, 600))
def test_too_many_posts_from_one_client_answer_429(client: Client, agreement: Any) -> None:
    for _ in range(2):
        assert client.post(sign_url(agreement), typed(email="")).status_code == 200
    response = client.post(sign_url(agreement), typed())
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert value_of(response, "organisation_name") == "Föreningen Ängsblomman"
    assert not SigningRequest.objects.exists()
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(sign_url(agreement), typed()).status_code == 303


def test_a_private_agreement_page_keeps_its_form_private(
    client: Client, agreement: AgreementPage
) -> None:
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=agreement, restriction_type="login")
    assert client.get(sign_url(agreement)).status_code in (302, 403)
    assert client.post(sign_url(agreement), typed()).status_code in (302, 403)
    assert not SigningRequest.objects.exists()


@override_settings(WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS="90")
def test_a_wrong_retention_setting_is_reported_and_the_form_still_works(
    client: Client, agreement: Any
) -> None:
    assert "wagtail_civil.W004" in [m.id for m in check_settings(None)]
    response = client.get(sign_url(agreement))
    assert response.status_code == 200


def test_the_draft_check_and_the_closed_answer_come_from_the_core_rule() -> None:
    assert [s for s in AgreementStatus if s.may_be_asked_to_sign] == [
        AgreementStatus.OPEN_FOR_SIGNING
    ]


def test_a_request_through_the_model_is_one_per_organisation(agreement: Any) -> None:
    """The database decides a race: a second pending request for the same number is refused."""
    from django.db import IntegrityError, transaction

    fields = {"agreement": agreement, "organisation_name": "X", "organisation_number": SE_NUMBER,
              "signatory": "A", "signatory_title": "B", "email": "a@example.se"}  # fmt: skip
    SigningRequest.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        SigningRequest.objects.create(**{**fields, "email": "b@example.se"})
