"""The agreement page's signing form: ``sign/`` asks to sign, ``sign/thanks/`` says it was sent.

A mixin for :class:`.agreements.AgreementPage`; the work is in
:mod:`wagtail_civil.signing.page_form`, imported when needed (it imports the models).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from civilsamhalle.enums import AgreementStatus

__all__ = ["SigningRoutesMixin"]


class SigningRoutesMixin(RoutablePageMixin):
    """Routes for organisations asking to sign, answered only while the agreement is open."""

    @property
    def may_be_asked_to_sign(self) -> bool:
        """Whether the page offers the signing form (the core's rule on the status)."""
        return AgreementStatus(self.status).may_be_asked_to_sign

    @path("sign/", name="sign")
    def sign(self, request: HttpRequest) -> HttpResponse:
        from ..signing.page_form import serve_signing_form

        return serve_signing_form(self, request)

    @path("sign/thanks/", name="sign_thanks")
    def sign_thanks(self, request: HttpRequest) -> HttpResponse:
        from ..signing.page_form import serve_thanks

        return serve_thanks(self, request)

    def get_signing_form_class(self) -> Any:
        """The public form's class (override to ask more)."""
        from ..signing.form import SigningRequestForm

        return SigningRequestForm
