"""The two demo meetings that must never reach a resident: a draft and a private meeting.

They are there for testers: a draft (never published) and a meeting behind a shared password must
not show on any public page, list, block or calendar feed. Their titles say what they are, so
seeing one anywhere public is an obvious bug.
"""

from __future__ import annotations

import datetime as dt

from civilsamhalle.model import MeetingKind

from .dates import TUESDAY, WEDNESDAY, at, month_after, nth_weekday
from .specs import Meeting, Publication

__all__ = ["PRIVATE_PASSWORD", "never_public"]

# The shared password of the password-protected meeting (printed by load_demo).
PRIVATE_PASSWORD = "arbetsgrupp"

# Where the draft would be held (invented, like the Luleå dialogues' venue).
_VENUE = {"venue_name": "Kulturens hus", "locality": "Luleå"}


def never_public(today: dt.date) -> list[Meeting]:
    """Two meetings a tester must never find on a public page or in a feed."""
    draft_day = nth_weekday(*month_after(today, 2), WEDNESDAY, 1)
    private_day = nth_weekday(*month_after(today), TUESDAY, 1)
    return [
        Meeting(
            key="demo/draft",
            meeting_list="lulea",
            slug="utkast-dialog-om-foreningsbidrag",
            title="Utkast: dialog om föreningsbidrag",
            start=at(draft_day, 18),
            end=at(draft_day, 20),
            agreement="lulea-overenskommelse",
            hosts=("roda-korset",),
            categories=("studieforbunden",),
            publication=Publication.DRAFT,
            **_VENUE,
        ),
        Meeting(
            key="demo/private",
            meeting_list="ulricehamn",
            slug="losenordsskyddat-arbetsgruppens-mote",
            title="Lösenordsskyddat: arbetsgruppen för civilsamhällesfrågor",
            kind=MeetingKind.COUNCIL_MEETING,
            theme="Kommunens interna arbetsgrupp",
            start=at(private_day, 9),
            end=at(private_day, 11),
            venue_name="Stadshuset",
            locality="Ulricehamn",
            hosts=("equmeniakyrkan-oasen",),
            categories=("trossamfunden",),
            publication=Publication.PRIVATE,
        ),
    ]
