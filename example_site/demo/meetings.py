"""The demo's meetings: what the seeds tell, plus a few placed relative to today.

Where a seed leaves out a date, time or venue that the model requires (a meeting in person needs
a place), the demo fills it in and says so in a comment: "invented" below means "not in the
seed". Online meeting and registration links use the reserved ``.example`` domain (RFC 2606),
which never resolves, because the seeds do not give the real addresses and a guessed address on
a real domain might lead a tester to some unrelated third party.
"""

from __future__ import annotations

import datetime as dt

from civilsamhalle.model import AttendanceMode, EventStatus, MeetingKind, RegistrationKind

from .dates import (
    THURSDAY,
    WEDNESDAY,
    at,
    earlier_this_year,
    later_this_year,
    month_after,
    next_october_23,
    nth_weekday,
)
from .hidden import never_public
from .pages import UDDEVALLA_SIGNING_DAY
from .specs import Meeting, ProgrammeItem, Speaker

__all__ = ["meetings"]

Kind, Mode, Status = MeetingKind, AttendanceMode, EventStatus

_ULRICEHAMN_CATEGORIES = (
    "trossamfunden",
    "pensionarsorganisationerna",
    "landsbygdsorganisationerna",
    "kulturorganisationerna",
    "studieforbunden",
)

# Ulricehamn's four open meetings. The seed gives only totals over all four: representatives of
# 56 organisations (79 people) and 25 from the municipality. The demo spreads them so that the
# four meetings add up to exactly those totals and attendance grows a little each time (counting
# each meeting's participants separately, as a head count on the day does). The dates (Tuesday
# evenings before the page was published in July 2023) and the venue are invented.
_STORMOTEN = (
    # (number, date, title, theme, organisations, people, municipal staff)
    (1, dt.date(2022, 3, 15), "gemensamma spelregler", "Spelregler och synsätt för samverkan",
     12, 17, 5),
    (2, dt.date(2022, 5, 17), "hur når vi varandra?", "Hur kommunen och civilsamhället når "
     "varandra", 14, 19, 6),
    (3, dt.date(2022, 9, 20), "en struktur för samverkan", "Hur samverkan ska ske framöver",
     14, 20, 6),
    (4, dt.date(2023, 2, 14), "lots och samråd", "Lots, samråd och nästa steg", 16, 23, 8),
)  # fmt: skip

_STORMOTE_OUTCOME = (
    "<p>Under fyra stormöten har representanter från 56 organisationer inom civilsamhället "
    "(79 personer) och 25 representanter från kommunen haft dialoger om hur samverkan ska kunna "
    "genomföras på ett annat sätt än vad som sker idag. Tillsammans har vi lagt grunden för den "
    "struktur som vi ska ha för samverkan framöver.</p>"
    "<p>Kommunen har utsett en lots som kan vara länken mellan kommunen och civilsamhället, och "
    "ett samråd ansvarar för att utveckla och fördjupa samverkan.</p>"
)

_DIGITAL_INVITATION = (
    "<p>Vi sätter fokus på digital kompetens som så gott som är ett krav för att vara fullt "
    "delaktig i samhället. Digital kompetens behövs för att kunna kommunicera, hantera "
    "information, använda digitala tjänster och för att skapa och dela digitalt innehåll på ett "
    "säkert sätt. Digital kompetens är ett begrepp som också består av förståelse av "
    "digitaliseringen och hur den påverkar samhället.</p>"
    "<p>I Sverige var det cirka sex procent år 2020 som lever i det digitala utanförskapet och "
    "som sällan eller aldrig använder internet. De har ofta låga inkomster, bor på landsbygden "
    "och eller är äldre.</p>"
    "<p>Tillsammans ska vi diskutera oss fram till konkreta förslag på hur vi löser "
    "samhällsutmaningen kring det digitala utanförskapet.</p>"
    "<p>Kvällen kan kompletteras med ytterligare programpunkter.</p>"
)


