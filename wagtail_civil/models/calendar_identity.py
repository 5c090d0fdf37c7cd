"""A meeting's identity in calendars: its UID survives every save, and SEQUENCE rises on publish.

What a calendar holds is the published state, the page's database row (drafts live in revisions),
so a publish compares the row before the save with the page being saved
(docs/architecture.md, "Why feeds look the way they do").
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import ValidationError

from civilsamhalle.calendar import next_sequence

__all__ = ["CalendarIdentityMixin"]


class CalendarIdentityMixin:
    """For a page with ``uid`` and ``sequence`` fields and a ``to_domain()``."""

    uid: uuid.UUID
    sequence: int

    def save(self, *args: Any, **kwargs: Any) -> Any:
        if self._state.adding:
            self.take_calendar_identity()
        if self.pk and self.live and kwargs.get("update_fields") is None:
            self.sequence = self.sequence_on_publish()
        return super().save(*args, **kwargs)

    def take_calendar_identity(self) -> None:
        """A new row's UID: its original's when it is a translation, else its own.

        A translation (the same ``translation_key`` in another locale) is the same meeting in
        another language, so a resident's calendar must see one event: it keeps the UID and starts
        at the original's SEQUENCE, then rises by its own publishes. A copy (which Wagtail gives a
        new translation key) or an alias in the same locale is another event and gets a new UID.
        """
        others = type(self).objects.exclude(pk=self.pk) if self.pk else type(self).objects.all()
        original = (
            others.filter(translation_key=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .order_by("pk")
            .values("uid", "sequence")
            .first()
        )
        if original is not None:
            self.uid = original["uid"]
            self.sequence = max(self.sequence, original["sequence"])
        elif others.filter(uid=self.uid).exists():
            # Reached by Wagtail's alias creation, which copies every field.
            self.uid = uuid.uuid4()

    def with_content_json(self, content: dict[str, Any]) -> Any:
        """A revision restores content, never the calendar identity kept on the live row."""
        obj = super().with_content_json(content)
        obj.uid = self.uid
        obj.sequence = self.sequence
        return obj

    def sequence_on_publish(self) -> int:
        """The SEQUENCE a full save of this live page (a publish) stores.

        A page never published has reached no calendar and keeps its number.
        """
        previous = type(self).objects.filter(pk=self.pk).first()
        if previous is None:
            return self.sequence
        if previous.last_published_at is None:
            return previous.sequence
        try:
            return next_sequence(previous.to_domain(), self.to_domain())
        except ValidationError:
            # A state the domain rejects (data older than a rule) cannot be compared: one
            # needless refresh in a calendar is better than a stale event.
            return previous.sequence + 1
