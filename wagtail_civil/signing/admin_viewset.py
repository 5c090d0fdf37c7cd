"""Signing requests' place in the admin: their URLs and the menu item (with the waiting count).

A plain ``ViewSet`` rather than a ``ModelViewSet``: a request is never added or edited through a
model form, only sent by the public form and decided through :mod:`.decisions`.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from .admin_views import URL_NAMESPACE, DecideView, SigningRequestIndexView, permission_policy, url

__all__ = ["SigningRequestViewSet"]


class _SigningRequestsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        """Only for editors who may see the requests (they hold personal data)."""
        return permission_policy.user_has_permission(request.user, "view")


class SigningRequestViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "signing-requests"
    icon = "doc-full"
    menu_label = _("Signing requests")
    menu_name = "signing-requests"
    menu_order = 270
    add_to_admin_menu = True
    menu_item_class = _SigningRequestsMenuItem

    @property
    def menu_url(self) -> str:
        return url("index")

    def get_urlpatterns(self) -> list[Any]:
        index = SigningRequestIndexView.as_view
        return [
            path("", index(), name="index"),
            path("results/", index(results_only=True), name="index_results"),
            path("<int:pk>/", DecideView.as_view(), name="decide"),
        ]
