"""The demo's registrations for the October meeting: every seat taken and three on the waitlist.

Registrations are personal data, so the data format has none (a municipality's export never
carries them); these made-up people are added the way the form and staff add them, through
:func:`wagtail_civil.registration.seats.register`, dated in the days after registration opened.
Names are invented, emails are at the reserved ``example.org`` (RFC 2606) and phone numbers are
in the series Sweden's PTS keeps for fiction (070-174 06 05 to 99), so none reaches anyone.
"""

from __future__ import annotations

import datetime as dt

from civilsamhalle.enums import RegistrationSource
from wagtail_civil.models import MeetingPage, Organisation, Registration
from wagtail_civil.registration.seats import register

__all__ = ["DEMO_MEETING", "PEOPLE", "add_registrations"]

DEMO_MEETING = "stormote-om-det-digitala-utanforskapet"

# Name, organisation (a slug from the register, or as typed, or none), how they signed up.
# The first 30 get the 30 seats; the last three join the waitlist. Two residents phoned and
# one came to the reception desk: the meeting is about those who seldom use the internet.
WEB, PHONE, DESK = RegistrationSource.WEB, RegistrationSource.PHONE, RegistrationSource.DESK
PEOPLE: tuple[tuple[str, str, RegistrationSource], ...] = (
    ("Åsa Bäckström", "equmeniakyrkan-oasen", WEB),
    ("Göran Öhrvall", "PRO Ulricehamn", WEB),
    ("Märta Sjöholm", "", PHONE),
    ("Björn Åkesäter", "Bygdegårdsföreningen i Älmestad", WEB),
    ("Lena Hägerström", "studieforbundet-vuxenskolan-vast", WEB),
    ("Sören Ängqvist", "", WEB),
    ("Kajsa Ödlund", "SPF Seniorerna Åsunden", WEB),
    ("Pär Strömfält", "abf-fyrbodal", WEB),
    ("Ylva Hökberg", "", WEB),
    ("Åke Lövgårdh", "Hembygdsföreningen i Böne", WEB),
    ("Märit Fjällsjö", "svenska-kyrkan", WEB),
    ("Jörgen Tåhlin", "", DESK),
    ("Ingrid Nääs", "Kulturföreningen Sjöviken", WEB),
    ("Östen Bärlund", "", WEB),
    ("Hjördis Källvik", "roda-korset", WEB),
    ("Rasmus Änglöv", "bilda", WEB),
    ("Solveig Grönåker", "PRO Ulricehamn", PHONE),
    ("Tove Älvsjö", "", WEB),
    ("Bengt Rösäter", "Byalaget i Hössna", WEB),
    ("Agnes Sköldkvist", "equmeniakyrkan-oasen", WEB),
    ("Måns Dählholm", "", WEB),
    ("Elin Fröjdhammar", "Ulricehamns schackklubb", WEB),
    ("Örjan Vänstedt", "studieframjandet-bohuslan-norra", WEB),
    ("Stina Åbergsjö", "", WEB),
    ("Leif Hällgrund", "SPF Seniorerna Åsunden", WEB),
    ("Maja Töresäng", "kfum", WEB),
    ("Nils Björkängen", "", WEB),
    ("Gunnel Ståhlbrand", "Bygdegårdsföreningen i Älmestad", WEB),
    ("Tage Mörkfors", "radda-barnen", WEB),
    ("Vera Löjtnantsson", "", WEB),
    # The waitlist, in the order they joined it.
    ("Hampus Ökvist", "Kulturföreningen Sjöviken", WEB),
    ("Siv Gäddsjö", "", WEB),
    ("Arvid Brännfält", "roda-korset", WEB),
)

_ASCII = str.maketrans("åäöÅÄÖ", "aaoAAO")
_BETWEEN = dt.timedelta(hours=5)  # a registration every five hours after opening


def _email(name: str) -> str:
    return name.translate(_ASCII).lower().replace(" ", ".") + "@example.org"


def add_registrations() -> int:
    """Register :data:`PEOPLE` for the October meeting; how many were added.

    Only while the meeting has none: phone sign-ups have no email to recognise them by, and a
    reload must not add them twice, nor add to what a tester did with the demo. No email is
    sent (``send_confirmation=False``).
    """
    meeting = MeetingPage.objects.get(slug=DEMO_MEETING)
    if Registration.objects.filter(meeting=meeting).exists():
        return 0
    named = {organisation for _, organisation, _ in PEOPLE if organisation}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=named)}
    opened = meeting.registration_opens
    for index, (name, organisation, source) in enumerate(PEOPLE):
        when = opened + _BETWEEN * (index + 1)
        by_phone = source is not WEB
        register(
            meeting,
            source=source,
            send_confirmation=False,
            now=when,
            name=name,
            email="" if source is PHONE else _email(name),
            phone=f"070-174 06 {10 + index:02d}" if by_phone else "",
            organisation=organisations.get(organisation),
            organisation_name="" if organisation in organisations else organisation,
            language="sv",
            consented_at=when,
        )
    return len(PEOPLE)
