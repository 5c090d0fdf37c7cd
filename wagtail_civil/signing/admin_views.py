"""The admin's signing requests: the listing, and one request to approve or reject with a reason.

Requests hold personal data (the signatory, the requester's email), so every view needs
``wagtail_civil.view_signingrequest``; deciding needs ``change_signingrequest`` as well, and the
right to edit the agreement page, which approving changes (:mod:`.decisions`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from ..choices import SIGNING_REQUEST_STATUS_CHOICES
from ..models import SigningRequest
from .decisions import DecisionRefused, approve, may_decide, reject

__all__ = ["DecideView", "DecisionForm", "SigningRequestIndexView", "URL_NAMESPACE", "url"]

URL_NAMESPACE = "wagtail_civil_signing_requests"
permission_policy = ModelPermissionPolicy(SigningRequest)


def url(name: str, *args: Any) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _label(name: str) -> str:
    return capfirst(SigningRequest._meta.get_field(name).verbose_name)


class SigningRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"),
        choices=SIGNING_REQUEST_STATUS_CHOICES,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = SigningRequest
        fields = ["status"]


class SigningRequestIndexView(IndexView):
    """Every request, newest first, filtered by status; the organisation links to the decision."""

    model = SigningRequest
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:index_results"
    page_title = gettext_lazy("Signing requests")
    header_icon = "doc-full"
    default_ordering = "-created_at"
    paginate_by = 50
    filterset_class = SigningRequestFilterSet
    is_searchable = False

    def get_base_queryset(self) -> Any:
        return SigningRequest.objects.select_related("agreement", "organisation")

    def get_edit_url(self, instance: SigningRequest) -> str:
        return url("decide", instance.pk)

    def get_list_more_buttons(self, instance: SigningRequest) -> list[Any]:
        return []

    @cached_property
    def columns(self) -> list[Any]:
        return [
            self._get_title_column("organisation_display"),
            Column("agreement", label=_label("agreement"), accessor=lambda r: r.agreement.title),
            Column("signatory", label=_label("signatory")),
            Column(
                "status", label=_label("status"), accessor="get_status_display", sort_key="status"
            ),
            DateColumn("created_at", label=_label("created_at"), sort_key="created_at"),
            DateColumn("decided_at", label=_label("decided_at"), sort_key="decided_at"),
        ]


class DecisionForm(forms.Form):
    """Approve or reject; a rejection needs the reason, which the requester is told."""

    APPROVE, REJECT = "approve", "reject"

    reason = forms.CharField(
        label=pgettext_lazy("signing request decision", "Reason"),
        help_text=gettext_lazy(
            "Needed to reject: the requester is told it. E.g. the organisation is not "
            "idea-based, or the municipality needs to know more."
        ),
        required=False,
        max_length=SigningRequest._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, APPROVE), (REJECT, REJECT)],
        widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("Choose Approve or Reject.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for rejecting the request."))
        return data


class DecideView(WagtailAdminTemplateMixin, FormView):
    """One request in full, with Approve and Reject while it waits."""

    form_class = DecisionForm
    template_name = "wagtail_civil/admin/signing_requests/decide.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Signing request")

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        queryset = SigningRequest.objects.select_related("agreement", "organisation", "decided_by")
        self.signing_request: SigningRequest = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_decide(self) -> bool:
        user = self.request.user
        return (
            self.signing_request.is_pending
            and permission_policy.user_has_permission(user, "change")
            and may_decide(self.signing_request, user)
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST":
            data = self.request.POST.copy()
            data["decision"] = self.request.POST.get("action-decision", "")
            kwargs["data"] = data
        return kwargs

    def get_page_subtitle(self) -> str:
        return self.signing_request.organisation_display

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return self.breadcrumbs_items + [
            {"url": url("index"), "label": _("Signing requests")},
            {"url": "", "label": self.signing_request.organisation_display},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            signing_request=self.signing_request,
            can_decide=self.can_decide,
            action_url=url("decide", self.signing_request.pk),
            **kwargs,
        )

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.signing_request.is_pending:  # decided meanwhile, e.g. in another tab
            messages.warning(request, _("This request has already been decided."))
            return redirect(url("decide", self.signing_request.pk))
        if not self.can_decide:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: DecisionForm) -> Any:
        name = self.signing_request.organisation_display
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                approval = approve(self.signing_request, self.request.user)
            else:
                reject(self.signing_request, self.request.user, form.cleaned_data["reason"])
                approval = None
        except DecisionRefused as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)
        if approval is None:
            messages.success(self.request, _("The request from %(name)s is rejected.") % {
                "name": name})  # fmt: skip
        else:
            messages.success(self.request, _approved_text(approval) % {"name": name})
        return redirect(url("index"))

    def form_invalid(self, form: DecisionForm) -> Any:
        messages.error(self.request, _("The request could not be decided. See below."))
        return super().form_invalid(form)


def _approved_text(approval: Any) -> str:
    text = _("The request from %(name)s is approved and the signature added.")
    if not approval.published:
        text += " " + _("It is published with the agreement's next published version.")
    if approval.created_organisation:
        text += " " + _("The new organisation is a draft in the register: review and publish it.")
    return text
