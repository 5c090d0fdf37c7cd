"""Every commitment's state across many agreements, in a constant number of queries.

The agreement page computes its own commitments (``AgreementPage.commitment_statuses``); the
dashboard panel and the daily notification look at every agreement at once, so they fetch the
agreements, their commitments and all the meetings under them in a few queries and let the core
(:mod:`civilsamhalle.commitments`) judge each commitment. The meetings counted are the ones the
agreement's public page counts: published, public, not aliases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from civilsamhalle import model as domain
from civilsamhalle.commitments import (
    CommitmentStatus,
    evaluate_agreement,
    evaluate_period,
    period_containing,
)

from ..models import AgreementCommitment, AgreementPage, MeetingIndexPage, MeetingPage
from ..models.meeting_rows import feed_rows, meeting_from_row

__all__ = ["FollowUp", "follow_ups", "plan_meeting_url"]


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One commitment of one agreement with its computed state, and where to plan a meeting."""

    agreement: AgreementPage
    commitment: AgreementCommitment
    status: CommitmentStatus
    plan_url: str | None = None
    previous: bool = False  # the period before the current one

    @property
    def period_key(self) -> dt.date:
        """The first day judged: what a notification is remembered by."""
        assert self.status.period is not None
        return self.status.period.first


def _domain(agreement: AgreementPage, commitments: list[AgreementCommitment]) -> domain.Agreement:
    # Only what judging needs: signatures and principles would cost queries and change nothing.
    return domain.Agreement(
        id=str(agreement.pk),
        title=agreement.title,
        valid_from=agreement.valid_from,
        valid_until=agreement.valid_until,
        commitments=tuple(c.to_domain() for c in commitments),
    )


def follow_ups(
    agreements: QuerySet[AgreementPage],
    today: dt.date | None = None,
    *,
    with_links: bool = False,
    with_previous: bool = False,
) -> list[FollowUp]:
    """Each commitment of ``agreements`` in its current period, agreement by agreement, and
    ``with_previous`` also in the period before (if the agreement was in force in it).

    Four queries (five ``with_links``), whatever the number of agreements and meetings.
    """
    today = today or timezone.localdate()
    pages = list(
        agreements.order_by("title", "pk").prefetch_related(
            Prefetch("commitments", queryset=AgreementCommitment.objects.order_by("sort_order"))
        )
    )
    if not pages:
        return []
    meetings = (
        MeetingPage.objects.live()
        .public()
        .filter(alias_of__isnull=True, agreement__in=[p.pk for p in pages])
        .order_by("start", "pk")
    )
    # The rows name the agreement by slug, which two sites may share: judge by the page's id.
    agreement_of = dict(meetings.values_list("pk", "agreement_id"))
    rows = feed_rows(meetings)
    by_agreement: dict[int, list[domain.Meeting]] = defaultdict(list)
    paths: dict[int, list[str]] = defaultdict(list)
    for raw in rows.raw:
        row = rows.row(raw)
        agreement_id = agreement_of.get(row["id"])
        if agreement_id is None:
            continue  # unpublished between the two queries
        try:
            meeting = meeting_from_row(row, None)
        except ValueError:
            continue  # data the core rejects (as a feed leaves it out): it keeps no promise
        meeting = meeting.model_copy(update={"agreement_id": str(agreement_id)})
        by_agreement[agreement_id].append(meeting)
        paths[agreement_id].append(row["url_path"])
    indexes = _meeting_indexes() if with_links else []
    found = []
    for page in pages:
        commitments = list(page.commitments.all())
        if not commitments:
            continue
        own = by_agreement[page.pk]
        statuses = evaluate_agreement(_domain(page, commitments), own, today)
        for commitment, status in zip(commitments, statuses, strict=True):
            url = None
            if with_links:
                url = plan_meeting_url(page, commitment, _index_for(page, paths[page.pk], indexes))
            if with_previous:
                before = _previous(page, commitment, status, own, today)
                if before is not None:
                    found.append(FollowUp(page, commitment, before, url, previous=True))
            found.append(FollowUp(page, commitment, status, url))
    return found


def _previous(
    page: AgreementPage,
    commitment: AgreementCommitment,
    current: CommitmentStatus,
    meetings: list[domain.Meeting],
    today: dt.date,
) -> CommitmentStatus | None:
    assert current.period is not None
    core = commitment.to_domain()
    day = current.period.first - dt.timedelta(days=1)
    period = period_containing(core, day, page.valid_from)
    if period.clipped(page.valid_from, page.valid_until) is None:
        return None
    return evaluate_period(
        core, meetings, period, today, valid_from=page.valid_from, valid_until=page.valid_until
    )


def _meeting_indexes() -> list[tuple[int, str]]:
    return list(MeetingIndexPage.objects.order_by("path").values_list("pk", "url_path"))


def _index_for(
    agreement: AgreementPage, meeting_paths: list[str], indexes: list[tuple[int, str]]
) -> int | None:
    """The meeting index the agreement's meetings are in, else the first on its site."""
    for path in reversed(meeting_paths):
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        for pk, url_path in indexes:
            if url_path == parent:
                return pk
    site_root = "/".join(agreement.url_path.split("/")[:2]) + "/"
    for pk, url_path in indexes:
        if url_path.startswith(site_root):
            return pk
    return indexes[0][0] if indexes else None


def plan_meeting_url(
    agreement: AgreementPage, commitment: AgreementCommitment, index_id: int | None
) -> str | None:
    """Wagtail's "add a meeting" form under ``index_id``, with the agreement and the kind filled
    in (see :mod:`.prefill`); ``None`` when the site has no meeting index."""
    if index_id is None:
        return None
    url = reverse("wagtailadmin_pages:add", args=("wagtail_civil", "meetingpage", index_id))
    query: dict[str, Any] = {"agreement": agreement.pk}
    if commitment.meeting_kind:
        query["kind"] = commitment.meeting_kind
    return f"{url}?{urlencode(query)}"
