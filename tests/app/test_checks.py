"""The app's system checks: what ``manage.py check`` tells an installer before residents notice.

A UID domain is published in every calendar feed and can never change afterwards, so the check
must speak up while it would come from a placeholder host, such as the ``http://example.com`` that
``wagtail start`` writes into ``WAGTAILADMIN_BASE_URL``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

from wagtail_civil import conf
from wagtail_civil.checks import check_settings

ROOT = Path(__file__).resolve().parents[2]


def _ids(**overrides: object) -> list[str]:
    with override_settings(**overrides):
        return [message.id for message in check_settings(None)]


PLACEHOLDERS = [
    "http://example.com",  # what `wagtail start` writes
    "https://example.org",
    "https://www.example.net/",
    "https://kommun.example.com",
    "http://localhost:8000",
    "http://127.0.0.1:8000",
    "http://10.0.0.5",
    "http://[::1]:8000",
    "http://testserver",
    "https://kommun.local",
    "https://kommun.test",
    "https://kommun.invalid",
    "https://kommun.example",
    "https://app.localhost",
    "https://EXAMPLE.COM.",
]


@pytest.mark.parametrize("base_url", PLACEHOLDERS)
def test_a_uid_domain_from_a_placeholder_host_is_warned_about(base_url: str) -> None:
    ids = _ids(WAGTAIL_CIVIL_UID_DOMAIN="", WAGTAILADMIN_BASE_URL=base_url)
    assert ids == ["wagtail_civil.W002"]
    with override_settings(WAGTAIL_CIVIL_UID_DOMAIN="", WAGTAILADMIN_BASE_URL=base_url):
        (warning,) = check_settings(None)
        assert warning.level == checks.WARNING
        assert f"@{conf.uid_domain()}" in warning.msg
        assert "WAGTAIL_CIVIL_UID_DOMAIN" in warning.msg


@pytest.mark.parametrize(
    "base_url",
    ["https://www.uddevalla.se", "https://kommune.no/", "https://example.com.kommun.se"],
)
def test_a_uid_domain_from_a_real_host_passes(base_url: str) -> None:
    assert _ids(WAGTAIL_CIVIL_UID_DOMAIN="", WAGTAILADMIN_BASE_URL=base_url) == []


def test_an_explicit_uid_domain_passes_whatever_the_admin_url() -> None:
    ids = _ids(
        WAGTAIL_CIVIL_UID_DOMAIN="www.uddevalla.se", WAGTAILADMIN_BASE_URL="http://example.com"
    )
    assert ids == []


def test_no_uid_domain_and_no_admin_url_is_warned_about() -> None:
    assert _ids(WAGTAIL_CIVIL_UID_DOMAIN="", WAGTAILADMIN_BASE_URL="") == ["wagtail_civil.W001"]


def test_an_unknown_app_time_zone_is_an_error_that_names_the_setting() -> None:
    with override_settings(WAGTAIL_CIVIL_TIME_ZONE="Europe/Stockholmm"):
        (error,) = [m for m in check_settings(None) if m.id == "wagtail_civil.E001"]
    assert error.level == checks.ERROR
    assert "WAGTAIL_CIVIL_TIME_ZONE 'Europe/Stockholmm'" in error.msg


def test_use_tz_false_is_an_error() -> None:
    assert "wagtail_civil.E002" in _ids(USE_TZ=False)


def test_django_itself_refuses_an_unknown_time_zone_before_any_check_runs(
    tmp_path: Path,
) -> None:
    """Why the docs no longer say that ``check`` reports a bad ``TIME_ZONE``."""
    (tmp_path / "bad_zone.py").write_text(
        "from tests.settings import *\nTIME_ZONE = 'Europe/Stockholmm'\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    env["DJANGO_SETTINGS_MODULE"] = "bad_zone"
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode != 0
    assert "Incorrect timezone setting: Europe/Stockholmm" in result.stderr
    assert "wagtail_civil.E001" not in result.stdout + result.stderr


def test_the_docs_list_exactly_the_checks_there_are() -> None:
    source = (ROOT / "wagtail_civil" / "checks.py").read_text()
    in_code = set(re.findall(r'id="(wagtail_civil\.[EW]\d{3})"', source))
    install = (ROOT / "docs" / "install.md").read_text()
    in_docs = set(re.findall(r"^\| `(wagtail_civil\.[EW]\d{3})` \|", install, re.MULTILINE))
    assert in_code and in_docs == in_code


def test_the_readme_does_not_promise_that_check_catches_a_bad_time_zone() -> None:
    readme = (ROOT / "README.md").read_text()
    claims = [line for line in readme.splitlines() if "manage.py check" in line]
    assert claims, "the README should say what `manage.py check` reports"
    for line in claims:
        assert "TIME_ZONE" not in line.replace("WAGTAIL_CIVIL_TIME_ZONE", "")
        assert "bad time zone" not in line
