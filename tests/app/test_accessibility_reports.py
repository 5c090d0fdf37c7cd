"""Reporting an accessibility problem: the form on the statement's ``report/`` route, what it
refuses (on the field, with the typing kept), the emails it queues (editors with the permission,
a receipt to the resident), the admin listing and its personal data, and erasing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.app import task_queue
from tests.app.accessibility import *  # noqa: F403 (the fixtures)
from tests.app.accessibility import report_data
from wagtail_civil.accessibility import retention
from wagtail_civil.checks import check_settings
from wagtail_civil.models import AccessibilityReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_queue(email_queue):
    """Each test counts its own tasks: none left from a test before it on this worker."""
    return email_queue


LIST = "/admin/accessibility-reports/"


def sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_error(response: Any, name: str) -> str:
    found = soup(response).find(id=f"a11y-{name}-error")
    assert found is not None, f"no error on {name}"
    return found.get_text(" ", strip=True)


def _user(username: str, *codenames: str) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@testkommun.se", "lösen")
    group = Group.objects.create(name=f"Grupp {username}")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", *codenames])
    )  # fmt: skip
    user.groups.add(group)
    return user


def test_a_report_is_saved_and_reaches_the_editors_and_the_resident(
    client, statement, django_capture_on_commit_callbacks
):
    _user("webbredaktor", "view_accessibility_report_personal_data", "view_accessibilityreport")
    _user("annan", "view_accessibilityreport")  # sees the listing, not the words: not told
    form = client.get(statement.url + "report/?page=/moten/")
    assert soup(form).find(id="a11y-page_url")["value"] == "/moten/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url + "report/", report_data())
    assert response.status_code == 303
    assert response["Location"] == statement.url + "report/"
    report = AccessibilityReport.objects.get()
    assert (report.name, report.email, report.status) == ("Åsa Öberg", "asa@example.org", "new")
    assert report.statement_id == statement.pk and report.language == "sv"
    assert mail.outbox == []  # queued, not sent inside the request
    assert task_queue.run_queue() == 2
    to_editors, receipt = mail.outbox  # queued in this order
    assert to_editors.to == ["webbredaktor@testkommun.se"]
    assert to_editors.reply_to == ["asa@example.org"]
    assert "Kalendern går inte att använda" in to_editors.body
    assert f"/admin/accessibility-reports/edit/{report.pk}/" in to_editors.body
    assert receipt.to == ["asa@example.org"] and receipt.reply_to == ["webb@testkommun.se"]
    assert "/moten/" in receipt.body
    shown = client.get(response["Location"])
    assert soup(shown).find(id="civil-messages") is not None


def test_an_anonymous_report_gets_no_receipt(client, statement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url + "report/", report_data(name="", email=""))
    assert response.status_code == 303
    assert [name for name, _ in task_queue.queued()] == [
        "wagtail_civil.accessibility.tasks.send_editor_notice"
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"page_url": " "}, "page_url", "Tell us which page or document the problem is on."),
        ({"description": ""}, "description", "Describe the problem."),
        ({"email": "inte-en-adress"}, "email", "Enter an email address like namn@example.se."),
    ],
)
def test_bad_input_is_shown_on_the_field_with_the_typing_kept(client, statement, changes, field,
                                                              words):  # fmt: skip
    response = client.post(statement.url + "report/", report_data(**changes))
    assert response.status_code == 200
    assert field_error(response, field) == sv(words)
    page = soup(response)
    assert page.find(id="a11y-name")["value"] == "Åsa Öberg"
    assert page.find(id="a11y-problems") is not None
    assert not AccessibilityReport.objects.exists()


def test_the_honeypot_and_the_rate_limit_save_nothing(client, statement):
    response = client.post(statement.url + "report/", report_data(website="http://spam"))
    assert response.status_code == 200
    assert soup(response).find(id="a11y-description").get_text().strip().startswith("Kalendern")
    # The honeypot post counted as one attempt.
    with override_settings(WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT=(2, 600)):
        assert client.post(statement.url + "report/", report_data()).status_code == 303
        limited = client.post(statement.url + "report/", report_data(name="Björn"))
    assert limited.status_code == 429 and int(limited["Retry-After"]) == 600
    assert soup(limited).find(id="a11y-name")["value"] == "Björn"
    assert AccessibilityReport.objects.count() == 1


def test_no_form_when_switched_off_and_garbage_is_refused(client, make_statement):
    statement = make_statement(takes_reports=False)
    assert client.get(statement.url + "report/").status_code == 404
    assert client.post(statement.url + "report/", report_data()).status_code == 404
    assert client.get(statement.url + "report/x/").status_code == 404
    draft = AccessibilityReport.objects.count()
    assert draft == 0


def test_the_admin_listing_hides_personal_data_without_the_permission(client, statement):
    report = AccessibilityReport.objects.create(statement=statement, **{
        k: v for k, v in report_data().items() if k != "website"})  # fmt: skip
    viewer = _user("lasare", "view_accessibilityreport")
    client.force_login(viewer)
    listing = client.get(LIST).content.decode()
    assert "https://testserver/moten/" in listing and "Kalendern" not in listing
    assert client.get(f"{LIST}edit/{report.pk}/").status_code in (302, 403)  # may not change
    marker = _user("markerare", "view_accessibilityreport", "change_accessibilityreport",
                   "view_accessibility_report_personal_data")  # fmt: skip
    client.force_login(marker)
    assert "Kalendern" in client.get(LIST).content.decode()
    assert client.get(f"{LIST}new/").status_code in (302, 403)  # reports come from the form
    response = client.post(f"{LIST}edit/{report.pk}/", {"status": "answered"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "answered" and report.answered_at is not None
    assert report.description.startswith("Kalendern")  # read-only fields are kept


def test_personal_data_is_erased_after_the_retention(statement):
    now = timezone.now()
    fields = {k: v for k, v in report_data().items() if k != "website"}
    old = AccessibilityReport.objects.create(statement=statement, **fields,
                                             created_at=now - dt.timedelta(days=400))  # fmt: skip
    answered = AccessibilityReport.objects.create(
        statement=statement, **fields, created_at=now - dt.timedelta(days=500),
        status="answered", answered_at=now - dt.timedelta(days=10),
    )  # fmt: skip
    fresh = AccessibilityReport.objects.create(statement=statement, **fields)
    assert set(retention.expired(now)) == {old}
    call_command("erase_accessibility_reports", "--dry-run", stdout=(out := io.StringIO()))
    assert "Would erase 1 accessibility report " in out.getvalue()
    call_command("erase_accessibility_reports", stdout=(out := io.StringIO()))
    assert "Erased the personal data of 1 accessibility report " in out.getvalue()
    old.refresh_from_db()
    assert (old.description, old.name, old.email) == ("", "", "")
    assert old.page_url == "https://testserver/moten/" and old.erased_at is not None
    for kept in (answered, fresh):
        kept.refresh_from_db()
        assert kept.email == "asa@example.org"
    call_command("erase_accessibility_reports", stdout=(again := io.StringIO()))
    assert "of 0 accessibility reports" in again.getvalue()


def test_a_wrong_retention_is_refused_and_reported():
    with override_settings(WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS="ett år"):
        with pytest.raises(CommandError, match="Nothing was erased"):
            call_command("erase_accessibility_reports")
        assert "wagtail_civil.W021" in [m.id for m in check_settings(None)]
    assert "wagtail_civil.W021" not in [m.id for m in check_settings(None)]
