"""This site's own meetings and agreements merged with the copies of the sites it follows, for the
regional calendar page and its feed.

The own part starts from ``for_feed()`` (live, public, no aliases) like every other list, so a
draft or a view-restricted meeting is never in a regional list either. A followed site's part is
what its API served, which is only its public content. Every entry carries its UID (the source's
for a followed meeting) and the address of its page on its own site.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from civilsamhalle.calendar import event_uid
from civilsamhalle.model import EventStatus, Meeting

from .. import conf
from ..apps import civil_model
from ..models.federation import FollowedCopy, FollowedItem, FollowedSite
from ..sites import absolute_url, site_name

__all__ = [
    "OWN",
    "RegionalAgreement",
    "RegionalMeeting",
    "SourceState",
    "regional_agreements",
    "regional_meetings",
    "source_states",
]

logger = logging.getLogger(__name__)

OWN = "own"  # the source key of this site's own part, in ?source=


@dataclass(frozen=True)
class RegionalMeeting:
    source: str  # the source's name
    source_key: str  # OWN or the followed site's id
    uid: str
    meeting: Meeting
    url: str

    @property
    def is_cancelled(self) -> bool:
        return self.meeting.status is EventStatus.CANCELLED


@dataclass(frozen=True)
class RegionalAgreement:
    source: str
    source_key: str
    title: str
    url: str
    status: str
    period_start: dt.date | None
    period_end: dt.date | None
    signatories: tuple[str, ...]


@dataclass(frozen=True)
class SourceState:
    """A followed site's copy as the page tells it: when it was last good and whether the last
    attempt failed (the copy shown is then older than it should be)."""

    key: str
    name: str
    fetched_at: dt.datetime | None
    failing: bool


def followed_sites() -> list[FollowedSite]:
    return list(FollowedSite.objects.filter(active=True))


def source_states(sites: list[FollowedSite]) -> list[SourceState]:
    """Each active followed site's meeting copy: its age and whether the last fetch failed."""
    copies = {c.site_id: c for c in FollowedCopy.objects.filter(site__in=sites,
                                                                endpoint="meetings")}  # fmt: skip
    states = []
    for site in sites:
        copy = copies.get(site.pk)
        failing = bool(copy and copy.error)
        states.append(SourceState(str(site.pk), site.name, copy and copy.fetched_at, failing))
    return states


def regional_meetings(
    request: HttpRequest, *, since: dt.datetime, source: str | None = None, own: bool = True
) -> list[RegionalMeeting]:
    """The meetings that end at ``since`` or later, this site's and the followed sites', by
    start then UID; only ``source``'s when given (:data:`OWN` or a followed site's id).

    Cancelled meetings stay for ``conf.cancelled_visible_for()`` after their start, as in every
    feed, so a subscriber's calendar receives the cancellation."""
    entries: list[RegionalMeeting] = []
    now = timezone.now()
    if own and source in (None, OWN):
        entries.extend(_own_meetings(request, since, now))
    sites = {str(s.pk): s for s in followed_sites()}
    items = FollowedItem.objects.filter(endpoint="meetings", site__active=True, end__gte=since)
    if source not in (None, OWN):
        items = items.filter(site_id=int(source))
    elif source == OWN:
        items = items.none()
    for item in items:
        try:
            followed = item.followed_meeting()
        except ValueError:  # a copy stored by an older version that no longer validates
            logger.warning("Followed meeting %s left out: invalid copy", item.uid)
            continue
        if followed.meeting.is_cancelled and followed.meeting.start < now - _cancelled_for():
            continue
        site = sites.get(str(item.site_id))
        if site is not None:
            entries.append(RegionalMeeting(site.name, str(site.pk), followed.uid,
                                           followed.meeting, followed.html_url))  # fmt: skip
    entries.sort(key=lambda e: (e.meeting.start, e.uid))
    return entries


def _cancelled_for() -> dt.timedelta:
    return conf.cancelled_visible_for()


def _own_meetings(
    request: HttpRequest, since: dt.datetime, now: dt.datetime
) -> list[RegionalMeeting]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = (
        civil_model("MeetingPage").objects.descendant_of(site.root_page).for_feed()
        .visible(now).filter(end__gte=since)
    )  # fmt: skip
    name, domain = site_name(site), conf.uid_domain()
    found = []
    for page in pages:
        try:
            meeting = page.to_domain(request)
        except ValueError:  # as the site's own feeds leave it out
            continue
        url = absolute_url(page, request) or ""
        found.append(RegionalMeeting(name, OWN, event_uid(meeting, domain), meeting, url))
    return found


def regional_agreements(
    request: HttpRequest, *, source: str | None = None, own: bool = True
) -> list[RegionalAgreement]:
    """The agreements of this site (live, public) and of the followed sites, by source then
    title."""
    from ..choices import AGREEMENT_STATUS_CHOICES

    labels = {value: str(label) for value, label in AGREEMENT_STATUS_CHOICES}
    found: list[RegionalAgreement] = []
    site = Site.find_for_request(request)
    if own and site is not None and source in (None, OWN):
        pages = (
            civil_model("AgreementPage").objects.live().public().descendant_of(site.root_page)
            .prefetch_related("signatures__organisation").order_by("title", "pk")
        )  # fmt: skip
        for page in pages:
            found.append(RegionalAgreement(
                site_name(site), OWN, page.title, absolute_url(page, request) or "",
                labels.get(page.status, page.status), page.valid_from, page.valid_until,
                tuple(_party(s) for s in page.signatures.all() if _party(s)),
            ))  # fmt: skip
    items = FollowedItem.objects.filter(endpoint="agreements", site__active=True)
    if source == OWN:
        items = items.none()
    elif source is not None:
        items = items.filter(site_id=int(source))
    for item in items.select_related("site").order_by("site__name", "title", "pk"):
        data = item.data
        found.append(RegionalAgreement(
            item.site.name, str(item.site_id), item.title, item.html_url,
            labels.get(data.get("status", ""), data.get("status", "")),
            _date(data.get("period_start")), _date(data.get("period_end")),
            tuple(data.get("signatories") or ()),
        ))  # fmt: skip
    return found


def _party(signature: Any) -> str:
    organisation = signature.organisation
    if organisation is not None and getattr(organisation, "live", True):
        return organisation.name
    return signature.party_name


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
