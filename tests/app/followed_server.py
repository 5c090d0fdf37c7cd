"""A tiny followed site for the federation tests: http.server in a thread on 127.0.0.1, serving
answers in the read API's shape (/work/API_CONTRACT.md, docs/federation.md) — or garbage, a
slow answer, an error — as a test sets them, and recording what each request sent."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 02 Dec 2026 10:00:00 GMT"


def meeting_item(
    pk: int, title: str, start: str, end: str, *, host: str, domain: str | None = None, **more: Any
) -> dict[str, Any]:
    """A meeting as the contract's list answer holds it, of the site at ``host``."""
    item = {
        "id": pk,
        "meta": {"type": "wagtail_civil.MeetingPage",
                 "detail_url": f"http://{host}/api/v2/meetings/{pk}/",
                 "html_url": f"http://{host}/moten/m{pk}/",
                 "first_published_at": "2026-11-01T09:00:00+01:00", "locale": "sv"},
        "title": title,
        "uid": f"{pk:08d}-1111-4222-8333-444455556666@{domain or host.split(':')[0]}",
        "sequence": 1,
        "status": "scheduled",
        "start": start,
        "end": end,
        "timezone": "Europe/Stockholm",
        "kind": "dialogue",
        "mode": "in_person",
        "venue": {"name": "Folkets hus", "street_address": "Storgatan 1", "postal_code": "449 80",
                  "locality": "Alafors", "latitude": None, "longitude": None},
        "online_url": "",
        "feed_url": f"http://{host}/calendar/meeting/{pk}.ics",
        "agreement": None,
        "council": None,
        "organisations": [{"id": 3, "name": "Ale PRO", "organisation_number": "802000-0001"}],
        "categories": ["Pensionärer"],
        "last_published_at": "2026-11-02T09:00:00+01:00",
    }  # fmt: skip
    item.update(more)
    return item


def agreement_item(pk: int, title: str, *, host: str) -> dict[str, Any]:
    return {
        "id": pk,
        "meta": {"html_url": f"http://{host}/ok-ide/", "locale": "sv"},
        "title": title,
        "status": "in_force",
        "period_start": "2025-01-01",
        "period_end": "2028-12-31",
        "signatures": [{"organisation": {"id": 3, "name": "Ale PRO", "organisation_number": "x"},
                        "signed_on": "2025-01-10"}],
        "commitments": [],
        "feed_url": f"http://{host}/calendar/agreements/{pk}.ics",
    }  # fmt: skip


def listing(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"meta": {"total_count": len(items)}, "items": items}


@dataclass
class Answer:
    """What an endpoint answers: JSON (paged by limit/offset, with validators), or raw bytes."""

    items: list[dict[str, Any]] | None = None
    raw: bytes | None = None
    status: int = 200
    delay: float = 0.0
    etag: str = ETAG
    max_limit: int = 1000  # a larger ?limit= is answered 400, as Wagtail's API answers it


@dataclass
class FollowedServer:
    host: str
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://{self.host}/api/v2/"


@contextmanager
def followed_server() -> Iterator[FollowedServer]:
    state = FollowedServer(host="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            state.requests.append((self.path, dict(self.headers.items())))
            name = parts.path.removeprefix("/api/v2/").strip("/")
            answer = state.answers.get(name)
            if answer is None:
                self._send(404, b"{}")
                return
            if answer.delay:
                time.sleep(answer.delay)
            if answer.raw is not None:
                self._send(answer.status, answer.raw)
                return
            if self.headers.get("If-None-Match") == answer.etag:
                self.send_response(304)
                self.send_header("ETag", answer.etag)
                self.end_headers()
                return
            query = parse_qs(parts.query)
            offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["20"])[0])
            if limit > answer.max_limit:
                self._send(400, b'{"message": "limit cannot be higher than 20"}')
                return
            items = answer.items or []
            body = {"meta": {"total_count": len(items)}, "items": items[offset : offset + limit]}
            self._send(answer.status, json.dumps(body).encode(), answer.etag)

        def _send(self, status: int, body: bytes, etag: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.host = f"127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
