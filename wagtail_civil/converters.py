"""URL converters for the app's slugs and ids, registered when this module is imported.

Django's ``<slug:…>`` matches ASCII only, so an organisation whose slug the admin filled in as
``bäve-hembygdsförening`` would get a link that answers 404. Wagtail's own page paths take any
word character (``[\\w-]+``); the app's routes take the same as the slug fields hold.
"""

from __future__ import annotations

from django.urls import register_converter

__all__ = ["PrimaryKeyConverter", "UnicodeSlugConverter"]


class UnicodeSlugConverter:
    """What ``SlugField(allow_unicode=True)`` accepts: letters of any script, digits, - and _."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "civil_slug")


class PrimaryKeyConverter:
    """A positive id as the database can hold it: ``<int:pk>`` would also match
    ``99999999999999999999``, which overflows a 64-bit column and fails as a server error
    instead of a 404. No leading zeros either, so each feed has exactly one address."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(PrimaryKeyConverter, "civil_pk")
