"""The demo's signing request: ÖK Idé open for signing, one request from a new association
waiting in the admin, the form on the public site, and loading again adds nothing."""

from __future__ import annotations

import pytest
from demo.loader import load_demo
from demo.signing import REQUEST
from django.test import Client

from wagtail_civil.models import AgreementPage, Organisation, SigningRequest
from wagtail_civil.signing.decisions import approve

pytestmark = pytest.mark.django_db


def test_ok_ide_is_open_with_one_request_waiting(demo) -> None:
    agreement = AgreementPage.objects.get(slug="ok-ide")
    assert agreement.may_be_asked_to_sign and agreement.live
    [waiting] = SigningRequest.objects.pending()
    assert waiting.agreement == agreement
    assert waiting.organisation is None
    assert waiting.organisation_name == "Kulturföreningen Bäveåns Vänner"
    assert any(letter in waiting.organisation_name for letter in "åäö")
    # Not yet in the register, by name or number.
    assert not Organisation.objects.filter(name=waiting.organisation_name).exists()
    assert not Organisation.objects.filter(organisation_number=REQUEST["organisation_number"])
    assert waiting.email.endswith("@example.org")


def test_the_public_form_is_served(demo) -> None:
    client = Client(HTTP_HOST="localhost")
    agreement = AgreementPage.objects.get(slug="ok-ide")
    page = client.get(agreement.url)
    assert page.status_code == 200
    assert agreement.url + "sign/" in page.content.decode()
    form = client.get(agreement.url + "sign/")
    assert form.status_code == 200
    assert "Frivilligcentrum" in form.content.decode()  # the register, to choose from


def test_loading_again_adds_no_second_request(demo) -> None:
    load_demo()
    assert SigningRequest.objects.count() == 1


def test_approving_the_demo_request_makes_a_draft_organisation(demo, admin_user) -> None:
    [waiting] = SigningRequest.objects.pending()
    approval = approve(waiting, admin_user)
    assert approval.created_organisation and not approval.organisation.live
    assert approval.published
    load_demo()  # a decided request is not added again
    assert SigningRequest.objects.count() == 1
