"""The demo's commitment follow-up: Luleå's state computed from its dialogues (last year's
promise missed, this year on track), its contact, and Ulricehamn's liaison on the directory."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from civilsamhalle.commitments import CommitmentState
from wagtail_civil.follow_up.panel import needing_attention
from wagtail_civil.follow_up.tasks import queue_notices
from wagtail_civil.models import AgreementPage, Liaison, MeetingPage, OrganisationIndexPage


@pytest.fixture
def email_queue():
    from tests.app import task_queue

    task_queue.clear()
    yield task_queue
    task_queue.clear()


def test_lulea_is_on_track_this_year_and_missed_last_year(demo, load, admin_user):
    today = dt.date(timezone.localdate().year, 6, 15)
    load(today)
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    assert agreement.contact_email == "overenskommelsen@example.org"
    items = needing_attention(admin_user)
    lulea = [f for f in items if f.agreement.pk == agreement.pk]
    # Computed, not typed: the demo has no dialogue under the agreement last year.
    assert [(f.status.year, f.status.state, f.status.held, f.previous) for f in lulea] == [
        (timezone.localdate().year - 1, CommitmentState.MISSED, 0, True)
    ]


def test_cancelling_this_years_planned_dialogue_puts_it_at_risk_and_emails_once(demo, email_queue):
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    today = timezone.localdate()
    [before] = agreement.commitment_statuses(today)
    assert before.state in (CommitmentState.ON_TRACK, CommitmentState.MET)
    queue_notices()
    email_queue.run_queue()
    assert mail.outbox == []
    planned = [
        m
        for m in MeetingPage.objects.live().filter(agreement=agreement, status="scheduled")
        if m.end.date() >= today
    ]
    if before.state is CommitmentState.MET or not planned:
        return  # late December: both held already; nothing to cancel
    for meeting in planned:
        meeting.status = "cancelled"
        meeting.save_revision().publish()
    [after] = agreement.commitment_statuses(today)
    assert after.state is CommitmentState.AT_RISK
    assert queue_notices() == 1
    email_queue.run_queue()
    (message,) = mail.outbox
    assert message.to == ["overenskommelsen@example.org"]
    assert queue_notices() == 0


def test_ulricehamns_liaison_is_on_the_directory(demo, client, load):
    load()  # again: idempotent
    (liaison,) = Liaison.objects.all()
    assert liaison.live and liaison.unit.name == "Strategi- och utvecklingsenheten"
    directory = OrganisationIndexPage.objects.live().get()
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    card = soup.find("section", class_="civil-liaisons").find(class_="civil-liaison")
    assert card.h3.get_text() == "Karin Exempelsson"
    assert "Lots mellan kommunen och civilsamhället" in card.get_text()
