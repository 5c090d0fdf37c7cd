"""``make demo HOST=…``: the demo's Site, its printed admin address and its pages agree on HOST.

``make demo HOST=127.0.0.1:8124`` used to print ``http://127.0.0.1:8000/admin/`` and serve feeds
and links that said :8000 next to a subscribe box that said :8124.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from demo.loader import parse_host
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Site

from wagtail_civil.feed_urls import feed_path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1:8124"


def test_load_demo_points_the_site_at_host(demo, capsys):
    call_command("load_demo", "--host", HOST)
    site = Site.objects.get()
    assert (site.hostname, site.port, site.site_name) == ("127.0.0.1", 8124, "Demokommun")
    with pytest.raises(CommandError, match="--host"):
        call_command("load_demo", "--host", "127.0.0.1:port")


def test_the_demo_on_another_port_says_that_port_everywhere(demo):
    call_command("load_demo", "--host", HOST)
    client = Client(HTTP_HOST=HOST)
    home = client.get("/").content.decode()
    feed = client.get(feed_path("all")).content.decode().replace("\r\n ", "")
    addresses = re.findall(r"(?:https?|webcal)://(?:127\.0\.0\.1|localhost)[^\s\"'<>\\/]*", home)
    addresses += re.findall(r"(?:https?|webcal)://(?:127\.0\.0\.1|localhost)[^\s\"'<>\\/]*", feed)
    assert addresses, "the demo's home page and feed have absolute addresses"
    assert {a.split("://")[1] for a in addresses} == {HOST}
    header = re.search(r'class="civil-site-name"[^>]*>([^<]*)<', home).group(1)
    assert header == "Demokommun"


def test_demo_admin_prints_the_admin_on_host(demo, settings, capsys):
    settings.DEBUG = True
    call_command("demo_admin", "--host", HOST)
    assert f"http://{HOST}/admin/" in capsys.readouterr().out
    call_command("demo_admin", "--host", "[::1]:8000")
    assert "http://[::1]:8000/admin/" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("127.0.0.1:8124", ("127.0.0.1", 8124)),
        ("8124", ("127.0.0.1", 8124)),
        ("0.0.0.0:8000", ("127.0.0.1", 8000)),
        ("[::1]:8000", ("::1", 8000)),
        ("demo.example", ("demo.example", 80)),
    ],
)
def test_hosts_are_read_as_runserver_reads_them(given, expected):
    assert parse_host(given) == expected


def test_make_demo_passes_host_to_both_commands():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(
        ["make", "-n", "demo", f"HOST={HOST}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert f'load_demo --host "{HOST}"' in out
    assert f'demo_admin --host "{HOST}"' in out
    assert f"runserver {HOST}" in out
