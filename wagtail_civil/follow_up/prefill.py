"""Wagtail's "add a meeting" form with the agreement and the kind of meeting filled in.

The dashboard's "Plan a meeting" link is Wagtail's own create view with ``?agreement=<id>&kind=
<kind>``. Wagtail builds the page form without the request, so the ``before_create_page`` hook
(which has it) checks the parameters and leaves them on the request's user object, which the
form receives as ``for_user``: it lives as long as the request, so nothing leaks into the next.
Unknown or malformed values are ignored: the editor gets the ordinary empty form.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ..choices import MEETING_KIND_CHOICES

__all__ = ["ATTRIBUTE", "initial_for", "remember"]

ATTRIBUTE = "_wagtail_civil_meeting_prefill"


def remember(request: HttpRequest, page_class: type) -> None:
    """Keep valid ``agreement`` and ``kind`` GET parameters for the meeting form to read."""
    from ..models import AgreementPage, MeetingPage

    if not issubclass(page_class, MeetingPage) or request.method != "GET":
        return
    values: dict[str, Any] = {}
    agreement = request.GET.get("agreement", "")
    if agreement.isdigit() and AgreementPage.objects.filter(pk=int(agreement)).exists():
        values["agreement_id"] = int(agreement)
    kind = request.GET.get("kind", "")
    if kind in {value for value, _label in MEETING_KIND_CHOICES}:
        values["kind"] = kind
    if values:
        setattr(request.user, ATTRIBUTE, values)


def initial_for(user: Any) -> dict[str, Any]:
    """What :func:`remember` kept for this request's user, if anything."""
    return dict(getattr(user, ATTRIBUTE, None) or {})
