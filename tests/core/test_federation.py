"""Reading another site's API answer (civilsamhalle.federation): what is taken, what is left
out, and what refuses the whole answer."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from civilsamhalle.calendar import FeedInfo, FeedLabels
from civilsamhalle.calendar.feed import assemble_feed, event_piece
from civilsamhalle.federation import (
    Refused,
    agreement_from_item,
    domain_allowed,
    list_items,
    meeting_from_item,
    uid_domain,
)
from civilsamhalle.model import EventStatus

UID = "3f1c2d4e-0000-4000-8000-000000000001@ale.se"


def item(**more):
    base = {
        "id": 42,
        "meta": {"html_url": "https://www.ale.se/moten/dialog/", "first_published_at": None},
        "title": "Dialogmöte om ÖK Idé",
        "uid": UID,
        "sequence": 2,
        "status": "confirmed",
        "start": "2027-01-14T18:00:00+01:00",
        "end": "2027-01-14T20:00:00+01:00",
        "timezone": "Europe/Stockholm",
        "mode": "online",
        "online_url": "https://meet.example/ale",
        "venue": None,
    }
    base.update(more)
    return base


def test_a_meeting_keeps_its_uid_and_page():
    followed = meeting_from_item(item(), "www.ale.se")
    assert followed is not None
    assert followed.uid == UID and followed.html_url == "https://www.ale.se/moten/dialog/"
    assert followed.meeting.uid == uuid.UUID(UID.split("@")[0])
    assert followed.meeting.status is EventStatus.SCHEDULED and followed.meeting.sequence == 2


def test_the_feed_writes_the_sources_uid():
    followed = meeting_from_item(item(), "ale.se")
    info = FeedInfo(name="Regionen", uid_domain="lerum.se")
    piece = event_piece(followed.meeting, info, FeedLabels.for_language("sv"), uid=followed.uid)
    assert f"UID:{UID}".encode() in assemble_feed(info, [piece])
    plain = event_piece(followed.meeting, info, FeedLabels.for_language("sv"))
    assert b"@lerum.se" in plain.ical  # without uid= the feed's own domain, as before


@pytest.mark.parametrize(
    ("domain", "expected", "allowed"),
    [
        ("ale.se", "ale.se", True),
        ("ale.se", "www.ale.se", True),
        ("ALE.se", "www.ale.se", True),
        ("uddevalla.se", "www.ale.se", False),
        ("se", "www.ale.se", False),  # a top-level domain is no site's
        ("0.1", "127.0.0.1", False),
        ("127.0.0.1", "127.0.0.1", True),
        ("evilale.se", "ale.se", False),
        ("www.ale.se", "ale.se", False),
        ("", "ale.se", False),
    ],
)
def test_uid_domains(domain, expected, allowed):
    assert domain_allowed(domain, expected) is allowed


@pytest.mark.parametrize(
    "uid", ["3f1c@uddevalla.se", "no-domain", "@ale.se", "", 7, None, "a@ale.se\nX:1"]
)
def test_a_meeting_with_a_foreign_or_missing_uid_refuses_the_answer(uid):
    with pytest.raises(Refused):
        meeting_from_item(item(uid=uid), "ale.se")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "/moten/x/", "", None, "ftp://ale.se/x"])
def test_a_meeting_without_an_http_page_refuses_the_answer(url):
    with pytest.raises(Refused):
        meeting_from_item(item(meta={"html_url": url}), "ale.se")


@pytest.mark.parametrize(
    "change",
    [
        {"start": "garbage"},
        {"end": "2027-01-14T17:00:00+01:00"},  # before it starts
        {"mode": "in_person", "venue": None},  # in person, nowhere
        {"title": ""},
        {"timezone": "Mars/Olympus"},
    ],
)
def test_a_meeting_the_rules_reject_is_only_left_out(change):
    assert meeting_from_item(item(**change), "ale.se") is None


def test_unknown_values_fall_back_rather_than_fail():
    followed = meeting_from_item(item(kind="fika", status="??", mode="online"), "ale.se")
    assert followed is not None and followed.meeting.status is EventStatus.SCHEDULED
    assert uid_domain("a@b@Ale.SE") == "ale.se"


@pytest.mark.parametrize(
    "answer",
    [
        [],
        "text",
        {"items": []},
        {"meta": {"total_count": "3"}, "items": []},
        {"meta": {"total_count": True}, "items": []},
        {"meta": {"total_count": 1}, "items": ["x"]},
    ],
)
def test_an_answer_not_in_the_apis_shape_is_refused(answer):
    with pytest.raises(Refused):
        list_items(answer)


def test_an_agreement():
    agreement = agreement_from_item(
        {
            "id": 7,
            "title": "ÖK Ale",
            "meta": {"html_url": "https://www.ale.se/ok/"},
            "status": "in_force",
            "period_start": "2025-01-01",
            "period_end": "not a date",
            "signatures": [
                {"organisation": {"name": "Ale PRO"}},
                "junk",
                {"organisation": 3},
                {"party": "Ale kommun", "organisation": None},
            ],
        }
    )
    assert agreement.period_start == dt.date(2025, 1, 1) and agreement.period_end is None
    assert agreement.signatories == ("Ale PRO", "Ale kommun")
    real_api = agreement_from_item(
        {"id": 8, "title": "ÖK", "meta": {"html_url": "https://a.se/"}, "valid_from": "2026-01-01"}
    )
    assert real_api.period_start == dt.date(2026, 1, 1)
    with pytest.raises(Refused):
        agreement_from_item({"id": "7", "title": "x", "meta": {"html_url": "https://a.se/"}})
