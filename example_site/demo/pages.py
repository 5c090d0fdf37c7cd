"""The demo's pages other than meetings: the start page, the agreements and the meeting lists.

The demo is one site holding five municipalities' material, so page titles say whose it is
("Ulricehamn: stormöten"). One meeting list per municipality keeps each seed's story together;
the start page's blocks and the "all meetings" calendar bring them together again.

Page tree (under the site's root page, "Demokommun")::

    Organisationer                          OrganisationIndexPage
    Ulricehamn: stormöten                   MeetingIndexPage
    ÖK Idé                                  AgreementPage (Uddevalla)
    Uddevalla: möten om ÖK Idé              MeetingIndexPage
    Jönköping: hearing om samverkan         MeetingIndexPage
    Luleå: lokal överenskommelse            AgreementPage
    Luleå: dialoger med civilsamhället      MeetingIndexPage
"""

from __future__ import annotations

import datetime as dt

from civilsamhalle.model import AgreementStatus, MeetingKind

from .specs import Agreement, Commitment, ListPage, Signature

__all__ = [
    "AGREEMENTS",
    "HOME_CHILDREN",
    "HOME_INTRO",
    "HOME_PARAGRAPH",
    "MEETING_LISTS",
    "ORGANISATION_INDEX",
    "UDDEVALLA_SIGNING_DAY",
]

HOME_INTRO = (
    "<p>Kommunen vill hitta nya möjligheter att samarbeta med civilsamhället för att ta oss an "
    "framtida utmaningar tillsammans. Med civilsamhället menar vi föreningsliv, andra ideella "
    "grupper och nätverk.</p>"
)

HOME_PARAGRAPH = (
    "<p>Den här demonstrationen bygger på vad fem kommuner publicerar om sin samverkan med "
    "civilsamhället: Ulricehamns stormöten, Uddevallas överenskommelse ÖK Idé, Jönköpings "
    "hearing, Luleås dialoger och frivilligheten i Ullensaker. Prenumerera på kalendern, så "
    "kommer nya, flyttade och inställda möten in i din egen kalender av sig själva.</p>"
)

ORGANISATION_INDEX = ListPage(
    "organisationer",
    "Organisationer",
    "<p>Föreningar, trossamfund, studieförbund och nätverk som samverkar med kommunerna i "
    "demonstrationen. Välj en organisation för att se vilka överenskommelser den skrivit under "
    "och vilka möten den deltar i.</p>",
)

# The seed does not date the workshop or the signing; this day is the demo's choice. The parties
# "skrev efter workshopen under ÖK Idé", so the signing follows the workshop on the same day.
UDDEVALLA_SIGNING_DAY = dt.date(2022, 9, 27)

_OK_IDE_PARTIES = (
    ("frivilligcentrum", ""),
    ("friluftsframjandet-uddevalla", ""),
    ("brottsofferjouren-bohus-norra-alvsborg", ""),
    ("folkets-hus-uddevalla", ""),
    ("studieforbundet-vuxenskolan-vast", ""),
    ("abf-fyrbodal", ""),
    ("studieframjandet-bohuslan-norra", ""),
    ("lokal-tv-uddevalla", ""),
    ("coompanion-vast", ""),
    # Registered as "Bäve församling", part of Svenska kyrkan; signed as the seed writes it.
    ("bave-forsamling", "Bäve församling (Svenska kyrkan)"),
)

AGREEMENTS: tuple[Agreement, ...] = (
    Agreement(
        slug="ok-ide",
        title="ÖK Idé",
        purpose=(
            "<p>Syftet med överenskommelsen, som parterna tagit fram tillsammans, är att mötas "
            "och utbyta idéer om hur vi kan skapa en bättre välfärd, rikare fritid, stärkt "
            "demokrati och minskat utanförskap i Uddevalla.</p>"
            "<p>ÖK Idé är en överenskommelse med gemensamma spelregler för alla parter att "
            "förhålla sig till, och anger formerna för samarbetet mellan kommunen och den "
            "idéburna sektorn. Den är ett verktyg som ligger till grund för framtida samarbete. "
            "Nästa steg är att se inom vilka områden parterna ska samverka och hur det ska gå "
            "till rent praktiskt.</p>"
        ),
        status=AgreementStatus.IN_FORCE,
        valid_from=UDDEVALLA_SIGNING_DAY,
        signatures=tuple(
            Signature(organisation=slug, party_name=name, date=UDDEVALLA_SIGNING_DAY)
            for slug, name in _OK_IDE_PARTIES
        )
        + (
            # The seed names the office, not the person, so the signatory is left blank.
            Signature(
                party_name="Uddevalla kommun",
                signatory_title="Kommunstyrelsens ordförande",
                date=UDDEVALLA_SIGNING_DAY,
            ),
        ),
    ),
    Agreement(
        slug="lulea-overenskommelse",
        title="Luleå: lokal överenskommelse",
        purpose=(
            "<p>Enligt den lokala överenskommelsen mellan Luleå kommun och det civila samhället "
            "ska kommunen hålla två dialoger per år med föreningar och civilsamhällets "
            "organisationer.</p>"
            "<p>Det civila samhället omfattar föreningslivet men också andra ideella "
            "organisationer, folkbildningen, trossamfund, nätverk och frivilliga krafter. "
            "Ekonomiska verksamheter som inte är vinstutdelande utan drivs utifrån mål och "
            "engagemang för en viss samhällsfråga hör också till civila samhället.</p>"
        ),
        status=AgreementStatus.IN_FORCE,
        signatures=(Signature(party_name="Luleå kommun"),),
        commitments=(
            Commitment("Minst två dialoger per kalenderår", 2, MeetingKind.DIALOGUE),
        ),
    ),
)

MEETING_LISTS: tuple[ListPage, ...] = (
    ListPage(
        "ulricehamn",
        "Ulricehamn: stormöten",
        "<p>På stormötena möts civilsamhällets organisationer och kommunen för att tillsammans "
        "utveckla samverkan. Alla föreningar, ideella grupper och nätverk är välkomna.</p>",
    ),
    ListPage(
        "uddevalla",
        "Uddevalla: möten om ÖK Idé",
        "<p>Workshoppar, undertecknanden och stordialoger inom överenskommelsen ÖK Idé.</p>",
    ),
    ListPage(
        "jonkoping",
        "Jönköping: hearing om samverkan",
        "<p>Kommunen bjuder in föreningar och ideella organisationer för att utveckla "
        "samarbetet.</p>",
    ),
    ListPage(
        "lulea",
        "Luleå: dialoger med civilsamhället",
        "<p>Enligt den lokala överenskommelsen håller kommunen minst två dialoger om året med "
        "civilsamhället.</p>",
    ),
)

# The pages under the start page after the directory, in the order of the tree above.
HOME_CHILDREN: tuple[ListPage | Agreement, ...] = tuple(
    {page.slug: page for page in (*MEETING_LISTS, *AGREEMENTS)}[slug]
    for slug in ("ulricehamn", "ok-ide", "uddevalla", "jonkoping", "lulea-overenskommelse", "lulea")
)
