"""The registrant's personal link: see, change or cancel a registration without an account.

The token is the registration's key signed with the site's ``SECRET_KEY`` (so it cannot be
guessed or altered) and bound to the email it was made for; it stops working a day after the
meeting ends and once the personal data is deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core import signing
from django.utils import timezone

from ..models import Registration

__all__ = ["GRACE", "make_token", "read_token"]

_SALT = "wagtail_civil.registration"
# How long after the meeting's end the link still opens (to see what one registered for).
GRACE = dt.timedelta(days=1)


def _email_check(registration: Registration) -> str:
    return hashlib.sha256(registration.email_key.encode()).hexdigest()[:12]


def make_token(registration: Registration) -> str:
    """A URL-safe token for ``registration``."""
    return signing.dumps([registration.pk, _email_check(registration)], salt=_SALT)


def read_token(token: str, now: dt.datetime | None = None) -> Registration | None:
    """The registration a token stands for, or ``None``: tampered, expired, or erased."""
    try:
        pk, check = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int):
        return None
    registration = Registration.objects.select_related("meeting").filter(pk=pk).first()
    if registration is None or registration.erased_at is not None:
        return None
    if _email_check(registration) != check:
        return None
    if (now or timezone.now()) > registration.meeting.end + GRACE:
        return None
    return registration
