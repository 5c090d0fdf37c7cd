"""How a meeting page with built-in registration is served: with its form, taking its POST.

A plain mixin for :class:`.meetings.MeetingPage`; the work is in
:mod:`wagtail_civil.registration.page_form`, imported when needed (it imports the models).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

__all__ = ["RegistrationFormMixin"]


class RegistrationFormMixin:
    """Adds ``registration_panel`` to the context (previews too) and answers the form's POST."""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        panel = kwargs.pop("registration_panel", None)  # given by serve() after a POST
        context = super().get_context(request, *args, **kwargs)
        if self.has_built_in_registration:
            from ..registration.page_form import registration_panel

            context["registration_panel"] = panel or registration_panel(self, request)
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.has_built_in_registration:
            return super().serve(request, *args, **kwargs)
        from ..registration.page_form import serve_with_form

        return serve_with_form(self, request)
