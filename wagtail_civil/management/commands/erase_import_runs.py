"""``manage.py erase_import_runs [--dry-run]``: delete the records of register imports that
finished more than ``WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS`` ago. Run it daily."""

from __future__ import annotations

from wagtail_civil import register_import_retention
from wagtail_civil.management.erasing import EraseCommand

__all__ = ["Command"]


class Command(EraseCommand):
    help = (
        "Delete the records (and reports) of register imports confirmed in the admin that "
        "finished more than WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS ago; the organisations they "
        "made or changed stay. Imports waiting or running are kept. Running it again deletes "
        "nothing more."
    )
    retention = register_import_retention
    noun = "register import run"
    since = "finished before"
