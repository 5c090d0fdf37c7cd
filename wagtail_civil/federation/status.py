"""How a followed site's fetches went, as editors read it in the admin: when its copy was last
good, what the last attempt did (OK, or why the site was refused, in the editor's language) and
how many meetings the copy holds. Computed from the copies the fetch stores, never stored.

A refusal is stored as the English sentence the fetch logs (:mod:`.fetch`, the core's
:mod:`civilsamhalle.federation`); :func:`refusal_words` words each known sentence again through
gettext, and ``tests/app/test_federation_admin.py`` checks that every sentence raised is known.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .fetch import ENDPOINTS

__all__ = ["FetchStatus", "refusal_words", "status_of", "with_status"]


@dataclass(frozen=True)
class FetchStatus:
    """``fetched_at``: the oldest of the site's copies' last good answers (all it shows is at
    least that fresh); ``attempted_at``: its latest attempt; ``problems``: ``(endpoint, stored
    reason)`` of each endpoint whose last attempt was refused."""

    fetched_at: dt.datetime | None
    attempted_at: dt.datetime | None
    problems: tuple[tuple[str, str], ...]
    meetings: int

    @property
    def ok(self) -> bool:
        return self.attempted_at is not None and not self.problems

    def outcome(self) -> str:
        """The last attempt in words: "OK", "Not fetched yet" or each refusal with its part."""
        if self.attempted_at is None:
            return _("Not fetched yet")
        if not self.problems:
            return pgettext("outcome of fetching a followed site", "OK")
        return " ".join(
            f"{endpoint_label(endpoint)}: {refusal_words(reason)}"
            for endpoint, reason in self.problems
        )


def endpoint_label(endpoint: str) -> str:
    labels = {
        "meetings": pgettext("part of a followed site", "Meetings"),
        "agreements": pgettext("part of a followed site", "Agreements"),
    }
    return labels.get(endpoint, endpoint)


def with_status(queryset: QuerySet) -> QuerySet:
    """``queryset`` of followed sites with what :func:`status_of` reads, in two queries for any
    number of sites: the copies prefetched, the meetings counted in the same query."""
    return queryset.prefetch_related("copies").annotate(
        civil_meeting_count=Count("items", filter=Q(items__endpoint="meetings"))
    )


def status_of(site: Any) -> FetchStatus:
    """The fetch status of one followed site (kept on it: a listing row asks three times)."""
    cached = getattr(site, "_civil_fetch_status", None)
    if cached is not None:
        return cached
    copies = sorted(
        site.copies.all(),
        key=lambda c: ENDPOINTS.index(c.endpoint) if c.endpoint in ENDPOINTS else len(ENDPOINTS),
    )
    good = [copy.fetched_at for copy in copies if copy.fetched_at is not None]
    attempts = [copy.attempted_at for copy in copies if copy.attempted_at is not None]
    meetings = getattr(site, "civil_meeting_count", None)
    if meetings is None:
        meetings = site.items.filter(endpoint="meetings").count()
    status = FetchStatus(
        fetched_at=min(good) if good else None,
        attempted_at=max(attempts) if attempts else None,
        problems=tuple((copy.endpoint, copy.error) for copy in copies if copy.error),
        meetings=meetings,
    )
    site._civil_fetch_status = status
    return status


# --- the refusals, in the editor's language ----------------------------------------------------

_VALUE = r"(?P<{}>.+)"


def _words(pattern: str, words: Callable[[dict[str, str]], str]) -> tuple[re.Pattern, Callable]:
    return re.compile(pattern.format(**{n: _VALUE.format(n) for n in ("a", "b")})), words


# The sentences of ``raise Refused(...)`` in fetch.py and civilsamhalle/federation.py; ``{a}``
# and ``{b}`` stand for the values put into them.
_REFUSALS = [
    _words(r"the API address is not http\(s\)",
           lambda v: _("The API address does not begin with http:// or https://.")),
    _words(r"the source lists {a} items, more than {b}",
           lambda v: _("The site lists %(total)s items, more than the %(most)s that are taken.")
           % {"total": v["a"], "most": v["b"]}),
    _words(r"a 304 for a page that was not asked conditionally",
           lambda v: _("The site answered a later page with “not modified” (304) unasked.")),
    _words(r"the source took too long", lambda v: _("The site took too long to answer.")),
    _words(r"the source answered HTTP {a}",
           lambda v: _("The site answered with HTTP error %(code)s.") % {"code": v["a"]}),
    _words(r"the source could not be reached: {a}",
           lambda v: _("The site could not be reached (%(detail)s).") % {"detail": v["a"]}),
    _words(r"the answer is not JSON", lambda v: _("The answer is not JSON.")),
    _words(r"the answer is larger than {a} bytes",
           lambda v: _("The answer is larger than %(size)s.")
           % {"size": filesizeformat(int(v["a"])) if v["a"].isdigit() else v["a"]}),
    _words(r"the answer is not a JSON object|the answer has no items and meta"
           r"|the answer's meta has no total_count|an item is not a JSON object",
           lambda v: _("The answer is not a list in the shape of the read API.")),
    _words(r"meeting {a} has no usable uid",
           lambda v: _("A meeting (%(id)s) has no usable calendar UID.") % {"id": v["a"]}),
    _words(r"meeting uid {a} is not of the source's domain {b}",
           lambda v: _("The calendar UID %(uid)s of a meeting is not of the site's domain "
                       "%(domain)s. If the site's UIDs end in another domain, fill in "
                       "“Calendar UID domain”.") % {"uid": v["a"], "domain": v["b"]}),
    _words(r"meeting {a} has no http\(s\) html_url",
           lambda v: _("A meeting (%(uid)s) has no web address that begins with http:// or "
                       "https://.") % {"uid": v["a"]}),
    _words(r"agreement {a} has no id or title",
           lambda v: _("An agreement (%(id)s) has no id or title.") % {"id": v["a"]}),
    _words(r"agreement {a} has no http\(s\) html_url",
           lambda v: _("An agreement (%(id)s) has no web address that begins with http:// or "
                       "https://.") % {"id": v["a"]}),
]  # fmt: skip


def refusal_words(reason: str) -> str:
    """A stored refusal in the active language; one this version does not know, as stored."""
    for pattern, words in _REFUSALS:
        match = pattern.fullmatch(reason)
        if match is not None:
            return words(match.groupdict())
    return reason
