"""Paper for residents who seldom go online: a meeting's A4 invitation and a month's meetings
for a notice board, each with a QR code to its page made on the server.

The views are routes of the pages (``MeetingPage``'s ``print/``, ``MeetingIndexPage``'s
``month/print/``); what they share is here. Printing needs no JavaScript: the print view is an
ordinary page whose print stylesheet (``css/civil-print.css``) lays it out on A4.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import segno
from django.utils.safestring import SafeString, mark_safe

__all__ = ["qr_svg", "readable_url", "registration_by"]


def qr_svg(url: str) -> SafeString:
    """A QR code for ``url`` as inline SVG, sized by CSS (``.civil-qr svg``).

    Hidden from screen readers: the page prints the address beside it in words, which is what
    a screen reader user (and anyone without a phone camera) uses. Dark on white with segno's
    quiet zone of four modules, so it scans on any paper and in a dark colour scheme.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(omitsize=True, dark="#000", light="#fff", svgclass=None, lineclass=None)
    # segno's markup has no text of ours in it; the URL is only encoded in the path data.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308


def readable_url(url: str) -> str:
    """An address as a reader types it from paper: without the scheme and with its letters
    (``example.se/möten/dialog``), not percent-escapes (``m%C3%B6ten``), which any browser
    accepts typed as they read."""
    text = unquote(url)
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    return text


def registration_by(page: Any) -> str:
    """How the invitation tells a reader to sign up: ``"page"`` (the built-in form, reached by
    the QR code, or by phone to the contact), ``"link"`` (an external registration address),
    or ``""`` when no registration is asked for."""
    kind = getattr(page, "registration_kind", "")
    if kind == "built_in":
        return "page"
    if kind == "external" and getattr(page, "registration_url", ""):
        return "link"
    return ""
