"""Volunteer offers' personal data is erased after the retention period: by the daily command,
with the status kept (a filled need stays filled), and never on a setting it cannot read."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from civilsamhalle.enums import VolunteerNeedState
from tests.app.conftest import next_week_at
from tests.app.volunteering import *  # noqa: F403 (the fixtures)
from wagtail_civil.checks import check_settings
from wagtail_civil.models import VolunteerOffer
from wagtail_civil.volunteering import retention

pytestmark = pytest.mark.django_db

DAYS = 180


def aged(offer: VolunteerOffer, days: int) -> VolunteerOffer:
    """As if last changed ``days`` ago (``updated_at`` is set on every save)."""
    moment = timezone.now() - dt.timedelta(days=days)
    VolunteerOffer.objects.filter(pk=offer.pk).update(created_at=moment, updated_at=moment)
    return offer


@pytest.fixture
def world(make_need, make_offer):
    past = make_need("Dugnad i fjor", start=next_week_at(days=-(DAYS + 30)), volunteers_needed=1)
    soon = make_need("Dugnad neste uke")
    ongoing = make_need("Besøksvenn", timing="ongoing")
    long_ago = timezone.localdate() - dt.timedelta(days=DAYS + 5)
    ended_ongoing = make_need("Leksehjelp", timing="ongoing", open_until=long_ago)
    return {
        "past": aged(make_offer(past, status="accepted"), DAYS + 20),
        "soon": aged(make_offer(soon), DAYS + 20),  # old offer, but the task is ahead
        "ongoing_old": aged(make_offer(ongoing), DAYS + 1),
        "ongoing_new": aged(make_offer(ongoing, status="answered"), 3),
        "ended_ongoing": aged(make_offer(ended_ongoing), DAYS + 10),
        "general_old": aged(make_offer(None), DAYS + 2),
        "general_new": make_offer(None),
    }


def test_what_is_past_its_retention(world):
    expired = set(retention.expired().values_list("pk", flat=True))
    expected = {"past", "ongoing_old", "ended_ongoing", "general_old"}
    assert expired == {world[name].pk for name in expected}


def test_the_command_erases_once_and_keeps_the_status(world):
    need = world["past"].need
    out = io.StringIO()
    call_command("erase_volunteer_offers", "--dry-run", stdout=out)
    assert "Would erase 4 volunteer offers" in out.getvalue()
    assert VolunteerOffer.objects.with_personal_data().count() == 7
    out = io.StringIO()
    call_command("erase_volunteer_offers", stdout=out)
    assert "Erased the personal data of 4 volunteer offers" in out.getvalue()
    erased = VolunteerOffer.objects.get(pk=world["past"].pk)
    assert (erased.name, erased.email, erased.phone, erased.message) == ("", "", "", "")
    assert erased.erased_at is not None and erased.status == "accepted"
    assert str(erased)  # still shown in the admin, as "(personal data deleted)"
    assert need.accepted == 1  # a filled need stays filled
    kept = VolunteerOffer.objects.get(pk=world["soon"].pk)
    assert kept.name and kept.email
    call_command("erase_volunteer_offers", stdout=(again := io.StringIO()))
    assert "of 0 volunteer offers" in again.getvalue()


def test_offers_in_batches(world):
    assert retention.erase_expired(batch_size=1) == 4


@pytest.mark.parametrize("setting", ["90", -1, dt.timedelta(days=90), True])
def test_a_wrong_setting_erases_nothing_and_check_says_why(world, setting):
    with override_settings(WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS=setting):
        with pytest.raises(CommandError, match="Nothing was erased"):
            call_command("erase_volunteer_offers")
        assert "wagtail_civil.W010" in [m.id for m in check_settings(None)]
    assert VolunteerOffer.objects.with_personal_data().count() == 7


@override_settings(WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT=(0, "x"))
def test_a_wrong_rate_limit_is_an_error_of_check():
    assert "wagtail_civil.E010" in [m.id for m in check_settings(None)]


def test_the_erased_offer_of_a_closed_need_keeps_it_closed(world):
    retention.erase_expired()
    past = world["past"].need
    assert past.state_at() is VolunteerNeedState.CLOSED
