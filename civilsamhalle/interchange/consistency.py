"""Rules that span a whole data file: unique identifiers and references that lead somewhere.

Each object in a :class:`~civilsamhalle.model.Dataset` validates on its own, but a file can still
be wrong as a whole. Two meetings with the same ``uid`` would be merged into one by every calendar
program that subscribes to the feed, and a meeting that points at an agreement missing from the
file would never count towards that agreement's commitments. Both are silent in the output, so
they are reported here, in the same ``path: message`` form as the field errors.

The checks read the parsed JSON, not the validated dataset, so that a file with field errors gets
these problems reported in the same run: whoever fixes the file sees every mistake at once.
``host_ids`` are organisation ids (municipal units are named in ``hosts``), so they are checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from .. import rules
from ..errors import error_path
from ..i18n import translation
from ..model import Dataset

__all__ = ["dataset_problems", "place_problems"]

Loc = tuple[str | int, ...]


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects of the list ``data[key]`` with their index; nothing when it is not a list."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _id(value: Any) -> str | None:
    """An id as the model keeps it (surrounding spaces removed); ``None`` when not a string."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _uid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _duplicates(
    collection: str, field: str, values: list[tuple[int, Any]], language: str | None
) -> list[str]:
    _ = translation(language).gettext
    seen: dict[object, int] = {}
    problems = []
    for index, value in values:
        if value is None:
            continue
        if value in seen:
            first = error_path((collection, seen[value]))
            message = _("the same {field} as {first}").format(field=field, first=first)
            problems.append(f"{error_path((collection, index, field))}: {message}")
        else:
            seen[value] = index
    return problems


def _parent_loops(parents: dict[str, tuple[int, str | None]], language: str | None) -> list[str]:
    _ = translation(language).gettext
    problems = []
    for own_id, (index, parent) in parents.items():
        if parent == own_id:
            continue  # the model reports an organisation that is its own parent
        chain = [own_id]
        current = parent
        while current is not None and current in parents and current not in chain:
            chain.append(current)
            current = parents[current][1]
        if current == own_id:
            loop = " → ".join([*chain, own_id])
            message = _("the parent organisations form a loop: {loop}").format(loop=loop)
            problems.append(f"{error_path(('organisations', index, 'parent_id'))}: {message}")
    return problems


def dataset_problems(
    data: Dataset | dict[str, Any] | Any, language: str | None = None
) -> list[str]:
    """Every whole-file problem of ``data`` as ``path: message`` lines; empty when none.

    ``data`` is a :class:`Dataset` or the parsed JSON of a file, valid or not; ``language``
    picks the catalogue for the messages (English when ``None``).
    """
    if isinstance(data, Dataset):
        data = data.model_dump(mode="json")
    _ = translation(language).gettext
    organisations = _items(data, "organisations")
    agreements = _items(data, "agreements")
    meetings = _items(data, "meetings")
    problems = [
        *_duplicates(
            "organisations", "id", [(i, _id(o.get("id"))) for i, o in organisations], language
        ),
        *_duplicates("agreements", "id", [(i, _id(a.get("id"))) for i, a in agreements], language),
        *_duplicates("meetings", "uid", [(i, _uid(m.get("uid"))) for i, m in meetings], language),
    ]
    organisation_ids = {_id(o.get("id")) for _i, o in organisations} - {None}
    agreement_ids = {_id(a.get("id")) for _i, a in agreements} - {None}

    def unknown(known: set[Any], message: str) -> Callable[[Loc, Any], None]:
        def check(loc: Loc, value: Any) -> None:
            if isinstance(value, str) and _id(value) not in known:
                problems.append(f"{error_path(loc)}: {message.format(id=value)}")

        return check

    unknown_organisation = unknown(
        organisation_ids, _("no organisation in the file has the id '{id}'")
    )
    unknown_agreement = unknown(agreement_ids, _("no agreement in the file has the id '{id}'"))

    def each(value: Any) -> list[tuple[int, Any]]:
        return list(enumerate(value)) if isinstance(value, list) else []

    for i, organisation in organisations:
        unknown_organisation(("organisations", i, "parent_id"), organisation.get("parent_id"))
    for i, agreement in agreements:
        for j, signature in _items(agreement, "signatures"):
            loc = ("agreements", i, "signatures", j, "organisation_id")
            unknown_organisation(loc, signature.get("organisation_id"))
    for i, meeting in meetings:
        for j, host_id in each(meeting.get("host_ids")):
            unknown_organisation(("meetings", i, "host_ids", j), host_id)
        unknown_agreement(("meetings", i, "agreement_id"), meeting.get("agreement_id"))
        attendance = meeting.get("attendance")
        if isinstance(attendance, dict):
            for j, organisation_id in each(attendance.get("organisation_ids")):
                unknown_organisation(
                    ("meetings", i, "attendance", "organisation_ids", j), organisation_id
                )

    problems.extend(_parent_loops(_parents(organisations), language))
    return problems


def _parents(organisations: list[tuple[int, Any]]) -> dict[str, tuple[int, str | None]]:
    """Each organisation id → (the place of its first organisation, that one's parent id)."""
    parents: dict[str, tuple[int, str | None]] = {}
    for i, organisation in organisations:
        own_id = _id(organisation.get("id"))
        if own_id is not None and own_id not in parents:
            parents[own_id] = (i, _id(organisation.get("parent_id")))
    return parents


def place_problems(data: Any, meetings: set[int], language: str | None = None) -> list[str]:
    """The place rules of the ``meetings`` (indexes) that failed validation, read from the JSON.

    pydantic checks a meeting as a whole only once its fields are valid, so a meeting with a
    misspelt key would hide its missing link until the key is fixed; this reports it at once.
    """
    problems = []
    for i, meeting in _items(data, "meetings"):
        if i not in meetings:
            continue
        venue = meeting.get("venue")
        has_venue = isinstance(venue, dict) and bool(_id(venue.get("name")))
        link = meeting.get("online_url")
        found = rules.meeting_place_problems(
            meeting.get("mode", "in_person"),
            meeting.get("status", "scheduled"),
            has_venue=has_venue,
            online_url=link if isinstance(link, str) else None,
        )
        for problem in found:
            text = rules.message(problem.code, problem.params, language)
            problems.append(f"{error_path(('meetings', i, problem.field or ''))}: {text}")
    return problems
