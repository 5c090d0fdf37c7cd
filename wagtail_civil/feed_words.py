"""The calendar feeds' words in the site's language.

Each word is written once, as a default of :class:`~civilsamhalle.calendar.FeedLabels`, and that
English default is its message id with the context "calendar feed". A site changes a word in its
own ``LOCALE_PATHS`` catalogue; a word Django leaves untranslated comes from the core's catalogue,
which translates every one (docs/install.md, "Languages").
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import pgettext

from civilsamhalle import i18n
from civilsamhalle.calendar import FeedLabels
from civilsamhalle.model import MeetingKind

__all__ = ["FEED_CONTEXT", "feed_labels", "feed_word", "kind_label"]

FEED_CONTEXT = "calendar feed"


def feed_word(default: str) -> str:
    """``default``, a word of :class:`FeedLabels`, in the active language: as the site's Django
    catalogues say it, else as the core's catalogue does."""
    translated = pgettext(FEED_CONTEXT, default)
    if translated != default:
        return translated
    return i18n.translation(translation.get_language()).gettext(default)


def feed_labels(language: str | None = None) -> FeedLabels:
    """The feed's words in the active language (or ``language``).

    Kept per language for the process's life, as Django keeps its catalogues: every feed
    request, a 304 included, puts them in its version key.
    """
    return _labels(language or translation.get_language() or "en")


@cache
def _labels(language: str) -> FeedLabels:
    with translation.override(language):
        return FeedLabels(**{field.name: feed_word(field.default) for field in fields(FeedLabels)})


@receiver(setting_changed)
def _catalogues_changed(*, setting: str, **kwargs: object) -> None:
    """Tests that change the languages or catalogues get the words anew, as Django does."""
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _labels.cache_clear()


def kind_label(kind: MeetingKind) -> Promise:
    """The name of a kind of meeting, lazily: the same word in the admin, on pages and in feeds."""
    return lazy(feed_word, str)(FeedLabels().kind(kind))
