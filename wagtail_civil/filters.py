"""The filters of the public directory and meeting lists, as django-filter FilterSets.

A query string is typed by people and kept in old bookmarks, so a bad value is a form error shown
next to the filter, never a server error: django-filter leaves an invalid field out of
``cleaned_data``, the other filters still apply, and the page is rendered with the errors (200).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civilsamhalle.enums import VolunteerNeedTiming

from .choices import (
    ACTION_STATUS_CHOICES,
    MEETING_KIND_CHOICES,
    ORGANISATION_KIND_CHOICES,
    VOLUNTEER_NEED_TIMING_CHOICES,
)
from .languages import in_active_locale
from .models.agreements import AgreementPage
from .models.categories import OrganisationCategory
from .models.initiatives import InitiativePage
from .models.organisations import Organisation
from .models.units import MunicipalUnit

__all__ = [
    "ActionFilterSet",
    "ChosenFilter",
    "InitiativeFilterSet",
    "MeetingFilterSet",
    "OrganisationFilterSet",
    "VolunteerNeedFilterSet",
    "chosen_filters",
    "filter_query",
]


class _ModelChoiceField(forms.ModelChoiceField):
    """A model choice whose lookup value cannot reach the database as an overflowing integer.

    Django catches ``ValueError`` for ``?agreement=abc`` but not the ``OverflowError`` that
    SQLite raises for ``?agreement=99999999999999999999``; that must be a form error too.
    """

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ModelChoiceField


def _public_categories(request: Any) -> QuerySet:
    return OrganisationCategory.objects.all()


def _public_organisations(request: Any) -> QuerySet:
    return Organisation.objects.public()


def _public_agreements(request: Any) -> QuerySet:
    """Live, public agreements in the language the list is read in: an English list offers
    the English translation of an agreement, a Swedish list the Swedish one, never both."""
    return in_active_locale(AgreementPage.objects.live().public())


def _narrowing(queryset: Any, label: Any, empty_label: Any, **options: Any) -> ModelChoiceFilter:
    """A choice of one object that narrows the meetings (see ``MeetingFilterSet.narrow``)."""
    return ModelChoiceFilter(
        queryset=queryset, method="narrow", label=label, empty_label=empty_label, **options
    )


class OrganisationFilterSet(django_filters.FilterSet):
    """``?q=`` free text, ``?category=<slug>``, ``?kind=<value>``."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    category = ModelChoiceFilter(
        queryset=_public_categories,
        to_field_name="slug",
        field_name="categories",
        label=_("Category"),
        empty_label=_("All categories"),
    )
    kind = django_filters.ChoiceFilter(
        choices=ORGANISATION_KIND_CHOICES, label=_("Kind"), empty_label=_("All kinds")
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Name, description and areas of activity, case-insensitive.

        A plain ``icontains`` rather than Wagtail search so the result stays a queryset the other
        filters and the paginator can work on, on every database backend.
        """
        value = value.strip()
        if not value:
            return queryset
        by_area = Organisation.objects.filter(areas_of_activity__name__icontains=value)
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(pk__in=by_area.values("pk"))
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Filtering on a many-to-many field can repeat a row; the directory must not.
        return super().filter_queryset(queryset).distinct()


class MeetingFilterSet(django_filters.FilterSet):
    """``?kind=``, ``?agreement=<page id>``, ``?organisation=<slug>``, ``?category=<slug>``."""

    kind = django_filters.ChoiceFilter(
        choices=MEETING_KIND_CHOICES, label=_("Kind of meeting"), empty_label=_("All kinds")
    )
    agreement = _narrowing(_public_agreements, _("Agreement"), _("All agreements"))
    organisation = _narrowing(
        _public_organisations, _("Organisation"), _("All organisations"), to_field_name="slug"
    )
    category = _narrowing(
        _public_categories, _("Category"), _("All categories"), to_field_name="slug"
    )

    def narrow(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """The meetings of the chosen agreement, organisation or category (``for_<name>``)."""
        return getattr(queryset, f"for_{name}")(value) if value else queryset


@dataclass(frozen=True)
class ChosenFilter:
    """A filter that narrows a list: its name in the address, its label and its value as typed
    (``param``) and in words (``shown``)."""

    name: str
    label: str
    param: str
    shown: str


def chosen_filters(filterset: Any) -> list[ChosenFilter]:
    """The filters of a bound ``filterset`` that validated and narrow the list, in the form's
    order. A value that did not validate is left out: it filters nothing (see the module)."""
    if filterset is None or not filterset.is_bound:
        return []
    form = filterset.form
    form.is_valid()  # cleans the form once; the filterset reads the same cleaned_data
    chosen = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in form.errors or value in (None, "", [], ()):
            continue
        if isinstance(field, forms.ModelChoiceField):
            shown = str(value)
        else:
            shown = str(dict(field.choices).get(value, value))
        param = str(field.prepare_value(value))
        chosen.append(ChosenFilter(name, str(field.label), param, shown))
    return chosen


def filter_query(filterset: Any) -> str:
    """``?category=kultur&kind=dialogue``: the chosen filters (:func:`chosen_filters`) as an
    address's query, or ``""``; the list's views link to each other with it, so a filter holds
    from the list to the month and back."""
    chosen = chosen_filters(filterset)
    return "?" + urlencode([(c.name, c.param) for c in chosen]) if chosen else ""


def _story_partners(request: Any) -> QuerySet:
    """Published organisations that are partners in a published, public story."""
    stories = InitiativePage.objects.live().public().filter(alias_of__isnull=True)
    return Organisation.objects.public().filter(
        pk__in=stories.values("partner_links__organisation")
    )


def _story_units(request: Any) -> QuerySet:
    """Municipal units that take part in a published, public story."""
    stories = InitiativePage.objects.live().public().filter(alias_of__isnull=True)
    return MunicipalUnit.objects.filter(pk__in=stories.values("unit_links__unit"))


class InitiativeFilterSet(django_filters.FilterSet):
    """``?organisation=<slug>``, ``?unit=<slug>``, ``?category=<slug>`` on the list of stories.

    The choices are the partners of published stories only, so the list offers no partner whose
    stories are all drafts, and a long register does not make a long menu.
    """

    organisation = _narrowing(
        _story_partners, _("Partner organisation"), _("All organisations"), to_field_name="slug"
    )
    unit = _narrowing(
        _story_units, _("Municipal unit"), _("All municipal units"), to_field_name="slug"
    )
    category = _narrowing(
        _public_categories, _("Category"), _("All categories"), to_field_name="slug"
    )

    def narrow(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """The stories of the chosen organisation, unit or category (``for_<name>``)."""
        return getattr(queryset, f"for_{name}")(value) if value else queryset


def _units(request: Any) -> QuerySet:
    return MunicipalUnit.objects.all()


class ActionFilterSet(django_filters.FilterSet):
    """An action plan's actions: ``?status=<value>``, ``?unit=<slug>`` (a responsible unit)."""

    status = django_filters.ChoiceFilter(
        choices=ACTION_STATUS_CHOICES, label=_("Status"), empty_label=_("All statuses")
    )
    unit = ModelChoiceFilter(
        queryset=_units,
        to_field_name="slug",
        field_name="responsible_units",
        label=_("Responsible unit"),
        empty_label=_("All units"),
    )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # An action with two responsible units must not be listed twice.
        return super().filter_queryset(queryset).distinct()


class VolunteerNeedFilterSet(django_filters.FilterSet):
    """``?area=``, ``?when=week|month``, ``?timing=one_off|ongoing``, ``?organisation=<slug>``,
    ``?unit=<slug>``. The areas offered are those of the needs listed (``areas=``)."""

    area = django_filters.ChoiceFilter(
        choices=(),
        label=pgettext_lazy("part of the municipality", "Area"),
        empty_label=_("All areas"),
    )
    when = django_filters.ChoiceFilter(
        choices=[
            ("week", _("In the coming 7 days")),
            ("month", _("In the coming 30 days")),
        ],
        method="soon",
        label=pgettext_lazy("volunteer need", "When"),
        empty_label=_("Any time"),
        help_text=_("Ongoing needs are always included unless you choose one-off."),
    )
    timing = django_filters.ChoiceFilter(
        choices=VOLUNTEER_NEED_TIMING_CHOICES,
        label=_("One-off or ongoing"),
        empty_label=_("Both"),
    )
    organisation = ModelChoiceFilter(
        queryset=_public_organisations,
        to_field_name="slug",
        label=_("Organisation"),
        empty_label=_("All organisations"),
    )
    unit = ModelChoiceFilter(
        queryset=lambda request: MunicipalUnit.objects.all(),
        to_field_name="slug",
        label=_("Municipal unit"),
        empty_label=_("All units"),
    )

    def __init__(self, *args: Any, areas: Any = (), now: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["choices"] = [(area, area) for area in areas]
        self.now = now or timezone.now()

    def soon(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """One-off needs starting within the period, and every ongoing one."""
        days = {"week": 7, "month": 30}.get(value)
        if days is None:
            return queryset
        before = self.now + dt.timedelta(days=days)
        return queryset.filter(Q(timing=VolunteerNeedTiming.ONGOING.value) | Q(start__lt=before))