def _ulricehamn(today: dt.date) -> list[Meeting]:
    found = [
        Meeting(
            key=f"ulricehamn/stormote-{number}",
            meeting_list="ulricehamn",
            slug=f"stormote-{number}",
            title=f"Stormöte {number}: {title}",
            kind=Kind.OPEN_MEETING,
            theme=theme,
            start=at(day, 18),
            end=at(day, 21),
            venue_name="Stadshuset",  # invented
            locality="Ulricehamn",
            municipal_hosts=("Ulricehamns kommun",),
            categories=_ULRICEHAMN_CATEGORIES,
            attendance_organisations=organisations,
            attendance_people=people,
            attendance_municipal_staff=staff,
            outcome=_STORMOTE_OUTCOME if number == 4 else "",
        )
        for number, day, title, theme, organisations, people, staff in _STORMOTEN
    ]
    # The invitation, moved to the next 23 October so that the demo always has it ahead.
    day = next_october_23(today)
    found.append(
        Meeting(
            key="ulricehamn/stormote-digitala-utanforskapet",
            meeting_list="ulricehamn",
            slug="stormote-om-det-digitala-utanforskapet",
            title="Stormöte om det digitala utanförskapet",
            kind=Kind.OPEN_MEETING,
            theme="Det digitala utanförskapet",
            description=_DIGITAL_INVITATION,
            start=at(day, 18),
            end=at(day, 21),
            venue_name="Equmeniakyrkans caféteria",
            street_address="Jägaregatan 6",
            locality="Ulricehamn",
            # The seed holds the evening in Equmeniakyrkan's café; naming Oasen as host is the
            # demo's assumption, so that an organisation's page and feed show an upcoming meeting.
            hosts=("equmeniakyrkan-oasen",),
            municipal_hosts=("Ulricehamns kommun",),
            categories=_ULRICEHAMN_CATEGORIES,
            # The seed registers "via Esmaker" without giving the address (see module docstring).
            registration_kind=RegistrationKind.EXTERNAL,
            registration_url="https://esmaker.example/ulricehamn/stormote-digitala-utanforskapet",
            registration_deadline=at(day.replace(day=13), 23, 59),
            # Published on the municipality's page as the contact for questions; the seed gives
            # the address and number, not a name.
            contact_email="petra.gronhaug@ulricehamn.se",
            contact_phone="0321-59 50 21",
            programme=(
                ProgrammeItem("Mingelfika", dt.time(18, 0), "Kvällen inleds med mingelfika "
                              "fram till 18.30."),
                ProgrammeItem(
                    "Diskussion: hur löser vi det digitala utanförskapet?",
                    dt.time(18, 30),
                    "Tillsammans diskuterar vi oss fram till konkreta förslag.",
                ),
            ),
        )
    )
    return found


def _uddevalla(today: dt.date) -> list[Meeting]:
    day = UDDEVALLA_SIGNING_DAY
    signatories = (
        "frivilligcentrum",
        "friluftsframjandet-uddevalla",
        "brottsofferjouren-bohus-norra-alvsborg",
        "folkets-hus-uddevalla",
        "studieforbundet-vuxenskolan-vast",
        "abf-fyrbodal",
        "studieframjandet-bohuslan-norra",
        "lokal-tv-uddevalla",
        "coompanion-vast",
        "bave-forsamling",
    )
    contact = {
        "contact_name": "Theresia Diago Bengtsson, folkhälsosamordnare",
        "contact_phone": "0522-69 60 00",  # the municipality's switchboard, as published
    }
    # The "stordialoger" the seed announces as the next step, placed ahead of today (invented).
    dialogue_day = nth_weekday(*month_after(today, 2), WEDNESDAY, 2)
    return [
        Meeting(
            key="uddevalla/workshop-ok-ide",
            meeting_list="uddevalla",
            slug="workshop-om-ok-ide",
            title="Workshop om ÖK Idé",
            kind=Kind.WORKSHOP,
            theme="Gemensamma spelregler för kommunen och den idéburna sektorn",
            description=(
                "<p>Representanter från den idéburna sektorn, tjänstepersoner från kommunen samt "
                "politiker arbetade fram överenskommelsen ÖK Idé.</p>"
            ),
            start=at(day, 13),  # time and venue invented
            end=at(day, 16),
            venue_name="Stadshuset",
            locality="Uddevalla",
            municipal_hosts=("Uddevalla kommun",),
            agreement="ok-ide",
            speakers=(
                Speaker("Theresia Diago Bengtsson", "Folkhälsosamordnare",
                        affiliation="Uddevalla kommun"),
            ),
            attendance_people=70,  # "ett 70-tal medverkande"
            outcome=(
                "<p>Efter workshopen skrev tio organisationer, stiftelser och föreningar under "
                "ÖK Idé tillsammans med kommunstyrelsens ordförande.</p>"
            ),
            **contact,
        ),
        Meeting(
            key="uddevalla/undertecknande-ok-ide",
            meeting_list="uddevalla",
            slug="undertecknande-av-ok-ide",
            title="Undertecknande av ÖK Idé",
            kind=Kind.SIGNING,
            start=at(day, 16),
            end=at(day, 16, 30),
            venue_name="Stadshuset",
            locality="Uddevalla",
            municipal_hosts=("Uddevalla kommun",),
            agreement="ok-ide",
            attending=signatories,
            attendance_organisations=len(signatories),
            **contact,
        ),
        Meeting(
            key="uddevalla/stordialog-ok-ide",
            meeting_list="uddevalla",
            slug="stordialog-om-ok-ide",
            title="Stordialog om ÖK Idé: var ska vi samverka?",
            theme="Inom vilka områden parterna ska samverka och hur det ska gå till",
            description=(
                "<p>Det är på överenskommelsens stordialoger som vi skapar något praktiskt "
                "utifrån all kunskap och vilja från idéburen sektor och kommun. Kom med "
                "initiativ: det finns pengar att söka för projekt i samverkan med kommunen.</p>"
            ),
            start=at(dialogue_day, 17),
            end=at(dialogue_day, 20),
            venue_name="Stadshuset",
            locality="Uddevalla",
            municipal_hosts=("Uddevalla kommun",),
            agreement="ok-ide",
            **contact,
        ),
    ]


