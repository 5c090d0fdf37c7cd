"""The parts of a data file that describe a site rather than the domain: categories and index pages.

A municipality moving to civilsamhalle from a spreadsheet or another site brings more than
organisations, agreements and meetings: the groups its register is sorted into, and the lists its
meetings are published on. These objects carry that, so one file can fill a new site
(``manage.py import_dataset``); ``validate`` and ``ics`` read them and need none of them.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .fieldtypes import NonEmptyStr

__all__ = ["Category", "IndexPage", "IndexPageKind"]


class IndexPageKind(StrEnum):
    MEETINGS = "meetings"
    ORGANISATIONS = "organisations"


class Category(BaseModel):
    """A group of organisations, e.g. the groups that hold seats on a council."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: NonEmptyStr = Field(description="Stable identifier, e.g. the slug of its feed address.")
    name: NonEmptyStr = Field(
        description="The name organisations' and meetings' `categories` use for it."
    )
    description: str = Field("", description="Who belongs to it; plain text.")


class IndexPage(BaseModel):
    """A page that lists meetings (its meetings name it in `page_id`) or the organisations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: NonEmptyStr = Field(description="Its slug: the last part of its web address.")
    kind: IndexPageKind = Field(
        IndexPageKind.MEETINGS, description="meetings: a meeting list; organisations: the register."
    )
    title: NonEmptyStr = Field(description="The page's title.")
    intro: str = Field("", description="Shown above the list; plain text.")
