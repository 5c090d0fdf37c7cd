"""The API's ETag and Last-Modified: a follower polling it gets a 304 until something changes."""

from __future__ import annotations

import pytest

from tests.app.conftest import publish

pytestmark = pytest.mark.django_db

URLS = ["/api/v2/meetings/", "/api/v2/agreements/"]


@pytest.mark.parametrize("url", URLS)
def test_a_list_answers_if_none_match_with_304(client, dialogue, url) -> None:
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_detail_answers_with_304_and_so_does_a_filtered_list(client, dialogue) -> None:
    url = f"/api/v2/meetings/{dialogue['meeting'].pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    filtered = client.get("/api/v2/meetings/?status=scheduled")
    assert filtered["ETag"] != etag  # another URL, another answer
    assert (
        client.get(
            "/api/v2/meetings/?status=scheduled", HTTP_IF_NONE_MATCH=filtered["ETag"]
        ).status_code
        == 304
    )


def test_publishing_a_change_changes_the_etag(client, dialogue) -> None:
    url = "/api/v2/meetings/"
    etag = client.get(url)["ETag"]
    meeting = dialogue["meeting"]
    meeting.title = "Dialogmöte om lokaler och bidrag"
    publish(meeting)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["items"][0]["title"] == "Dialogmöte om lokaler och bidrag"
    assert changed["ETag"] != etag


def test_a_draft_leaves_the_etag_alone(client, dialogue) -> None:
    url = "/api/v2/meetings/"
    etag = client.get(url)["ETag"]
    meeting = dialogue["meeting"]
    meeting.title = "Utkast"
    meeting.save_revision()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_errors_carry_no_etag_and_never_304(client, dialogue) -> None:
    response = client.get("/api/v2/meetings/?status=nej", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert client.get("/api/v2/meetings/999999/", HTTP_IF_NONE_MATCH="*").status_code == 404
