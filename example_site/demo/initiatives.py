"""The demo's stories: Ulricehamn's collaboration examples, "Ring en vän" and the clothes hand-out.

The text is the seed's (Ulricehamn's page on collaboration with civil society), the partners are
organisations of the demo's register and the results are its figures. The seed gives no dates:
the periods here are the demo's reading of it (the hand-out was organised in the week after the
war in Ukraine broke out; Ring en vän goes on). The seed names no senior association, and the
register has none, so Ring en vän carries the pensioners' organisations as its category instead.

The illustrations are drawn here with Pillow, a few kilobytes each, so the repository holds no
binary: one with alt text, one marked decorative, as an editor would choose.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.images import ImageFile
from home.models import HomePage
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from wagtail_civil.importing import Report
from wagtail_civil.importing.compare import assign, latest, set_children, set_m2m, set_text
from wagtail_civil.models import (
    InitiativeImage,
    InitiativeIndexPage,
    InitiativeOrganisation,
    InitiativePage,
    InitiativeResult,
    Organisation,
    OrganisationCategory,
)

__all__ = ["INDEX_SLUG", "STORIES", "add_stories"]

INDEX_SLUG = "exempel-pa-samverkan"
INDEX_TITLE = "Exempel på samverkan"
INDEX_INTRO = (
    "<p>Kommunen och civilsamhället gör mer verksamhet tillsammans. Här är exempel på hur vi "
    "samverkar. Filtrera på en organisation eller en kategori för att se deras exempel.</p>"
)


@dataclass(frozen=True)
class Picture:
    title: str
    drawing: str  # "telephone" or "hanger"
    alt_text: str = ""
    decorative: bool = False


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    summary: str
    body: str
    start: dt.date
    end: dt.date | None
    partners: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    results: tuple[tuple[str, Decimal, str], ...] = ()
    pictures: tuple[Picture, ...] = field(default=())


STORIES: tuple[Story, ...] = (
    Story(
        slug="ring-en-van",
        title="Ring en vän",
        summary=(
            "Seniorföreningarna i kommunen har gått ihop för att minska ofrivillig ensamhet: "
            "eldsjälar ringer runt till äldre för en pratstund."
        ),
        body=(
            "De seniorföreningar som finns i kommunen har gått ihop och beslutat sig för att göra "
            "en insats för att minska ofrivillig ensamhet. Några fantastiska eldsjälar ringer runt "
            "till äldre för en pratstund och bjuder in till olika aktiviteter. En fika "
            "tillsammans, en konsert eller bussresa.\n\n"
            "500 telefonsamtal har det blivit på ett år och fler lär det bli framöver."
        ),
        start=dt.date(2022, 9, 1),
        end=None,
        categories=("pensionarsorganisationerna",),
        results=(("Telefonsamtal", Decimal(500), "per år"),),
        pictures=(
            Picture(
                "Ring en vän: telefon",
                "telephone",
                alt_text="Tecknad bild av en gammaldags telefon med nummerskiva.",
            ),
        ),
    ),
    Story(
        slug="kladutlamning-till-flyktingar",
        title="Klädutlämning till flyktingar",
        summary=(
            "När kriget bröt ut i Ukraina samlade kommunen in kläder och hygienartiklar till "
            "flyktingarna, och fyra organisationer hjälpte till att organisera utlämningen."
        ),
        body=(
            "Under en vecka när kriget bröt ut i Ukraina samlade kommunen in kläder och "
            "hygienartiklar från allmänheten för att kunna bistå de flyktingar som skulle komma "
            "till kommunen. Ingen visste hur många som skulle tvingas fly till Sverige och "
            "Ulricehamn. Många var de som ville bidra och lagret blev stort.\n\n"
            "Kommunen fick hjälp från flera organisationer som Equmeniakyrkan Oasen, Rädda "
            "barnen, Röda korset och Svenska kyrkan att organisera klädutlämningen."
        ),
        start=dt.date(2022, 2, 28),
        end=dt.date(2022, 3, 6),
        partners=("equmeniakyrkan-oasen", "radda-barnen", "roda-korset", "svenska-kyrkan"),
        categories=("trossamfunden",),
        results=(
            ("Insamling", Decimal(1), "vecka"),
            ("Organisationer som hjälpte till", Decimal(4), ""),
        ),
        pictures=(Picture("Klädutlämning: klädgalge", "hanger", decorative=True),),
    ),
)


def add_stories(home: HomePage, report: Report | None = None) -> int:
    """Create or update the list of stories under ``home`` and its stories; how many changed.

    Idempotent: a second run finds everything as it is and publishes nothing.
    """
    report = report or Report()
    index = _index(home, report)
    changed = 0
    for story in STORIES:
        changed += _story(index, story, report)
    return changed


def _index(home: HomePage, report: Report) -> InitiativeIndexPage:
    index = InitiativeIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = InitiativeIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
        report.count("list of stories", created=True)
        return InitiativeIndexPage.objects.get(pk=index.pk)
    report.count("list of stories")
    return index


def _story(index: InitiativeIndexPage, story: Story, report: Report) -> bool:
    existing = InitiativePage.objects.child_of(index).filter(slug=story.slug).first()
    page = latest(existing) if existing is not None else InitiativePage(slug=story.slug)
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=story.partners)}
    categories = OrganisationCategory.objects.filter(slug__in=story.categories)
    changed = assign(
        page,
        {
            "title": story.title,
            "summary": story.summary,
            "start_date": story.start,
            "end_date": story.end,
        },
    )
    changed |= set_text(page, "body", story.body)
    changed |= set_m2m(page.categories, categories)
    changed |= set_children(
        page,
        "partner_links",
        InitiativeOrganisation,
        [{"organisation_id": partners[slug].pk} for slug in story.partners],
    )
    changed |= set_children(
        page,
        "results",
        InitiativeResult,
        [{"label": label, "number": number, "unit": unit} for label, number, unit in story.results],
    )
    changed |= set_children(
        page,
        "images",
        InitiativeImage,
        [
            {
                "image_id": _picture(picture).pk,
                "alt_text": picture.alt_text,
                "decorative": picture.decorative,
            }
            for picture in story.pictures
        ],
    )
    if existing is None:
        page.live = False
        index.add_child(instance=page)
    if changed or existing is None or not existing.live:
        page.full_clean()
        page.save_revision().publish()
    report.count("story", created=existing is None, changed=changed and existing is not None)
    return bool(changed or existing is None)


def _picture(picture: Picture) -> object:
    """The illustration, drawn the first time and found by its title afterwards."""
    images = get_image_model().objects
    found = images.filter(title=picture.title).first()
    if found is not None:
        return found
    image = images.model(title=picture.title)
    image.file = ImageFile(io.BytesIO(_draw(picture.drawing)), name=f"{picture.drawing}.png")
    image.save()
    return image


def _draw(drawing: str) -> bytes:
    """A flat two-colour illustration, 960 × 540, as PNG bytes."""
    canvas = PillowImage.new("RGB", (960, 540), "#e6f0f7")
    pen = ImageDraw.Draw(canvas)
    ink = "#1d3f5e"
    if drawing == "telephone":
        pen.rounded_rectangle((300, 260, 660, 450), radius=40, fill=ink)  # the base
        pen.rounded_rectangle((250, 150, 710, 215), radius=30, fill=ink)  # the handset
        pen.rounded_rectangle((230, 140, 350, 250), radius=30, fill=ink)
        pen.rounded_rectangle((610, 140, 730, 250), radius=30, fill=ink)
        pen.ellipse((410, 285, 550, 425), fill="#e6f0f7")  # the dial
        for x, y in ((480, 305), (515, 320), (530, 355), (515, 390), (480, 405), (445, 390)):
            pen.ellipse((x - 9, y - 9, x + 9, y + 9), fill=ink)
    else:
        pen.arc((440, 70, 520, 150), start=180, end=90, fill=ink, width=14)  # the hook
        pen.line((480, 150, 480, 200), fill=ink, width=14)
        pen.line((480, 200, 170, 400, 790, 400, 480, 200), fill=ink, width=16, joint="curve")
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()
