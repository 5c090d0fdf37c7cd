"""Load the demo content into the database, the way an editor's work gets there.

Pages and organisations are saved as revisions and published (``save_revision().publish()``), so
what the demo shows went through the same code as an editor's publish: the meeting's SEQUENCE,
the log entries that move the feeds' Last-Modified, the search index. Everything is looked up by a
stable key first (a slug, or a meeting's UID made from its key), so loading again updates in
place, and publishes only what changed (see :mod:`demo.upsert`).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from home.models import HomePage
from wagtail.models import Page, PageViewRestriction, Site

from wagtail_civil.models import (
    AgreementCommitment,
    AgreementPage,
    AgreementSignature,
    MeetingAttendance,
    MeetingHost,
    MeetingIndexPage,
    MeetingPage,
    MeetingProgrammeItem,
    MeetingSpeaker,
    Organisation,
    OrganisationCategory,
    OrganisationIndexPage,
)

from . import specs
from .hidden import PRIVATE_PASSWORD
from .meetings import meetings
from .organisations import CATEGORIES, ORGANISATIONS
from .pages import HOME_CHILDREN, HOME_INTRO, HOME_PARAGRAPH, ORGANISATION_INDEX
from .upsert import Tally, assign, latest, set_children, set_m2m, set_tags

__all__ = ["DemoResult", "configure_site", "load_demo", "parse_host"]

Publication = specs.Publication


@dataclass
class DemoResult:
    tally: Tally
    home: HomePage
    private_password: str


def load_demo(today: dt.date | None = None, host: str | None = None) -> DemoResult:
    """Create or update the whole demo; dates that must stay current are computed from ``today``
    (the municipality's local date unless given). ``host`` is where the demo runs (``make demo``
    passes its ``HOST``), see :func:`configure_site`. All or nothing: one transaction."""
    today = today or timezone.localdate()
    tally = Tally()
    with transaction.atomic():
        home = _home(tally)
        configure_site(host)
        categories = {c.slug: _category(c, tally) for c in CATEGORIES}
        organisations: dict[str, Organisation] = {}
        for spec in ORGANISATIONS:
            organisations[spec.slug] = _organisation(spec, categories, organisations, tally)
        _publish_page(home, OrganisationIndexPage, ORGANISATION_INDEX.slug, {
            "title": ORGANISATION_INDEX.title, "intro": ORGANISATION_INDEX.intro,
        }, tally, "organisation directory")
        agreements: dict[str, AgreementPage] = {}
        lists: dict[str, MeetingIndexPage] = {}
        for child in HOME_CHILDREN:  # in tree order: new pages are added as the last child
            if isinstance(child, specs.Agreement):
                agreements[child.slug] = _agreement(home, child, organisations, tally)
            else:
                lists[child.slug] = _meeting_list(home, child, tally)
        refs = _Refs(categories, organisations, agreements, lists, {})
        for spec in meetings(today):
            refs.meetings[spec.key] = _meeting(spec, refs, tally)
        _home_body(home, tally)
    return DemoResult(tally=tally, home=home, private_password=PRIVATE_PASSWORD)


@dataclass
class _Refs:
    categories: dict[str, OrganisationCategory]
    organisations: dict[str, Organisation]
    agreements: dict[str, AgreementPage]
    lists: dict[str, MeetingIndexPage]
    meetings: dict[str, MeetingPage]


# --- the site and its start page -----------------------------------------------------------------


def _home(tally: Tally) -> HomePage:
    """The default site's root as a :class:`HomePage`, replacing Wagtail's "Welcome" page.

    The home app's migration already does the replacing; this covers a database where it did
    not (or the site was pointed elsewhere).
    """
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    current = site.root_page.specific if site is not None else None
    if isinstance(current, HomePage):
        home, created = current, False
    else:
        home = HomePage(title=settings.WAGTAIL_SITE_NAME, slug="demokommun", live=False)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        home, created = HomePage.objects.get(pk=home.pk), True
        if site is None:
            site = Site(is_default_site=True, hostname="localhost", port=80)
        site.root_page = home
        site.save()
        # Wagtail's own placeholder, if that is what the site showed, has no use any more.
        if current is not None and type(current) is Page and not current.get_children().exists():
            current.delete()
    tally.count("home page", created=created)
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
    """A fixed id per block, so the stored body is identical after a reload."""
    return str(uuid.uuid5(specs.MEETING_NAMESPACE, f"home/{name}"))


def _home_body(home: HomePage, tally: Tally) -> None:
    """Intro, the upcoming meetings, a subscribe box for all meetings and the organisations."""
    chooser = {"agreement": None, "organisation": None, "category": None}
    body = [
        {"type": "paragraph", "value": HOME_PARAGRAPH, "id": _block_id("intro")},
        {"type": "upcoming_meetings", "id": _block_id("upcoming"), "value": {
            "heading": "Kommande möten", "kind": "", **chooser, "count": 5,
        }},
        {"type": "subscribe", "id": _block_id("subscribe"), "value": {
            "heading": "Prenumerera på alla möten", "feed": "all", "meeting_index": None,
            **chooser,
        }},
        {"type": "organisation_list", "id": _block_id("organisations"), "value": {
            "heading": "Organisationer som samverkar", "category": None, "kind": "",
            "count": None,
        }},
    ]
    page = latest(home)
    before = json.dumps(page.body.get_prep_value(), sort_keys=True)
    changed = assign(page, {"intro": HOME_INTRO})
    page.body = body
    changed |= json.dumps(page.body.get_prep_value(), sort_keys=True) != before
    if changed or not home.live:
        page.save_revision().publish()
    tally.count("home page body", changed=changed)


# --- organisations --------------------------------------------------------------------------------


def _category(spec: specs.Category, tally: Tally) -> OrganisationCategory:
    category = OrganisationCategory.objects.filter(slug=spec.slug).first()
    created = category is None
    if created:
        category = OrganisationCategory(slug=spec.slug)
    changed = assign(category, {"name": spec.name, "description": spec.description})
    if created or changed:
        category.save()
    tally.count("category", created=created, changed=changed)
    return category


def _organisation(
    spec: specs.Organisation,
    categories: dict[str, OrganisationCategory],
    known: dict[str, Organisation],
    tally: Tally,
) -> Organisation:
    """A live organisation snippet, published through a revision like the admin's "Publish"."""
    organisation = Organisation.objects.filter(slug=spec.slug).first()
    created = organisation is None
    obj = Organisation(slug=spec.slug, live=False) if created else latest(organisation)
    changed = assign(obj, {
        "name": spec.name,
        "kind": spec.kind.value,
        "country": spec.country.value,
        "organisation_number": spec.organisation_number,
        "website": spec.website,
        "description": spec.description,
        "parent": known[spec.parent] if spec.parent else None,
    })
    changed |= set_m2m(obj.categories, [categories[slug] for slug in spec.categories])
    changed |= set_tags(obj.areas_of_activity, spec.areas)
    if created:
        obj.save()
    if created or changed or not obj.live:
        obj.save_revision().publish()
    tally.count("organisation", created=created, changed=changed and not created)
    return Organisation.objects.get(slug=spec.slug)


