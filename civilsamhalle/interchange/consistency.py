"""Rules that span a whole data file: unique identifiers and references that lead somewhere.

Each object in a :class:`~civilsamhalle.model.Dataset` validates on its own, but a file can still
be wrong as a whole. Two meetings with the same ``uid`` would be merged into one by every calendar
program that subscribes to the feed, and a meeting that points at an agreement missing from the
file would never count towards that agreement's commitments. Both are silent in the output, so
they are reported here, in the same ``path: message`` form as the field errors.

References to ``host_ids`` are not checked: a host may be a municipal unit, not an organisation.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import error_path
from ..i18n import translation
from ..model import Dataset

__all__ = ["dataset_problems"]


def _duplicates(
    collection: str, field: str, values: Iterable[object], language: str | None
) -> list[str]:
    _ = translation(language).gettext
    seen: dict[object, int] = {}
    problems = []
    for index, value in enumerate(values):
        if value in seen:
            first = error_path((collection, seen[value]))
            message = _("the same {field} as {first}").format(field=field, first=first)
            problems.append(f"{error_path((collection, index, field))}: {message}")
        else:
            seen[value] = index
    return problems


def _parent_loops(dataset: Dataset, language: str | None) -> list[str]:
    _ = translation(language).gettext
    parents = {o.id: o.parent_id for o in dataset.organisations}
    problems = []
    for index, organisation in enumerate(dataset.organisations):
        chain = [organisation.id]
        current = organisation.parent_id
        while current is not None and current in parents and current not in chain:
            chain.append(current)
            current = parents[current]
        if current == organisation.id:
            loop = " → ".join([*chain, organisation.id])
            message = _("the parent organisations form a loop: {loop}").format(loop=loop)
            problems.append(f"{error_path(('organisations', index, 'parent_id'))}: {message}")
    return problems


def dataset_problems(dataset: Dataset, language: str | None = None) -> list[str]:
    """Every whole-file problem of ``dataset`` as ``path: message`` lines; empty when none.

    ``language`` picks the catalogue for the messages (English when ``None``).
    """
    _ = translation(language).gettext
    problems = [
        *_duplicates("organisations", "id", (o.id for o in dataset.organisations), language),
        *_duplicates("agreements", "id", (a.id for a in dataset.agreements), language),
        *_duplicates("meetings", "uid", (m.uid for m in dataset.meetings), language),
    ]
    organisation_ids = {o.id for o in dataset.organisations}
    agreement_ids = {a.id for a in dataset.agreements}

    def unknown_organisation(loc: tuple[str | int, ...], value: str) -> None:
        if value not in organisation_ids:
            message = _("no organisation in the file has the id '{id}'").format(id=value)
            problems.append(f"{error_path(loc)}: {message}")

    for i, organisation in enumerate(dataset.organisations):
        if organisation.parent_id is not None:
            unknown_organisation(("organisations", i, "parent_id"), organisation.parent_id)
    for i, agreement in enumerate(dataset.agreements):
        for j, signature in enumerate(agreement.signatures):
            if signature.organisation_id is not None:
                loc = ("agreements", i, "signatures", j, "organisation_id")
                unknown_organisation(loc, signature.organisation_id)
    for i, meeting in enumerate(dataset.meetings):
        if meeting.agreement_id is not None and meeting.agreement_id not in agreement_ids:
            message = _("no agreement in the file has the id '{id}'").format(
                id=meeting.agreement_id
            )
            problems.append(f"{error_path(('meetings', i, 'agreement_id'))}: {message}")
        if meeting.attendance is not None:
            for j, organisation_id in enumerate(meeting.attendance.organisation_ids):
                loc = ("meetings", i, "attendance", "organisation_ids", j)
                unknown_organisation(loc, organisation_id)
    problems.extend(_parent_loops(dataset, language))
    return problems