def _jonkoping() -> list[Meeting]:
    day = dt.date(2018, 2, 6)
    return [
        Meeting(
            key="jonkoping/hearing-2018",
            meeting_list="jonkoping",
            slug="hearing-om-samverkan-2018",
            title="Hearing om samverkan mellan kommunen och föreningslivet",
            kind=Kind.HEARING,
            theme="Hur kommunen och föreningar kan jobba ännu bättre tillsammans",
            description=(
                "<p>Jönköpings kommun och den ideella sektorn jobbar redan tätt tillsammans. Nu "
                "vill kommunen utveckla samarbetet och ta del av varandras kunskaper och "
                "erfarenheter för att möta gemensamma utmaningar.</p>"
            ),
            # The time is invented; the seed shows only group discussions in a school canteen.
            start=at(day, 18),
            end=at(day, 21),
            venue_name="Skolmatsal",
            locality="Jönköping",
            municipal_hosts=("Jönköpings kommun",),
            speakers=(
                Speaker("Ann-Mari Nilsson", "Kommunstyrelsens ordförande, inledning",
                        affiliation="Jönköpings kommun"),
                Speaker("Dan Ahnberg", organisation="bilda"),
                Speaker("Benitha Josefsson", organisation="kfum",
                        affiliation="KFUM, Röda Korset och Nätverket för flyktingstöd"),
                Speaker("Ingvar Edeborn", organisation="huskvarna-ff"),
                Speaker("Lennart Bondeson", "Kommunalråd i Örebro, gästtalare",
                        affiliation="Örebro kommun"),
            ),
            programme=(
                ProgrammeItem("Nuläge", description="Hur ser samverkan ut idag?"),
                ProgrammeItem("Framåtblick", description="Vart vill vi komma tillsammans?"),
                ProgrammeItem("Förslag på åtgärder",
                              description="Vad ska vi göra, och vem gör vad?"),
            ),
            attending=("bilda", "kfum", "roda-korset", "natverket-for-flyktingstod",
                       "huskvarna-ff"),
            attendance_people=200,  # "cirka 200 personer"
            outcome=(
                "<p>Massor av idéer, tankar, synpunkter och visioner kom fram. Gemensamt var "
                "behovet av att tänka långsiktigt, tydlighet och ömsesidig respekt. Kunskapen "
                "tas med in i det kommande arbetet.</p>"
            ),
        )
    ]  # fmt: skip


_LULEA_VENUE = {"venue_name": "Kulturens hus", "locality": "Luleå"}  # invented


