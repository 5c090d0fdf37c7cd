"""Two sites on 127.0.0.1, one following the other (issue 11 part 4), as two deployments are:
separate processes, separate databases, the production settings, real sockets.

Site B is the example site under gunicorn with a database of its own; it follows site A by its
API address, runs ``manage.py fetch_followed_sites`` as cron would, and serves the regional
page and feed. Site A is the example site too, with the demo loaded (a draft and a
password-protected meeting among its meetings), serving the read API. B must show A's meetings
under A's UIDs, linking to A's pages, and nothing A keeps private.

It is marked slow (two migrations and the demo, minutes on two cores): CI runs it once, on
SQLite, with the packaging tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from icalendar import Calendar

from .servers import (
    EXAMPLE_SITE,
    Client,
    Server,
    _stop,
    _wait_until_healthy,
    free_port,
    production_environment,
    start_manage,
)

NEVER_PUBLIC = json.loads((EXAMPLE_SITE / "demo/data/never-public.json").read_text("utf-8"))
HIDDEN_TITLES = [m["title"] for m in NEVER_PUBLIC["meetings"]]

pytestmark = pytest.mark.slow

SETUP_B = """
from wagtail.models import Site
from wagtail_civil.models import FollowedSite, RegionalCalendarPage
root = Site.objects.get(is_default_site=True).root_page
page = RegionalCalendarPage(title="Regional kalender", slug="regional", live=False)
root.add_child(instance=page)
page.save_revision().publish()
FollowedSite.objects.create(name="Kommun A", api_url={api!r}, uid_domain={domain!r})
print(page.pk)
"""


@dataclass
class SiteA:
    api_url: str
    uid_domain: str
    html_prefix: str
    uids: set[str]  # every UID A's own feed serves


def _manage(env: Mapping[str, str], *args: str) -> str:
    process = start_manage(env, *args)
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, f"manage.py {' '.join(args)}:\n{output}"
    return output


def _environment(tmp_path: Path, name: str, **more: str) -> dict[str, str]:
    return production_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / name}.sqlite3",
        CONN_MAX_AGE="0",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / f"media-{name}"),
        **more,
    )


@contextmanager
def _gunicorn(env: Mapping[str, str], port: int, log: Path) -> Iterator[Server]:
    command = [
        "python", "-m", "gunicorn", "example_site.wsgi:application", "--chdir", str(EXAMPLE_SITE),
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60",
        "--access-logfile", "-", "--error-logfile", "-",
    ]  # fmt: skip
    import sys

    command[0] = sys.executable
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
        server = Server(port, process, log)
        try:
            import time

            _wait_until_healthy(server, time.monotonic() + 60)
            yield server
        finally:
            _stop(process)


@contextmanager
def _real_site_a(tmp_path: Path) -> Iterator[SiteA]:
    """The example site with the demo loaded, serving its API on 127.0.0.1 without TLS.

    Site B's database starts as a copy of A's just migrated: the same migrations would make the
    same file, and a second run of them costs twenty seconds of CI.
    """
    port = free_port()
    env = _environment(tmp_path, "a", WAGTAIL_CIVIL_UID_DOMAIN="a.example.org",
                       SECURE_SSL_REDIRECT="0")  # fmt: skip
    env.pop("SECURE_PROXY_SSL_HEADER")
    _manage(env, "migrate", "--noinput", "-v0")
    shutil.copyfile(tmp_path / "a.sqlite3", tmp_path / "b.sqlite3")
    _manage(env, "load_demo", "--host", f"127.0.0.1:{port}")
    with _gunicorn(env, port, tmp_path / "a.log") as server:
        feed = server.client().get("/calendar/all.ics", {"X-Forwarded-Proto": "http"})
        assert feed.status == 200, feed.status
        uids = {str(e["UID"]) for e in Calendar.from_ical(feed.body).walk("VEVENT")}
        yield SiteA(f"http://127.0.0.1:{port}/api/v2/", "a.example.org",
                    f"http://127.0.0.1:{port}/", uids)  # fmt: skip


def test_site_b_shows_site_as_meetings_with_as_uids_and_links(tmp_path: Path) -> None:
    with ExitStack() as stack:
        site_a = stack.enter_context(_real_site_a(tmp_path))
        env_b = _environment(tmp_path, "b", WAGTAIL_CIVIL_UID_DOMAIN="b.example.org")
        _manage(env_b, "migrate", "--noinput", "-v0", "--check")  # the copy of A's is migrated
        _manage(env_b, "collectstatic", "--noinput", "-v0")
        setup = SETUP_B.format(api=site_a.api_url, domain=site_a.uid_domain)
        page_id = int(_manage(env_b, "shell", "-c", setup).strip().splitlines()[-1])
        fetched = _manage(env_b, "fetch_followed_sites")
        assert "Kommun A meetings: changed" in fetched, fetched
        assert "Kommun A agreements: changed" in fetched, fetched
        server_b = stack.enter_context(_gunicorn(env_b, free_port(), tmp_path / "b.log"))
        client: Client = server_b.client()

        feed = client.get(f"/calendar/regional/{page_id}.ics")
        assert feed.status == 200, (feed.status, server_b.output())
        events = Calendar.from_ical(feed.body).walk("VEVENT")
        followed = [e for e in events if str(e.get("URL", "")).startswith(site_a.html_prefix)]
        assert followed, feed.text[:2000]
        # Each of A's meetings keeps A's UID: the very UIDs A's own feed serves.
        assert {str(e["UID"]) for e in followed} <= site_a.uids
        assert all(str(e["UID"]).endswith("@" + site_a.uid_domain) for e in followed)

        page = client.get("/regional/")
        assert page.status == 200, (page.status, server_b.output())
        links = set(re.findall(r'href="([^"]+)"', page.text))
        # The page lists what is ahead; the feed keeps the last weeks' meetings too.
        now = dt.datetime.now(dt.UTC)
        upcoming = {str(e["URL"]) for e in followed if e.decoded("DTEND") > now}
        assert upcoming and upcoming <= links
        assert "Kommun A" in page.text
        overview = client.get("/regional/agreements/")
        assert overview.status == 200 and site_a.html_prefix in overview.text
        for hidden in HIDDEN_TITLES:  # A's draft and password-protected meeting
            assert hidden not in page.text and hidden.encode() not in feed.body

        # A second run asks conditionally; an unchanged A answers 304 and B keeps its copy.
        again = _manage(env_b, "fetch_followed_sites")
        assert "Kommun A meetings: unchanged" in again, again
        assert client.get(f"/calendar/regional/{page_id}.ics").body == feed.body
