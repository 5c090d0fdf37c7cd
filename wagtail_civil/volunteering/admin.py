"""The volunteer offers in the admin: a listing and a form to mark each one, for the poster's
editors.

An offer belongs to its need's page (a general offer to the list page): whoever may edit that
page sees the offer and marks it answered, accepted or declined; the resident is then told by
email. Names, contact details and messages are personal data: only users who also hold
``wagtail_civil.view_volunteer_offer_personal_data`` see them. Offers are made by residents and
erased by the retention command, so the admin neither adds nor deletes them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import page_permission_policy

from civilsamhalle.enums import VolunteerOfferStatus

from ..models import VolunteerOffer
from .tasks import enqueue, send_offer_status_email

__all__ = [
    "PERSONAL_DATA_PERMISSION",
    "OfferPermissionPolicy",
    "VolunteerOfferViewSet",
    "may_see_personal_data",
]

PERSONAL_DATA_PERMISSION = "wagtail_civil.view_volunteer_offer_personal_data"
Status = VolunteerOfferStatus


def may_see_personal_data(user: Any) -> bool:
    return bool(user.has_perm(PERSONAL_DATA_PERMISSION))


class OfferPermissionPolicy(BasePermissionPolicy):
    """Viewing and marking offers follows the right to edit the need's page; nobody adds or
    deletes them here."""

    MARKING = ("view", "change")

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action not in self.MARKING or not getattr(user, "is_active", False):
            return False
        return page_permission_policy.user_has_permission(user, "change")

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        page = instance.need if instance.need_id else instance.index
        return page.permissions_for_user(user).can_edit()

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return VolunteerOffer.objects.none()
        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
        editable = pages.values("pk")
        return VolunteerOffer.objects.filter(
            Q(need__in=editable) | Q(need__isnull=True, index__in=editable)
        )

    def users_with_any_permission(self, actions: Any) -> QuerySet:
        if not set(actions) & set(self.MARKING):
            return page_permission_policy.users_with_permission("change").none()
        return page_permission_policy.users_with_permission("change")


OFFER_POLICY = OfferPermissionPolicy(VolunteerOffer)


class OfferStatusForm(WagtailAdminModelForm):
    """Only the status is edited; accepting more volunteers than the need asked for is refused."""

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        need = self.instance.need
        accepting = (
            Status(status).counts_towards_need
            and not Status(self.initial.get("status", Status.NEW.value)).counts_towards_need
        )
        if accepting and need is not None and need.places_left == 0:
            raise forms.ValidationError(
                _(
                    "All %(wanted)s places of this need are filled already. Decline the offer, "
                    "or first raise the number of volunteers needed on the need's page."
                )
                % {"wanted": need.volunteers_needed}
            )
        return status


def _personal(name: str) -> FieldPanel:
    return FieldPanel(name, read_only=True, permission=PERSONAL_DATA_PERMISSION)


class PersonalColumn(Column):
    """A column of personal data: blank for a user without the permission."""

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not may_see_personal_data(request.user):
            context["value"] = _("(hidden)")
        elif instance.erased_at is not None:
            context["value"] = _("(personal data deleted)")
        return context


def _need_text(offer: VolunteerOffer) -> str:
    return offer.need.title if offer.need_id else str(_("General offer: %(list)s") % {
        "list": offer.index.title})  # fmt: skip


class OfferIndexView(generic.IndexView):
    @cached_property
    def columns(self) -> list[Any]:
        """The need's title links to the offer's form, as a listing's first column does."""
        columns = list(super().columns)
        title_column = self._get_title_column_class(TitleColumn)
        columns[0] = title_column(
            "need", label=_("Volunteer need"), accessor=_need_text, get_url=self.get_edit_url
        )
        return columns

    def get_base_queryset(self) -> QuerySet:
        offers = OFFER_POLICY.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return offers.select_related("need", "index")


class OfferEditView(generic.EditView):
    def get_object(self, queryset: Any = None) -> VolunteerOffer:
        offer = super().get_object(queryset)
        if not OFFER_POLICY.user_has_permission_for_instance(self.request.user, "change", offer):
            raise PermissionDenied
        return offer

    def save_instance(self) -> VolunteerOffer:
        offer = super().save_instance()
        if "status" in self.form.changed_data and Status(offer.status).tells_resident:
            offer.answered_at = timezone.now()
            offer.save(update_fields=["answered_at", "updated_at"])
            offer_id, status = offer.pk, offer.status
            transaction.on_commit(lambda: enqueue(send_offer_status_email, offer_id, status))
        return offer


class VolunteerOfferViewSet(ModelViewSet):
    model = VolunteerOffer
    icon = "user"
    menu_label = _("Volunteer offers")
    menu_name = "volunteer-offers"
    menu_order = 265
    add_to_admin_menu = True
    url_prefix = "volunteer-offers"
    index_view_class = OfferIndexView
    edit_view_class = OfferEditView
    list_filter = ["status"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("need", label=_("Volunteer need"), accessor=_need_text),
        PersonalColumn("name", label=_("Name")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Sent")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("need", read_only=True),
            MultiFieldPanel(
                [
                    _personal(name)
                    for name in ("name", "email", "phone", "message", "interests", "availability")
                ],
                heading=_("The resident"),
            ),  # fmt: skip
            FieldPanel("status"),
        ],
        base_form_class=OfferStatusForm,
    )

    # Wagtail 7.0 reads the policy here; 8.x from its registry (register_offer_policy).
    permission_policy = OFFER_POLICY

    def get_permissions_to_register(self) -> QuerySet:
        """Only "Can see the personal data of volunteer offers" in the group editor: the
        model's add/change/delete would grant nothing (see :class:`OfferPermissionPolicy`)."""
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="wagtail_civil",
            codename="view_volunteer_offer_personal_data",
        )


def register_offer_policy() -> None:
    """Register :data:`OFFER_POLICY` with Wagtail 8's policy registry (7.0 has none)."""
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:  # Wagtail 7.0: the view set's attribute is what counts
        return
    register_permission_policy(VolunteerOffer, OFFER_POLICY, exact_class=True)