def _lulea(today: dt.date) -> list[Meeting]:
    june, august = dt.date(2020, 6, 2), dt.date(2020, 8, 25)  # August: invented
    earlier, later = earlier_this_year(today), later_this_year(today)
    cancelled_day = nth_weekday(*month_after(today), THURSDAY, 3)
    common = {"meeting_list": "lulea", "agreement": "lulea-overenskommelse"}
    return [
        Meeting(
            key="lulea/dialog-2020-uppfoljning",
            slug="dialog-hur-blev-sommaren",
            title="Dialog: hur blev sommaren?",
            theme="Uppföljning av sommarens utmaningar",
            mode=Mode.ONLINE,
            online_url="https://mote.lulea.example/dialog-2020-08-25",
            start=at(august, 13),
            end=at(august, 15),
            municipal_hosts=("Kultur- och fritidsförvaltningen",),
            **common,
        ),
        Meeting(
            key="lulea/dialog-2020-06-02",
            slug="dialog-om-sommarens-utmaningar",
            title="Dialog om sommarens utmaningar",
            theme="Vad gör vi för att möta sommarens utmaningar med anledning av covid-19?",
            description=(
                "<p>Syftet med dialogerna är att ge föreningar och civilsamhällets "
                "organisationer möjlighet att sprida kunskap om deras värdefulla insatser under "
                "kristid, och för kommunen att sprida information och besvara frågor.</p>"
            ),
            status=Status.MOVED_ONLINE,  # "styrts om till digitala möten"
            mode=Mode.ONLINE,
            online_url="https://mote.lulea.example/dialog-2020-06-02",
            start=at(june, 13),  # the time is invented
            end=at(june, 15),
            municipal_hosts=(
                "Kultur- och fritidsförvaltningen",
                "Kommunstaben",
                "Socialförvaltningen",
                "Arbetsmarknadsförvaltningen",
                "Barn- och utbildningsförvaltningen",
            ),
            speakers=(
                Speaker("Roger Stenberg", "Avdelningschef",
                        affiliation="Kultur- och fritidsförvaltningen"),
                Speaker("Fredrik Hansson", "Vice kommunalråd", affiliation="Luleå kommun"),
                Speaker("Barbro Müller", "Folkhälsostrateg", affiliation="Luleå kommun"),
                Speaker("Patrik Bylin", "T f kultur- och fritidschef",
                        affiliation="Kultur- och fritidsförvaltningen"),
            ),
            attendance_organisations=30,  # "ett trettiotal föreningar och organisationer"
            outcome=(
                "<p>Civilsamhället är en viktig och stark kraft i att möta de utmaningar vi har i "
                "samhället. Ett nytt dialogtillfälle planeras till efter semesterperioden för att "
                "följa upp hur sommaren varit.</p>"
            ),
            follow_up="lulea/dialog-2020-uppfoljning",
            **common,
        ),
        # This year's two dialogues (invented), one held and one ahead: the commitment's state
        # then has something to say, "1 of 2 held, 1 planned".
        Meeting(
            key="lulea/dialog-earlier-this-year",
            slug="dialog-om-frivilliga-insatser",
            title="Dialog om frivilliga insatser",
            theme="Hur föreningar och kommun hjälps åt när många vill hjälpa till",
            start=at(earlier, 18),
            end=at(earlier, 20),
            municipal_hosts=("Kultur- och fritidsförvaltningen",),
            attendance_organisations=24,
            attendance_people=41,
            attendance_municipal_staff=7,
            **_LULEA_VENUE,
            **common,
        ),
        Meeting(
            key="lulea/dialog-later-this-year",
            slug="dialog-om-ofrivillig-ensamhet",
            title="Dialog om ofrivillig ensamhet",
            theme="Hur vi tillsammans når den som är ensam",
            mode=Mode.HYBRID,
            online_url="https://mote.lulea.example/dialog-ensamhet",
            start=at(later, 18),
            end=at(later, 20),
            municipal_hosts=("Kultur- och fritidsförvaltningen", "Socialförvaltningen"),
            **_LULEA_VENUE,
            **common,
        ),
        # Published as planned, then cancelled: calendars get STATUS:CANCELLED and a higher
        # SEQUENCE, and the meeting does not count towards the commitment.
        Meeting(
            key="lulea/dialog-cancelled",
            slug="dialog-om-foreningslokaler",
            title="Dialog om föreningslokaler",
            theme="Att hyra kommunens lokaler",
            description="<p>Dialogen är inställd. Ett nytt datum meddelas här.</p>",
            status=Status.CANCELLED,
            first_published_as=Status.SCHEDULED,
            start=at(cancelled_day, 18),
            end=at(cancelled_day, 20),
            municipal_hosts=("Kultur- och fritidsförvaltningen",),
            **_LULEA_VENUE,
            **common,
        ),
    ]  # fmt: skip


def meetings(today: dt.date) -> tuple[Meeting, ...]:
    """Every demo meeting, dated for ``today``; a follow-up comes before the meeting it follows,
    so the loader can link to it."""
    return tuple(
        _ulricehamn(today) + _uddevalla(today) + _jonkoping() + _lulea(today)
        + never_public(today)
    )
