"""Index pages and agreements: pages under the import's parent page, matched by slug."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wagtail.models import Page

from civilsamhalle import model as domain
from civilsamhalle.structure import IndexPage, IndexPageKind

from ..models import (
    AgreementCommitment,
    AgreementPage,
    AgreementSignature,
    MeetingIndexPage,
    OrganisationIndexPage,
)
from .compare import assign, latest, set_children, set_text
from .context import Context
from .register import organisation

__all__ = ["import_agreements", "import_index_pages", "publish_page"]

_INDEX_MODELS: dict[IndexPageKind, type[Page]] = {
    IndexPageKind.MEETINGS: MeetingIndexPage,
    IndexPageKind.ORGANISATIONS: OrganisationIndexPage,
}


def publish_page(
    ctx: Context,
    parent: Page,
    model: type[Page],
    slug: str,
    kind: str,
    fill: Callable[[Any], bool],
) -> Any:
    """Create or update the child ``slug`` of ``parent``; a revision only if anything changed.

    ``fill(page) -> bool`` sets the page's fields and relations and says whether any changed.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None and not isinstance(existing.specific, model):
        found = type(existing.specific).__name__
        raise LookupError(f"{existing.url_path} is a {found}, not a {model.__name__}")
    created = existing is None
    page = model(slug=slug, live=False) if existing is None else latest(existing)
    changed = fill(page)
    if created:
        parent.add_child(instance=page)
    if created or changed:
        ctx.save(page)
    ctx.report.count(kind, created=created, changed=changed and not created)
    return model.objects.get(pk=page.pk)


def import_index_pages(ctx: Context, pages: tuple[IndexPage, ...]) -> None:
    for i, spec in enumerate(pages):
        with ctx.record(("pages", i)):
            ctx.pages[spec.id] = None
            ctx.pages[spec.id] = _index_page(ctx, spec)


def _index_page(ctx: Context, spec: IndexPage) -> Page:
    def fill(page: Page) -> bool:
        changed = assign(page, {"title": spec.title})
        return set_text(page, "intro", spec.intro) or changed

    model = _INDEX_MODELS[spec.kind]
    return publish_page(ctx, ctx.parent, model, spec.id, "index page", fill)


def import_agreements(ctx: Context, agreements: tuple[domain.Agreement, ...]) -> None:
    for i, spec in enumerate(agreements):
        with ctx.record(("agreements", i)):
            ctx.agreements[spec.id] = None
            ctx.agreements[spec.id] = _agreement(ctx, spec)


def _signature(ctx: Context, signature: domain.Signature) -> dict[str, Any]:
    """A signature row; the party's name is kept only where it differs from the register's."""
    party = organisation(ctx, signature.organisation_id) if signature.organisation_id else None
    return {
        "organisation_id": party.pk if party else None,
        "party_name": "" if party and party.name == signature.organisation else
        signature.organisation,
        "signatory": signature.signatory,
        "signatory_title": signature.signatory_title,
        "date": signature.date,
    }  # fmt: skip


def _agreement(ctx: Context, spec: domain.Agreement) -> AgreementPage:
    signatures = [_signature(ctx, s) for s in spec.signatures]
    commitments = [
        {
            "description": c.description,
            "minimum": c.minimum,
            "meeting_kind": c.meeting_kind.value if c.meeting_kind else "",
            "period_months": c.period_months,
            "period_start": c.period_start,
        }
        for c in spec.commitments
    ]

    def fill(page: AgreementPage) -> bool:
        changed = assign(page, {
            "title": spec.title,
            "status": spec.status.value,
            "valid_from": spec.valid_from,
            "valid_until": spec.valid_until,
        })  # fmt: skip
        changed |= set_text(page, "purpose", spec.purpose)
        if [b.value["text"] for b in page.principles] != list(spec.principles):
            page.principles = [("principle", {"heading": "", "text": t}) for t in spec.principles]
            changed = True
        changed |= set_children(page, "signatures", AgreementSignature, signatures)
        return set_children(page, "commitments", AgreementCommitment, commitments) or changed

    return publish_page(ctx, ctx.parent, AgreementPage, spec.id, "agreement", fill)
