"""``manage.py erase_signing_requests [--dry-run]``: erase the personal data of signing requests
decided more than ``WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS`` ago. Run it daily."""

from __future__ import annotations

from wagtail_civil.management.erasing import EraseCommand
from wagtail_civil.signing import retention

__all__ = ["Command"]


class Command(EraseCommand):
    help = (
        "Erase the personal data (requester's email, signatory, contact) of signing requests "
        "decided more than WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS ago; the decisions are "
        "kept. Running it again erases nothing more."
    )
    retention = retention
    noun = "signing request"
    since = "decided before"
