"""The inline parts of a story: partner organisations and units, results as figures, images."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable

__all__ = [
    "InitiativeImage",
    "InitiativeMeeting",
    "InitiativeOrganisation",
    "InitiativeResult",
    "InitiativeUnit",
]

INITIATIVE = "wagtail_civil.InitiativePage"


class _FigureFormField(forms.DecimalField):
    """A number typed as the editor writes it: "2,5" in Swedish and Norwegian, "2.5" in English.

    A text box with a decimal keyboard on phones rather than ``<input type=number>``, which
    Chromium fills with a point only and silently empties when a comma is typed.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


class FigureField(models.DecimalField):
    """A result's number; in migrations a plain ``DecimalField`` (only the form differs)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": _FigureFormField, **kwargs})

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class InitiativeOrganisation(Orderable):
    """A partner organisation from the register, picked in Wagtail's searchable chooser.

    A row rather than a many-to-many field, as a meeting's hosts are: the register can hold
    hundreds of organisations, and the chooser searches them.
    """

    page = ParentalKey(INITIATIVE, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "wagtail_civil.Organisation",
        on_delete=models.CASCADE,
        related_name="initiative_links",
        verbose_name=_("organisation"),
    )

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return str(self.organisation)


class InitiativeUnit(Orderable):
    """A municipal unit taking part, from the register of units."""

    page = ParentalKey(INITIATIVE, on_delete=models.CASCADE, related_name="unit_links")
    unit = models.ForeignKey(
        "wagtail_civil.MunicipalUnit",
        on_delete=models.CASCADE,
        related_name="initiative_links",
        verbose_name=_("municipal unit"),
    )

    panels = [FieldPanel("unit")]
    api_fields = [APIField("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("municipal unit taking part")
        verbose_name_plural = _("municipal units taking part")

    def __str__(self) -> str:
        return str(self.unit)


class InitiativeResult(Orderable):
    """A result as a figure: "Telefonsamtal: 500 per år".

    The number is a number (a decimal, so "2,5 ton" works too), so a region can add up the
    municipalities' figures; what it counts and its unit are words.
    """

    page = ParentalKey(INITIATIVE, on_delete=models.CASCADE, related_name="results")
    label = models.CharField(
        _("what was counted"),
        max_length=255,
        help_text=_("E.g. Telephone calls, Volunteers, Bags of clothes."),
    )
    number = FigureField(
        pgettext_lazy("a figure", "number"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Digits only, e.g. 500 or 2,5."),
    )
    unit = models.CharField(
        pgettext_lazy("of a figure", "unit"),
        max_length=100,
        blank=True,
        help_text=_("Optional, e.g. per year, hours, tonnes."),
    )

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("number"), FieldPanel("unit")])]
    api_fields = [APIField("label"), APIField("number"), APIField("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.label}: {self.number_display} {self.unit}".strip()

    @property
    def number_display(self) -> str:
        """The number in the reader's language, without trailing zeros: "500", "2,5", "1 200"."""
        if self.number is None:
            return ""
        number = Decimal(self.number).normalize()
        places = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
        return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


class InitiativeImage(Orderable):
    """An image with the words a screen reader reads for it, on this page.

    Wagtail 7.0's images carry no alt text of their own that must be filled in, and the same
    picture may say different things on different pages, so the alt text is typed here, beside
    the chooser. An image that only decorates is marked so, and gets an empty ``alt``.
    """

    page = ParentalKey(INITIATIVE, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for those who cannot see it, e.g. “Two volunteers sort "
            "clothes on a long table”. Required unless the image is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds nothing to the text; screen readers skip it."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the image, e.g. who took the photo."),
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldRowPanel([FieldPanel("decorative"), FieldPanel("caption")]),
    ]
    api_fields = [
        APIField("image"),
        APIField("alt_text"),
        APIField("decorative"),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text or str(self.image)

    def clean(self) -> None:
        """An informative image needs its alt text; a decorative one must not have one."""
        super().clean()
        alt = self.alt_text.strip()
        if self.decorative and alt:
            raise ValidationError(
                {"alt_text": _("A decorative image has no alt text: empty this field or untick "
                               "“decorative”.")}
            )
        if not self.decorative and not alt:
            raise ValidationError(
                {"alt_text": _("Say what the image shows, or tick “decorative” if it shows "
                               "nothing the text does not say.")}
            )
        self.alt_text = alt

    @property
    def alt(self) -> str:
        """The ``alt`` attribute: empty for a decorative image."""
        return "" if self.decorative else self.alt_text


class InitiativeMeeting(Orderable):
    """A meeting the story grew out of or was told at, e.g. a dialogue on loneliness."""

    page = ParentalKey(INITIATIVE, on_delete=models.CASCADE, related_name="meeting_links")
    meeting = models.ForeignKey(
        "wagtail_civil.MeetingPage",
        on_delete=models.CASCADE,
        related_name="initiative_links",
        verbose_name=_("meeting"),
    )

    panels = [FieldPanel("meeting")]
    api_fields = [APIField("meeting")]

    class Meta(Orderable.Meta):
        verbose_name = _("related meeting")
        verbose_name_plural = _("related meetings")

    def __str__(self) -> str:
        return str(self.meeting)
