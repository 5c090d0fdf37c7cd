"""The agreement model: validity, signatures, and commitments computed from the meetings held.

The agreement page is in ``test_agreement_page``, ``to_domain()`` in ``test_domain``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civilsamhalle.commitments import CommitmentState
from wagtail_civil.models import AgreementPage, AgreementSignature

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 18) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_an_agreement_cannot_end_before_it_starts():
    agreement = AgreementPage(
        title="ÖK", slug="ok", valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2023, 12, 31)
    )
    with pytest.raises(ValidationError) as caught:
        agreement.full_clean(exclude=["path", "depth"])
    assert list(caught.value.message_dict) == ["valid_until"]


def test_an_agreement_may_run_until_further_notice_or_one_day():
    for until in (None, dt.date(2024, 1, 1)):
        AgreementPage(
            title="ÖK", slug="ok", valid_from=dt.date(2024, 1, 1), valid_until=until
        ).full_clean(exclude=["path", "depth"])


def test_a_signature_needs_an_organisation_or_a_party_name(make_organisation):
    with pytest.raises(ValidationError) as caught:
        AgreementSignature(party_name="  ").clean()
    assert list(caught.value.message_dict) == ["party_name"]
    AgreementSignature(party_name="Uddevalla kommun").clean()
    AgreementSignature(organisation=make_organisation()).clean()


def test_signature_names_prefer_the_typed_name(make_organisation):
    parish = make_organisation("Bäve församling")
    assert AgreementSignature(organisation=parish).display_name == "Bäve församling"
    typed = AgreementSignature(organisation=parish, party_name="Bäve församling (Svenska kyrkan)")
    assert typed.display_name == "Bäve församling (Svenska kyrkan)"


def test_an_unpublished_signatory_is_named_but_not_linked(make_organisation):
    draft = make_organisation("Nystartad förening", live=False)
    signature = AgreementSignature(organisation=draft)
    assert signature.display_name == "Nystartad förening"
    assert signature.public_organisation is None
    assert AgreementSignature(organisation=make_organisation()).public_organisation is not None


# --- commitments ---------------------------------------------------------------------------------


def test_commitment_is_met_by_published_meetings_held(two_dialogues_a_year, make_meeting):
    today = dt.date(2030, 6, 15)
    for month in (2, 5):
        make_meeting(start=_at(dt.date(2030, month, 10)), agreement=two_dialogues_a_year)
    (status,) = two_dialogues_a_year.commitment_statuses(today)
    assert (status.state, status.held, status.planned) == (CommitmentState.MET, 2, 0)


def test_drafts_cancelled_meetings_and_other_agreements_do_not_count(
    two_dialogues_a_year, make_meeting, make_agreement
):
    today = dt.date(2030, 6, 15)
    other = make_agreement("Annan överenskommelse")
    make_meeting(start=_at(dt.date(2030, 2, 10)), agreement=two_dialogues_a_year)
    make_meeting(start=_at(dt.date(2030, 9, 10)), agreement=two_dialogues_a_year, live=False)
    make_meeting(
        start=_at(dt.date(2030, 10, 10)), agreement=two_dialogues_a_year, status="cancelled"
    )
    make_meeting(start=_at(dt.date(2030, 3, 10)), agreement=other)
    make_meeting(start=_at(dt.date(2030, 4, 10)), agreement=two_dialogues_a_year, kind="workshop")
    (status,) = two_dialogues_a_year.commitment_statuses(today)
    assert (status.state, status.held, status.planned) == (CommitmentState.AT_RISK, 1, 0)


def test_a_planned_meeting_puts_the_commitment_on_track(two_dialogues_a_year, make_meeting):
    today = dt.date(2030, 6, 15)
    make_meeting(start=_at(dt.date(2030, 2, 10)), agreement=two_dialogues_a_year)
    make_meeting(start=_at(dt.date(2030, 11, 10)), agreement=two_dialogues_a_year)
    (status,) = two_dialogues_a_year.commitment_statuses(today)
    assert (status.state, status.held, status.planned) == (CommitmentState.ON_TRACK, 1, 1)
