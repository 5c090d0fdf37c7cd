"""Categories and organisations: the register, matched by slug and organisation number."""

from __future__ import annotations

from django.conf import settings
from django.utils.text import slugify

from civilsamhalle import model as domain
from civilsamhalle.structure import Category

from ..models import Organisation, OrganisationCategory
from .compare import assign, latest, set_m2m, set_tags, set_text
from .context import Context, known

__all__ = ["import_categories", "import_organisations"]


def import_categories(ctx: Context, categories: tuple[Category, ...]) -> None:
    for i, spec in enumerate(categories):
        with ctx.record(("categories", i)):
            ctx.categories[spec.name] = None
            ctx.categories[spec.name] = _category(ctx, spec.id, spec.name, spec.description)


def _category(ctx: Context, slug: str, name: str, description: str) -> OrganisationCategory:
    category = (
        OrganisationCategory.objects.filter(slug=slug).first()
        or OrganisationCategory.objects.filter(name=name).first()
    )
    created = category is None
    if category is None:
        category = OrganisationCategory(slug=slug)
    changed = assign(category, {"name": name, "description": description})
    if created or changed:
        category.full_clean()
        category.save()
    ctx.report.count("category", created=created, changed=changed and not created)
    return category


def category(ctx: Context, name: str) -> OrganisationCategory:
    """The category called ``name``: described in the file, on the site, or made from the name."""
    if not known(ctx.categories, name):
        found = OrganisationCategory.objects.filter(name=name).first()
        unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        ctx.categories[name] = found or _category(
            ctx, slugify(name, allow_unicode=unicode), name, ""
        )
    return ctx.categories[name]


def organisation(ctx: Context, id_: str) -> Organisation:
    """The organisation the file calls ``id_`` (imported earlier, or on the site by slug)."""
    if not known(ctx.organisations, id_):
        found = Organisation.objects.filter(slug=id_).first()
        if found is None:
            raise LookupError(f"no organisation '{id_}' in the file or on the site")
        ctx.organisations[id_] = found
    return ctx.organisations[id_]


def _parents_first(organisations: tuple[domain.Organisation, ...]) -> list[int]:
    """Indexes in file order, except that a parent comes before its members."""
    index = {o.id: i for i, o in enumerate(organisations)}
    order: list[int] = []

    def visit(i: int, seen: frozenset[int]) -> None:
        parent = index.get(organisations[i].parent_id or "")
        if parent is not None and parent not in order and parent not in seen:
            visit(parent, seen | {i})
        if i not in order:
            order.append(i)

    for i in range(len(organisations)):
        visit(i, frozenset())
    return order


def import_organisations(ctx: Context, organisations: tuple[domain.Organisation, ...]) -> None:
    for i in _parents_first(organisations):
        with ctx.record(("organisations", i)):
            ctx.organisations[organisations[i].id] = None
            ctx.organisations[organisations[i].id] = _organisation(ctx, i, organisations[i])


def _existing(ctx: Context, i: int, spec: domain.Organisation) -> Organisation | None:
    """Found by organisation number, else by slug; the two must not name different ones."""
    by_slug = Organisation.objects.filter(slug=spec.id).first()
    if not spec.organisation_number:
        return by_slug
    by_number = Organisation.objects.filter(
        organisation_number=spec.organisation_number, country=spec.country.value
    ).first()
    if by_number and by_slug and by_number.pk != by_slug.pk:
        raise LookupError(
            f"organisation number {spec.organisation_number} belongs to '{by_number.slug}' "
            f"on the site, but the id '{spec.id}' to another organisation"
        )
    return by_number or by_slug


def _organisation(ctx: Context, i: int, spec: domain.Organisation) -> Organisation:
    """A live organisation snippet, published through a revision like the admin's "Publish"."""
    existing = _existing(ctx, i, spec)
    created = existing is None
    obj = Organisation(slug=spec.id, live=False) if existing is None else latest(existing)
    changed = assign(obj, {
        "name": spec.name,
        "kind": spec.kind.value,
        "country": spec.country.value,
        "organisation_number": spec.organisation_number or "",
        "website": str(spec.website) if spec.website else "",
        "email": spec.email or "",
        "phone": spec.phone or "",
        "parent": organisation(ctx, spec.parent_id) if spec.parent_id else None,
    })  # fmt: skip
    changed |= set_text(obj, "description", spec.description)
    changed |= set_m2m(obj.categories, [category(ctx, name) for name in spec.categories])
    changed |= set_tags(obj.areas_of_activity, spec.areas_of_activity)
    if created or changed:
        obj.full_clean()
    if created:
        obj.save()
    if created or changed:
        ctx.save(obj)
    ctx.report.count("organisation", created=created, changed=changed and not created)
    return Organisation.objects.get(pk=obj.pk)
