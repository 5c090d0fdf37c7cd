"""Commitment follow-up: the period fields, the dashboard panel, the prefilled "add a meeting"
form and the email to the agreement's contact, sent once per change to "at risk"."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from wagtail_civil.follow_up.notify import record_changes
from wagtail_civil.follow_up.panel import needing_attention
from wagtail_civil.follow_up.tasks import queue_notices
from wagtail_civil.models import AgreementCommitment, CommitmentNotice, MeetingPage

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(day: dt.date, hour: int = 13) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), STOCKHOLM)


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def lulea(make_agreement: Any) -> Any:
    """In force, two dialogues a year, with a contact."""
    return make_agreement(
        "Lokal överenskommelse i Luleå",
        commitments=[(2, "dialogue")],
        status="in_force",
        contact_name="Åsa Öberg",
        contact_email="asa.oberg@example.org",
    )


# --- validation in the editor's language ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"minimum": 0}, "minimum", "lovar minst ett möte"),
        ({"minimum": -1}, "minimum", "lovar minst ett möte"),
        ({"minimum": 2, "period_months": 0}, "period_months", "minst en månad"),
        ({"minimum": 2, "period_months": -3}, "period_months", "minst en månad"),
    ],
)
def test_nothing_or_negative_is_refused_on_the_field(
    lulea: Any, fields: dict[str, int], field: str, words: str
) -> None:
    commitment = AgreementCommitment(page=lulea, description="Inga möten", **fields)
    with translation.override("sv"), pytest.raises(Exception) as caught:
        commitment.full_clean()
    errors = caught.value.message_dict  # type: ignore[attr-defined]
    assert list(errors) == [field]
    assert str(fields[field]) in errors[field][0]


def test_a_period_commitment_reaches_the_core(lulea: Any) -> None:
    commitment = AgreementCommitment(
        page=lulea, description="Ett möte per halvår", minimum=1, period_months=6,
        period_start=dt.date(2026, 3, 1),
    )  # fmt: skip
    commitment.full_clean(exclude=["page"])
    core = commitment.to_domain()
    assert (core.minimum, core.period_months, core.period_start) == (1, 6, dt.date(2026, 3, 1))


# --- the dashboard panel -------------------------------------------------------------------------


def test_the_panel_lists_a_commitment_at_risk_with_a_link_to_plan_it(
    editor: Any, lulea: Any, make_meeting: Any, civil_site: Any, today: dt.date
) -> None:
    # A meeting today is planned (and in this year, whatever the date).
    make_meeting("Dialog", start=local(today), kind="dialogue", agreement=lulea)
    response = editor.get("/admin/")
    html = response.content.decode()
    assert "Åtaganden att följa upp" in html
    assert "Lokal överenskommelse i Luleå" in html
    assert "0 av 2 genomförda, 1 planerat" in html
    link = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    assert f"{link}?agreement={lulea.pk}&amp;kind=dialogue" in html


def test_nothing_needs_attention_when_every_commitment_is_on_track(
    lulea: Any, make_meeting: Any, admin_user: Any
) -> None:
    for day in (dt.date(2029, 3, 1), dt.date(2029, 9, 1), dt.date(2030, 2, 1), dt.date(2030, 9, 1)):
        make_meeting(start=local(day), kind="dialogue", agreement=lulea)
    assert needing_attention(admin_user, today=dt.date(2030, 6, 15)) == []
    # The next year begins with nothing planned: at risk; the year before was kept.
    (next_year,) = needing_attention(admin_user, today=dt.date(2031, 1, 10))
    assert (next_year.status.year, next_year.status.state, next_year.previous) == (
        2031, "at_risk", False,
    )  # fmt: skip


def test_last_years_missed_promise_is_shown_without_a_plan_link(
    lulea: Any, make_meeting: Any, admin_user: Any, today: dt.date
) -> None:
    last_year = dt.date(today.year - 1, 5, 5)
    make_meeting(start=local(last_year), kind="dialogue", agreement=lulea)
    items = needing_attention(admin_user)
    previous = [f for f in items if f.previous]
    assert [(f.status.year, f.status.state, f.status.held) for f in previous] == [
        (today.year - 1, "missed", 1)
    ]


def test_a_draft_agreement_or_one_not_in_force_is_not_followed_up(
    make_agreement: Any, admin_user: Any
) -> None:
    make_agreement("Utkast", commitments=[(2, "")], status="in_force", live=False)
    make_agreement("Öppen för undertecknande", commitments=[(2, "")], status="open_for_signing")
    assert needing_attention(admin_user) == []


def test_an_editor_sees_only_agreements_they_may_edit(lulea: Any, django_user_model: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("ase", password="x")
    group = Group.objects.create(name="Redaktörer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    assert needing_attention(user) == []


def test_the_panel_takes_the_same_queries_for_any_number_of_agreements(
    editor: Any, make_agreement: Any, make_meeting: Any, django_assert_max_num_queries: Any,
    today: dt.date,
) -> None:  # fmt: skip
    def add(n: int) -> None:
        for i in range(n):
            agreement = make_agreement(
                f"Avtal {i}", commitments=[(2, "dialogue"), (1, "")], status="in_force"
            )
            make_meeting(start=local(today + dt.timedelta(days=2)), kind="dialogue",
                         agreement=agreement)  # fmt: skip

    add(1)
    editor.get("/admin/")  # caches warmed
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        editor.get("/admin/")
    add(6)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = editor.get("/admin/")
    # per agreement: one at risk now, two missed last year
    assert response.content.decode().count("civil-follow-up") == 21


# --- the prefilled "add a meeting" form ----------------------------------------------------------


def test_the_plan_link_opens_wagtails_form_with_agreement_and_kind(
    editor: Any, lulea: Any, civil_site: Any
) -> None:
    url = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    response = editor.get(url, {"agreement": lulea.pk, "kind": "hearing"})
    form = response.context["form"]
    assert form.initial["agreement"] == lulea.pk
    assert form.initial["kind"] == "hearing"


@pytest.mark.parametrize(
    "query", [{"agreement": "x", "kind": "nonsense"}, {"agreement": "999999"}, {}]
)
def test_garbage_in_the_plan_link_gives_the_ordinary_form(
    editor: Any, civil_site: Any, query: dict[str, str]
) -> None:
    url = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    response = editor.get(url, query)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial.get("agreement") is None
    assert form.initial["kind"] == MeetingPage._meta.get_field("kind").default


# --- the email, once per change ------------------------------------------------------------------


def test_the_contact_is_emailed_once_when_a_commitment_turns_at_risk(
    lulea: Any, make_meeting: Any, email_queue: Any, today: dt.date, settings: Any
) -> None:
    settings.LANGUAGE_CODE = "sv"
    assert queue_notices() == 1
    assert [name for name, _ in email_queue.queued()] == [
        "wagtail_civil.follow_up.tasks.send_commitment_email"
    ]
    email_queue.run_queue()
    (message,) = mail.outbox
    assert message.to == ["asa.oberg@example.org"]
    assert message.subject == ("I riskzonen: Minst 2 möten per år (Lokal överenskommelse i Luleå)")
    assert "Hej Åsa Öberg!" in message.body
    assert "0 av 2 genomförda, 0 planerade — I riskzonen" in message.body
    assert f"?agreement={lulea.pk}&kind=dialogue" in message.body
    assert CommitmentNotice.objects.get().notified_at is not None

    # Judged again, nothing changed: nothing sent. Run by the daily command, too.
    call_command("notify_commitments", stdout=open("/dev/null", "w"))
    assert queue_notices() == 0 and email_queue.queued() == []


def test_a_commitment_that_recovers_and_falls_back_is_told_again(
    lulea: Any, make_meeting: Any, email_queue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    day = dt.date(2030, 3, 1)
    assert queue_notices(today=day) == 1
    planned = [
        make_meeting(start=local(d), kind="dialogue", agreement=lulea)
        for d in (dt.date(2030, 5, 1), dt.date(2030, 10, 1))
    ]
    assert queue_notices(today=day) == 0  # on track: stored, no email
    assert CommitmentNotice.objects.get().state == "on_track"
    # Unpublishing one queues a check of this agreement after the commit.
    email_queue.clear()
    with django_capture_on_commit_callbacks(execute=True):
        planned[0].unpublish()
    assert email_queue.queued() == [
        ("wagtail_civil.follow_up.tasks.check_commitments", (lulea.pk,))
    ]
    email_queue.clear()
    assert queue_notices(lulea.pk, today=day) == 1  # at risk again: told again
    assert CommitmentNotice.objects.get().state == "at_risk"
    assert queue_notices(today=day) == 0


def test_an_email_no_longer_true_is_not_sent(lulea: Any, email_queue: Any) -> None:
    assert queue_notices() == 1
    lulea.status = "expired"
    lulea.save_revision().publish()
    email_queue.run_queue()
    assert mail.outbox == []
    assert CommitmentNotice.objects.get().notified_at is None


def test_no_contact_no_email_but_the_state_is_stored(make_agreement: Any, email_queue: Any) -> None:
    make_agreement("Utan kontakt", commitments=[(1, "")], status="in_force")
    assert record_changes() == []
    assert CommitmentNotice.objects.get().state == "at_risk"


def test_the_email_is_in_the_sites_language(lulea: Any, email_queue: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"
    queue_notices()
    email_queue.run_queue()
    (message,) = mail.outbox
    assert message.subject.startswith("At risk: ")
    assert "0 of 2 held, 0 planned — At risk" in message.body


# --- the agreement page and the import -----------------------------------------------------------


def test_the_agreement_page_says_which_part_of_the_period_is_judged(
    client: Any, make_agreement: Any, today: dt.date
) -> None:
    from tests.app.page_html import parse

    first = dt.date(today.year, 10, 1)
    agreement = make_agreement(
        "Överenskommelse från oktober", commitments=[(2, "dialogue")], valid_from=first,
        status="in_force",
    )  # fmt: skip
    text = parse(client.get(agreement.url)).main.get_text(" ", strip=True)
    assert f"Från 1 oktober {today.year} till 31 december {today.year}" in text
    assert "1 möte för den del av perioden överenskommelsen gäller" in text
    assert "0 av 1 genomfört" in text


def test_an_imported_period_commitment_keeps_its_period(civil_site: Any) -> None:
    from pathlib import Path

    from civilsamhalle.interchange import load
    from wagtail_civil.importing import import_dataset

    dataset = load(Path(__file__).resolve().parents[2] / "docs" / "example-dataset.json")
    import_dataset(dataset, civil_site.home)
    quarterly = AgreementCommitment.objects.get(period_months=3)
    assert (quarterly.minimum, quarterly.period_start) == (1, dt.date(2024, 1, 1))
