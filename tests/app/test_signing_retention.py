"""Signing requests' personal data is erased once the retention period after the decision is
over (``manage.py erase_signing_requests``); the decision stays, a waiting request keeps it."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from civilsamhalle.enums import AgreementStatus
from tests.app.conftest import CivilSite, publish
from wagtail_civil.checks import check_settings
from wagtail_civil.models import SigningRequest
from wagtail_civil.models.signing_requests import PERSONAL_FIELDS
from wagtail_civil.signing import retention
from wagtail_civil.signing.tasks import erase_expired_signing_requests

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def requests(civil_site: CivilSite) -> dict[str, SigningRequest]:
    agreement = civil_site.agreement
    agreement.status = AgreementStatus.OPEN_FOR_SIGNING.value
    agreement = publish(agreement)

    def made(name: str, status: str, decided_days_ago: int | None) -> SigningRequest:
        decided = None if decided_days_ago is None else NOW - dt.timedelta(days=decided_days_ago)
        return SigningRequest.objects.create(
            agreement=agreement, organisation_name=name, organisation_number="",
            organisation_email="info@example.se", organisation_phone="0522-69 60 00",
            signatory="Örjan Ödmark", signatory_title="Kassör", email=f"{name}@example.se",
            status=status, decided_at=decided, reason="Skälet" if status == "rejected" else "",
            created_at=NOW - dt.timedelta(days=400),
        )  # fmt: skip

    return {
        "old_rejected": made("gammal", "rejected", 91),
        "old_approved": made("godkand", "approved", 200),
        "recent": made("ny", "rejected", 89),
        "waiting": made("vantar", "pending", None),
    }


def test_decided_requests_past_retention_lose_their_personal_data_only(
    requests: dict[str, SigningRequest],
) -> None:
    assert retention.erase_expired(NOW) == 2
    for key in ("old_rejected", "old_approved"):
        erased = SigningRequest.objects.get(pk=requests[key].pk)
        assert all(getattr(erased, field) == "" for field in PERSONAL_FIELDS)
        assert erased.erased_at is not None
        assert erased.status == requests[key].status and erased.decided_at is not None
        assert erased.organisation_name == requests[key].organisation_name
    assert SigningRequest.objects.get(pk=requests["old_rejected"].pk).reason == "Skälet"
    for key in ("recent", "waiting"):
        kept = SigningRequest.objects.get(pk=requests[key].pk)
        assert kept.email and kept.signatory and kept.erased_at is None
    assert retention.erase_expired(NOW) == 0  # again: nothing more


def test_erasing_goes_in_batches(requests: dict[str, SigningRequest]) -> None:
    assert retention.erase_expired(NOW, batch_size=1) == 2


def test_the_command_says_what_it_erases(requests: dict[str, SigningRequest]) -> None:
    out = StringIO()
    call_command("erase_signing_requests", "--dry-run", stdout=out)
    assert "Would erase 2 signing requests" in out.getvalue()
    assert SigningRequest.objects.with_personal_data().count() == 4
    out = StringIO()
    call_command("erase_signing_requests", stdout=out)
    assert "Erased the personal data of 2 signing requests" in out.getvalue()
    assert SigningRequest.objects.with_personal_data().count() == 2


def test_the_task_erases_as_the_command_does(requests: dict[str, SigningRequest]) -> None:
    assert erase_expired_signing_requests.func() == 2


@override_settings(WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS=0)
def test_zero_days_erases_every_decided_request(requests: dict[str, SigningRequest]) -> None:
    assert retention.erase_expired() == 3


@pytest.mark.parametrize("value", [-1, "90", 90.5, True, dt.timedelta(days=90)])
def test_a_wrong_setting_is_reported_and_erases_nothing(
    requests: dict[str, SigningRequest], value: Any
) -> None:
    with override_settings(WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS=value):
        assert "wagtail_civil.W004" in [m.id for m in check_settings(None)]
        with pytest.raises(CommandError, match="Nothing was erased"):
            call_command("erase_signing_requests", stdout=StringIO())
    assert SigningRequest.objects.with_personal_data().count() == 4


def test_the_default_setting_passes_the_check() -> None:
    assert "wagtail_civil.W004" not in [m.id for m in check_settings(None)]
