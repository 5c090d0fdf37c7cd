"""The accessibility statement the law requires of a public body's website (DOS-lagen in Sweden,
the universal-design regulation in Norway, EU directive 2016/2102), with its known gaps and the
form to report a problem (``report/``; the form's work is in
:mod:`wagtail_civil.accessibility.report_page`, imported when needed).

One statement per site: every page of the site links to it from the footer
(``{% civil_accessibility_statement_url %}``), so a second one cannot be created in the same
site (docs/accessibility-statement.md).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site

from civilsamhalle.enums import Country

from ..accessibility.enforcement import EnforcementBody, enforcement_body
from ..choices import (
    ACCESSIBILITY_ASSESSMENT_CHOICES,
    ACCESSIBILITY_CONFORMANCE_CHOICES,
    ACCESSIBILITY_GAP_REASON_CHOICES,
    COUNTRY_CHOICES,
)

__all__ = ["AccessibilityGap", "AccessibilityStatementPage", "statement_in_site"]

# A WCAG success criterion's number, e.g. 1.1.1 or 2.4.11, optionally followed by its name.
_CRITERION = re.compile(r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}\b")


def validate_criterion(value: str) -> None:
    if value and not _CRITERION.match(value.strip()):
        raise ValidationError(
            _("Start with the success criterion's number, e.g. 1.1.1 Non-text content."),
            code="criterion",
        )


def statement_in_site(site: Site, exclude: Any = None) -> AccessibilityStatementPage | None:
    """The site's statement (any state), or ``None``; one query."""
    root = site.root_page.path if site.root_page_id else ""
    found = AccessibilityStatementPage.objects.filter(path__startswith=root)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.order_by("path").first()


class AccessibilityStatementPage(RoutablePageMixin, Page):
    """The statement: who, which website, how compliant, what is not accessible and why, how it
    was assessed, how to report a problem, and who enforces the law."""

    # Never in a calendar feed: editing the statement must not change a feed's ETag.
    shown_in_feeds = False

    organisation_name = models.CharField(
        _("public body"),
        max_length=255,
        help_text=_("The body responsible for the website, e.g. Exempelby kommun."),
    )
    website_scope = models.TextField(
        _("website covered"),
        max_length=1000,
        help_text=_(
            "Which website or part of it this statement is for, e.g. samverkan.exempelby.se, "
            "its meeting calendars and forms."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few sentences on your commitment to accessibility (optional)."),
    )
    conformance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=ACCESSIBILITY_CONFORMANCE_CHOICES,
        default="partial",
        help_text=_(
            "Measured against WCAG 2.1 level AA (EN 301 549). Partially compliant when any gap "
            "below is not yet fixed."
        ),
    )
    assessment = models.CharField(
        _("how the website was assessed"),
        max_length=16,
        choices=ACCESSIBILITY_ASSESSMENT_CHOICES,
        default="self",
    )
    assessment_method = models.TextField(
        _("method"),
        max_length=2000,
        blank=True,
        help_text=_(
            "E.g. automatic testing with axe, keyboard and screen reader tests of the main pages "
            "and forms, by the web team."
        ),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    contact_email = models.EmailField(_("email for accessibility questions"), blank=True)
    contact_phone = models.CharField(_("phone for accessibility questions"), max_length=50,
                                     blank=True)  # fmt: skip
    response_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"),
        default=5,
        help_text=_("How soon you answer a report, told to the person who sends one."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        default=Country.SWEDEN.value,
        help_text=_("Decides the law and the enforcement body the statement names."),
    )
    uustatus_url = models.URLField(
        _("statement on uustatus.no"),
        blank=True,
        help_text=_("Norway: the address of your published statement on uustatus.no."),
    )
    takes_reports = models.BooleanField(
        _("take reports through a form"),
        default=True,
        help_text=_(
            "Offer a form to report an accessibility problem. The law asks for a way to report; "
            "without the form, give an email address above."
        ),
    )

    subpage_types: list[str] = []
    template = "wagtail_civil/accessibility_statement_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation_name"),
        FieldPanel("website_scope"),
        FieldPanel("intro"),
        FieldPanel("conformance"),
        InlinePanel("gaps", heading=_("Content that is not accessible"), label=_("Gap")),
        MultiFieldPanel(
            [
                FieldPanel("assessment"),
                FieldPanel("assessment_method"),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            heading=_("How the statement was prepared"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("response_days"),
                FieldPanel("takes_reports"),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("uustatus_url")], heading=_("Enforcement")
        ),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "organisation_name", "website_scope", "intro", "conformance", "gaps", "assessment",
            "assessment_method", "prepared_on", "reviewed_on", "contact_email", "contact_phone",
            "response_days", "country", "uustatus_url",
        )
    ]  # fmt: skip

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        """Not in a site that has a statement already: the footer links to one."""
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        return site is None or statement_in_site(site) is None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.reviewed_on and self.prepared_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = _("The review cannot be before the statement was prepared.")
        if not self.takes_reports and not self.contact_email:
            errors["contact_email"] = _(
                "Give an email address, or take reports through the form: the law asks for a "
                "way to report a problem."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def enforcement(self) -> EnforcementBody:
        return enforcement_body(self.country)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["gaps"] = list(self.gaps.all())
        context["enforcement"] = self.enforcement
        return context

    @path("", name="statement")
    def statement(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("report/", name="report")
    def report(self, request: HttpRequest) -> HttpResponse:
        from ..accessibility.report_page import serve_report

        return serve_report(self, request)


class AccessibilityGap(Orderable):
    """One thing on the website that is not accessible: what, which criterion, where, why, and
    when it is to be fixed."""

    shown_in_feeds = False

    page = ParentalKey(AccessibilityStatementPage, on_delete=models.CASCADE, related_name="gaps")
    problem = models.TextField(
        _("problem"),
        max_length=2000,
        help_text=_("What does not work, and for whom, e.g. older PDF documents lack tags."),
    )
    criterion = models.CharField(
        _("WCAG success criterion"),
        max_length=120,
        blank=True,
        validators=[validate_criterion],
        help_text=_("E.g. 1.1.1 Non-text content."),
    )
    location = models.CharField(
        pgettext_lazy("accessibility gap", "where"),
        max_length=255,
        blank=True,
        help_text=_("Which pages or documents, e.g. the minutes of meetings before 2024."),
    )
    reason = models.CharField(
        _("why"), max_length=20, choices=ACCESSIBILITY_GAP_REASON_CHOICES, default="not_yet_fixed"
    )
    fix_planned_on = models.DateField(_("to be fixed by"), null=True, blank=True)

    panels = [
        FieldPanel("problem"),
        FieldRowPanel([FieldPanel("criterion"), FieldPanel("location")]),
        FieldRowPanel([FieldPanel("reason"), FieldPanel("fix_planned_on")]),
    ]
    api_fields = [
        APIField(name) for name in ("problem", "criterion", "location", "reason", "fix_planned_on")
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("accessibility gap")
        verbose_name_plural = _("accessibility gaps")

    def __str__(self) -> str:
        return self.problem[:80]
