"""Two app servers, one PostgreSQL, one Redis: a change published through one is served by the
other at the very next request, also when both had the old feed cached.

The deployment docs/deployment.md describes, in small: two gunicorn processes with the example
site's production settings (from the environment, as a real deployment sets them) on the test
database and on Redis under a key prefix of their own. The editor publishes through server 1's
admin over HTTP, posting back every field the edit form rendered, as the browser does.
Runs in the PostgreSQL + Redis leg of .ci/run; skipped, saying why, without them.
"""

from __future__ import annotations

import os
import re
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.app import conftest as app_conftest
from tests.app.conftest import CivilSite, next_week_at
from tests.browser.conftest import _leave_the_database_as_migrated  # noqa: F401 (autouse)

from .servers import Client, Server, finish, gunicorns, production_environment, start_manage

civil_site = app_conftest.civil_site
make_organisation = app_conftest.make_organisation
make_meeting = app_conftest.make_meeting

pytestmark = [
    pytest.mark.postgres,
    # The servers read the test database over their own connections: the data must be committed.
    # Serialized rollback puts Wagtail's migrated rows back for the tests that come after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FEED = "/calendar/all.ics"
OLD_TITLE = "Samrådsmöte Alfa"
NEW_TITLE = "Samrådsmöte Beta"
EDITOR, PASSWORD = "redaktor", "two-servers-" + secrets.token_hex(8)


@pytest.fixture(scope="module", autouse=True)
def _needs_redis() -> None:
    if not os.environ.get("REDIS_URL"):
        reason = "needs Redis shared by both servers: run with REDIS_URL=redis://127.0.0.1:6379/0"
        print(f"\nSKIPPING {__name__}: {reason}")
        pytest.skip(reason)


def _database_url() -> str:
    """The test database pytest-django made, as a DATABASE_URL for the servers."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL, the database is {connection.vendor}")
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    env = production_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=_database_url(),
        CONN_MAX_AGE="0",
        REDIS_URL=os.environ["REDIS_URL"],
        CACHE_KEY_PREFIX=f"civil-two-servers-{uuid.uuid4().hex}",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        WAGTAIL_CIVIL_UID_DOMAIN="test.example.org",
    )
    # The admin's pages name hashed static files, and WhiteNoise reads the collected files (the
    # manifest too) when a server starts: collected first, as docs/deployment.md says.
    finish(start_manage(env, "collectstatic", "--noinput", "-v0"))
    with gunicorns(2, env, tmp_path) as started:
        yield started


@pytest.fixture
def meeting(
    civil_site: CivilSite,
    make_organisation: Callable[..., Any],
    make_meeting: Callable[..., Any],
) -> Any:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    # Hashed as the production settings hash (the test settings use a fast MD5 they don't know).
    hashed = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    get_user_model().objects.create_superuser(EDITOR, "redaktor@example.org", None)
    get_user_model().objects.filter(username=EDITOR).update(password=hashed)
    host = make_organisation("Frivilligcentralen")
    return make_meeting(OLD_TITLE, start=next_week_at(hour=18), hosts=[host])


def _feed(client: Client, **headers: str) -> tuple[str, str]:
    """The feed's text (lines unfolded) and its ETag, after checking it is a fresh 200."""
    response = client.get(FEED, headers)
    assert response.status == 200, (response.status, response.text[:500])
    return response.text.replace("\r\n ", ""), response.headers["etag"]


def _log_in(client: Client) -> None:
    login = client.get("/admin/login/")
    assert login.status == 200, login.status
    data = querydict_from_html(login.text, exclude_csrf=False)
    data.update({"username": EDITOR, "password": PASSWORD})
    answer = client.post("/admin/login/", data)
    assert answer.status == 302, (answer.status, answer.text[:2000])
    assert "sessionid" in client.cookies


def _publish_title(client: Client, page_id: int, title: str) -> None:
    """Open the page in the admin, change its title, press Publish: every other field goes back
    as the edit form rendered it (Wagtail's own reading of a form, as its tests use)."""
    edit = f"/admin/pages/{page_id}/edit/"
    form = client.get(edit)
    assert form.status == 200, form.status
    data = querydict_from_html(form.text, form_id="page-edit-form", exclude_csrf=False)
    assert "title" in data and "csrfmiddlewaretoken" in data
    data["title"] = title
    data["action-publish"] = "action-publish"
    answer = client.post(edit, data)
    errors = re.findall(r'class="[^"]*error-message[^"]*"[^>]*>(.*?)<', answer.text, re.S)
    assert answer.status == 302, (answer.status, errors or answer.text[:3000])


def test_a_change_published_on_one_server_is_in_the_others_next_feed(
    servers: list[Server], meeting: Any
) -> None:
    one, other = (server.client() for server in servers)
    before_one, etag_one = _feed(one)
    before_other, etag_other = _feed(other)
    _feed(one), _feed(other)  # asked again: whatever each caches, each now has cached
    assert f"SUMMARY:{OLD_TITLE}" in before_one and f"SUMMARY:{OLD_TITLE}" in before_other
    assert etag_one == etag_other, "the same feed must carry the same strong ETag on every server"

    _log_in(one)
    _publish_title(one, meeting.pk, NEW_TITLE)

    # The other server first, with the ETag it handed out: a 304 here would keep the old title
    # in every subscriber's calendar.
    after_other, new_etag_other = _feed(other, **{"If-None-Match": etag_other})
    assert f"SUMMARY:{NEW_TITLE}" in after_other
    assert OLD_TITLE not in after_other
    assert new_etag_other != etag_other
    after_one, new_etag_one = _feed(one)
    assert f"SUMMARY:{NEW_TITLE}" in after_one and OLD_TITLE not in after_one
    assert new_etag_one == new_etag_other
