"""The demo's commitment follow-up: Luleå's state computed from its dialogues (last year's
promise missed, this year at risk), its contact, and Ulricehamn's liaison on the directory."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from civilsamhalle.commitments import CommitmentState
from wagtail_civil.follow_up.panel import needing_attention
from wagtail_civil.follow_up.tasks import queue_notices
from wagtail_civil.models import AgreementPage, Liaison, MeetingPage, OrganisationIndexPage

JUNE_15 = dt.date(timezone.localdate().year, 6, 15)


@pytest.fixture
def email_queue():
    from tests.app import task_queue

    task_queue.clear()
    yield task_queue
    task_queue.clear()


def test_lulea_is_at_risk_this_year_and_missed_last_year(demo, load, admin_user):
    load(JUNE_15)
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    assert agreement.contact_email == "overenskommelsen@example.org"
    lulea = [f for f in needing_attention(admin_user, JUNE_15) if f.agreement.pk == agreement.pk]
    # Computed, not typed: no dialogue under the agreement last year; this year one held, one
    # cancelled, and the next planned for January.
    states = {(f.status.year, f.status.state, f.status.held, f.status.planned) for f in lulea}
    assert states == {
        (JUNE_15.year - 1, CommitmentState.MISSED, 0, 0),
        (JUNE_15.year, CommitmentState.AT_RISK, 1, 0),
    }


def test_at_risk_emails_the_contact_once_and_planning_a_dialogue_puts_it_on_track(
    demo, load, email_queue
):
    load(JUNE_15)
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    [before] = agreement.commitment_statuses(JUNE_15)
    assert before.state is CommitmentState.AT_RISK
    assert queue_notices(today=JUNE_15) == 1
    email_queue.run_queue()
    (message,) = mail.outbox
    assert message.to == ["overenskommelsen@example.org"]
    assert queue_notices(today=JUNE_15) == 0  # once per change of state, not once a day

    planned = _dialogue(agreement, JUNE_15 + dt.timedelta(days=30))
    [after] = agreement.commitment_statuses(JUNE_15)
    assert after.state is CommitmentState.ON_TRACK
    assert queue_notices(today=JUNE_15) == 0  # no email for good news
    planned.status = "cancelled"
    planned.save_revision().publish()
    [again] = agreement.commitment_statuses(JUNE_15)
    assert again.state is CommitmentState.AT_RISK
    assert queue_notices(today=JUNE_15) == 1  # at risk again: a new change of state


def _dialogue(agreement: AgreementPage, day: dt.date) -> MeetingPage:
    """A published dialogue under ``agreement`` at 18:00 in Luleå on ``day``."""
    index = MeetingPage.objects.filter(agreement=agreement).first().get_parent()
    start = dt.datetime.combine(day, dt.time(18), ZoneInfo("Europe/Stockholm"))
    meeting = MeetingPage(
        title="Extra dialog", start=start, end=start + dt.timedelta(hours=2), kind="dialogue",
        agreement=agreement, venue_name="Stadshuset", locality="Luleå",
    )  # fmt: skip
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


def test_ulricehamns_liaison_is_on_the_directory(demo, client, load):
    load()  # again: idempotent
    (liaison,) = Liaison.objects.all()
    assert liaison.live and liaison.unit.name == "Strategi- och utvecklingsenheten"
    directory = OrganisationIndexPage.objects.live().get()
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    card = soup.find("section", class_="civil-liaisons").find(class_="civil-liaison")
    assert card.h3.get_text() == "Karin Exempelsson"
    assert "Lots mellan kommunen och civilsamhället" in card.get_text()
