"""The example site's production settings, as ``manage.py`` reads them from the environment.

``check --deploy`` has nothing to say with the variables docs/deployment.md sets, and the site
refuses to start without a SECRET_KEY, or with the demo's published one, saying what to do.
Each case is a fresh ``manage.py`` process: settings are read once per process. No database is
reached (``check`` does not connect), so this runs on SQLite machines too.
"""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest

from .servers import EXAMPLE_SITE, production_environment

DOCUMENTED = {  # docs/deployment.md, step 3
    "ALLOWED_HOSTS": "www.demokommun.se",
    "WAGTAILADMIN_BASE_URL": "https://www.demokommun.se",
    "WAGTAIL_CIVIL_UID_DOMAIN": "www.demokommun.se",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/civil_deploy",
    "REDIS_URL": "redis://127.0.0.1:6379/5",
    "CACHE_KEY_PREFIX": "demokommun",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "DEFAULT_FROM_EMAIL": "noreply@demokommun.se",
}


def _check(**variables: str) -> subprocess.CompletedProcess[str]:
    env = production_environment(**variables)
    return subprocess.run(
        [sys.executable, str(EXAMPLE_SITE / "manage.py"), "check", "--deploy"]
        + ["--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_nothing_with_the_documented_environment() -> None:
    done = _check(SECRET_KEY=secrets.token_urlsafe(50), **DOCUMENTED)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        ("demo-only-not-secret-change-me", "SECRET_KEY is the demo's key"),
    ],
)
def test_production_refuses_to_start_without_a_key_of_its_own(key: str | None, says: str) -> None:
    variables = dict(DOCUMENTED)
    if key is not None:
        variables["SECRET_KEY"] = key
    done = _check(**variables)
    assert done.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {says}" in done.stderr, done.stderr


def test_an_unset_allowed_hosts_is_named() -> None:
    variables = {k: v for k, v in DOCUMENTED.items() if k != "ALLOWED_HOSTS"}
    done = _check(SECRET_KEY=secrets.token_urlsafe(50), **variables)
    assert done.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS is not set" in done.stderr, done.stderr