# --- pages ----------------------------------------------------------------------------------------


def _publish_page(
    parent: Page,
    model: type[Page],
    slug: str,
    values: dict[str, Any],
    tally: Tally,
    kind: str,
    relations: Any = None,
) -> Any:
    """Create or update the child ``slug`` of ``parent`` and publish it if anything changed.

    ``relations(page) -> bool`` sets the page's inline and many-to-many relations.
    """
    existing = parent.get_children().filter(slug=slug).first()
    created = existing is None
    page = model(slug=slug, live=False) if created else latest(existing)
    if not isinstance(page, model):
        kind = type(page).__name__
        raise TypeError(f"{parent.url_path}{slug}/ is a {kind}, not a {model.__name__}")
    changed = assign(page, values)
    if relations is not None:
        changed |= relations(page)
    if created:
        parent.add_child(instance=page)
    if created or changed or not page.live:
        page.save_revision().publish()
    tally.count(kind, created=created, changed=changed and not created)
    return model.objects.get(pk=page.pk)


def _meeting_list(home: HomePage, spec: specs.ListPage, tally: Tally) -> MeetingIndexPage:
    return _publish_page(
        home, MeetingIndexPage, spec.slug, {"title": spec.title, "intro": spec.intro}, tally,
        "meeting list",
    )


