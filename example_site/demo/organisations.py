"""The demo's organisation register and its categories, from the five seed pages.

Names are as the seeds publish them (Uddevalla's ten signatories letter for letter). Organisation
numbers are left out: none is given in the seeds for a civil-society organisation, and a made-up
number that happens to pass the checksum would name some real, unrelated company. (The one number
in the Ullensaker seed, 920697143, belongs to Jessheimpuls AS, the newspaper that published the
article, which is a media company and not civil society, so it is not in the register either.)
"""

from __future__ import annotations

from civilsamhalle.model import Country, OrganisationKind

from .specs import Category, Organisation

__all__ = ["CATEGORIES", "ORGANISATIONS"]

Kind = OrganisationKind

# The seats of Ulricehamn's council (samråd) go to these five groups; Ullensaker's volunteering
# strategy speaks of "frivilligheten" as one group.
CATEGORIES: tuple[Category, ...] = (
    Category(
        "trossamfunden",
        "Trossamfunden",
        "Församlingar och andra trossamfund. Har en plats i Ulricehamns samråd.",
    ),
    Category(
        "pensionarsorganisationerna",
        "Pensionärsorganisationerna",
        "Seniorföreningar och pensionärsorganisationer. Har en plats i Ulricehamns samråd.",
    ),
    Category(
        "landsbygdsorganisationerna",
        "Landsbygdsorganisationerna",
        "Bygdeföreningar och andra landsbygdsorganisationer. Har en plats i Ulricehamns samråd.",
    ),
    Category(
        "kulturorganisationerna",
        "Kulturorganisationerna",
        "Kulturföreningar och kulturhus. Har en plats i Ulricehamns samråd.",
    ),
    Category(
        "studieforbunden",
        "Studieförbunden",
        "Folkbildningens studieförbund. Har en plats i Ulricehamns samråd.",
    ),
    Category(
        "frivillighet",
        "Frivillighet",
        "Frivillighetssentralen, idrettsrådet, kulturrådet, humanitære lag og foreninger og "
        "andre som samarbeider med Ullensaker kommune om frivillighetsstrategien.",
    ),
)

_ULRICEHAMN = (
    Organisation(
        "equmeniakyrkan-oasen",
        "Equmeniakyrkan Oasen",
        Kind.FAITH_COMMUNITY,
        categories=("trossamfunden",),
        description="<p>Hjälpte kommunen att organisera klädutlämningen till flyktingar från "
        "Ukraina.</p>",
        areas=("integration",),
    ),
    Organisation(
        "radda-barnen",
        "Rädda Barnen",
        description="<p>Hjälpte kommunen att organisera klädutlämningen till flyktingar från "
        "Ukraina.</p>",
        areas=("barn och unga", "integration"),
    ),
    Organisation(
        "roda-korset",
        "Röda Korset",
        description="<p>Hjälpte kommunen i Ulricehamn att organisera klädutlämningen till "
        "flyktingar från Ukraina, och berättade i Jönköping om samverkan med kommunen.</p>",
        areas=("integration", "flyktingstöd"),
    ),
    Organisation(
        "svenska-kyrkan",
        "Svenska kyrkan",
        Kind.FAITH_COMMUNITY,
        categories=("trossamfunden",),
        description="<p>Hjälpte kommunen att organisera klädutlämningen till flyktingar från "
        "Ukraina. Bäve församling i Uddevalla hör till Svenska kyrkan.</p>",
        areas=("integration",),
    ),
)

# ÖK Idé's signatories, named exactly as Uddevalla published them.
_UDDEVALLA = (
    Organisation("frivilligcentrum", "Frivilligcentrum", areas=("frivilligt arbete",)),
    Organisation(
        "friluftsframjandet-uddevalla", "Friluftsfrämjandet Uddevalla", areas=("friluftsliv",)
    ),
    Organisation(
        "brottsofferjouren-bohus-norra-alvsborg",
        "Brottsofferjouren Bohus-Norra Älvsborg",
        areas=("stöd till brottsoffer",),
    ),
    Organisation(
        "folkets-hus-uddevalla",
        "Folkets Hus Uddevalla",
        categories=("kulturorganisationerna",),
        areas=("kultur", "mötesplatser"),
    ),
    Organisation(
        "studieforbundet-vuxenskolan-vast",
        "Studieförbundet Vuxenskolan Väst",
        Kind.STUDY_ASSOCIATION,
        categories=("studieforbunden",),
        areas=("folkbildning",),
    ),
    Organisation(
        "abf-fyrbodal",
        "ABF Fyrbodal",
        Kind.STUDY_ASSOCIATION,
        categories=("studieforbunden",),
        areas=("folkbildning",),
    ),
    Organisation(
        "studieframjandet-bohuslan-norra",
        "Studiefrämjandet Bohuslän Norra",
        Kind.STUDY_ASSOCIATION,
        categories=("studieforbunden",),
        areas=("folkbildning",),
    ),
    Organisation(
        "lokal-tv-uddevalla",
        "Lokal-TV Uddevalla",
        categories=("kulturorganisationerna",),
        areas=("media",),
    ),
    Organisation(
        "coompanion-vast",
        "Coompanion Väst",
        Kind.COOPERATIVE,
        areas=("kooperativt företagande",),
    ),
    Organisation(
        "bave-forsamling",
        "Bäve församling",
        Kind.FAITH_COMMUNITY,
        categories=("trossamfunden",),
        parent="svenska-kyrkan",
    ),
)

# The organisations whose representatives spoke at Jönköping's hearing (Röda Korset is above).
_JONKOPING = (
    Organisation(
        "bilda",
        "Bilda",
        Kind.STUDY_ASSOCIATION,
        categories=("studieforbunden",),
        areas=("folkbildning",),
    ),
    Organisation("kfum", "KFUM", areas=("barn och unga",)),
    Organisation(
        "natverket-for-flyktingstod",
        "Nätverket för flyktingstöd",
        Kind.NETWORK,
        areas=("flyktingstöd", "integration"),
    ),
    Organisation("huskvarna-ff", "Huskvarna FF", areas=("idrott",)),
)

# Ullensaker (Norway): the partners its volunteering strategy names for network building.
_ULLENSAKER = (
    Organisation(
        "frivillighetssentralen-ullensaker",
        "Frivillighetssentralen i Ullensaker",
        Kind.OTHER,
        categories=("frivillighet",),
        country=Country.NORWAY,
        description="<p>Samarbeider med kommunen om å bygge og promotere nettverk rundt "
        "frivilligheten.</p>",
        areas=("frivillighet",),
    ),
    Organisation(
        "ullensaker-idrettsrad",
        "Ullensaker idrettsråd",
        Kind.UMBRELLA,
        categories=("frivillighet",),
        country=Country.NORWAY,
        description="<p>Idrettslagenes felles organ i kommunen.</p>",
        areas=("idrett",),
    ),
    Organisation(
        "ullensaker-kulturrad",
        "Ullensaker kulturråd",
        Kind.UMBRELLA,
        categories=("frivillighet",),
        country=Country.NORWAY,
        description="<p>Kulturorganisasjonenes felles organ i kommunen.</p>",
        areas=("kultur",),
    ),
)

# Parents come before their children, so the loader can link them in one pass.
ORGANISATIONS: tuple[Organisation, ...] = _ULRICEHAMN + _UDDEVALLA + _JONKOPING + _ULLENSAKER
