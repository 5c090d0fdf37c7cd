"""The demo in two languages: an English translation of the start page and of Ulricehamn's part.

Made with Wagtail's ``copy_for_translation``, as the admin's "Translate" does, with the English
words written here. A translated meeting keeps its Swedish UID, so the English feed and the
Swedish feed name the same events (docs/languages.md). Loading again brings the English
meetings' times, places and statuses up to date with the Swedish ones and changes nothing else.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from home.models import HomePage
from wagtail.models import Locale, Page

from wagtail_civil.models import AgreementPage, MeetingPage

__all__ = ["ENGLISH_MEETINGS", "NORWEGIAN_SLUGS", "add_english", "add_norwegian"]

# Swedish slug → the English words of the meeting (and its own slug: the demo, like an editor,
# finds a Swedish meeting by its slug).
ENGLISH_MEETINGS: dict[str, dict[str, Any]] = {
    "stormote-3": {
        "slug": "big-open-meeting-3",
        "title": "Big open meeting 3: a structure for working together",
        "theme": "How the municipality and associations organise their cooperation",
    },
    "stormote-4": {
        "slug": "big-open-meeting-4",
        "title": "Big open meeting 4: a liaison and a council",
        "theme": "One contact person at the municipality, and a council where the sector sits",
    },
    "stormote-om-det-digitala-utanforskapet": {
        "slug": "big-open-meeting-on-digital-exclusion",
        "title": "Big open meeting on digital exclusion",
        "theme": "Residents who do not use the internet: how do we reach them together?",
        "description": (
            "<p>Associations, the libraries and the municipality talk about residents who "
            "seldom or never use the internet, and what each can do. Coffee is served.</p>"
        ),
    },
}

# The seeds' Norwegian pages (Ullensaker's action programme and volunteering), each with what is
# under it: written in Bokmål, so in the Bokmål locale, where they read with Norwegian labels.
NORWEGIAN_SLUGS = ("ullensaker-handlingsprogram-for-frivillighet-2022", "frivillig-i-ullensaker")

# What a translation keeps in step with its Swedish meeting: when, where, how, and its status.
_FACTS = (
    "start", "end", "status", "mode", "venue_name", "street_address", "postal_code", "locality",
    "online_url", "kind",
)  # fmt: skip


def add_english(home: HomePage) -> Page:
    """Create or update the English pages; returns the English start page."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    english_home = _translated(
        home,
        english,
        title="Demo Municipality",
        slug="demo-municipality",
        intro=(
            "<p>How the municipality works with civil society: agreements, councils and open "
            "meetings. Most of this site is in Swedish; Ulricehamn's big open meetings and the "
            "agreement ÖK Idé are also in English.</p>"
        ),
        body=_home_body(),
    )
    some_meeting = MeetingPage.objects.get(slug="stormote-4", locale=home.locale)
    _translated(
        some_meeting.get_parent().specific,
        english,
        title="Ulricehamn: big open meetings",
        slug="ulricehamn-big-open-meetings",
        intro=(
            "<p>Open meetings between the municipality and civil society in Ulricehamn, where "
            "the shared rules, the liaison and the council were worked out together.</p>"
        ),
    )
    for slug, words in ENGLISH_MEETINGS.items():
        meeting = MeetingPage.objects.get(slug=slug, locale=home.locale)
        facts = {name: getattr(meeting, name) for name in _FACTS}
        _translated(meeting, english, **facts, **words)
    agreement = AgreementPage.objects.get(title="ÖK Idé", locale=home.locale)
    _translated(
        agreement,
        english,
        title="ÖK Idé: the local agreement",
        slug="ok-ide-the-local-agreement",
        purpose=(
            "<p>An agreement between the municipality and the idea-based sector on how they "
            "work together: dialogue, consultation and shared responsibility.</p>"
        ),
    )
    return english_home


def add_norwegian(home: HomePage) -> list[Page]:
    """Put the Bokmål pages (``NORWEGIAN_SLUGS`` and their children) in the Bokmål locale.

    A page reads in its locale's language on a site of several languages; left in the Swedish
    locale, Ullensaker's pages would show Norwegian text under Swedish labels. Each move is a
    published revision, so an editor's next edit (made from the latest revision) keeps it;
    loading again moves nothing.
    """
    bokmal = Locale.objects.get_or_create(language_code="nb")[0]
    moved = []
    for slug in NORWEGIAN_SLUGS:
        top = Page.objects.child_of(home).filter(slug=slug).first()
        if top is None:
            continue
        for page in Page.objects.descendant_of(top, inclusive=True).exclude(locale=bokmal):
            page = page.specific.get_latest_revision_as_object()
            page.locale = bokmal
            page.save_revision().publish()
            moved.append(page)
    return moved


def _translated(page: Page, locale: Locale, **fields: Any) -> Page:
    """``page``'s live translation into ``locale`` with ``fields``; published only when it is
    new or one of them changed, so loading twice publishes nothing."""
    existing = page.get_translation_or_none(locale)
    if existing is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
        created = True
    else:
        translation = existing.specific.get_latest_revision_as_object()
        created = False
    changed = False
    for name, value in fields.items():
        before = _value(getattr(translation, name))
        setattr(translation, name, value)
        if _value(getattr(translation, name)) != before:
            changed = True
    if created or changed or not translation.live:
        translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)


def _home_body() -> list[dict[str, Any]]:
    """The English start page: the English upcoming meetings and a box to subscribe to them."""
    chooser = {"agreement": None, "organisation": None, "category": None}
    return [
        {
            "type": "upcoming_meetings",
            "id": _block_id("upcoming"),
            "value": {"heading": "Upcoming meetings", "kind": "", **chooser, "count": 5},
        },
        {
            "type": "subscribe",
            "id": _block_id("subscribe"),
            "value": {
                "heading": "Subscribe to the meetings in English",
                "feed": "all",
                "meeting_index": None,
                **chooser,
            },
        },
    ]


def _block_id(name: str) -> str:
    """A block id that stays the same between loads, so a second load changes nothing."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"civilsamhalle-demo-en:{name}"))


def _value(value: Any) -> Any:
    """A field's value as compared: a StreamField by its stored JSON."""
    if hasattr(value, "get_prep_value") and hasattr(value, "raw_data"):
        return json.dumps(value.get_prep_value(), sort_keys=True)
    return value
