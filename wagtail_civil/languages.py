"""Several languages on one site, with Wagtail's own localisation (docs/languages.md).

A page reads in its own language, not the visitor's; a feed holds one locale's meetings, in that
locale's words; a page links to its live, public translations. With ``WAGTAIL_I18N_ENABLED``
off (the default) every page is in one locale and nothing here changes what a visitor gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

__all__ = [
    "Translation",
    "activate_page_language",
    "feed_locale",
    "i18n_enabled",
    "in_active_locale",
    "in_site",
    "page_language",
    "translations_of",
]


def i18n_enabled() -> bool:
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def page_language(page: Any) -> str | None:
    """The language a page's (or a locale's) locale is in, when it is one of ``LANGUAGES``;
    else ``None``."""
    locale = page if isinstance(page, Locale) else getattr(page, "locale", None)
    code = getattr(locale, "language_code", None)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def activate_page_language(page: Any, request: HttpRequest) -> None:
    """Read the page in its locale's language: an English page says "Register", whatever the
    browser asks for. Only with i18n on: a one-language site keeps following its visitors."""
    if not i18n_enabled():
        return
    language = page_language(page)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def feed_locale(obj: Any, request: HttpRequest, site: Site) -> Locale | None:
    """Whose meetings a feed holds: the locale of the feed's object (a page, or a translatable
    snippet), else the language the request reads in; ``None`` (every meeting) without i18n.

    Translations of one meeting share its UID, so a feed of two locales would hold the same
    event twice.
    """
    if not i18n_enabled():
        return None
    own = getattr(obj, "locale", None)
    if isinstance(own, Locale):
        return own
    if isinstance(obj, Page) and obj.locale_id:
        return Locale.objects.get(pk=obj.locale_id)
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return getattr(site.root_page, "locale", None)


def in_site(pages: Any, site: Site, *, inclusive: bool = False) -> Any:
    """``pages`` under the site's root page, or, with i18n on, under any of its translations
    (the English tree is a sibling of the Swedish one, not inside it)."""
    root = site.root_page
    if not i18n_enabled():
        return pages.descendant_of(root, inclusive=inclusive)
    roots = Page.objects.filter(translation_key=root.translation_key).only("path", "depth")
    condition = Q(pk__in=[])
    for each in roots:
        condition |= pages.descendant_of_q(each, inclusive=inclusive)
    return pages.filter(condition)


def in_active_locale(pages: Any) -> Any:
    """``pages`` in the locale of the active language (the page being read's, see
    :func:`activate_page_language`), with i18n on; all of them without."""
    if not i18n_enabled():
        return pages
    try:
        return pages.filter(locale=Locale.get_active())
    except Locale.DoesNotExist:
        return pages


@dataclass(frozen=True)
class Translation:
    """A link to a page in another language, for the language switcher and ``hreflang``."""

    language: str  # "en"
    name: str  # the language's name in itself: "English", "Svenska"
    url: str
    absolute_url: str  # for <link rel="alternate" hreflang>, which wants the full address
    current: bool


def translations_of(page: Any, request: HttpRequest | None) -> list[Translation]:
    """The page and its live, public translations, in the order of ``LANGUAGES``.

    Empty when there is nothing to switch to (i18n off, or no translation published), so a page
    shows no switcher with one language in it. A draft, an alias or a view-restricted
    translation is never linked.
    """
    if not i18n_enabled() or not isinstance(page, Page) or page.pk is None:
        return []
    memo = getattr(request, "_civil_translations", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    found = _translations(page, request)
    if request is not None:
        if memo is None:
            memo = request._civil_translations = {}  # type: ignore[attr-defined]
        memo[page.pk] = found
    return found


def _translations(page: Page, request: HttpRequest | None) -> list[Translation]:
    others = (
        page.get_translations(inclusive=True)
        .live()
        .public()
        .filter(alias_of__isnull=True)
        .select_related("locale")
    )
    order = [code for code, _name in settings.LANGUAGES]
    found: dict[str, Translation] = {}
    for other in others:
        language = page_language(other)
        url = other.get_url(request=request)
        if not language or not url or language in found:
            continue
        found[language] = Translation(
            language=language,
            name=capfirst(get_language_info(language)["name_local"]),  # a menu item: "Svenska"
            url=url,
            absolute_url=request.build_absolute_uri(url) if request is not None else url,
            current=other.pk == page.pk,
        )
    if len(found) < 2 or not any(t.current for t in found.values()):
        return []
    rank = {code: i for i, code in enumerate(order)}
    return sorted(found.values(), key=lambda t: rank.get(t.language, len(rank)))
