"""Taking a signing request: who may ask, and the one place a request is saved.

An organisation may ask once: not after it signed (or was approved), and not while a request
from it waits for a decision. The same form sent twice by the same person (a double click, a
reload) is the request already saved, not an error. The checks run again inside the saving
transaction, and the database's unique constraints decide a race between two app servers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from civilsamhalle.enums import SigningRequestStatus

from ..models import AgreementPage, Organisation, SigningRequest
from . import tasks

__all__ = ["Outcome", "Problem", "SigningRefused", "problem_with", "submit"]


@dataclass(frozen=True)
class Problem:
    """Why a request cannot be taken, and the form field it is shown on (``None``: the form)."""

    field: str | None
    message: str


class SigningRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class Outcome:
    request: SigningRequest
    created: bool


def _same_organisation(organisation: Organisation | None, country: str, number: str) -> Q:
    """Requests from this organisation: chosen from the register, or typed with its number."""
    if organisation is not None:
        found = Q(organisation=organisation)
        country, number = organisation.country, organisation.organisation_number
    else:
        found = Q(pk__in=[])
    if number:
        found |= Q(organisation__isnull=True, country=country, organisation_number=number)
        found |= Q(organisation__country=country, organisation__organisation_number=number)
    return found


def _waiting(agreement: AgreementPage, fields: dict[str, Any]) -> SigningRequest | None:
    same = _same_organisation(
        fields.get("organisation"), fields.get("country", ""), fields.get("organisation_number", "")
    )
    return agreement.signing_requests.pending().filter(same).order_by("pk").first()


def problem_with(agreement: AgreementPage, fields: dict[str, Any], email: str) -> Problem | None:
    """What stops this request, or ``None``; a waiting request sent from ``email`` is no
    problem (:func:`submit` hands it back)."""
    if not agreement.may_be_asked_to_sign:
        return Problem(None, _("This agreement is not open for signing. Nothing was saved."))
    organisation = fields.get("organisation")
    field = "organisation" if organisation is not None else "organisation_number"
    name = organisation.name if organisation is not None else fields.get("organisation_name", "")
    number = fields.get("organisation_number", "")
    signed = agreement.signatures.filter(organisation__isnull=False)
    if organisation is not None:
        signed = signed.filter(organisation=organisation)
    elif number:
        signed = signed.filter(
            organisation__country=fields.get("country", ""),
            organisation__organisation_number=number,
        )
    else:  # a new organisation without a number cannot be matched to one that signed
        signed = signed.none()
    approved = agreement.signing_requests.filter(
        _same_organisation(organisation, fields.get("country", ""), number),
        status=SigningRequestStatus.APPROVED.value,
    )
    if signed.exists() or approved.exists():
        return Problem(
            field,
            _("%(name)s has already signed %(agreement)s.")
            % {"name": name, "agreement": agreement.title},
        )
    waiting = _waiting(agreement, fields)
    if waiting is not None and waiting.email.casefold() != email.casefold():
        return Problem(
            field,
            _(
                "A request to sign from %(name)s is already waiting for a decision. We will "
                "answer the person who sent it."
            )
            % {"name": name},
        )
    return None


def submit(
    agreement: AgreementPage,
    *,
    language: str,
    consented_at: dt.datetime,
    **fields: Any,
) -> Outcome:
    """Save the request, or hand back the one this person already sent; raises
    :class:`SigningRefused`. Editors are told by email, queued after commit (:mod:`.tasks`)."""
    try:
        with transaction.atomic():
            outcome = _submit(agreement, language, consented_at, fields)
    except IntegrityError:  # the same organisation, in the same instant, from another server
        waiting = _waiting(agreement, fields)
        if waiting is None or waiting.email.casefold() != fields["email"].casefold():
            raise SigningRefused(problem_with(agreement, fields, "") or Problem(None, "")) from None
        return Outcome(waiting, created=False)
    if outcome.created:
        request_id = outcome.request.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.send_editor_notice, request_id))
    return outcome


def _submit(
    agreement: AgreementPage, language: str, consented_at: dt.datetime, fields: dict[str, Any]
) -> Outcome:
    problem = problem_with(agreement, fields, fields["email"])
    if problem is not None:
        raise SigningRefused(problem)
    waiting = _waiting(agreement, fields)
    if waiting is not None:
        return Outcome(waiting, created=False)
    request = SigningRequest.objects.create(
        agreement=agreement, language=language, consented_at=consented_at, **fields
    )
    return Outcome(request, created=True)
