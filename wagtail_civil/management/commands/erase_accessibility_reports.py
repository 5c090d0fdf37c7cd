"""``manage.py erase_accessibility_reports [--dry-run]``: erase accessibility reports' personal
data after the retention period (``WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS``). Run it
daily."""

from __future__ import annotations

from wagtail_civil.accessibility import retention
from wagtail_civil.management.erasing import EraseCommand

__all__ = ["Command"]


class Command(EraseCommand):
    help = (
        "Erase the description, name and email of accessibility reports answered (or, if never "
        "answered, sent) more than WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS ago; the "
        "page address and status are kept. Running it again erases nothing more."
    )
    retention = retention
    noun = "accessibility report"
    since = "answered or sent before"
