"""An editor's decision on a signing request: approve (the signature is added) or reject.

Approving adds an ``AgreementSignature`` dated today to the agreement as a new revision by the
approving editor, so the page's history says who added it and when:

- the page is live with nothing waiting: the revision is published at once (the signature is
  public as soon as it is approved, as the requester is told);
- the page has unpublished changes or is in a moderation workflow: the signature is added on top
  of the latest draft and not published, so no one's unfinished edit goes live by an approval and
  the workflow stays as it was; it is published with the page (a workflow publishes the latest
  revision when approved);
- the page is not live, or the editor may not publish it: the revision is saved as a draft.

A new organisation becomes a draft ``Organisation`` (with a revision) for editors to review and
publish in the register; the signature points to it, or to the organisation already in the
register with the same number. The requester is told by email after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from civilsamhalle.enums import SigningRequestStatus

from ..models import AgreementPage, AgreementSignature, Organisation, SigningRequest
from . import tasks

__all__ = ["Approval", "DecisionRefused", "approve", "may_decide", "reject"]

Status = SigningRequestStatus


class DecisionRefused(Exception):
    """The request cannot be decided (already decided, or the page may not be changed)."""


@dataclass(frozen=True)
class Approval:
    request: SigningRequest
    organisation: Organisation
    created_organisation: bool
    published: bool  # the signature is on the live page now


def _locked(signing_request: SigningRequest) -> SigningRequest:
    """The request read again under a row lock: two editors deciding at once decide once."""
    fresh = SigningRequest.objects.select_for_update().get(pk=signing_request.pk)
    if not Status(fresh.status).is_pending:
        raise DecisionRefused(_("This request has already been decided."))
    return fresh


def _organisation_for(signing_request: SigningRequest, user: Any) -> tuple[Organisation, bool]:
    """The register's organisation, or a new draft made from what was typed."""
    if signing_request.organisation_id:
        return signing_request.organisation, False
    existing = Organisation.objects.filter(
        country=signing_request.country,
        organisation_number=signing_request.organisation_number,
    ).exclude(organisation_number="")
    found = existing.order_by("-live", "pk").first()
    if found is not None:
        return found, False
    organisation = Organisation(
        name=signing_request.organisation_name,
        country=signing_request.country,
        organisation_number=signing_request.organisation_number,
        email=signing_request.organisation_email,
        phone=signing_request.organisation_phone,
        live=False,
    )
    organisation.save()
    organisation.save_revision(user=user, log_action=True)
    log(instance=organisation, action="wagtail.create", user=user)
    return organisation, True


def _add_signature(
    agreement: AgreementPage, signing_request: SigningRequest, organisation: Organisation, user: Any
) -> bool:
    """Add the signature as a new revision; whether it was published."""
    waiting = agreement.has_unpublished_changes or agreement.workflow_in_progress
    base = agreement.get_latest_revision_as_object() if waiting else agreement
    order = [s.sort_order or 0 for s in base.signatures.all()]
    base.signatures.add(
        AgreementSignature(
            organisation=organisation,
            signatory=signing_request.signatory,
            signatory_title=signing_request.signatory_title,
            date=timezone.localdate(),
            sort_order=max(order, default=-1) + 1,
        )
    )
    revision = base.save_revision(user=user, log_action=True)
    if agreement.live and not waiting and agreement.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        return True
    return False


def may_decide(signing_request: SigningRequest, user: Any) -> bool:
    """Whether ``user`` may decide: approving changes the agreement page, so they must be able
    to edit it (without the right to publish, the signature waits in a draft for someone who
    may)."""
    return bool(signing_request.agreement.permissions_for_user(user).can_edit())


def approve(signing_request: SigningRequest, user: Any) -> Approval:
    """Approve: the organisation (made as a draft if new), the signature, the email."""
    with transaction.atomic():
        fresh = _locked(signing_request)
        agreement = AgreementPage.objects.get(pk=fresh.agreement_id)
        organisation, created = _organisation_for(fresh, user)
        published = _add_signature(agreement, fresh, organisation, user)
        fresh.organisation = organisation
        fresh.status = Status.APPROVED.value
        fresh.decided_at = timezone.now()
        fresh.decided_by = user
        fresh.reason = ""
        fresh.save()
        request_id = fresh.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_outcome, request_id))
    return Approval(fresh, organisation, created, published)


def reject(signing_request: SigningRequest, user: Any, reason: str) -> SigningRequest:
    """Reject with ``reason`` (required: the requester is told it)."""
    reason = reason.strip()
    if not reason:
        raise DecisionRefused(_("Give the reason for rejecting the request."))
    with transaction.atomic():
        fresh = _locked(signing_request)
        fresh.status = Status.REJECTED.value
        fresh.decided_at = timezone.now()
        fresh.decided_by = user
        fresh.reason = reason
        fresh.save()
        request_id = fresh.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_outcome, request_id))
    return fresh
