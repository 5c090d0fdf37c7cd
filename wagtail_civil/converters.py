"""URL converters for the app's slugs, registered when this module is imported.

Django's ``<slug:…>`` matches ASCII only, so an organisation whose slug the admin filled in as
``bäve-hembygdsförening`` would get a link that answers 404. Wagtail's own page paths take any
word character (``[\\w-]+``); the app's routes take the same as the slug fields hold.
"""

from __future__ import annotations

from django.urls import register_converter

__all__ = ["UnicodeSlugConverter"]


class UnicodeSlugConverter:
    """What ``SlugField(allow_unicode=True)`` accepts: letters of any script, digits, - and _."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "civil_slug")
