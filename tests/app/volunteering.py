"""Fixtures of the volunteering tests: a volunteer need list under the test site, and needs.

Imported by the volunteering test modules (``from tests.app.volunteering import *``), so the
fixtures live once and each test file stays about one feature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.app.conftest import CivilSite, next_week_at, publish
from wagtail_civil.models import VolunteerNeedIndexPage, VolunteerNeedPage, VolunteerOffer
from wagtail_civil.volunteering.pages import attempts_key

__all__ = ["forget_attempts", "make_need", "make_offer", "need_index", "offer_data"]

CLIENTS = ("127.0.0.1", "192.0.2.7")


def forget_attempts(page: Any) -> Any:
    """The rate limit counts in Django's cache, which outlives a test's transaction."""
    cache.delete_many(
        [attempts_key(f"{scope}:{page.pk}", a) for scope in ("offer", "report") for a in CLIENTS]
    )
    return page


@pytest.fixture
def need_index(civil_site: CivilSite) -> VolunteerNeedIndexPage:
    index = civil_site.home.add_child(
        instance=VolunteerNeedIndexPage(title="Frivilligoppdrag", slug="frivillig")
    )
    return forget_attempts(publish(index))


@pytest.fixture
def make_need(need_index: VolunteerNeedIndexPage) -> Callable[..., VolunteerNeedPage]:
    """``make_need("Vårdugnad", start=..., live=True, **fields)``: a one-off need next week,
    10–14, for 4 volunteers, unless told otherwise."""

    def make(
        title: str = "Vårdugnad på idrettsplassen",
        *,
        live: bool = True,
        parent: Any = None,
        **fields: Any,
    ) -> VolunteerNeedPage:
        fields.setdefault("timing", "one_off")
        if fields["timing"] == "one_off":
            fields.setdefault("start", next_week_at(hour=10))
            fields.setdefault("end", fields["start"] + dt.timedelta(hours=4))
        fields.setdefault("volunteers_needed", 4)
        fields.setdefault("place", "Jessheim stadion")
        fields.setdefault("area", "Jessheim")
        fields.setdefault("contact_name", "Kari Nordmann")
        fields.setdefault("contact_email", "kari@example.org")
        need = (parent or need_index).add_child(
            instance=VolunteerNeedPage(title=title, live=False, **fields)
        )
        if live:
            return forget_attempts(publish(need))
        need.save_revision()
        return need

    return make


@pytest.fixture
def make_offer(need_index: VolunteerNeedIndexPage) -> Callable[..., VolunteerOffer]:
    def make(need: VolunteerNeedPage | None = None, **fields: Any) -> VolunteerOffer:
        fields.setdefault("name", "Ola Bjørnstad")
        fields.setdefault("email", f"ola{VolunteerOffer.objects.count()}@example.org")
        fields.setdefault("language", "nb")
        fields.setdefault("consented_at", timezone.now())
        return VolunteerOffer.objects.create(index=need_index, need=need, **fields)

    return make


def offer_data(**fields: str | None) -> dict[str, str]:
    data = {"name": "Åse Sæther", "email": "ase@example.org", "consent": "on", "website": ""}
    data.update(fields)  # type: ignore[arg-type]
    return {k: v for k, v in data.items() if v is not None}
