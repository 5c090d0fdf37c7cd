"""Erasing personal data after a retention period, shared by registrations, signing requests
and volunteer offers: what identifies a person is blanked, the row stays (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

__all__ = ["erase_in_batches"]


def erase_in_batches(
    pending: Callable[[], QuerySet],
    fields: Iterable[str],
    batch_size: int,
    *,
    stamp_fields: Iterable[str] = ("erased_at",),
) -> int:
    """Blank ``fields`` of every row ``pending()`` returns, a batch per transaction (a query to
    pick it, one to erase it), setting each of ``stamp_fields`` to now; how many were erased.

    A site with years of rows is never locked row by row, and running it again erases nothing.
    """
    blanks = dict.fromkeys(fields, "")
    erased = 0
    while True:
        with transaction.atomic():
            rows = pending()
            keys = list(rows.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not keys:
                return erased
            now = timezone.now()
            erased += rows.model.objects.filter(pk__in=keys, erased_at__isnull=True).update(
                **blanks, **dict.fromkeys(stamp_fields, now)
            )
