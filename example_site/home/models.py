"""The demo site's start page.

It lives in the site, not in ``wagtail_civil``, because every municipality already has a start
page of its own; the app offers blocks to put on it instead of a page type to replace it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from wagtail_civil.blocks import CivilStreamBlock


class HomePage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few sentences on what the municipality and civil society do together."),
    )

    body = StreamField(
        CivilStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Upcoming meetings, signatories, organisations and a calendar subscribe box."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
