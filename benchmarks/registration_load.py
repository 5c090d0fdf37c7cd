"""300 residents register at once for a 100-seat meeting, over HTTP, against PostgreSQL.

The way a big open meeting's registration is used: the invitation goes out and many sign up in
the same minute. This makes a fresh PostgreSQL database, migrates the example site into it with
its production settings (benchmarks/registration_settings.py: production with the per-client
rate limit off, since every request here comes from 127.0.0.1), loads the demo, adds a published
meeting with built-in registration (100 seats, waitlist on) and serves it with gunicorn on
127.0.0.1. Then 300 clients each GET the meeting page (the ``csrftoken`` cookie and the form's
``csrfmiddlewaretoken``), wait until all have it, and POST the form at once. Counts come from the
database; ``errors`` are answers other than the 303 to the personal page. The last line is

    confirmed=C waitlisted=W errors=E rate=R/s

and must read ``confirmed=100 waitlisted=200 errors=0`` (exit status 1 otherwise). The database,
gunicorn and the temporary files are removed when it ends, also on failure or Ctrl-C.
Run with ``make bench``; benchmarks/README.md says more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "example_site"
sys.path.insert(0, str(ROOT))

from tests.deploy.servers import free_port, production_environment  # noqa: E402

HOST = "load.civilsamhalle.example"  # the site's host name: ALLOWED_HOSTS and the Host header
SETTINGS = "registration_settings"  # benchmarks/registration_settings.py
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
TIMEOUT = 180.0  # seconds a client waits for an answer; 300 posts take turns for the seats
_TOKEN = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


def main() -> int:
    args = _arguments()
    if args.make_meeting:  # run by the benchmark, inside the site's settings
        return _make_meeting(args.capacity)
    # SIGTERM (a CI timeout, kill) unwinds like Ctrl-C, so the database is dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="civil-load-")))
        database = f"civil_bench_registration_{os.getpid()}_{secrets.token_hex(3)}"
        _say(f"database {database} on {POSTGRES}")
        _sql(f'CREATE DATABASE "{database}"')
        stack.callback(_sql, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        env = _environment(database, work)
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "collectstatic", "--noinput", "-v0")
        maker = [sys.executable, __file__, "--make-meeting", "--capacity", str(args.capacity)]
        made = _run(env, maker)
        meeting = json.loads(made.strip().splitlines()[-1])
        _say(f"meeting {meeting['path']} with {args.capacity} seats, waitlist on")
        port = free_port()
        stack.enter_context(_gunicorn(env, port, args.workers, args.threads, work / "gunicorn.log"))
        answers, seconds = _register_all(port, meeting["path"], args.registrations)
        counts = _counts(database, meeting["id"])
    errors = sum(n for status, n in answers.items() if status != 303)
    if errors:
        _say("answers: " + ", ".join(f"{s}: {n}" for s, n in sorted(answers.items(), key=str)))
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    rate = args.registrations / seconds if seconds else 0.0
    print(f"confirmed={confirmed} waitlisted={waitlisted} errors={errors} rate={rate:.1f}/s")
    expected = (args.capacity, args.registrations - args.capacity, 0)
    return 0 if (confirmed, waitlisted, errors) == expected else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--make-meeting", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _say(line: str) -> None:
    print(f"==> {line}", flush=True)


# --- the database and the site ----------------------------------------------------------------


def _sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _counts(database: str, meeting_id: int) -> dict[str, int]:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/{database}") as connection:
        rows = connection.execute(
            "SELECT status, count(*) FROM wagtail_civil_registration "
            "WHERE meeting_id = %s GROUP BY status",
            [meeting_id],
        ).fetchall()
    return dict(rows)


def _environment(database: str, work: Path) -> dict[str, str]:
    """What a deployment sets (docs/deployment.md), the benchmark's settings chosen."""
    env = production_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"{POSTGRES}/{database}",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        WAGTAIL_CIVIL_UID_DOMAIN=HOST,
    )
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    paths = [str(ROOT / "benchmarks"), str(EXAMPLE_SITE), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    return env


def _run(env: Mapping[str, str], command: list[str]) -> str:
    started = time.monotonic()
    done = subprocess.run(command, env=dict(env), capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:])} failed:\n{done.stdout}\n{done.stderr}")
    _say(f"{' '.join(Path(c).name for c in command[1:3])}: {time.monotonic() - started:.1f} s")
    return done.stdout


def _manage(env: Mapping[str, str], *args: str) -> str:
    return _run(env, [sys.executable, str(EXAMPLE_SITE / "manage.py"), *args])


