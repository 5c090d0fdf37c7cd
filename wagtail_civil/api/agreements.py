"""``/api/v2/agreements/``: published, public agreements, who signed them, and how each
commitment stands, computed as the agreement's page computes it (never typed in).

The states come from :func:`wagtail_civil.follow_up.statuses.follow_ups`, which judges every
agreement of an answer in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from wagtail.api import APIField

from ..choices import AGREEMENT_STATUS_CHOICES
from ..follow_up.statuses import follow_ups
from ..models import AgreementPage, AgreementSignature
from .base import CivilPagesEndpoint
from .fields import Computed, feed_url, local_iso, organisation_ref
from .filters import choice_filter, parse_id, parse_slug

__all__ = ["AgreementsEndpoint"]


def _signatures(agreement: AgreementPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    """Each party as the agreement's page shows it; an unpublished organisation is not named
    (its signature is listed only under a typed party name)."""
    found = []
    for signature in agreement.signatures.all():
        organisation = signature.organisation if signature.organisation_id else None
        public = organisation if organisation is not None and organisation.live else None
        party = signature.party_name.strip() or (public.name if public else "")
        if not party:
            continue
        found.append(
            {
                "party": party,
                "organisation": organisation_ref(public) if public else None,
                "signatory": signature.signatory,
                "signatory_title": signature.signatory_title,
                "signed_on": signature.date.isoformat() if signature.date else None,
            }
        )
    return found


def _commitments(agreement: AgreementPage, context: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for follow_up in context.get("follow_ups", {}).get(agreement.pk, []):
        commitment, status = follow_up.commitment, follow_up.status
        period = status.period
        found.append(
            {
                "description": commitment.description,
                "minimum": commitment.minimum,
                "meeting_kind": commitment.meeting_kind or None,
                "period_months": commitment.period_months,
                "state": status.state.value,
                "held": status.held,
                "planned": status.planned,
                "required": status.required,
                "period": {"start": period.first.isoformat(), "end": period.last.isoformat()}
                if period
                else None,
            }
        )
    return found


def _organisation(agreements: QuerySet, value: str, view: Any) -> QuerySet:
    """Agreements a published organisation signed."""
    pk = parse_id("organisation", value)
    signed = AgreementSignature.objects.filter(organisation_id=pk, organisation__live=True)
    return agreements.filter(pk__in=signed.values("page_id"))


def _category(agreements: QuerySet, value: str, view: Any) -> QuerySet:
    """Agreements signed by a published organisation of the category."""
    slug = parse_slug("category", value)
    signed = AgreementSignature.objects.filter(
        organisation__live=True, organisation__categories__slug=slug
    )
    return agreements.filter(pk__in=signed.values("page_id"))


class AgreementsEndpoint(CivilPagesEndpoint):
    """The agreements of the request's site, by title."""

    name = "agreements"
    model = AgreementPage
    fields: ClassVar[list[Any]] = [
        "title",
        "status",
        "valid_from",
        "valid_until",
        APIField("signatures", serializer=Computed(_signatures)),
        APIField("commitments", serializer=Computed(_commitments)),
        APIField("feed_url", serializer=Computed(lambda a, c: feed_url("agreement", a, c))),
        APIField(
            "last_published_at", serializer=Computed(lambda a, c: local_iso(a.last_published_at))
        ),
    ]
    filters: ClassVar[dict[str, Any]] = {
        "organisation": _organisation,
        "category": _category,
        "status": choice_filter("status", AGREEMENT_STATUS_CHOICES),
    }
    order_fields: ClassVar[tuple[str, ...]] = ("title", "id", "valid_from", "last_published_at")

    def get_queryset(self) -> Any:
        signatures = AgreementSignature.objects.select_related("organisation").order_by(
            "sort_order", "pk"
        )
        return (
            self.public_pages()
            .prefetch_related(Prefetch("signatures", queryset=signatures))
            .order_by("title", "pk")
        )

    def prepare(self, items: list[Any], context: dict[str, Any]) -> None:
        """Every commitment of the answer's agreements judged at once (a few queries)."""
        by_agreement: dict[int, list[Any]] = defaultdict(list)
        if items:
            chosen = AgreementPage.objects.filter(pk__in=[a.pk for a in items])
            for follow_up in follow_ups(chosen):
                by_agreement[follow_up.agreement.pk].append(follow_up)
        context["follow_ups"] = by_agreement
