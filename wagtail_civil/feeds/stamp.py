"""The feed change stamp: a token that moves whenever anything a feed can show is written.

Every write through Django's ORM to a page, to the app's models, to a site or a view
restriction (and every logged publish, move or delete, which catch what Wagtail writes with raw
updates) replaces the token, in the same transaction as the write. A feed's version key is made
from the token, so on every app server the next request after the commit builds anew, and no
request can pair new content with an old key. Writing a draft changes nothing a feed shows and
leaves the token alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache, lru_cache
from typing import Any, NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Locale, Page, PageLogEntry, PageViewRestriction, Site

from ..apps import civil_model

__all__ = ["Stamp", "bump", "connect", "current"]

# Page and snippet fields that only a draft, a lock or a comment writes.
_DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)
# Logged actions that cannot change what a resident sees.
_PRIVATE_ACTIONS = (
    "wagtail.edit",
    "wagtail.create",
    "wagtail.lock",
    "wagtail.unlock",
    "wagtail.workflow.",
    "wagtail.comments.",
    "wagtail.revert",
    "wagtail.reorder",
    "wagtail.view_restriction.",  # the restriction's own write moved the token already
)
_STAMP_PK = 1


class Stamp(NamedTuple):
    token: str
    changed_at: dt.datetime | None


def current(using: str = "default") -> Stamp:
    """The token and time of the latest change; ``("0", None)`` before any was recorded.

    One primary-key read in plain SQL, its key written into the statement: it is most of what
    a 304 costs, and compiling the ORM's query (or SQLite's rewriting of parameters) took
    longer than running it.
    """
    found = _fetch(connections[using], _select_sql(using))
    if found is None:
        return Stamp("0", None)
    return Stamp(found[0], _changed_at(found[1]))


def _fetch(connection: Any, sql: str) -> tuple[Any, ...] | None:
    """The row, read through Django's cursor when anything watches queries (``DEBUG``, a test
    counting them, an ``execute_wrapper``), else through the driver's own cursor: Django's
    wrapping of a cursor took a third of this query's time. Errors are Django's either way."""
    if connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql)
            return cursor.fetchone()
        finally:
            cursor.close()


@lru_cache(maxsize=1)  # the same value poll after poll, until the next change
def _changed_at(stored: Any) -> dt.datetime | None:
    if isinstance(stored, str):  # SQLite's text (_select_sql)
        stored = parse_datetime(stored)
    if stored is not None and stored.tzinfo is None:
        stored = stored.replace(tzinfo=_stored_zone())
    return stored


@cache
def _stored_zone() -> dt.tzinfo:
    """The zone a database without time zones stores date-times in (UTC with ``USE_TZ``)."""
    return dt.UTC if settings.USE_TZ else timezone.get_default_timezone()


@cache
def _select_sql(using: str) -> str:
    model = civil_model("FeedStamp")
    quote = connections[using].ops.quote_name
    token, changed_at, pk = (
        quote(model._meta.get_field(f).column) for f in ("token", "changed_at", "id")
    )
    if connections[using].vendor == "sqlite":
        # SQLite keeps text, which its driver would parse into a date-time on every poll: read
        # as text, it is parsed once per change (_changed_at).
        changed_at = f"CAST({changed_at} AS TEXT)"
    table = quote(model._meta.db_table)
    return f"SELECT {token}, {changed_at} FROM {table} WHERE {pk} = {int(_STAMP_PK)}"


def bump(using: str = "default") -> None:
    """A new token: the feeds built from here on are new (one UPDATE, no signal)."""
    model = civil_model("FeedStamp")
    values = {"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    if model.objects.using(using).filter(pk=_STAMP_PK).update(**values):
        return
    try:  # the first change ever (or after a test flushed the tables)
        with transaction.atomic(using=using):
            model.objects.using(using).create(pk=_STAMP_PK, **values)
    except IntegrityError:  # another process made the row meanwhile
        model.objects.using(using).filter(pk=_STAMP_PK).update(**values)


@cache
def _shapes_feeds(model: type[models.Model]) -> bool:
    """Whether a write to ``model`` can change a feed (historical models in migrations: no)."""
    if model._meta.apps is not apps or model is civil_model("FeedStamp"):
        return False
    if getattr(model, "shown_in_feeds", True) is False:  # e.g. a registration: never in a feed
        return False
    if issubclass(model, (Page, Site, PageViewRestriction, Locale)):
        return True
    return model._meta.app_label == "wagtail_civil"


def _saved(sender: Any, instance: Any, using: str, update_fields: Any = None, **kw: Any) -> None:
    if isinstance(instance, PageLogEntry):
        if not instance.action.startswith(_PRIVATE_ACTIONS):
            bump(using)
        return
    if not _shapes_feeds(sender):
        return
    if update_fields is not None and set(update_fields) <= _DRAFT_FIELDS:
        return
    bump(using)


def _deleted(sender: Any, instance: Any, using: str, **kwargs: Any) -> None:
    if _shapes_feeds(sender):
        bump(using)


def _m2m(sender: Any, instance: Any, action: str, using: str, **kwargs: Any) -> None:
    if action.startswith("post_") and _shapes_feeds(type(instance)):
        bump(using)


def connect() -> None:
    """Listen to every model's writes (``AppConfig.ready``); idempotent."""
    post_save.connect(_saved, dispatch_uid="wagtail_civil.feeds.stamp.saved")
    post_delete.connect(_deleted, dispatch_uid="wagtail_civil.feeds.stamp.deleted")
    m2m_changed.connect(_m2m, dispatch_uid="wagtail_civil.feeds.stamp.m2m")
