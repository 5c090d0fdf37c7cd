"""Editors decide signing requests: approval adds the signature as a revision (published when the
page is live with nothing waiting), a new organisation becomes a draft, rejection needs a reason;
the emails to editors and to the requester; who may see and decide in the admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.users.models import UserProfile

from civilsamhalle.enums import AgreementStatus, SigningRequestStatus
from tests.app import task_queue
from tests.app.conftest import CivilSite, publish
from wagtail_civil.models import AgreementPage, Organisation, SigningRequest
from wagtail_civil.signing.decisions import DecisionRefused, approve, reject
from wagtail_civil.signing.tasks import send_editor_notice

pytestmark = pytest.mark.django_db

ADMIN = "/admin/signing-requests/"


@pytest.fixture
def agreement(civil_site: CivilSite) -> AgreementPage:
    page = civil_site.agreement
    page.status = AgreementStatus.OPEN_FOR_SIGNING.value
    task_queue.clear()
    return publish(page)


@pytest.fixture
def pro(make_organisation: Any) -> Organisation:
    return make_organisation("PRO Ulricehamn", organisation_number="802400-0005")


def _request(agreement: AgreementPage, **fields: Any) -> SigningRequest:
    given = {
        "organisation_name": "Föreningen Ängsblomman",
        "organisation_number": "802002-4280",
        "organisation_email": "info@angsblomman.example.se",
        "signatory": "Åsa Öberg",
        "signatory_title": "Ordförande",
        "email": "asa@example.se",
        "language": "sv",
    }
    given.update(fields)
    return SigningRequest.objects.create(agreement=agreement, **given)


@pytest.fixture
def new_request(agreement: AgreementPage) -> SigningRequest:
    return _request(agreement)


def _user(username: str, *codenames: str, page: Any = None, page_perm: str = "") -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.se", "lösenord")
    group = Group.objects.create(name=f"Grupp {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    if page is not None:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=page_perm)
        )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


# --- approval and rejection ----------------------------------------------------------------------


def test_approving_a_new_organisation_publishes_the_signature_and_makes_a_draft(
    agreement: AgreementPage, new_request: SigningRequest, admin_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    revisions_before = agreement.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        approval = approve(new_request, admin_user)
    assert approval.created_organisation and approval.published
    organisation = Organisation.objects.get(organisation_number="802002-4280")
    assert (organisation.name, organisation.live) == ("Föreningen Ängsblomman", False)
    assert organisation.revisions.count() == 1  # a draft for review in the register
    assert organisation.email == "info@angsblomman.example.se"
    page = AgreementPage.objects.get(pk=agreement.pk)
    [signature] = page.signatures.all()
    assert signature.organisation == organisation
    assert (signature.signatory, signature.signatory_title) == ("Åsa Öberg", "Ordförande")
    assert signature.date == timezone.localdate()
    assert signature.public_organisation is None  # not linked until the draft is published
    # One new revision by the approving editor, published: the page's history shows it.
    assert page.revisions.count() == revisions_before + 1
    assert page.live_revision == page.latest_revision
    assert page.latest_revision.user == admin_user
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=admin_user)
    saved = SigningRequest.objects.get(pk=new_request.pk)
    assert (saved.status, saved.organisation, saved.decided_by) == (
        "approved", organisation, admin_user)  # fmt: skip
    assert saved.decided_at is not None
    assert task_queue.queued() == [("wagtail_civil.signing.tasks.send_outcome", (saved.pk,))]


def test_approving_links_the_organisation_already_in_the_register(
    agreement: AgreementPage, pro: Organisation, admin_user: Any
) -> None:
    chosen = _request(agreement, organisation=pro, organisation_name="", organisation_number="")
    approval = approve(chosen, admin_user)
    assert approval.organisation == pro and not approval.created_organisation
    typed = _request(agreement, organisation_number="802400-0005", email="b@example.se")
    with pytest.raises(DecisionRefused):  # decided once only
        approve(chosen, admin_user)
    assert approve(typed, admin_user).organisation == pro  # the same number: the same one
    assert Organisation.objects.count() == 1


def test_approval_respects_a_draft_waiting_on_the_page(
    agreement: AgreementPage, new_request: SigningRequest, admin_user: Any
) -> None:
    """An unpublished edit must not go live through an approval: the signature joins the draft."""
    draft = agreement.get_latest_revision_as_object()
    draft.title = "ÖK Idé, reviderad"
    draft.save_revision(user=admin_user)
    approval = approve(new_request, admin_user)
    assert not approval.published
    live = AgreementPage.objects.get(pk=agreement.pk)
    assert live.title == "ÖK Idé" and not live.signatures.exists()
    latest = live.get_latest_revision_as_object()
    assert latest.title == "ÖK Idé, reviderad"
    assert [s.signatory for s in latest.signatures.all()] == ["Åsa Öberg"]


def test_approval_waits_for_moderation(
    agreement: AgreementPage, new_request: SigningRequest, admin_user: Any
) -> None:
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name="Moderators approval")
    workflow.start(agreement, admin_user)
    page = AgreementPage.objects.get(pk=agreement.pk)
    assert page.workflow_in_progress
    approval = approve(new_request, admin_user)
    assert not approval.published
    page = AgreementPage.objects.get(pk=agreement.pk)
    assert page.workflow_in_progress  # the moderation goes on
    assert page.get_latest_revision_as_object().signatures.count() == 1
    assert page.signatures.count() == 0


def test_a_rejection_needs_a_reason_and_keeps_it(
    new_request: SigningRequest, admin_user: Any
) -> None:
    with pytest.raises(DecisionRefused):
        reject(new_request, admin_user, "   ")
    assert SigningRequest.objects.get(pk=new_request.pk).is_pending
    rejected = reject(new_request, admin_user, "Föreningen är inte idéburen.")
    assert (rejected.status, rejected.reason) == ("rejected", "Föreningen är inte idéburen.")
    assert not Organisation.objects.exists()
    assert not AgreementPage.objects.get(pk=new_request.agreement_id).signatures.exists()


# --- emails --------------------------------------------------------------------------------------


def test_editors_who_may_decide_are_told_in_the_sites_language(
    new_request: SigningRequest, admin_user: Any
) -> None:
    _user("beslutare", "view_signingrequest", "change_signingrequest")
    _user("lasare", "view_signingrequest")  # may see, not decide: not told
    assert send_editor_notice.func(new_request.pk)
    [message] = mail.outbox
    assert sorted(message.to) == sorted([admin_user.email, "beslutare@example.se"])
    assert "ÖK Idé" in message.subject
    assert "Föreningen Ängsblomman" in message.body and "802002-4280" in message.body
    assert f"http://testserver{ADMIN}{new_request.pk}/" in message.body
    assert message.reply_to == ["asa@example.se"]


@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_the_requester_is_told_the_outcome_in_their_language(
    agreement: AgreementPage, admin_user: Any, language: str
) -> None:
    from django.utils import translation

    from wagtail_civil.signing.emails import outcome_message

    approved = _request(agreement, language=language)
    approve(approved, admin_user)
    rejected = _request(
        agreement, language=language, organisation_name="Byalaget", email="b@example.se",
        organisation_number="802400-0013",
    )  # fmt: skip
    reject(rejected, admin_user, "Vi behöver veta mer om er verksamhet.")
    yes = outcome_message(SigningRequest.objects.get(pk=approved.pk))
    no = outcome_message(SigningRequest.objects.get(pk=rejected.pk))
    assert yes.to == ["asa@example.se"] and no.to == ["b@example.se"]
    assert "Vi behöver veta mer om er verksamhet." in no.body
    assert "http://testserver/ok-ide/" in yes.body
    with translation.override(language):
        from django.utils.translation import gettext

        expected = gettext("Welcome as a signatory of %(agreement)s") % {"agreement": "ÖK Idé"}
    assert yes.subject == expected


def test_no_outcome_email_once_the_personal_data_is_gone(
    new_request: SigningRequest, admin_user: Any
) -> None:
    from wagtail_civil.signing.tasks import send_outcome

    reject(new_request, admin_user, "Dubblett.")
    SigningRequest.objects.get(pk=new_request.pk).erase_personal_data()
    assert not send_outcome.func(new_request.pk)
    assert not mail.outbox


# --- the admin -----------------------------------------------------------------------------------


def test_without_the_permission_the_requests_are_closed(
    client: Any, new_request: SigningRequest, agreement: AgreementPage
) -> None:
    client.force_login(_user("redaktor", page=agreement, page_perm="change_page"))
    assert client.get(ADMIN).status_code in (302, 403)
    assert client.get(f"{ADMIN}{new_request.pk}/").status_code in (302, 403)
    menu = client.get("/admin/").content.decode()
    assert ADMIN not in menu


def test_with_view_only_the_request_is_shown_but_not_decided(
    client: Any, new_request: SigningRequest, agreement: AgreementPage
) -> None:
    client.force_login(
        _user("lasare", "view_signingrequest", page=agreement, page_perm="change_page")
    )
    listing = client.get(ADMIN)
    assert listing.status_code == 200 and "Åsa Öberg" in listing.content.decode()
    page = client.get(f"{ADMIN}{new_request.pk}/")
    assert "asa@example.se" in page.content.decode()
    assert 'value="approve"' not in page.content.decode()
    refused = client.post(f"{ADMIN}{new_request.pk}/", {"action-decision": "approve"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no"
    assert SigningRequest.objects.get(pk=new_request.pk).is_pending


def test_an_editor_rejects_without_a_reason_and_sees_it_on_the_field(
    editor: Any, new_request: SigningRequest
) -> None:
    url = f"{ADMIN}{new_request.pk}/"
    response = editor.post(url, {"action-decision": "reject", "reason": ""})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    field = soup.find("textarea", attrs={"name": "reason"})
    assert field is not None and field.get("aria-invalid") == "true"
    assert soup.find(id="id_reason-error") or soup.select(".w-field__errors .error-message")
    assert SigningRequest.objects.get(pk=new_request.pk).is_pending
    response = editor.post(url, {"action-decision": "reject", "reason": "Inte idéburen."})
    assert response.status_code == 302
    assert SigningRequest.objects.get(pk=new_request.pk).status == "rejected"
    shown = editor.get(url).content.decode()
    assert "Inte idéburen." in shown and 'value="approve"' not in shown


def test_an_editor_approves_in_the_admin(editor: Any, new_request: SigningRequest) -> None:
    response = editor.post(f"{ADMIN}{new_request.pk}/", {"action-decision": "approve"})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert SigningRequest.objects.get(pk=new_request.pk).status == "approved"
    again = editor.post(f"{ADMIN}{new_request.pk}/", {"action-decision": "reject", "reason": "x"})
    assert again["Location"] == f"{ADMIN}{new_request.pk}/"
    assert SigningRequest.objects.get(pk=new_request.pk).status == "approved"
    decided = editor.get(f"{ADMIN}{new_request.pk}/").content.decode()
    draft = Organisation.objects.get(organisation_number="802002-4280")
    assert f"/admin/snippets/wagtail_civil/organisation/edit/{draft.pk}/" in decided


def test_garbage_in_the_admin_is_no_500(editor: Any, new_request: SigningRequest) -> None:
    assert editor.get(f"{ADMIN}999999/").status_code == 404
    response = editor.post(f"{ADMIN}{new_request.pk}/", {"action-decision": "delete-all"})
    assert response.status_code == 200
    assert editor.get(ADMIN + "?status=nonsense").status_code == 200


def test_the_listing_costs_the_same_whatever_the_number_of_requests(
    editor: Any, agreement: AgreementPage, pro: Organisation,
    django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            _request(agreement, organisation_name=f"Förening {i}", organisation_number="",
                     email=f"p{i}@example.se")  # fmt: skip

    add(2, 0)
    editor.get(ADMIN)  # warm the caches (site, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert editor.get(ADMIN).status_code == 200
    add(30, 10)
    with django_assert_max_num_queries(len(few)):
        response = editor.get(ADMIN + "?status=pending")
    assert "Förening 39" in response.content.decode()
    assert len(few) <= 25, len(few)


def test_decided_at_is_shown_and_the_waiting_ones_filtered(
    editor: Any, agreement: AgreementPage, admin_user: Any
) -> None:
    waiting = _request(agreement, organisation_name="Väntande förening", organisation_number="")
    done = _request(agreement, organisation_name="Avgjord förening", organisation_number="",
                    email="x@example.se")  # fmt: skip
    reject(done, admin_user, "Nej.")
    html = editor.get(ADMIN + f"?status={SigningRequestStatus.PENDING.value}").content.decode()
    assert waiting.organisation_name in html and done.organisation_name not in html
    done.refresh_from_db()
    assert done.decided_at <= timezone.now() < done.decided_at + dt.timedelta(minutes=1)
