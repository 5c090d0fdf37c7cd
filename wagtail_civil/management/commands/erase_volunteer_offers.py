"""``manage.py erase_volunteer_offers [--dry-run]``: erase volunteer offers' personal data after
the retention period (``WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS``). Run it daily."""

from __future__ import annotations

from wagtail_civil.management.erasing import EraseCommand
from wagtail_civil.volunteering import retention

__all__ = ["Command"]


class Command(EraseCommand):
    help = (
        "Erase the personal data of volunteer offers older than "
        "WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS after their need is over; the offers' "
        "statuses are kept. Running it again erases nothing more."
    )
    retention = retention
    noun = "volunteer offer"
