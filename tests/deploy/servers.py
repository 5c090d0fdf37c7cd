"""The example site under gunicorn, and a small HTTP client that talks to it as a proxy would.

What tests/deploy needs and Django's test client cannot give: separate processes with their own
memory, the production settings read from the environment, and requests over real sockets.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.http import QueryDict

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"
PRODUCTION = "example_site.settings.production"
HOST = "testserver"  # the test site's hostname (tests/app/conftest.py) and ALLOWED_HOSTS
START_TIMEOUT = 45.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_manage(env: Mapping[str, str], *args: str) -> subprocess.Popen[str]:
    """``manage.py <args>`` started with the given environment; :func:`finish` waits for it."""
    return subprocess.Popen(
        [sys.executable, str(EXAMPLE_SITE / "manage.py"), *args],
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> None:
    """Wait for a :func:`start_manage` command; its output is shown if it failed."""
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, f"{' '.join(map(str, process.args))}:\n{output}"


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Client:
    """Requests to one app server as the TLS-terminating proxy forwards them.

    The proxy says the request came over HTTPS (``X-Forwarded-Proto``, which the production
    settings trust), so the secure-only cookies of the admin are kept here and sent back.
    """

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: Mapping[str, str] = {}
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Language": "sv"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers)
        try:
            connection.request(method, path, body=body or None, headers=sent)
            answer = connection.getresponse()
            response = Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
            for header, value in answer.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        return response

    def get(self, path: str, headers: Mapping[str, str] = {}) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: QueryDict) -> Response:
        """A form post as a browser on the public HTTPS address sends it (Origin included)."""
        return self.request(
            "POST",
            path,
            data.urlencode().encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{path}",
            },
        )


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def client(self) -> Client:
        return Client(self.port)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _wait_until_healthy(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"gunicorn on {server.port} exited:\n{server.output()}")
        try:
            if server.client().get("/healthz/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn on {server.port} did not answer /healthz/:\n{server.output()}")


@contextmanager
def gunicorns(count: int, env: Mapping[str, str], logs: Path) -> Iterator[list[Server]]:
    """``count`` gunicorn processes serving the example site, each on a free port, all started
    before any is waited for (they boot in parallel); stopped when the block ends."""
    with ExitStack() as stack:
        servers = []
        for index in range(count):
            port = free_port()
            log = logs / f"gunicorn-{index + 1}.log"
            out = stack.enter_context(log.open("wb"))
            command = [
                sys.executable, "-m", "gunicorn", "example_site.wsgi:application",
                "--chdir", str(EXAMPLE_SITE), "--bind", f"127.0.0.1:{port}",
                "--workers", "1", "--timeout", "60", "--graceful-timeout", "2",
                "--access-logfile", "-", "--error-logfile", "-",
            ]  # fmt: skip
            process = subprocess.Popen(command, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
            stack.callback(_stop, process)
            servers.append(Server(port, process, log))
        deadline = time.monotonic() + START_TIMEOUT
        for server in servers:
            _wait_until_healthy(server, deadline)
        yield servers


def _stop(process: subprocess.Popen[bytes]) -> None:
    """gunicorn's quick shutdown (SIGINT): its graceful one (SIGTERM) took 17 s here."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# What example_site/settings/production.py reads: never taken from the caller's environment.
PRODUCTION_VARIABLES = re.compile(
    r"^(SECRET_KEY|ALLOWED_HOSTS|CSRF_TRUSTED_ORIGINS|WAGTAILADMIN_BASE_URL|WAGTAIL_CIVIL_\w+"
    r"|DATABASE_URL|CONN_MAX_AGE|REDIS_URL|CACHE_KEY_PREFIX|STATIC_ROOT|MEDIA_ROOT|SECURE_\w+"
    r"|EMAIL_\w+|DEFAULT_FROM_EMAIL|SERVER_EMAIL|DJANGO_\w+|PYTEST_\w+)$"
)


def production_environment(**variables: str) -> dict[str, str]:
    """This process's environment (PATH, the virtualenv) without anything the production settings
    read, the production settings chosen, and ``variables``."""
    env = {k: v for k, v in os.environ.items() if not PRODUCTION_VARIABLES.match(k)}
    env["DJANGO_SETTINGS_MODULE"] = PRODUCTION
    env.update(variables)
    return env
