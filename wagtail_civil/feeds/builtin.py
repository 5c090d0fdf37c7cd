"""The app's feeds: one short subclass of :class:`.MeetingFeed` per kind, registered in order.

The order is the subscribe block's order of choices; the labels are its choices' words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from ..apps import civil_model
from ..sites import absolute_url, site_name
from .base import MeetingFeed, register_feed

__all__ = [
    "AgreementFeed",
    "AllMeetingsFeed",
    "CategoryFeed",
    "CouncilFeed",
    "MeetingListFeed",
    "OrganisationFeed",
    "SingleMeetingFeed",
]


@register_feed
class AllMeetingsFeed(MeetingFeed):
    """Every meeting of the site."""

    kind = "all"
    route = "calendar/all.ics"
    url_attribute = None
    label = gettext_lazy("All meetings")

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Site:
        return self.site(request)

    def name(self, obj: Site, request: HttpRequest) -> str:
        # Translators: the name of the calendar of all meetings, e.g. "Möten: Uddevalla kommun"
        return _("Meetings: %(site)s") % {"site": site_name(obj)}

    def description(self, obj: Site, request: HttpRequest) -> str:
        return _("All public meetings published by %(site)s.") % {"site": site_name(obj)}

    def link(self, obj: Site, request: HttpRequest) -> str | None:
        return absolute_url(obj.root_page, request)

    def filename(self, obj: Site) -> str:
        return site_name(obj)

    def changed_at(self, obj: Site) -> dt.datetime | None:
        return None


@register_feed
class MeetingListFeed(MeetingFeed):
    """The meetings a meeting list (``MeetingIndexPage``) shows."""

    kind = "index"
    route = "calendar/meetings/<civil_pk:pk>.ics"
    label = gettext_lazy("The meetings of one meeting list")
    block_field = "meeting_index"
    object_model = "MeetingIndexPage"
    description_text = gettext_lazy("The meetings listed on “%(title)s”, published by %(site)s.")

    def meetings(self, obj: Any, request: HttpRequest) -> Any:
        return obj.get_meetings()

    def name(self, obj: Any, request: HttpRequest) -> str:
        # Translators: a calendar's name: a meeting list's title and the site's name
        return _("%(title)s – %(site)s") % self.words(obj, request)


@register_feed
class AgreementFeed(MeetingFeed):
    """The meetings held under an agreement."""

    kind = "agreement"
    route = "calendar/agreements/<civil_pk:pk>.ics"
    label = gettext_lazy("The meetings under an agreement")
    block_field = filter_field = "agreement"
    object_model, narrow_by = "AgreementPage", "for_agreement"
    description_text = gettext_lazy(
        "Meetings held under the agreement “%(title)s”, published by %(site)s."
    )


@register_feed
class CouncilFeed(MeetingFeed):
    """The meetings of a council or group (samråd, steering group, …), linked from its page.

    Not offered by the subscribe block (no ``label``): the council page has its own box.
    """

    kind = "council"
    route = "calendar/councils/<civil_pk:pk>.ics"
    object_model, narrow_by = "CouncilPage", "for_council"
    description_text = gettext_lazy("Meetings of “%(title)s”, published by %(site)s.")


@register_feed
class OrganisationFeed(MeetingFeed):
    """The meetings an organisation hosts or takes part in."""

    kind = "organisation"
    route = "calendar/organisations/<civil_pk:pk>.ics"
    label = gettext_lazy("One organisation's meetings")
    block_field = filter_field = "organisation"
    object_model, narrow_by = "Organisation", "for_organisation"
    description_text = gettext_lazy(
        "Meetings that %(title)s hosts or takes part in, published by %(site)s."
    )

    def title(self, obj: Any) -> str:
        return obj.name


@register_feed
class CategoryFeed(MeetingFeed):
    """The meetings tagged with a category or hosted by one of its organisations."""

    kind = "category"
    route = "calendar/categories/<civil_pk:pk>.ics"
    label = gettext_lazy("One category's meetings")
    block_field = filter_field = "category"
    object_model, narrow_by = "OrganisationCategory", "for_category"
    description_text = gettext_lazy("Meetings of %(title)s, published by %(site)s.")

    def title(self, obj: Any) -> str:
        return obj.name

    def link(self, obj: Any, request: HttpRequest) -> str | None:
        """The organisation directory filtered by the category (a category has no page)."""
        directory = civil_model("OrganisationIndexPage").find_for_request(request)
        if directory is None:
            return None
        url = absolute_url(directory, request)
        return f"{url}?{urlencode({'category': obj.slug})}" if url else None

    def changed_at(self, obj: Any) -> dt.datetime | None:
        return None


@register_feed
class SingleMeetingFeed(MeetingFeed):
    """One meeting, for "add to calendar": served as long as its page is, so no window."""

    kind = "meeting"
    route = "calendar/meeting/<civil_pk:pk>.ics"
    windowed = False
    attachment = True

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        found = list(self.site_meetings(request).filter(pk=kwargs["pk"]))
        if not found:
            raise Http404
        return found[0]

    def meetings(self, obj: Any, request: HttpRequest) -> list[Any]:
        return [obj]

    def name(self, obj: Any, request: HttpRequest) -> str:
        return _("%(title)s – %(site)s") % self.words(obj, request)

    def changed_at(self, obj: Any) -> dt.datetime | None:
        return None
