"""Template tags for the app's pages and blocks: ``{% load civil_tags %}``.

The tags stay thin: the rules live in :mod:`wagtail_civil.presentation` (what a page shows),
:mod:`~wagtail_civil.dates`, :mod:`~wagtail_civil.jsonld` and :mod:`~wagtail_civil.feed_urls`,
so a site that overrides a template keeps every rule by calling the same tags.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django import template
from django.forms import BoundField
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from pydantic import ValidationError

from civilsamhalle.links import google_calendar_url, outlook_calendar_url

from .. import conf, dates, jsonld, month_calendar, participation, presentation
from ..accessibility.footer import statement_url
from ..apps import civil_model
from ..feed_urls import feed_path, feed_urls
from ..feed_words import feed_labels
from ..feeds import FEEDS
from ..languages import Translation, i18n_enabled, translations_of
from ..sites import site_name

register = template.Library()

# Ids for form controls in boxes that may appear several times on one page.
_ids = itertools.count(1)


def _request(context: template.Context) -> HttpRequest | None:
    return context.get("request")


# --- time -----------------------------------------------------------------------------------------


@register.simple_tag
def civil_time_zone() -> str:
    """The municipality's time zone name, for ``{% timezone %}`` around hand-written dates."""
    return conf.time_zone()


@register.filter
def civil_time_range(obj: Any, arg: str = "") -> SafeString | str:
    """``{{ meeting|civil_time_range }}``: "tisdag 13 oktober 2026, 18:00–21:00" in
    ``<time>`` elements; ``|civil_time_range:"short"`` leaves out the weekday."""
    return dates.time_range_html(obj, weekday=arg != "short")


@register.filter
def civil_datetime(value: dt.datetime | None, arg: str = "") -> SafeString | str:
    """A date-time in the municipality's time zone, in a ``<time>`` element."""
    return dates.datetime_html(value, weekday=arg != "short")


@register.filter
def civil_date(value: dt.date | dt.datetime | None, arg: str = "") -> SafeString | str:
    """A date (a date-time's local date) in a ``<time>`` element; ``:"weekday"`` adds the day."""
    return dates.date_html(value, weekday=arg == "weekday")


@register.filter
def civil_deadline(value: dt.datetime | None) -> SafeString | str:
    """A registration deadline: "onsdag 9 december 2026" when it was given as a day (stored as
    local midnight), else the date and time."""
    return dates.deadline_html(value)


@register.filter
def civil_time(value: dt.time | None) -> SafeString | str:
    """A time of day as ``<time datetime="18:30">18:30</time>`` (programme items)."""
    return dates.time_html(value)


# --- the site -------------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def civil_site_name(context: template.Context) -> str:
    """``{% civil_site_name as name %}``: the name the feeds use too (see :mod:`..sites`)."""
    request = _request(context)
    return site_name(request=request) if request is not None else site_name()


@register.simple_tag(takes_context=True)
def civil_accessibility_statement_url(context: template.Context) -> str:
    """``{% civil_accessibility_statement_url as url %}``: the site's published statement, for
    the footer of every page (``""`` when the site has none)."""
    return statement_url(_request(context))


@register.simple_tag(takes_context=True)
def civil_translations(context: template.Context, page: Any = None) -> list[Translation]:
    """``{% civil_translations page as translations %}``: the page in each language it is
    published in, for the language switcher and ``hreflang`` (:mod:`..languages`); empty when
    there is only one."""
    return translations_of(page, _request(context))


@register.simple_tag(takes_context=True)
def civil_home_url(context: template.Context, page: Any = None) -> str:
    """The start page in the page's language (``/`` on a site of one language)."""
    request = _request(context)
    if not i18n_enabled() or page is None or request is None:
        return "/"
    site = page.get_site()
    root = site.root_page if site is not None else None
    if root is None:
        return "/"
    translated = root.get_translations(inclusive=True).filter(locale_id=page.locale_id).live()
    home = translated.first()
    return (home.get_url(request=request) if home is not None else None) or "/"


# --- meetings -------------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def civil_meeting(context: template.Context, page: Any) -> presentation.MeetingView:
    """``{% civil_meeting page as m %}``: what of the meeting to show now."""
    return presentation.meeting_view(page, _request(context))


