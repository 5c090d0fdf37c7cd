"""The demo's commitment follow-up and Ulricehamn's liaison (lots).

Luleå's agreement promises two dialogues a year. Its state is never typed: it is computed from
the demo's dialogues, which :mod:`demo.dates` dates for today (one held this year, one
cancelled, the next planned for January: "1 of 2 held, none planned — At risk"). Last year has
no dialogue under the agreement in the demo, so the dashboard's panel also shows last year's
promise as missed, "0 of 2 held". ``manage.py notify_commitments`` emails the agreement's
contact (set here; the address is made up) once; plan a dialogue this year from the panel's
link and the promise is on track again.

Ulricehamn's seed says the municipality "har utsett en lots som kan vara länken mellan kommunen
och civilsamhället" but names no one, so the person is made up; the role and what the lots does
are the seed's words. Idempotent: ``make demo`` runs it again on the loaded demo.
"""

from __future__ import annotations

from wagtail_civil.models import AgreementPage, Liaison, MunicipalUnit

__all__ = ["add_commitment_follow_up"]

LULEA_CONTACT = {
    "contact_name": "Samordnare för överenskommelsen",
    "contact_email": "overenskommelsen@example.org",
}
ULRICEHAMN_UNIT = "Strategi- och utvecklingsenheten"  # named in the seed (Max Rademacher's unit)
LIAISON = {
    "name": "Karin Exempelsson",
    "role": "Lots mellan kommunen och civilsamhället",
    "area": "Ulricehamns kommun",
    "email": "lots@example.org",
    "description": (
        "Lotsen hjälper kommunens verksamheter att hitta rätt i den mångfald av organisationer "
        "som civilsamhället erbjuder men kan också vara en första kontakt för civilsamhället "
        "in i kommunen."
    ),
}


def add_commitment_follow_up() -> Liaison:
    """Give Luleå's agreement its contact and publish Ulricehamn's liaison; the liaison."""
    agreement = AgreementPage.objects.get(slug="lulea-overenskommelse")
    if any(getattr(agreement, name) != value for name, value in LULEA_CONTACT.items()):
        for name, value in LULEA_CONTACT.items():
            setattr(agreement, name, value)
        agreement.save_revision().publish()
    unit, _created = MunicipalUnit.objects.get_or_create(name=ULRICEHAMN_UNIT)
    liaison = Liaison.objects.filter(name=LIAISON["name"]).first() or Liaison(live=False)
    changed = (
        liaison.pk is None
        or liaison.unit_id != unit.pk
        or any(getattr(liaison, name) != value for name, value in LIAISON.items())
    )
    if changed or not liaison.live:
        for name, value in LIAISON.items():
            setattr(liaison, name, value)
        liaison.unit = unit
        liaison.save()
        liaison.save_revision().publish()
    return liaison
