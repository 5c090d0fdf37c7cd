"""The sites a regional calendar follows, and the last good copy of what each publishes.

Nothing fetched becomes a page of this site: a followed meeting stays a row here, shown with its
source's UID and a link to its source's page (docs/federation.md). The copy is replaced only by a
whole, valid answer (:mod:`wagtail_civil.federation.fetch`), so a source that is down or answers
garbage leaves the last good copy in place, and the page says how old it is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField

from civilsamhalle.federation import FollowedMeeting
from civilsamhalle.model import Meeting

__all__ = ["FollowedCopy", "FollowedItem", "FollowedSite"]


class FollowedSite(models.Model):
    """Another site running this package whose meetings and agreements the regional calendar
    shows, by the address of its read API (``https://kommun.example/api/v2/``)."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("Shown with each of its meetings, e.g. Ale kommun.")
    )
    api_url = models.URLField(
        _("API address"),
        max_length=500,
        unique=True,
        help_text=_("The address of the site's read API, e.g. https://www.ale.se/api/v2/"),
    )
    uid_domain = models.CharField(
        _("calendar UID domain"),
        max_length=255,
        blank=True,
        help_text=_(
            "The domain the site's calendar UIDs end in. Leave blank to use the API address's "
            "host. Meetings with UIDs of any other domain are refused."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Fetch and show this site's meetings.")
    )

    panels = [FieldPanel("name"), FieldPanel("api_url"), FieldPanel("uid_domain"),
              FieldPanel("active")]  # fmt: skip
    api_fields = [APIField("name"), APIField("api_url"), APIField("active")]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("followed site")
        verbose_name_plural = _("followed sites")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parts = urlsplit(self.api_url or "")
        if parts.query or parts.fragment:
            raise ValidationError({"api_url": _("Give the API's address without ? or # parts.")})

    @property
    def expected_uid_domain(self) -> str:
        """The domain this site's meeting UIDs must have."""
        return (self.uid_domain or urlsplit(self.api_url).hostname or "").strip().lower()

    def endpoint(self, name: str) -> str:
        """The address of one of the API's endpoints, e.g. ``meetings``."""
        return f"{self.api_url.rstrip('/')}/{name}/"


class FollowedCopy(models.Model):
    """What the last fetch of one of a site's endpoints brought: its validators for the next
    conditional request, when the copy was last good, and why the last attempt failed if it did.
    Written with ``update()``: a fetch that changes nothing must not move the feed stamp."""

    shown_in_feeds = False  # the fetch moves the stamp itself when the copy changed

    site = models.ForeignKey(FollowedSite, on_delete=models.CASCADE, related_name="copies")
    endpoint = models.CharField(max_length=32)  # "meetings" or "agreements"
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)  # the last good answer (or 304)
    attempted_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)  # empty after a good answer

    # What the regional page shows of a copy: whose it is and how old.
    api_fields = [APIField("site"), APIField("endpoint"), APIField("fetched_at")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "endpoint"], name="civil_followed_copy_unique")
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.endpoint}"


class FollowedItem(models.Model):
    """One meeting or agreement of a followed site, as last fetched."""

    shown_in_feeds = False  # see FollowedCopy

    site = models.ForeignKey(FollowedSite, on_delete=models.CASCADE, related_name="items")
    endpoint = models.CharField(max_length=32)
    uid = models.CharField(max_length=255)  # a meeting's source UID; an agreement's source id
    title = models.CharField(max_length=2000)
    html_url = models.URLField(max_length=2000)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(default=dict)

    # The source's own public data, as its API served it.
    api_fields = [
        APIField(name) for name in ("site", "endpoint", "uid", "title", "html_url", "start", "end")
    ]

    class Meta:
        ordering = ["start", "uid"]
        indexes = [models.Index(fields=["endpoint", "start"], name="civil_followed_item_start")]

    def __str__(self) -> str:
        return self.title

    def followed_meeting(self) -> FollowedMeeting:
        """The meeting as the core's calendar takes it (validated again: the copy is old)."""
        return FollowedMeeting(
            uid=self.uid,
            meeting=Meeting.model_validate(self.data["meeting"]),
            html_url=self.html_url,
            agreement_title=self.data.get("agreement_title", ""),
        )
