"""Ullensaker's action programme for volunteering 2022, in Norwegian Bokmål, with a status history.

From the seed ``004_c56da6793a9e20aa.txt``: the municipal council adopted the volunteering
strategy and its action programme for 2022 with six actions. The titles, descriptions, partners
and statuses are the seed's ("Arbeidet er startet opp" is *started*, "Arbeidet er i gang" and "blir
ferdig i 2022" *under way*, "skal gjennomføres i 2022" *not started* with 2022 as its target).
Invented, because the seed does not give them: the units responsible for actions 2 and 5, the
progress percentages, and the dates of the status history (see data/README.md).

The plan is a page of its own at the top of the site, beside the other municipalities' sections
("Ulricehamn: stormöten", "Luleå: dialoger …"), titled the same way: "Ullensaker: …".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wagtail.models import Page

from wagtail_civil.importing import Report
from wagtail_civil.models import (
    ActionPlanPage,
    ActionStatusChange,
    MunicipalUnit,
    Organisation,
    PlanAction,
)

__all__ = ["ACTIONS", "PLAN_SLUG", "UNITS", "add_action_plans"]

PLAN_SLUG = "ullensaker-handlingsprogram-for-frivillighet-2022"
PLAN_TITLE = "Ullensaker: handlingsprogram for frivillighet 2022"
PLAN_INTRO = (
    "<p>Kommunestyret har vedtatt frivillighetsstrategien og handlingsprogrammet for 2022. "
    "Frivillighetsåret 2022 skal løfte fram og anerkjenne innsatsen frivilligheten i kommunen "
    "legger ned, i samspill med lag, foreninger og andre som skaper et varmere lokalsamfunn.</p>"
)

# slug → name: the municipality's units the seed names as responsible.
UNITS = {
    "kommunikasjon": "Kommunikasjon",
    "park-og-idrett": "Park og idrett",
    "kultur": "Kultur",
    "helsevern-og-sosial-omsorg": "Helsevern og sosial omsorg",
    "kommunale-eiendommer": "Kommunale eiendommer",
}

_START = dt.date(2022, 1, 3)  # the plan's first publication (invented)

# number, title, description, units, partners (slugs in demo.json), status, progress,
# milestones, history [(date, status)] ending in the status.
ACTIONS: tuple[dict[str, Any], ...] = (
    {
        "title": "Forbedre kommunens nettside rettet mot frivillighet",
        "description": "Jobbe med nettsider som omhandler det med frivillighet, samt sikre at "
        "disse sidene kontinuerlig oppdateres. Se på strukturelle grep for at det som omhandler "
        "frivillighet skal komme lettere frem. Omhandler blant annet lenker til støtteordninger. "
        "Arbeidet gjøres i tett samarbeid med kommunikasjon og nettredaksjonen.",
        "units": ["kommunikasjon"],
        "partners": [],
        "status": "under_way",
        "progress": 60,
        "milestones": [(dt.date(2022, 6, 1), "Ny struktur for frivillighetssidene publisert")],
        "history": [(_START, "started"), (dt.date(2022, 3, 1), "under_way")],
    },
    {
        "title": "Etablere digital løsning for frivillighet",
        "description": "Sørge for at kommunen får innført en digital løsning som gjør det "
        "enklere å melde seg som frivillig og melde behov for bistand fra frivillige, både for "
        "den nye og etablerte frivilligheten, for foreningsliv og ad hoc-frivillighet. Det må "
        "utarbeides en behovsoversikt og en kravspesifikasjon, og hentes inn erfaringer fra "
        "andre kommuner. Anskaffelsen vil kreve budsjettmidler.",
        "units": ["kultur", "kommunikasjon"],
        "partners": ["frivillighetssentralen-ullensaker"],
        "status": "started",
        "progress": 10,
        "milestones": [
            (dt.date(2022, 4, 30), "Behovsoversikt ferdig"),
            (dt.date(2022, 9, 30), "Kravspesifikasjon ferdig"),
        ],
        "history": [(_START, "started")],
    },
    {
        "title": "Bygge og promotere nettverk",
        "description": "Kommunen skal være en bidragsyter i nettverksbyggingen rundt "
        "frivilligheten, mellom kommune og frivillighet, frivilligheten seg imellom og mot "
        "næringsliv og andre aktører. Tiltaket starter som et prosjekt for å få på plass gode "
        "rutiner, med tanke på varig virkning fra 2022 og fremover.",
        "units": ["park-og-idrett", "kultur", "kommunikasjon"],
        "partners": [
            "frivillighetssentralen-ullensaker",
            "ullensaker-idrettsrad",
            "ullensaker-kulturrad",
        ],
        "status": "under_way",
        "progress": 40,
        "milestones": [],
        "history": [(_START, "started"), (dt.date(2022, 2, 15), "under_way")],
    },
    {
        "title": "Jobbe aktivt med frivillighetsarbeid i helsetjenestene",
        "description": "Styrke samhandlingen mellom de ansvarlige for frivillighetsarbeidet i "
        "kommunen, frivilligheten og helsetjenesten for å gi et bedre tjenestetilbud til "
        "brukeren, spesielt i bo- og aktivitetssentrene, med innspill fra humanitære lag og "
        "foreninger og andre kulturorganisasjoner.",
        "units": ["helsevern-og-sosial-omsorg"],
        "partners": [],
        "status": "started",
        "progress": 20,
        "milestones": [],
        "history": [(_START, "started")],
    },
    {
        "title": "Inspirasjon og anerkjennelse",
        "description": "Stimulere til mer aktivitet i den organiserte og uorganiserte "
        "frivilligheten ved kontinuerlig å søke etter suksesshistorier, synliggjøre de gode "
        "eksemplene og gi anerkjennelse til dem som gjør en viktig innsats. Arbeidet gjøres "
        "som et prosjekt som kan videreføres i driften.",
        "units": ["kultur"],
        "partners": [],
        "status": "not_started",
        "progress": None,
        "milestones": [(dt.date(2022, 12, 5), "Frivillighetens dag: de første historiene")],
        "history": [(_START, "not_started")],
    },
    {
        "title": "Utleiereglementet",
        "description": "Nytt utleiereglement for kommunale bygg og anlegg, en viktig faktor "
        "for den organiserte frivilligheten. Arbeidet ledes av kommunale eiendommer, med "
        "mandat og arbeidsgruppe.",
        "units": ["kommunale-eiendommer"],
        "partners": [],
        "status": "under_way",
        "progress": 50,
        "milestones": [],
        "history": [(_START, "started"), (dt.date(2022, 4, 20), "under_way")],
    },
)


def _units(report: Report) -> dict[str, MunicipalUnit]:
    """The units by slug, found by name (another part of the demo may have made them)."""
    units = {}
    for slug, name in UNITS.items():
        unit, created = MunicipalUnit.objects.get_or_create(name=name, defaults={"slug": slug})
        report.count("municipal unit", created=created)
        units[slug] = unit
    return units


def add_action_plans(home: Page, report: Report) -> ActionPlanPage:
    """Create Ullensaker's plan under ``home`` once; a reload leaves it (and editors' changes)."""
    units = _units(report)
    existing = ActionPlanPage.objects.child_of(home).filter(slug=PLAN_SLUG).first()
    if existing is not None:
        report.count("action plan")
        return existing
    partners = {o.slug: o for o in Organisation.objects.all()}
    plan = ActionPlanPage(
        title=PLAN_TITLE,
        slug=PLAN_SLUG,
        intro=PLAN_INTRO,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        adopted_by="Kommunestyret i Ullensaker",
        live=False,
    )
    for number, spec in enumerate(ACTIONS, start=1):
        action = PlanAction(
            sort_order=number - 1,  # as the admin's formset would; else PostgreSQL's order is any
            number=str(number),
            title=spec["title"],
            description=f"<p>{spec['description']}</p>",
            status=spec["status"],
            progress=spec["progress"],
            target_year=2022,
            milestones=[("milestone", {"date": d, "text": t}) for d, t in spec["milestones"]],
        )
        action.responsible_units = [units[slug] for slug in spec["units"]]
        action.partners = [partners[slug] for slug in spec["partners"] if slug in partners]
        plan.actions.add(action)
    home.add_child(instance=plan)
    # The history as it was published through 2022; publishing now then finds nothing new.
    changes = []
    for action, spec in zip(plan.actions.order_by("sort_order"), ACTIONS, strict=True):
        previous = ""
        for date, status in spec["history"]:
            changes.append(
                ActionStatusChange(
                    action=action, status=status, previous_status=previous, date=date
                )
            )
            previous = status
    ActionStatusChange.objects.bulk_create(changes)
    plan.save_revision().publish()
    report.count("action plan", created=True)
    return plan
