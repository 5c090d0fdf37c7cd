"""The core's own translations, with the standard library's gettext and no framework.

The core writes words that residents read (the "Cancelled" in front of a calendar event, the
"Programme" heading in its description) but must not depend on Django, so it carries a small
catalogue of its own: domain ``civilsamhalle`` under ``civilsamhalle/locale``. The language is
always passed in explicitly, because a feed's language belongs to the feed, not to the process
that happens to write it (one web server serves a Swedish and a Norwegian municipality).

English is the source language: a missing or unknown language falls back to the English text
rather than failing, since a feed in English is better than no feed.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "normalize_language", "translation"]

DOMAIN = "civilsamhalle"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# "no" is the ISO 639-1 code for Norwegian in general; the written standard we translate into
# (and what Django, browsers and most CMS settings call it) is Bokmål, "nb".
_ALIASES = {"no": "nb", "nn": "nb"}


def normalize_language(language: str | None) -> str:
    """``"sv-SE"``, ``"sv_SE"`` and ``"SV"`` all mean the ``sv`` catalogue; empty means English."""
    if not language:
        return "en"
    code = language.strip().replace("-", "_")
    base, _, region = code.partition("_")
    base = base.lower()
    base = _ALIASES.get(base, base)
    return f"{base}_{region.upper()}" if region else base


@lru_cache(maxsize=32)
def translation(language: str | None) -> _gettext.NullTranslations:
    """The catalogue for ``language``; English (the source strings) when there is none.

    gettext itself tries ``sv_SE`` before ``sv``, so a regional code finds the general catalogue.
    """
    code = normalize_language(language)
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
