"""StreamField blocks that put live civil-society content on any page.

An editor building the municipality's start page or a news article picks "upcoming meetings of the
pensioners' organisations" or "who signed ÖK Idé" and the block stays current by itself. Each
block's ``get_context`` does the query, and only ever returns published, public content: a block
chosen months ago must not start showing a draft or a page behind a password.

Templates (``wagtail_civil/blocks/<name>.html``) are overridable like any Django template.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Site
from wagtail.snippets.blocks import SnippetChooserBlock

from .apps import civil_model
from .choices import MEETING_KIND_CHOICES, ORGANISATION_KIND_CHOICES
from .feed_urls import feed_path, feed_urls
from .feeds import FEEDS
from .languages import i18n_enabled, in_active_locale, in_site

__all__ = [
    "CivilStreamBlock",
    "LiaisonBlock",
    "OrganisationListBlock",
    "SignatoriesBlock",
    "SubscribeBlock",
    "UpcomingMeetingsBlock",
]


def _heading() -> blocks.CharBlock:
    return blocks.CharBlock(label=_("Heading"), required=False, max_length=255)


def _agreement(**options: Any) -> blocks.PageChooserBlock:
    return blocks.PageChooserBlock(
        page_type="wagtail_civil.AgreementPage", label=_("Agreement"), **options
    )


def _category() -> SnippetChooserBlock:
    return SnippetChooserBlock(
        "wagtail_civil.OrganisationCategory", required=False, label=_("Category")
    )


def _live_or_none(obj: Any) -> Any:
    """The chosen snippet or page if residents may see it, else ``None``."""
    if obj is None:
        return None
    if not getattr(obj, "live", True):
        return None
    return obj


class UpcomingMeetingsBlock(blocks.StructBlock):
    """The next few meetings, optionally only of one kind, agreement, organisation or category."""

    heading = _heading()
    kind = blocks.ChoiceBlock(
        choices=MEETING_KIND_CHOICES, required=False, label=_("Kind of meeting")
    )
    agreement = _agreement(required=False)
    organisation = SnippetChooserBlock(
        "wagtail_civil.Organisation", required=False, label=_("Organisation")
    )
    category = _category()
    count = blocks.IntegerBlock(
        label=_("How many"), default=5, min_value=1, max_value=50, required=True
    )

    class Meta:
        icon = "date"
        label = _("Upcoming meetings")
        template = "wagtail_civil/blocks/upcoming_meetings.html"

    def get_meetings(self, value: Any, site: Site | None = None) -> Any:
        """Upcoming public meetings of ``site`` (every site's when it is unknown)."""
        meetings = civil_model("MeetingPage").objects.for_feed().upcoming(timezone.now())
        if site is not None:
            meetings = in_active_locale(in_site(meetings, site))
        if value.get("kind"):
            meetings = meetings.filter(kind=value["kind"])
        if value.get("agreement"):
            meetings = meetings.for_agreement(value["agreement"])
        if value.get("organisation"):
            meetings = meetings.for_organisation(value["organisation"])
        if value.get("category"):
            meetings = meetings.for_category(value["category"])
        return meetings

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        site = Site.find_for_request(request) if request is not None else None
        context["meetings"] = list(self.get_meetings(value, site)[: value.get("count") or 5])
        context["meeting_index"] = self.get_meeting_index(value, site)
        return context

    def get_meeting_index(self, value: Any, site: Site | None) -> Any:
        """The list to link as "all meetings": only when the site has exactly one, and the block
        is not narrowed to an agreement, organisation or category the list would not show."""
        if any(value.get(name) for name in ("agreement", "organisation", "category")):
            return None
        indexes = civil_model("MeetingIndexPage").objects.live().public()
        if site is not None:
            indexes = in_active_locale(in_site(indexes, site, inclusive=True))
        found = list(indexes[:2])
        return found[0] if len(found) == 1 else None


class SignatoriesBlock(blocks.StructBlock):
    """The parties that signed an agreement, e.g. on a news page about the signing."""

    heading = _heading()
    agreement = _agreement()

    class Meta:
        icon = "doc-full"
        label = _("Signatories of an agreement")
        template = "wagtail_civil/blocks/signatories.html"

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("agreement")
        agreement = None
        if chosen is not None:
            agreement = (
                civil_model("AgreementPage").objects.live().public().filter(pk=chosen.pk).first()
            )
        context["agreement"] = agreement
        context["signatures"] = (
            list(agreement.signatures.select_related("organisation")) if agreement else []
        )
        return context


class OrganisationListBlock(blocks.StructBlock):
    """A list of published organisations, e.g. all study associations."""

    heading = _heading()
    category = _category()
    kind = blocks.ChoiceBlock(choices=ORGANISATION_KIND_CHOICES, required=False, label=_("Kind"))
    count = blocks.IntegerBlock(
        label=_("How many"),
        required=False,
        min_value=1,
        help_text=_("Leave blank to list them all."),
    )

    class Meta:
        icon = "group"
        label = _("List of organisations")
        template = "wagtail_civil/blocks/organisation_list.html"

    def get_organisations(self, value: Any) -> Any:
        organisations = civil_model("Organisation").objects.public().select_related("logo")
        if value.get("category"):
            organisations = organisations.in_category(value["category"])
        if value.get("kind"):
            organisations = organisations.filter(kind=value["kind"])
        return organisations

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        organisations = self.get_organisations(value)
        if value.get("count"):
            organisations = organisations[: value["count"]]
        request = (parent_context or {}).get("request")
        context["organisations"] = civil_model("Organisation").with_urls(organisations, request)
        return context


class LiaisonBlock(blocks.StructBlock):
    """A liaison's contact card (see ``Liaison``), e.g. beside news about the council.

    Shown only while the liaison is published: one unpublished later disappears from every page
    without anyone editing the pages.
    """

    heading = _heading()
    liaison = SnippetChooserBlock("wagtail_civil.Liaison", label=_("Liaison"))

    class Meta:
        icon = "user"
        label = _("Liaison")
        template = "wagtail_civil/blocks/liaison.html"

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("liaison")
        if chosen is not None and i18n_enabled():
            chosen = chosen.localized  # the translation in the page's language, when there is one
        context["liaison"] = (
            civil_model("Liaison").objects.public().filter(pk=chosen.pk).first()
            if chosen is not None
            else None
        )
        return context


# The app's feeds an editor may offer (those with a label, as registered when this is imported:
# the choices are part of the block's definition, and so of the migrations of pages using it).
FEED_CHOICES = [(feed.kind, feed.label) for feed in FEEDS.values() if feed.label is not None]


class SubscribeBlock(blocks.StructBlock):
    """A box that offers a calendar feed to subscribe to (webcal://, https:// to copy)."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=255, default=_("Subscribe to the calendar")
    )
    feed = blocks.ChoiceBlock(choices=FEED_CHOICES, default="all", label=_("Which meetings"))
    meeting_index = blocks.PageChooserBlock(
        page_type="wagtail_civil.MeetingIndexPage", required=False, label=_("Meeting list")
    )
    agreement = _agreement(required=False)
    organisation = SnippetChooserBlock(
        "wagtail_civil.Organisation", required=False, label=_("Organisation")
    )
    category = _category()

    class Meta:
        icon = "calendar-alt"
        label = _("Subscribe to a calendar")
        template = "wagtail_civil/blocks/subscribe.html"

    @staticmethod
    def _target_field(kind: str | None) -> str | None:
        """The chooser holding what the feed is of (``None`` for the site's feed)."""
        feed = FEEDS.get(kind or "")
        return feed.block_field if feed is not None else None

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        field = self._target_field(value.get("feed"))
        if field and not value.get(field):
            raise StructBlockValidationError(
                block_errors={field: ValidationError(_("Choose which one to subscribe to."))}
            )
        return value

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        kind = value.get("feed") or "all"
        field = self._target_field(kind)
        target = _live_or_none(value.get(field)) if field else None
        if field and target is not None and hasattr(target, "get_view_restrictions"):
            target = target if not target.get_view_restrictions().exists() else None
        context["feed_kind"] = kind
        context["feed_object"] = target
        path = None if (field and target is None) else feed_path(kind, target)
        request = (parent_context or {}).get("request")
        context["feed_url"] = path
        # {"https": ..., "webcal": ...} for the subscribe links; needs the request for the host.
        context["feed_links"] = feed_urls(request, path) if path and request else None
        return context


class CivilStreamBlock(blocks.StreamBlock):
    """Headings, paragraphs and the civil-society blocks, for any page's ``StreamField``."""

    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        label=_("Heading"),
        max_length=255,
        template="wagtail_civil/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        icon="pilcrow", label=_("Paragraph"), template="wagtail_civil/blocks/paragraph.html"
    )
    upcoming_meetings = UpcomingMeetingsBlock()
    signatories = SignatoriesBlock()
    organisation_list = OrganisationListBlock()
    subscribe = SubscribeBlock()
    liaison = LiaisonBlock()
