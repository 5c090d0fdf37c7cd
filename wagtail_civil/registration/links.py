"""The address of a registrant's personal page, for the page itself, emails and the admin."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from ..models import Registration
from .tokens import make_token

__all__ = ["personal_path", "personal_url"]


def personal_path(registration: Registration) -> str:
    """The personal page's path (its token in it), e.g. ``/registrations/<token>/``."""
    return reverse("wagtail_civil:registration", kwargs={"token": make_token(registration)})


def personal_url(registration: Registration, request: HttpRequest | None = None) -> str:
    """The personal page's absolute address: the request's host, else the meeting's site."""
    path = personal_path(registration)
    if request is not None:
        return request.build_absolute_uri(path)
    site = registration.meeting.get_site()
    return (site.root_url if site is not None else "") + path
