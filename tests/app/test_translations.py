"""The app speaks Swedish and Norwegian everywhere a municipal editor or a resident looks.

An English word left in a Swedish page is noticed by every reader, and the app's catalogue is
easy to leave behind: a template gains a sentence, ``makemessages`` is not run, and nothing
fails. So the catalogues are checked against the sources themselves (every message the templates
and the Python code mark, found by ``tests/app/sourcemessages.py``), the compiled ``.mo``
against its ``.po`` (Django reads only the ``.mo``), the app's words against Django's and
Wagtail's (one merged catalogue serves every app, so a shared message must read the same), and a
few screens are rendered in each language to prove that the words reach the reader.

The ``.po`` files are read with polib; the ``.mo`` files with Python's own gettext, as Django does.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import django
import icalendar
import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import formats, translation
from wagtail.users.models import UserProfile

import wagtail_civil
from tests.app.conftest import next_week_at
from tests.app.sourcemessages import python_messages, template_messages
from wagtail_civil.dates import local

APP = Path(wagtail_civil.__file__).resolve().parent
LOCALE = APP / "locale"
TRANSLATED = ["sv", "nb"]
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


# --- reading a .po file ---------------------------------------------------------------------------


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.mo"


def translated(entry: polib.POEntry | polib.MOEntry) -> bool:
    """Filled in and not fuzzy: what msgfmt puts into the .mo (which has no fuzzy entries)."""
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return bool(texts) and all(texts) and not getattr(entry, "fuzzy", False)


def texts(entry: polib.POEntry | polib.MOEntry) -> list[str]:
    """The translation(s) of an entry, plural forms in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def messages(language: str) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(po_path(language))) if e.msgid}


def expected_catalogue(language: str) -> dict[object, str]:
    """What ``gettext.GNUTranslations`` should load from the .mo compiled from the .po."""
    catalogue: dict[object, str] = {}
    for entry in messages(language).values():
        if not translated(entry):
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            catalogue.update({(key, n): text for n, text in enumerate(texts(entry))})
        else:
            catalogue[key] = entry.msgstr
    return catalogue


def loaded_catalogue(mo: Path) -> dict[object, str]:
    with mo.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)  # noqa: SLF001
    catalogue.pop("", None)  # the header, checked on its own
    return catalogue


# --- the catalogues ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", [*TRANSLATED, "en"])
def test_the_header_names_the_language_and_its_plural_rule(language):
    catalogue = polib.pofile(str(po_path(language)))
    assert not catalogue.metadata_is_fuzzy, f"{language}: the header is fuzzy, so msgfmt drops it"
    fields = catalogue.metadata
    assert fields["Language"] == language
    assert fields["Plural-Forms"] == PLURAL_FORMS
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = messages(language)
    assert len(entries) > 300  # the whole app, not a stub
    untranslated = [e.msgid for e in entries.values() if not translated(e)]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated}"
    wrong_plurals = [e.msgid for e in entries.values() if e.msgid_plural and len(texts(e)) != 2]
    assert not wrong_plurals, wrong_plurals


_PERCENT = re.compile(r"%\((\w+)\)[sd]")
_BRACES = re.compile(r"\{(\w*)\}")
_TAGS = re.compile(r"</?\w+>")


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_markup_survive_translation(language):
    """A lost ``%(deadline)s`` raises KeyError in the page; a lost ``<strong>`` breaks layout."""
    for entry in messages(language).values():
        for text in texts(entry):
            for pattern in (_PERCENT, _BRACES):
                wanted = sorted(pattern.findall(entry.msgid))
                assert sorted(pattern.findall(text)) == wanted, (entry.msgid, text)
            assert _TAGS.findall(text) == _TAGS.findall(entry.msgid), (entry.msgid, text)