def _make_meeting(capacity: int) -> int:
    """Load the demo and add the benchmark's meeting (in the site's settings); print its id and
    path as JSON."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail_civil.models import MeetingIndexPage, MeetingPage

    call_command("load_demo", stdout=io.StringIO())
    index = MeetingIndexPage.objects.live().filter(slug="ulricehamn").first()
    index = index or MeetingIndexPage.objects.live().first()
    local = timezone.localtime() + dt.timedelta(days=30)
    start = local.replace(hour=18, minute=0, second=0, microsecond=0)
    meeting = MeetingPage(
        title=f"Stormöte med {capacity} platser (belastningsprov)",
        slug=f"belastningsprov-{secrets.token_hex(3)}",
        kind="open_meeting",
        start=start,
        end=start + dt.timedelta(hours=3),
        venue_name="Stadshuset",
        locality="Ulricehamn",
        registration_kind="built_in",
        registration_capacity=capacity,
        registration_waitlist=True,
        registration_deadline=start - dt.timedelta(days=1),
    )
    meeting.live = False
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    print(json.dumps({"id": meeting.pk, "path": urlsplit(meeting.get_url()).path}))
    return 0


class _gunicorn:
    """gunicorn serving the site on 127.0.0.1:``port``, stopped (SIGINT, then SIGKILL) on exit."""

    def __init__(self, env: Mapping[str, str], port: int, workers: int, threads: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.command = [
            sys.executable, "-m", "gunicorn", "example_site.wsgi:application",
            "--chdir", str(EXAMPLE_SITE), "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
            "--backlog", "2048", "--timeout", "120", "--graceful-timeout", "2",
            "--error-logfile", "-",
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _gunicorn:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                self.command, env=dict(self.env), stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                if _request(self.port, "GET", "/healthz/")[0] == 200:
                    _say(f"gunicorn on 127.0.0.1:{self.port}: {' '.join(self.command[8:14])}")
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz/:\n{self.log.read_text()[-3000:]}")

    def __exit__(self, *exc: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # the quick shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if exc[0] is not None:
            print(self.log.read_text(errors="replace")[-3000:], file=sys.stderr)


# --- the residents ----------------------------------------------------------------------------


def _request(
    port: int, method: str, path: str, body: bytes = b"", headers: Mapping[str, str] = {}
) -> tuple[int, dict[str, str], str]:
    """One request as the TLS-terminating proxy forwards it; (status, cookies set, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    sent = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Language": "sv", **headers}
    try:
        connection.request(method, path, body=body or None, headers=sent)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        cookies = {}
        for name, value in answer.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return answer.status, cookies, text
    finally:
        connection.close()


def _register_all(port: int, path: str, count: int) -> tuple[Counter[int | str], float]:
    """``count`` residents get the form, then all post it at once; their answers and the
    seconds from the first post to the last answer."""
    start = threading.Barrier(count + 1, timeout=TIMEOUT)
    answers: Counter[int | str] = Counter()
    lock = threading.Lock()

    def resident(number: int) -> None:
        form = None
        try:
            status, cookies, page = _request(port, "GET", path)
            token = _TOKEN.search(page)
            if status == 200 and token and "csrftoken" in cookies:
                form = (cookies["csrftoken"], token.group(1))
            else:
                answer: int | str = f"GET {status}" + ("" if token else ", no form")
        except OSError as exc:
            answer = f"GET {type(exc).__name__}"
        finally:
            start.wait()
        if form is not None:
            answer = _post(port, path, number, *form)
        with lock:
            answers[answer] += 1

    threads = [threading.Thread(target=resident, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    start.wait()
    _say(f"{count} residents have the form; posting at once")
    began = time.monotonic()
    for thread in threads:
        thread.join()
    return answers, time.monotonic() - began


def _post(port: int, path: str, number: int, cookie: str, token: str) -> int | str:
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": f"Invånare {number:03d} Åkesäter-Öhman",
            "email": f"invanare-{number:03d}@example.org",
            "organisation_name": "Bygdeföreningen i Åsunden" if number % 3 == 0 else "",
            "consent": "on",
            "website": "",  # the honeypot, left empty as people leave it
        }
    ).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Origin": f"https://{HOST}",
        "Referer": f"https://{HOST}{path}",
    }
    try:
        return _request(port, "POST", path, body, headers)[0]
    except OSError as exc:
        return f"POST {type(exc).__name__}"


if __name__ == "__main__":
    sys.exit(main())
