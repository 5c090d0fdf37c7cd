"""Which meetings a list, a block or a calendar feed shows.

Every public list starts from :meth:`MeetingPageQuerySet.for_feed` (published and not behind a
view restriction), so privacy is decided in one place and the feed views, blocks and index pages
cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from civilsamhalle.model import EventStatus

from .. import conf
from ..languages import i18n_enabled
from .meeting_parts import MeetingAttendance, MeetingHost

__all__ = ["MeetingPageQuerySet", "MeetingPageManager"]

CANCELLED = EventStatus.CANCELLED.value


class MeetingPageQuerySet(PageQuerySet):
    def for_feed(self) -> MeetingPageQuerySet:
        """Published, public meetings with everything ``to_domain()`` reads fetched up front.

        Listing N meetings takes the same number of queries for any N. Aliases are left out: an
        alias shows the same meeting under another UID, so a calendar program would show it
        twice. Feeds start here too but read rows instead of pages, without the prefetches
        (:func:`.meeting_rows.feed_rows`): one query, and no per-page related caches.
        """
        return (
            self.live()
            .public()
            .filter(alias_of__isnull=True)
            .select_related("agreement", "minutes", "follow_up")
            .prefetch_related(
                "categories",
                # Each host with its organisation in one query, then their categories in one.
                Prefetch("host_links", queryset=MeetingHost.objects.select_related("organisation")),
                "host_links__organisation__categories",
                "programme",
                "speakers__organisation",
                "attending_organisations__organisation",
            )
            .order_by("start", "pk")
        )

    def visible(self, now: dt.datetime | None = None) -> MeetingPageQuerySet:
        """Leave out cancelled meetings once ``conf.cancelled_visible_for()`` has passed since
        their start.

        Until then a cancelled meeting stays, marked, so that calendar programs get the
        cancellation and a resident who planned to come reads that it is off.
        """
        now = now or timezone.now()
        return self.exclude(status=CANCELLED, start__lt=now - conf.cancelled_visible_for())

    def upcoming(self, now: dt.datetime | None = None) -> MeetingPageQuerySet:
        """Meetings not yet over, and recently cancelled ones (:meth:`visible`), soonest first."""
        now = now or timezone.now()
        return (
            self.visible(now).filter(Q(end__gte=now) | Q(status=CANCELLED)).order_by("start", "pk")
        )

    def past(self, now: dt.datetime | None = None) -> MeetingPageQuerySet:
        """Meetings that are over and were not cancelled, most recent first."""
        now = now or timezone.now()
        return self.filter(end__lt=now).exclude(status=CANCELLED).order_by("-start", "-pk")

    def for_agreement(self, agreement: Any) -> MeetingPageQuerySet:
        """Meetings held under an agreement (an ``AgreementPage`` or its id), or under any of
        its translations: a translated meeting may still name the original agreement."""
        if i18n_enabled() and hasattr(agreement, "translation_key"):
            return self.filter(agreement__translation_key=agreement.translation_key)
        return self.filter(agreement=agreement)

    def for_council(self, council: Any) -> MeetingPageQuerySet:
        """Meetings of a council or group (a ``CouncilPage`` or its id, or a translation)."""
        if i18n_enabled() and hasattr(council, "translation_key"):
            return self.filter(council__translation_key=council.translation_key)
        return self.filter(council=council)

    def for_organisation(self, organisation: Any) -> MeetingPageQuerySet:
        """Meetings an organisation hosts or attends (an ``Organisation`` or its slug)."""
        if isinstance(organisation, str):
            org_filter = {"organisation__slug": organisation}
        else:
            org_filter = {"organisation": organisation}
        hosted = self.model.hosts.through.objects.filter(**org_filter).values("page_id")
        attended = MeetingAttendance.objects.filter(**org_filter).values("page_id")
        return self.filter(Q(pk__in=hosted) | Q(pk__in=attended))

    def for_category(self, category: Any) -> MeetingPageQuerySet:
        """Meetings in a category (an ``OrganisationCategory`` or its slug).

        A meeting belongs to a category when the editor tagged it so, or when one of its published
        host organisations is in the category: the culture associations' feed then carries a
        dialogue hosted by a theatre society without anyone having to remember to tag it.
        """
        if isinstance(category, str):
            direct = {"organisationcategory__slug": category}
            via_host = {"organisation__categories__slug": category}
        else:
            direct = {"organisationcategory": category}
            via_host = {"organisation__categories": category}
        tagged = self.model.categories.through.objects.filter(**direct).values("meetingpage_id")
        hosted = self.model.hosts.through.objects.filter(
            organisation__live=True, **via_host
        ).values("page_id")
        return self.filter(Q(pk__in=tagged) | Q(pk__in=hosted))


MeetingPageManager = PageManager.from_queryset(MeetingPageQuerySet)
