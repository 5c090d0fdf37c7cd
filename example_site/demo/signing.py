"""The demo's signing request: an association not yet in the register asks to sign ÖK Idé.

Uddevalla's seed says many organisations signed ÖK Idé and still more want to: the agreement is
open for signing in the demo data (``data/demo.json``), and one request waits for an editor in
the admin under "Signing requests". It holds what the public form saves, and no email is queued
for it: nobody should be told of a made-up request. The people are invented; the email is at
the reserved ``example.org`` and the phone number in the series Sweden's PTS keeps for fiction.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wagtail_civil.models import AgreementPage, SigningRequest

__all__ = ["DEMO_AGREEMENT", "REQUEST", "add_signing_request"]

DEMO_AGREEMENT = "ok-ide"
REQUEST = {
    "organisation_name": "Kulturföreningen Bäveåns Vänner",
    "country": "SE",
    "organisation_number": "802501-6109",
    "organisation_email": "info@baveans-vanner.example.org",
    "organisation_phone": "070-174 06 42",
    "signatory": "Märta Östlund",
    "signatory_title": "Ordförande",
    "email": "marta.ostlund@example.org",
    "language": "sv",
}


def add_signing_request(today: dt.date | None = None) -> int:
    """Add the pending request unless one from the same organisation exists (whatever a tester
    decided on it); how many were added (0 or 1), so loading again adds nothing."""
    agreement = AgreementPage.objects.get(slug=DEMO_AGREEMENT)
    if not agreement.may_be_asked_to_sign:
        return 0
    sent = agreement.signing_requests.filter(
        country=REQUEST["country"], organisation_number=REQUEST["organisation_number"]
    )
    if sent.exists():
        return 0
    today = today or timezone.localdate()
    at = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=2), dt.time(19, 42)))
    SigningRequest.objects.create(agreement=agreement, created_at=at, consented_at=at, **REQUEST)
    return 1
