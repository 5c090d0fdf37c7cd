"""The demo's site and start page: the example site's own page type, not data for the import.

:class:`home.models.HomePage` belongs to this example site, not to the app, so no data file
describes it; its text and blocks are here.
"""

from __future__ import annotations

import json
import uuid
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from home.models import HomePage
from wagtail.models import Page, Site

from wagtail_civil.importing import Report
from wagtail_civil.importing.compare import assign, latest

__all__ = ["configure_site", "home_body", "home_page", "parse_host"]

HOME_INTRO = (
    "<p>Kommunen vill hitta nya möjligheter att samarbeta med civilsamhället för att ta oss an "
    "framtida utmaningar tillsammans. Med civilsamhället menar vi föreningsliv, andra ideella "
    "grupper och nätverk.</p>"
)

HOME_PARAGRAPH = (
    "<p>Den här demonstrationen bygger på vad fem kommuner publicerar om sin samverkan med "
    "civilsamhället: Ulricehamns stormöten, Uddevallas överenskommelse ÖK Idé, Jönköpings "
    "hearing, Luleås dialoger och frivilligheten i Ullensaker. Prenumerera på kalendern, så "
    "kommer nya, flyttade och inställda möten in i din egen kalender av sig själva.</p>"
)

# Fixed for ever: the start page's block ids are uuid5 of this and the block's name, so the
# stored body is identical after a reload.
_BLOCK_NAMESPACE = uuid.UUID("be96d384-998a-4343-910b-f8cbf09c8d4c")


def home_page(report: Report) -> HomePage:
    """The default site's root as a :class:`HomePage`, replacing Wagtail's "Welcome" page.

    The home app's migration already does the replacing; this covers a database where it did
    not (or the site was pointed elsewhere).
    """
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    current = site.root_page.specific if site is not None else None
    if isinstance(current, HomePage):
        report.count("home page")
        return current
    home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug="demokommun", live=False)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    home = HomePage.objects.get(pk=home.pk)
    if site is None:
        site = Site(is_default_site=True, hostname="localhost", port=80)
    site.root_page = home
    site.save()
    # Wagtail's own placeholder, if that is what the site showed, has no use any more.
    if current is not None and type(current) is Page and not current.get_children().exists():
        current.delete()
    report.count("home page", created=True)
    return home


def parse_host(host: str) -> tuple[str, int]:
    """``runserver``'s address as (hostname, port): "127.0.0.1:8124", "[::1]:8000", "8124"
    (a port alone is 127.0.0.1, as for runserver), "0.0.0.0:8000" (reached as 127.0.0.1)."""
    host = host.strip()
    if host.isdigit():
        host = f"127.0.0.1:{host}"
    parts = urlsplit(f"//{host}")
    try:
        port = parts.port or 80
    except ValueError as exc:
        raise ValueError(f"not a host[:port]: {host!r}") from exc
    if not parts.hostname:
        raise ValueError(f"not a host[:port]: {host!r}")
    hostname = "127.0.0.1" if parts.hostname in ("0.0.0.0", "::") else parts.hostname
    return hostname, port


def configure_site(host: str | None = None) -> Site:
    """Point the default Site at where the demo runs and give it the demo's name.

    Pages and feeds build their addresses from each request (:mod:`wagtail_civil.sites`), but
    whatever runs without a request (a data export, Wagtail's own "view live" links in the
    admin) uses the Site's hostname and port, and the header and feeds show its name. ``host``
    defaults to the host of ``WAGTAILADMIN_BASE_URL``.
    """
    if not host:
        base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
        host = base.netloc or "127.0.0.1:8000"
    hostname, port = parse_host(host)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.get()
    site.hostname, site.port = hostname, port
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()
    return site


def _block_id(name: str) -> str:
    return str(uuid.uuid5(_BLOCK_NAMESPACE, f"home/{name}"))


def _sections(home: HomePage) -> str:
    """A list linking every published section under the start page (meeting lists, agreements,
    councils, the action programme, volunteering, stories), in the page tree's order."""
    items = "".join(
        f'<li><a linktype="page" id="{page.pk}">{escape(page.title)}</a></li>'
        for page in home.get_children().live().public().order_by("path")
    )
    return f"<ul>{items}</ul>"


def home_body(home: HomePage, report: Report) -> None:
    """Intro, the upcoming meetings, a subscribe box for all meetings, the organisations, and
    links to every section: call it after the sections are made."""
    chooser = {"agreement": None, "organisation": None, "category": None}
    body = [
        {"type": "paragraph", "value": HOME_PARAGRAPH, "id": _block_id("intro")},
        {
            "type": "upcoming_meetings",
            "id": _block_id("upcoming"),
            "value": {
                "heading": "Kommande möten",
                "kind": "",
                **chooser,
                "count": 5,
            },
        },
        {
            "type": "subscribe",
            "id": _block_id("subscribe"),
            "value": {
                "heading": "Prenumerera på alla möten",
                "feed": "all",
                "meeting_index": None,
                **chooser,
            },
        },
        {
            "type": "organisation_list",
            "id": _block_id("organisations"),
            "value": {
                "heading": "Organisationer som samverkar",
                "category": None,
                "kind": "",
                "count": None,
            },
        },
        {"type": "heading", "value": "I demonstrationen", "id": _block_id("sections heading")},
        {"type": "paragraph", "value": _sections(home), "id": _block_id("sections")},
    ]
    page = latest(home)
    before = json.dumps(page.body.get_prep_value(), sort_keys=True)
    changed = assign(page, {"intro": HOME_INTRO})
    page.body = body
    changed |= json.dumps(page.body.get_prep_value(), sort_keys=True) != before
    if changed or not home.live:
        page.save_revision().publish()
    report.count("home page body", changed=changed)
