"""The demo's SQLite settings let the admin's concurrent requests through.

Seen on the demo: autosave and Publish arrived together; one publish answered 500 "database is
locked". Two transactions that both read and then write (as saving a revision does) deadlock in
SQLite's default mode, and SQLite fails one at once instead of waiting. The demo's settings begin
every transaction IMMEDIATE (the second waits for the first) and use WAL journaling.

Runs on the demo's own ``DATABASES`` options against a scratch database file, so it needs no
PostgreSQL and does not touch the test database.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.db.utils import ConnectionHandler

demo_settings = importlib.import_module("example_site.settings.base")


def _demo_connections(path: Path) -> ConnectionHandler:
    """Connections configured exactly as the demo's SQLite database (also in a run whose
    DATABASE_URL points the demo elsewhere), on a scratch file."""
    return ConnectionHandler({"default": dict(demo_settings.SQLITE_DATABASE, NAME=str(path))})


def _read_then_write(handler: ConnectionHandler, name: str, after_read: Any, wait: Any) -> None:
    """One admin request in short: read the row, let the other request run, then write."""
    connection = handler["default"]
    try:
        with transaction.atomic(using="default"), connection.cursor() as cursor:
            cursor.execute("SELECT value FROM counter")
            after_read.set()
            wait.wait(timeout=1)
            cursor.execute("UPDATE counter SET value = value + 1, last = %s", [name])
    finally:
        connection.close()


@pytest.fixture
def _scratch_database_allowed(django_db_blocker: Any) -> Any:
    """pytest-django guards every connection; this one is the test's own scratch file."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.usefixtures("_scratch_database_allowed")
def test_two_admin_requests_at_once_both_save(tmp_path, monkeypatch):
    handler = _demo_connections(tmp_path / "demo.sqlite3")
    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (value integer, last text)")
        cursor.execute("INSERT INTO counter VALUES (0, '')")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    setup.close()

    # transaction.atomic(using="default") looks the connection up in django.db.connections.
    monkeypatch.setattr(transaction, "connections", handler)
    first_read, second_read = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def run(name: str, after_read: Any, wait: Any, start: Any = None) -> None:
        if start is not None:
            start.wait(timeout=5)
        try:
            _read_then_write(handler, name, after_read, wait)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("autosave", first_read, second_read)),
        threading.Thread(target=run, args=("publish", second_read, threading.Event(), first_read)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    assert mode == "wal"  # residents' page views read while the admin writes
    check = handler["default"]
    with check.cursor() as cursor:
        assert cursor.execute("SELECT value FROM counter").fetchone()[0] == 2
    check.close()