def _agreement(
    home: HomePage,
    spec: specs.Agreement,
    organisations: dict[str, Organisation],
    tally: Tally,
) -> AgreementPage:
    signatures = [
        {
            "organisation_id": organisations[s.organisation].pk if s.organisation else None,
            "party_name": s.party_name,
            "signatory": s.signatory,
            "signatory_title": s.signatory_title,
            "date": s.date,
        }
        for s in spec.signatures
    ]
    commitments = [
        {
            "description": c.description,
            "minimum": c.minimum,
            "meeting_kind": c.meeting_kind.value if c.meeting_kind else "",
        }
        for c in spec.commitments
    ]

    def relations(page: AgreementPage) -> bool:
        changed = set_children(page, "signatures", AgreementSignature, signatures)
        return set_children(page, "commitments", AgreementCommitment, commitments) or changed

    values = {
        "title": spec.title,
        "purpose": spec.purpose,
        "status": spec.status.value,
        "valid_from": spec.valid_from,
        "valid_until": spec.valid_until,
    }
    return _publish_page(home, AgreementPage, spec.slug, values, tally, "agreement", relations)


# --- meetings -------------------------------------------------------------------------------------


def _meeting_values(spec: specs.Meeting, refs: _Refs) -> dict[str, Any]:
    return {
        "title": spec.title,
        "kind": spec.kind.value,
        "theme": spec.theme,
        "description": spec.description,
        "status": spec.status.value,
        "start": spec.start,
        "end": spec.end,
        "mode": spec.mode.value,
        "venue_name": spec.venue_name,
        "street_address": spec.street_address,
        "postal_code": spec.postal_code,
        "locality": spec.locality,
        "online_url": spec.online_url,
        "municipal_hosts": "\n".join(spec.municipal_hosts),
        "agreement": refs.agreements[spec.agreement] if spec.agreement else None,
        "registration_kind": spec.registration_kind.value,
        "registration_url": spec.registration_url,
        "registration_deadline": spec.registration_deadline,
        "contact_name": spec.contact_name,
        "contact_email": spec.contact_email,
        "contact_phone": spec.contact_phone,
        "attendance_organisations": spec.attendance_organisations,
        "attendance_people": spec.attendance_people,
        "attendance_municipal_staff": spec.attendance_municipal_staff,
        "outcome": spec.outcome,
        "follow_up": refs.meetings[spec.follow_up] if spec.follow_up else None,
    }


def _meeting_relations(page: MeetingPage, spec: specs.Meeting, refs: _Refs) -> bool:
    orgs = refs.organisations
    changed = set_children(page, "host_links", MeetingHost, [
        {"organisation_id": orgs[slug].pk} for slug in spec.hosts
    ])
    changed |= set_m2m(page.categories, [refs.categories[slug] for slug in spec.categories])
    changed |= set_children(page, "programme", MeetingProgrammeItem, [
        {"start_time": p.start_time, "title": p.title, "description": p.description}
        for p in spec.programme
    ])
    changed |= set_children(page, "speakers", MeetingSpeaker, [
        {
            "name": s.name,
            "title": s.title,
            "organisation_id": orgs[s.organisation].pk if s.organisation else None,
            "affiliation": s.affiliation,
        }
        for s in spec.speakers
    ])
    changed |= set_children(page, "attending_organisations", MeetingAttendance, [
        {"organisation_id": orgs[slug].pk} for slug in spec.attending
    ])
    return changed


def _meeting(spec: specs.Meeting, refs: _Refs, tally: Tally) -> MeetingPage:
    existing = MeetingPage.objects.filter(uid=spec.uid).first()
    created = existing is None
    page = MeetingPage(uid=spec.uid, slug=spec.slug, live=False) if created else latest(existing)
    values = _meeting_values(spec, refs)
    if created and spec.first_published_as is not None:
        values["status"] = spec.first_published_as.value
    changed = assign(page, values)
    changed |= _meeting_relations(page, spec, refs)
    if created:
        refs.lists[spec.meeting_list].add_child(instance=page)
    if spec.publication is Publication.PRIVATE:
        PageViewRestriction.objects.get_or_create(
            page=page,
            restriction_type=PageViewRestriction.PASSWORD,
            defaults={"password": PRIVATE_PASSWORD},
        )
    if spec.publication is Publication.DRAFT:
        if created or changed:
            page.save_revision()
        if page.live:  # published by hand since the last load: a draft must stay a draft
            MeetingPage.objects.get(pk=page.pk).unpublish()
    elif created or changed or not page.live:
        page.save_revision().publish()
        if created and spec.first_published_as is not None:
            # Now, as an editor would, change the status and publish again.
            page = latest(MeetingPage.objects.get(pk=page.pk))
            page.status = spec.status.value
            page.save_revision().publish()
    tally.count("meeting", created=created, changed=changed and not created)
    return MeetingPage.objects.get(pk=page.pk)
