"""The demo's volunteering: Ullensaker's list of volunteer needs, in Norwegian Bokmål.

Ullensaker's action programme for volunteering (seed 004) asks, as action 2, for "a digital
solution that makes it easier to sign up as a volunteer and to report a need for help from
volunteers". The demo shows it: two open needs, one a task on a date (the second Saturday of next
month, so it is always ahead and the same all month) and one ongoing, each with an offer.
The units come from the register of municipal units (seed: park og idrett, helsetjenester).

Offers are personal data and no data file carries them, so these made-up people are added the
way the form adds them; their emails are at the reserved ``example.org`` (RFC 2606). Loading again
changes nothing but the dates, which follow ``today``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from home.models import HomePage

from wagtail_civil import conf
from wagtail_civil.models import (
    MunicipalUnit,
    VolunteerNeedIndexPage,
    VolunteerNeedPage,
    VolunteerOffer,
)

from .dates import month_after, nth_weekday

__all__ = ["INDEX_SLUG", "NEEDS", "add_volunteering", "dugnad_day"]

INDEX_SLUG = "frivillig-i-ullensaker"
SATURDAY, WEDNESDAY = 5, 2

INTRO = (
    "<p>Her finner du oppdrag der lag, foreninger og kommunen trenger frivillige – både "
    "enkeltdager og faste oppdrag. Meld deg på et oppdrag, eller fortell oss hva du har lyst til "
    "å hjelpe med, så tar vi kontakt når noe passer.</p>"
    "<p>Løsningen er tiltak 2 i Ullensaker kommunes handlingsprogram for frivillighet: det skal "
    "være enkelt å melde seg som frivillig og å melde behov for hjelp fra frivillige, for både "
    "foreningslivet og den uorganiserte frivilligheten.</p>"
)

# slug → the need's words; "unit" is a name in the register of municipal units.
NEEDS: dict[str, dict[str, object]] = {
    "dugnad-i-klubbhuset-pa-jessheim-idrettspark": {
        "title": "Dugnad i klubbhuset på Jessheim idrettspark",
        "unit": "Park og idrett",
        "timing": "one_off",
        "description": (
            "<p>Klubbhuset på Jessheim idrettspark skal males og ryddes før sesongen. Vi trenger "
            "hjelp til å male garderobene, vaske ut av lageret og rydde rundt banene.</p>"
            "<p>Kommunen stiller med maling, verktøy, hansker og lunsj. Ta med klær som tåler "
            "maling.</p>"
        ),
        "place": "Jessheim idrettspark, klubbhuset",
        "area": "Jessheim",
        "volunteers_needed": 8,
        "skills": (
            "Ingen spesielle ferdigheter trengs. Erfaring med maling er fint, men ikke nødvendig."
        ),
        "accessibility": (
            "Noe av arbeidet er innendørs og kan gjøres sittende. Klubbhuset har trinnfri "
            "inngang og tilrettelagt toalett. Ryddingen ute krever at du kan bære og bøye deg."
        ),
        "contact_name": "Ingrid Haugen",
        "contact_email": "frivillighet@example.org",
    },
    "besoksvenn-for-eldre-som-bor-hjemme": {
        "title": "Besøksvenn for eldre som bor hjemme",
        "unit": "Helsetjenester",
        "timing": "ongoing",
        "description": (
            "<p>Mange eldre som bor hjemme, er mye alene. Som besøksvenn besøker du én person "
            "fast, for eksempel en time i uka eller annenhver uke: en prat over en kopp kaffe, "
            "en tur ute eller en tur på butikken.</p>"
            "<p>Du får et kort kurs før du starter, og en fast kontaktperson i helsetjenesten.</p>"
        ),
        "place": "Hjemme hos den du besøker, eller på en tur dere avtaler",
        "area": "Hele kommunen",
        "volunteers_needed": None,
        "skills": "Du liker å prate og lytte, og kan love å komme fast i minst et halvt år.",
        "accessibility": (
            "Du velger selv hvor i kommunen du vil besøke. Besøkene kan tilpasses det du og den "
            "du besøker får til, for eksempel en prat hjemme i stedet for en tur ute."
        ),
        "contact_name": "Ingrid Haugen",
        "contact_email": "frivillighet@example.org",
    },
}

# slug → (name, email, message, status): one made-up offer on each need.
OFFERS = {
    "dugnad-i-klubbhuset-pa-jessheim-idrettspark": (
        "Sindre Løkkeberg",
        "sindre.lokkeberg@example.org",
        "Jeg kan ta med egen stige og malerkost, og kan være der hele dagen.",
        "accepted",
    ),
    "besoksvenn-for-eldre-som-bor-hjemme": (
        "Åshild Nærbø",
        "ashild.naerbo@example.org",
        "Jeg er pensjonert sykepleier og har god tid på formiddagene, helst på Kløfta.",
        "new",
    ),
}


def dugnad_day(today: dt.date) -> dt.date:
    """The second Saturday of next month: always ahead, and the same all month."""
    return nth_weekday(*month_after(today, 1), SATURDAY, 2)


def _times(today: dt.date) -> dict[str, object]:
    zone = ZoneInfo(conf.time_zone())
    day = dugnad_day(today)
    return {
        "start": dt.datetime.combine(day, dt.time(10, 0), zone),
        "end": dt.datetime.combine(day, dt.time(15, 0), zone),
        "open_until": day - dt.timedelta(days=3),  # the Wednesday before
    }


def add_volunteering(home: HomePage, today: dt.date) -> int:
    """Create or update the list, its two needs and an offer on each; how many offers were
    added (0 when loaded again)."""
    index = VolunteerNeedIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        index = home.add_child(
            instance=VolunteerNeedIndexPage(
                title="Frivillig i Ullensaker", slug=INDEX_SLUG, intro=INTRO, live=False
            )
        )
        index.save_revision().publish()
    added = 0
    for slug, words in NEEDS.items():
        need = _need(index, slug, dict(words), today)
        name, email, message, status = OFFERS[slug]
        _offer, created = VolunteerOffer.objects.get_or_create(
            need=need,
            email_key=email,
            defaults={"index": index, "name": name, "email": email, "message": message,
                      "status": status, "language": "nb"},
        )  # fmt: skip
        added += int(created)
    return added


def _need(
    index: VolunteerNeedIndexPage, slug: str, words: dict, today: dt.date
) -> VolunteerNeedPage:
    unit, _created = MunicipalUnit.objects.get_or_create(name=words.pop("unit"))
    fields = {**words, "unit": unit}
    if fields["timing"] == "one_off":
        fields.update(_times(today))
    need = VolunteerNeedPage.objects.child_of(index).filter(slug=slug).first()
    if need is None:
        need = index.add_child(instance=VolunteerNeedPage(slug=slug, live=False, **fields))
    elif all(getattr(need, name) == value for name, value in fields.items()):
        return need
    else:
        for name, value in fields.items():
            setattr(need, name, value)
    need.save_revision().publish()
    return VolunteerNeedPage.objects.get(pk=need.pk)