@pytest.mark.parametrize("language", [*TRANSLATED, "en"])
def test_the_shipped_mo_is_compiled_from_the_po(language, tmp_path):
    """Django reads only the .mo: a .po edited without compiling changes nothing on the site."""
    shipped = loaded_catalogue(mo_path(language))
    assert shipped == expected_catalogue(language), (
        f"{mo_path(language)} is not the compiled {po_path(language).name}: run `make messages`"
    )
    if language != "en":
        assert shipped, "an empty catalogue"
    msgfmt = shutil.which("msgfmt")
    if msgfmt:  # also what GNU gettext itself makes of the .po, with its format checks
        compiled = tmp_path / "django.mo"
        result = subprocess.run(
            [msgfmt, "--check", "-o", str(compiled), str(po_path(language))],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert loaded_catalogue(compiled) == shipped


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_template_text_is_in_the_catalogue(language):
    entries = messages(language)
    found = list(template_messages())
    assert len(found) > 100  # the reader really finds the templates' texts
    missing = [
        f"{where}: {msgid!r}"
        for where, (context, msgid, _) in found
        if (context, msgid) not in entries
    ]
    assert not missing, "not in the catalogue; run `make messages` and translate:\n" + "\n".join(
        missing
    )
    plurals = [(where, m) for where, m in found if m[2] and entries[m[:2]].msgid_plural != m[2]]
    assert not plurals, plurals


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_python_text_is_in_the_catalogue(language):
    entries = messages(language)
    found = list(python_messages())
    assert len(found) > 200
    missing = [
        f"{where}: {context + ' | ' if context else ''}{msgid!r}"
        for where, (context, msgid, _) in found
        if (context, msgid) not in entries
    ]
    assert not missing, (
        "not in the catalogue. If `make messages` dropped these, xgettext cannot see the call: "
        "an alias it does not know (e.g. `pgettext_lazy as _p`; use the function's own name "
        "or `_`) or a context that is a variable rather than a literal.\n" + "\n".join(missing)
    )


def other_catalogues(language: str) -> dict[str, polib.POFile | polib.MOFile]:
    """Every catalogue Django merges with the app's for ``language``: each other installed app's
    (the ``.po`` where shipped, else the ``.mo``) and Django's own, by app label."""
    directories = {
        c.label: Path(c.path) / "locale" for c in apps.get_app_configs() if c.name != APP.name
    }
    directories["django"] = Path(django.__file__).parent / "conf" / "locale"
    found: dict[str, polib.POFile | polib.MOFile] = {}
    for label, directory in directories.items():
        files = directory / language / "LC_MESSAGES"
        if (files / "django.po").exists():
            found[label] = polib.pofile(str(files / "django.po"))
        elif (files / "django.mo").exists():
            found[label] = polib.mofile(str(files / "django.mo"))
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_app_never_changes_a_word_that_django_or_wagtail_translate(language):
    """Django merges every app's catalogue into one, and an app listed earlier in INSTALLED_APPS
    wins for the same message: a message the app translates differently from any other
    catalogue would change that app's screens too (Wagtail's cancelled workflow reading
    "Inställt"). A word the app means differently carries a context (pgettext) of its own."""
    ours = {key: entry for key, entry in messages(language).items() if translated(entry)}
    catalogues = other_catalogues(language)
    # (taggit has no Swedish catalogue and django_filters neither Swedish nor Norwegian)
    assert {"django", "auth", "admin", "wagtailadmin", "wagtailcore"} <= catalogues.keys()
    clashes = [
        f"{theirs.msgctxt or ''}|{theirs.msgid!r}: ours {texts(mine)}, {label}'s {texts(theirs)}"
        for label, catalogue in sorted(catalogues.items())
        for theirs in catalogue
        if translated(theirs)
        and (mine := ours.get((theirs.msgctxt, theirs.msgid))) is not None
        and bool(mine.msgid_plural) == bool(theirs.msgid_plural)
        and texts(mine) != texts(theirs)
    ]
    assert not clashes, "give these messages a context (pgettext):\n" + "\n".join(clashes)


@pytest.mark.parametrize(
    ("language", "app", "msgid"),
    [
        ("nb", "wagtailadmin", "Draft"),  # a page draft; the app's agreement drafts say "Utkast"
        ("sv", "wagtailcore", "Cancelled"),  # a workflow; the app's meetings are "Inställt"
        ("sv", "wagtailadmin", "Skip to main content"),
        ("sv", "wagtailadmin", "Email"),
    ],
)
def test_wagtails_words_stay_wagtails_with_the_app_installed(language, app, msgid):
    (theirs,) = [e for e in other_catalogues(language)[app] if not e.msgctxt and e.msgid == msgid]
    with translation.override(language):
        assert translation.gettext(msgid) == theirs.msgstr


# --- what readers see ----------------------------------------------------------------------------


@pytest.fixture
def admin_in(client, admin_user):
    """``admin_in("nb")``: the client logged in to the admin as a superuser in that language."""

    def log_in(language: str):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = language
        profile.save()
        client.force_login(admin_user)
        return client

    return log_in


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", {"start": "Starttid", "end": "Sluttid", "kind": "Mötestyp", "tab": "Plats"}),
        ("nb", {"start": "Starttid", "end": "Sluttid", "kind": "Møtetype", "tab": "Sted"}),
    ],
)
@pytest.mark.django_db
def test_the_meeting_form_speaks_the_editors_language(admin_in, civil_site, language, words):
    client = admin_in(language)
    response = client.get(
        f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")

    def label(field: str) -> str:
        found = soup.find("label", attrs={"for": f"id_{field}"})
        assert found is not None, field
        return found.get_text(" ", strip=True)

    assert label("start").startswith(words["start"])
    assert label("end").startswith(words["end"])
    assert label("kind").startswith(words["kind"])
    # a tab's text ends with its (empty) error count
    tabs = [t.get_text(" ", strip=True).partition(" (")[0] for t in soup.find_all(role="tab")]
    assert words["tab"] in tabs, tabs
    with translation.override(language):
        cancelled = translation.pgettext("meeting status", "Cancelled")
    assert cancelled != "Cancelled"
    assert cancelled in [o.get_text(strip=True) for o in soup.select("#id_status option")]
    for english in ("starts", "Kind of meeting", "Organisers", "Afterwards"):
        assert english not in soup.get_text(), english


@pytest.mark.parametrize(
    ("language", "cancelled", "kind"),
    [("nb", "Avlyst", "Dialogmøte"), ("sv", "Inställt", "Dialogmöte")],
)
@pytest.mark.django_db
def test_the_feed_says_a_meeting_is_cancelled_in_the_readers_language(
    client, make_meeting, language, cancelled, kind
):
    make_meeting("Lokaler for lag og foreninger", kind="dialogue", status="cancelled")
    response = client.get("/calendar/all.ics", headers={"accept-language": language})
    assert response.status_code == 200
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{cancelled}: Lokaler for lag og foreninger"
    assert str(event["STATUS"]) == "CANCELLED"
    categories = [str(c) for prop in [event["CATEGORIES"]] for c in prop.cats]
    assert kind in categories


@pytest.mark.parametrize(
    ("language", "register_by"),
    [("nb", "Meld deg på innen"), ("sv", "Anmäl dig senast")],
)
@pytest.mark.django_db
def test_the_meeting_page_invites_in_the_readers_language(
    client, make_meeting, language, register_by
):
    deadline = next_week_at(hour=12, days=5)
    meeting = make_meeting(
        "Dialogmøte",
        registration_kind="external",
        registration_url="https://example.org/pamelding",
        registration_deadline=deadline,
    )
    response = client.get(meeting.url, headers={"accept-language": language})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == language
    sentence = soup.find("section", class_="civil-registration").find("p").get_text(" ", strip=True)
    with translation.override(language):
        weekday = formats.date_format(local(deadline), "l")
    assert sentence.startswith(f"{register_by} {weekday} ")
    assert " kl. 12:00" in sentence
    for word in ("Register", "When", "Upcoming", "Subscribe"):
        assert word not in soup.main.get_text(), word


def panel_headings(response) -> list[str]:
    """The headings of the form's panels and of its tabs."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    panels = [h.get_text(" ", strip=True) for h in soup.select(".w-panel__heading")]
    # A tab's own text, without its error counter.
    return panels + [
        tab.find(string=True, recursive=False).strip() for tab in soup.select("[role=tab]")
    ]


@pytest.mark.parametrize(
    ("language", "register", "sign_up"),
    [("sv", "Registrering", "Anmälan"), ("nb", "Registrering", "Påmelding")],
)
@pytest.mark.django_db
def test_the_organisation_form_heads_its_register_panel_apart_from_meeting_sign_up(
    admin_in, civil_site, make_organisation, language, register, sign_up
):
    """Country and organisation number are the organisation's registration in a register, not a
    sign-up: the two "Registration" headings carry different contexts."""
    client = admin_in(language)
    organisation = make_organisation("Bäve hembygdsförening")
    response = client.get(f"/admin/snippets/wagtail_civil/organisation/edit/{organisation.pk}/")
    assert response.status_code == 200
    headings = panel_headings(response)
    assert register in headings, headings
    assert sign_up not in headings, headings
    response = client.get(
        f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    )
    assert sign_up in panel_headings(response)


def wagtails_word(language: str, app: str, msgid: str) -> str:
    """How ``app``'s own catalogue translates the context-free ``msgid``."""
    (entry,) = [e for e in other_catalogues(language)[app] if not e.msgctxt and e.msgid == msgid]
    return entry.msgstr


@pytest.mark.django_db
def test_a_cancelled_workflow_reads_as_wagtail_says_in_swedish(admin_in, admin_user, civil_site):
    """Wagtail's workflow history with the app installed: "Avbruten", not the app's "Inställt"."""
    page = civil_site.meeting_index
    page.get_workflow().start(page, admin_user).cancel(user=admin_user)
    response = admin_in("sv").get(f"/admin/pages/{page.pk}/workflow_history/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    statuses = [s.get_text(" ", strip=True) for s in soup.select(".w-status")]
    assert statuses == [wagtails_word("sv", "wagtailcore", "Cancelled")]


@pytest.mark.django_db
def test_a_page_draft_reads_as_wagtail_says_in_norwegian(admin_in, admin_user, civil_site):
    """The status panel of a page with unpublished changes: "Kladd", not the app's "Utkast"."""
    page = civil_site.meeting_index
    page.title = "Møter (ny versjon)"
    page.save_revision(user=admin_user)
    response = admin_in("nb").get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    words = soup.get_text(" ", strip=True).split()
    assert wagtails_word("nb", "wagtailadmin", "Draft") in words
    assert "Utkast" not in words
