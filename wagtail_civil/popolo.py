"""Popolo JSON: a council (whom its members sit for, its seats, its people) and the register.

Popolo (https://www.popoloproject.com/) keeps a seat (a *post*) apart from the person holding
it (a *membership* of the person in the council, through the post, ``on_behalf_of`` an
organisation or a party). Only what the published page shows is exported: the holders' names,
roles and terms, published organisations; no contact details. An organisation has the same
``id`` (``organisation/<slug>``) and identifiers in a council's export and in the register's
(:func:`register_popolo`), so a reader of both can join them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.text import slugify

from civilsamhalle.enums import CouncilRole

from .choices import COUNCIL_KIND_CHOICES, COUNCIL_ROLE_CHOICES, SEAT_REPRESENTS_CHOICES
from .sites import absolute_url

__all__ = ["council_popolo", "organisation_reference", "register_popolo"]

_KINDS = dict(COUNCIL_KIND_CHOICES)
_ROLES = dict(COUNCIL_ROLE_CHOICES)
_REPRESENTS = dict(SEAT_REPRESENTS_CHOICES)


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _person_id(name: str) -> str:
    """One person per name within a council: someone holding two seats is one person."""
    return f"person/{slugify(name, allow_unicode=True) or 'unnamed'}"


def council_popolo(council: Any, request: HttpRequest | None = None) -> dict[str, Any]:
    """The export of one council page (three queries for the seats, whatever their number)."""
    from .models import CouncilSeat

    council_id = f"council/{council.pk}"
    url = absolute_url(council, request)
    organizations: dict[str, dict[str, Any]] = {
        council_id: {
            "id": council_id,
            "name": council.title,
            "classification": str(_KINDS.get(council.kind, council.kind)),
            **({"links": [{"url": url}]} if url else {}),
        }
    }
    posts, persons, memberships = [], {}, []
    for seat in CouncilSeat.objects.for_page().filter(council=council):
        post_id = f"post/{seat.pk}"
        represented = seat.represented
        post: dict[str, Any] = {
            "id": post_id,
            "label": seat.label,
            "organization_id": council_id,
            "role": str(_REPRESENTS.get(seat.represents, seat.represents)),
        }
        if represented is not None and getattr(represented, "live", True):
            post["other_label"] = [represented.name]
        posts.append(post)
        for holder in seat.holders.all():
            person_id = _person_id(holder.name)
            persons.setdefault(person_id, {"id": person_id, "name": holder.name})
            behalf = _on_behalf_of(holder, organizations)
            role = str(_ROLES.get(holder.role, holder.role))
            membership = {
                "id": f"membership/{holder.pk}",
                "person_id": person_id,
                "organization_id": council_id,
                "post_id": post_id,
                "on_behalf_of_id": behalf,
                "role": holder.role or CouncilRole.MEMBER.value,
                "label": _label(role, holder),
                "start_date": _date(holder.term_from),
                "end_date": _date(holder.term_to),
            }
            memberships.append(membership)
    return {
        "language": translation.get_language(),
        "organizations": list(organizations.values()),
        "posts": posts,
        "persons": list(persons.values()),
        "memberships": memberships,
    }


def _label(role: str, holder: Any) -> str:
    from django.utils.translation import gettext

    parts = [role]
    if holder.substitute:
        parts.append(gettext("substitute"))
    if holder.title:
        parts.append(holder.title)
    return ", ".join(parts)


def organisation_reference(organisation: Any) -> dict[str, Any]:
    """An organisation's ``id``, ``name`` and, when it has one, its organisation number as a
    Popolo identifier: what every export says of it."""
    found: dict[str, Any] = {"id": f"organisation/{organisation.slug}", "name": organisation.name}
    if organisation.organisation_number:
        found["identifiers"] = [
            {"scheme": "organisation_number", "identifier": organisation.organisation_number}
        ]
    return found


def register_popolo(organisations: Iterable[Any], urls: dict[int, str | None]) -> dict[str, Any]:
    """Published organisations as Popolo ``organizations``: kind as ``classification`` (the
    stable value, docs/open-data.md), the published parent as ``parent_id``, the description as
    plain text, the public page and the website as ``links``. No email or phone (see
    :mod:`.downloads.organisations`). ``urls`` maps an organisation's pk to its public page."""
    from .models.mixins import richtext_to_text

    found = []
    for organisation in organisations:
        item = organisation_reference(organisation)
        item["classification"] = organisation.kind
        parent = organisation.parent if organisation.parent_id else None
        if parent is not None and parent.live:
            item["parent_id"] = f"organisation/{parent.slug}"
        description = richtext_to_text(organisation.description)
        if description:
            item["description"] = description
        links = [
            {"url": url, "note": note}
            for url, note in (
                (urls.get(organisation.pk), "page"),
                (organisation.website, "website"),
            )
            if url
        ]
        if links:
            item["links"] = links
        found.append(item)
    return {"organizations": found}


def _on_behalf_of(holder: Any, organizations: dict[str, dict[str, Any]]) -> str | None:
    """The published organisation the holder sits for, else their party; added to
    ``organizations`` once."""
    organisation = holder.public_organisation
    if organisation is not None:
        reference = organisation_reference(organisation)
        key = reference["id"]
        organizations.setdefault(key, {}).update(reference)
        return key
    party = holder.party.strip()
    if party:
        key = f"party/{slugify(party, allow_unicode=True) or 'party'}"
        organizations.setdefault(key, {"id": key, "name": party, "classification": "party"})
        return key
    return None
