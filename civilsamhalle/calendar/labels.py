"""Every human word a calendar feed writes, so that a feed can speak the municipality's language.

A subscriber reads these words in their own calendar program, far from the web site, so they are
plain values the caller can override one by one (a municipality that says "Inställd" rather than
"Inställt") and translations come from the core's own gettext catalogue (:mod:`civilsamhalle.i18n`).
The English defaults are the catalogue's message ids: translating a label is looking its default up.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..i18n import translation
from ..model import MeetingKind

__all__ = ["FeedLabels"]


@dataclass(frozen=True)
class FeedLabels:
    """The words of a feed. ``hybrid_location`` is a template with a ``{venue}`` placeholder;
    ``date_time_format`` is a :meth:`~datetime.datetime.strftime` pattern for deadlines, and
    ``date_format`` one for a deadline given as a day (at local midnight)."""

    cancelled: str = "Cancelled"
    postponed: str = "Postponed"
    online: str = "Online"
    hybrid_location: str = "{venue} and online"
    join_online: str = "Join online"
    more_information: str = "More information"
    theme: str = "Theme"
    programme: str = "Programme"
    speakers: str = "Speakers"
    hosts: str = "Hosts"
    agreement: str = "Agreement"
    register: str = "Register"
    register_by: str = "Register by"
    contact: str = "Contact"
    outcome: str = "Outcome"
    date_time_format: str = "%Y-%m-%d %H:%M"
    date_format: str = "%Y-%m-%d"
    dialogue: str = "Dialogue meeting"
    open_meeting: str = "Open meeting"
    hearing: str = "Hearing"
    workshop: str = "Workshop"
    council_meeting: str = "Council meeting"
    signing: str = "Signing"

    @classmethod
    def for_language(cls, language: str) -> FeedLabels:
        """The labels in ``language`` (``sv``, ``nb``, ``en``, or a regional form like ``sv-SE``);
        English for a language without a catalogue."""
        catalogue = translation(language)
        return cls(**{f.name: catalogue.gettext(f.default) for f in fields(cls)})

    def kind(self, kind: MeetingKind) -> str:
        """The name of a kind of meeting, e.g. for CATEGORIES."""
        return str(getattr(self, kind.value))