@register.simple_tag(takes_context=True)
def civil_event_jsonld(context: template.Context, page_or_view: Any) -> SafeString:
    """schema.org Event JSON-LD for a meeting page (or a ``civil_meeting`` result)."""
    request = _request(context)
    if isinstance(page_or_view, presentation.MeetingView):
        return jsonld.jsonld_script(jsonld.event_data(page_or_view, request))
    return jsonld.event_jsonld(page_or_view, request)


@register.inclusion_tag("wagtail_civil/includes/add_to_calendar.html", takes_context=True)
def add_to_calendar_links(context: template.Context, page: Any) -> dict[str, Any]:
    """Download the meeting as .ics, or open it in Google Calendar or Outlook on the web.

    Nothing is offered for a cancelled meeting or one that is over; the .ics download is the
    meeting's own feed, so a calendar that imported it still gets later changes by its UID.
    """
    request = _request(context)
    empty = {"links": None}
    if page is None or page.is_cancelled or presentation.meeting_view(page, request).is_over:
        return empty
    try:
        meeting = page.to_domain(request)
    except ValidationError:
        return empty  # data the core refuses (e.g. a bad URL typed before validation existed)
    labels = feed_labels()
    return {
        "links": {
            "ics": feed_path("meeting", page),
            "google": google_calendar_url(meeting, labels),
            "outlook": outlook_calendar_url(meeting, labels),
            "outlook_personal": outlook_calendar_url(meeting, labels, personal=True),
        },
        "page": page,
    }


@register.simple_tag(takes_context=True)
def organisation_url(context: template.Context, organisation: Any) -> str | None:
    """``{% organisation_url org as url %}``: the organisation's page, ``None`` for a draft."""
    return presentation.organisation_url(organisation, _request(context))


@register.simple_tag
def civil_organisation_initiatives(organisation: Any) -> Any:
    """``{% civil_organisation_initiatives organisation as stories %}``: the published, public
    stories an organisation is a partner in, newest first (none for a draft organisation)."""
    if not getattr(organisation, "pk", None) or not organisation.live:
        return []
    return civil_model("InitiativePage").objects.for_list().for_organisation(organisation)


@register.filter
def civil_public(page: Any) -> Any:
    """The page if residents may open it, else ``None``.

    ``{% with agreement=meeting.agreement|civil_public %}``
    """
    return presentation.public_page(page)


@register.filter
def civil_status_note(status: str) -> str:
    """``{{ meeting.status|civil_status_note }}``: what the status means; "" for scheduled."""
    return presentation.status_note(status)


# --- calendar subscriptions -----------------------------------------------------------------------


@register.inclusion_tag("wagtail_civil/includes/subscribe.html", takes_context=True)
def civil_subscribe(
    context: template.Context,
    kind: str,
    obj: Any = None,
    heading: str = "",
    level: int = 2,
) -> dict[str, Any]:
    """A subscribe box for one feed (``kind`` as in :func:`wagtail_civil.feed_urls.feed_path`).

    Renders nothing when the feed does not exist (a draft, a site without the feed URLs).
    """
    path = feed_path(kind, obj)
    request = _request(context)
    links = feed_urls(request, path) if path and request is not None else None
    return {"links": links, "heading": heading, "level": level, "request": request}


@register.simple_tag
def civil_feed_path(kind: str, obj: Any = None) -> str | None:
    """The path of a feed, for ``<link rel="alternate" type="text/calendar">`` in the head."""
    return feed_path(kind, obj)


@register.simple_tag
def civil_filter_feeds(filterset: Any) -> list[tuple[str, Any]]:
    """The narrower feeds a filtered meeting list matches: ``[("agreement", page), …]``.

    Only filters that validated: a hand-edited ``?organisation=nonsense`` offers no feed.
    """
    form = getattr(filterset, "form", None)
    if form is None or not getattr(filterset, "is_bound", False) or form.errors is None:
        return []
    cleaned = getattr(form, "cleaned_data", {}) or {}
    return [
        (feed.kind, cleaned[feed.filter_field])
        for feed in FEEDS.values()
        if feed.filter_field and cleaned.get(feed.filter_field) is not None
    ]


@register.filter
def civil_month_query(query: str, month: Any) -> str:
    """``{{ filter_query|civil_month_query:month.next }}``: the filters and ``month=``."""
    return month_calendar.month_query(query or "", month)


