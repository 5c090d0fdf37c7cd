"""The words of the calendar feeds in the site's language, through Django's gettext.

The core ships its own catalogue for these words (:meth:`FeedLabels.for_language`), but a site
speaks through Django: a municipality that writes "Inställd" rather than "Inställt" overrides the
word in its own ``LOCALE_PATHS`` catalogue, like any other string of the app. So every label is
marked here for Django's ``makemessages`` (with the context "calendar feed", because "Cancelled"
in front of an event title is not always the same word as the "Cancelled" of a status list), and
a label Django leaves untranslated falls back to the core's catalogue, so a site gets Swedish and
Norwegian feeds before anyone translates the app's catalogue.
"""

from __future__ import annotations

from dataclasses import fields

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from civilsamhalle.calendar import FeedLabels

__all__ = ["FEED_LABELS", "feed_labels"]

# One entry per field of FeedLabels, each with the core's English default as its message id.
FEED_LABELS: dict[str, Promise] = {
    # Translators: put in front of a cancelled meeting's title in calendar programs: "Cancelled: …"
    "cancelled": pgettext_lazy("calendar feed", "Cancelled"),
    # Translators: put in front of a postponed meeting's title: "Postponed: …"
    "postponed": pgettext_lazy("calendar feed", "Postponed"),
    "online": pgettext_lazy("calendar feed", "Online"),
    # Translators: the place of a meeting held both at a venue and online; keep {venue}
    "hybrid_location": pgettext_lazy("calendar feed", "{venue} and online"),
    "join_online": pgettext_lazy("calendar feed", "Join online"),
    "more_information": pgettext_lazy("calendar feed", "More information"),
    "theme": pgettext_lazy("calendar feed", "Theme"),
    "programme": pgettext_lazy("calendar feed", "Programme"),
    "speakers": pgettext_lazy("calendar feed", "Speakers"),
    "hosts": pgettext_lazy("calendar feed", "Hosts"),
    "agreement": pgettext_lazy("calendar feed", "Agreement"),
    "register": pgettext_lazy("calendar feed", "Register"),
    "register_by": pgettext_lazy("calendar feed", "Register by"),
    "contact": pgettext_lazy("calendar feed", "Contact"),
    "outcome": pgettext_lazy("calendar feed", "Outcome"),
    # Translators: a Python strftime pattern for registration deadlines, e.g. "%d.%m.%Y kl. %H.%M"
    "date_time_format": pgettext_lazy("calendar feed", "%Y-%m-%d %H:%M"),
    # Translators: a Python strftime pattern for a registration deadline given as a day only
    "date_format": pgettext_lazy("calendar feed", "%Y-%m-%d"),
    "dialogue": pgettext_lazy("calendar feed", "Dialogue meeting"),
    "open_meeting": pgettext_lazy("calendar feed", "Open meeting"),
    "hearing": pgettext_lazy("calendar feed", "Hearing"),
    "workshop": pgettext_lazy("calendar feed", "Workshop"),
    "council_meeting": pgettext_lazy("calendar feed", "Council meeting"),
    "signing": pgettext_lazy("calendar feed", "Signing"),
}


def feed_labels(language: str | None = None) -> FeedLabels:
    """The feed's words in the active language (or ``language``).

    A word Django's catalogues translate wins; a word they leave as its English message id takes
    the core's translation, so only what a site deliberately changed differs from the core.
    """
    language = language or translation.get_language() or "en"
    core = FeedLabels.for_language(language)
    values = {}
    with translation.override(language):
        for field in fields(FeedLabels):
            translated = str(FEED_LABELS[field.name])
            fallback = getattr(core, field.name)
            values[field.name] = translated if translated != field.default else fallback
    return FeedLabels(**values)
