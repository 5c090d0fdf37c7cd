"""The demo's councils: Ulricehamn's samråd and the steering group of Uddevalla's ÖK Idé.

From the seeds (``/work/shared/seeds``): Ulricehamn's samråd has five seats for civil society,
each held for a category of organisations, and three representatives of the municipality, two of
them politicians with their parties. Its big meetings (stormöten) are linked to it, so its page
lists them and its calendar carries them. Uddevalla's ÖK Idé is followed up by a steering group;
the seed names only the public health coordinator who speaks for the agreement, so the group's
seats for civil society are shown vacant rather than filled with made-up names.

Created once: a second ``load_demo`` leaves councils that exist as they are (an editor may have
changed them), and only links meetings that name no council yet.
"""

from __future__ import annotations

from typing import Any

from home.models import HomePage

from wagtail_civil.importing import Report
from wagtail_civil.models import (
    AgreementPage,
    CouncilPage,
    CouncilSeat,
    CouncilSeatHolder,
    MeetingPage,
    Organisation,
    OrganisationCategory,
)

__all__ = ["add_councils"]

ULRICEHAMN = "samradet-i-ulricehamn"
UDDEVALLA = "styrgruppen-for-ok-ide"
# The big meetings in Ulricehamn, where the samråd's structure for cooperation was laid down.
ULRICEHAMN_MEETINGS = (
    "stormote-1",
    "stormote-2",
    "stormote-3",
    "stormote-4",
    "stormote-om-det-digitala-utanforskapet",
)
# Seat, category (slug), holder: the samråd's civil-society seats as the seed lists them.
ULRICEHAMN_SEATS = (
    ("Trossamfunden", "trossamfunden", "Gulli Håkansson"),
    ("Pensionärsorganisationerna", "pensionarsorganisationerna", "Britt-Marie Larsson"),
    ("Landsbygdsorganisationerna", "landsbygdsorganisationerna", "Tomas Jacov"),
    ("Kulturorganisationerna", "kulturorganisationerna", "Elisabeth Frick"),
    ("Studieförbunden", "studieforbunden", "Björn Wilhelmsson"),
)
# Seat, holder, party, title: the municipality's three representatives.
ULRICEHAMN_MUNICIPALITY = (
    ("Kommunen, förtroendevald", "Wiktor Öberg", "Moderaterna", ""),
    ("Kommunen, förtroendevald", "Klas Redin", "Socialdemokraterna", ""),
    (
        "Kommunen, tjänsteperson",
        "Max Rademacher",
        "",
        "Enhetschef på strategi- och utvecklingsenheten",
    ),
)


def add_councils(home: HomePage, report: Report) -> None:
    """Both councils under the start page, with their seats, holders and meetings."""
    samrad = _page(
        home,
        report,
        slug=ULRICEHAMN,
        title="Samrådet i Ulricehamn",
        kind="council",
        purpose=(
            "<p>Samrådet ansvarar för att utveckla och fördjupa samverkan mellan Ulricehamns "
            "kommun och civilsamhället. Samrådet har tagit fram en agenda som lyfter "
            "utvecklingsområden, föreningshjälp och kunskapshöjande insatser som viktiga delar "
            "för samverkan framöver.</p>"
        ),
        composition=(
            "<p>Fem platser för civilsamhället, en för varje grupp av organisationer: "
            "trossamfunden, pensionärsorganisationerna, landsbygdsorganisationerna, "
            "kulturorganisationerna och studieförbunden. Kommunen representeras av två "
            "förtroendevalda och en tjänsteperson.</p>"
        ),
    )
    if samrad is not None:
        categories = {c.slug: c for c in OrganisationCategory.objects.all()}
        order = 0
        for label, category, name in ULRICEHAMN_SEATS:
            order += 1
            _seat(samrad, label, order, [CouncilSeatHolder(name=name)],
                  represents="category", category=categories.get(category))  # fmt: skip
        for label, name, party, title in ULRICEHAMN_MUNICIPALITY:
            order += 1
            holder = CouncilSeatHolder(name=name, party=party, title=title)
            _seat(samrad, label, order, [holder], represents="municipality")
    council = CouncilPage.objects.get(slug=ULRICEHAMN)
    linked = MeetingPage.objects.filter(slug__in=ULRICEHAMN_MEETINGS, council__isnull=True)
    for meeting in linked:
        meeting.council = council
        meeting.save_revision().publish()  # the editor's way: the revision names the council too

    ok_ide = AgreementPage.objects.filter(slug="ok-ide").first()
    group = _page(
        home,
        report,
        slug=UDDEVALLA,
        title="Styrgruppen för ÖK Idé",
        kind="steering_group",
        agreement=ok_ide,
        purpose=(
            "<p>Styrgruppen följer upp överenskommelsen ÖK Idé mellan Uddevalla kommun och den "
            "idéburna sektorn: den förbereder stordialogerna och tar emot nya parter som vill "
            "skriva under.</p>"
        ),
        composition=(
            "<p>Kommunen och den idéburna sektorn, bland annat studieförbunden och "
            "Frivilligcentrum.</p>"
        ),
    )
    if group is not None:
        official = CouncilSeatHolder(
            name="Theresia Diago Bengtsson", title="Folkhälsosamordnare", role="secretary"
        )
        _seat(group, "Uddevalla kommun", 1, [official], represents="municipality")
        studies = OrganisationCategory.objects.filter(slug="studieforbunden").first()
        _seat(group, "Studieförbunden", 2, [], represents="category", category=studies)
        volunteers = Organisation.objects.filter(slug="frivilligcentrum").first()
        _seat(group, "Frivilligcentrum", 3, [], represents="organisation", organisation=volunteers)


def _page(home: HomePage, report: Report, *, slug: str, **fields: Any) -> CouncilPage | None:
    """A new published council page, or ``None`` when it exists already."""
    if CouncilPage.objects.filter(slug=slug).exists():
        report.count("council")
        return None
    page = CouncilPage(slug=slug, live=False, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    report.count("council", created=True)
    return CouncilPage.objects.get(pk=page.pk)


def _seat(
    council: CouncilPage, label: str, order: int, holders: list[CouncilSeatHolder], **fields: Any
) -> None:
    seat = CouncilSeat(council=council, label=label, sort_order=order, **fields)
    seat.holders = holders
    seat.full_clean()
    seat.save()
