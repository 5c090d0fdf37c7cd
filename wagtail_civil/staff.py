"""Who among the editors is told of something: the users a permission names."""

from __future__ import annotations

from django.contrib.auth import get_user_model

__all__ = ["addresses_with_permission"]


def addresses_with_permission(permission: str) -> list[str]:
    """The email addresses of active users with ``permission`` (superusers included), sorted,
    in one query: who may act on a thing is who is told of it."""
    users = get_user_model().objects.with_perm(permission).exclude(email="")
    return sorted({address for address in users.values_list("email", flat=True) if address})