@register.simple_tag
def civil_unique_id(prefix: str = "civil") -> str:
    """An id no other element of the page has, for ``<label for>`` in repeatable boxes."""
    return f"{prefix}-{next(_ids)}"


# --- forms and lists ------------------------------------------------------------------------------


@register.simple_tag
def civil_widget(field: BoundField) -> SafeString:
    """A form field's widget tied to its error message (``aria-describedby``, ``aria-invalid``).

    The error element's id is ``<field id>-error``, as ``includes/filters.html`` writes it.
    """
    attrs: dict[str, str] = {}
    if field.errors:
        described = [f"{field.auto_id}-error"]
        if field.help_text:
            described.append(f"{field.auto_id}-help")
        attrs = {"aria-describedby": " ".join(described), "aria-invalid": "true"}
    elif field.help_text:
        attrs = {"aria-describedby": f"{field.auto_id}-help"}
    return field.as_widget(attrs=attrs)


@register.simple_tag
def civil_filled(rows: Any, *attributes: str) -> dict[str, bool]:
    """``{% civil_filled signatures "signatory" "date" as has %}``: which columns any row fills.

    A table of signatures where nobody typed the signatory's title should not show a column of
    empty cells that a screen reader reads out one by one.
    """
    rows = list(rows or [])
    return {name: any(getattr(row, name, None) for row in rows) for name in attributes}


@register.inclusion_tag("wagtail_civil/includes/pagination.html", takes_context=True)
def civil_pagination(context: template.Context, page_obj: Any) -> dict[str, Any]:
    """Links to the pages of a list, keeping the filters of the address (``?q=…&page=2``)."""
    request = _request(context)
    if page_obj is None or not hasattr(page_obj, "paginator") or page_obj.paginator.num_pages < 2:
        return {"pages": None}
    query = request.GET.copy() if request is not None else None

    def url(number: int) -> str:
        if query is None:
            return f"?page={number}"
        query["page"] = str(number)
        return "?" + query.urlencode()

    paginator = page_obj.paginator
    pages = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
        if isinstance(number, int):
            current = number == page_obj.number
            pages.append({"number": number, "url": url(number), "current": current})
        else:
            pages.append({"ellipsis": True})
    return {
        "pages": pages,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "page_obj": page_obj,
    }


# --- agreements -----------------------------------------------------------------------------------

_STATES = {
    "met": lambda: pgettext("commitment progress", "Met"),
    "on_track": lambda: pgettext("commitment progress", "On track"),
    "at_risk": lambda: pgettext("commitment progress", "At risk"),
    "missed": lambda: pgettext("commitment progress", "Missed"),
}


@register.filter
def civil_commitment_state(status: Any) -> str:
    """The computed state of a commitment in words ("On track"), never only as a colour."""
    state = str(getattr(getattr(status, "state", None), "value", getattr(status, "state", "")))
    label = _STATES.get(state)
    return label() if label else ""


@register.filter
def civil_commitment_counts(status: Any) -> str:
    """Why a commitment has its state: "1 of 2 held, 1 planned"."""
    held = getattr(status, "held", 0)
    planned = getattr(status, "planned", 0)
    required = getattr(status, "required", 0)
    done = ngettext("%(held)d of %(required)d held", "%(held)d of %(required)d held", required) % {
        "held": held,
        "required": required,
    }
    ahead = ngettext("%(count)d planned", "%(count)d planned", planned) % {"count": planned}
    # Translators: "1 of 2 held, 1 planned"
    return _("%(held)s, %(planned)s") % {"held": done, "planned": ahead}


# --- contact --------------------------------------------------------------------------------------


@register.filter
def civil_tel(value: str) -> str:
    """A phone number as typed ("0522-69 60 00") for a ``tel:`` link ("0522696000")."""
    text = str(value or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"+{digits}" if text.startswith("+") else digits


@register.filter
def civil_display_url(value: str) -> str:
    """A web address as link text, without the scheme: "example.org/rodakorset"."""
    text = str(value or "")
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            text = text[len(scheme) :]
    return text.rstrip("/")


# --- participation --------------------------------------------------------------------------------


@register.filter
def civil_participation_chart(summary: Any) -> list[Any]:
    """The bars of a participation chart (:func:`wagtail_civil.participation.chart_rows`)."""
    return participation.chart_rows(summary) if summary else []
