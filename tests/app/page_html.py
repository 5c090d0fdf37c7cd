"""Checks every public page must pass, and readers of its HTML, for the page tests.

Wording is never asserted (it is translated later); structure, links, ``<time datetime>`` values
and the app's own data are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.utils import translation

from wagtail_civil.choices import EVENT_STATUS_CHOICES


def parse(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode("utf-8"), "html.parser")


def assert_well_formed_page(soup: BeautifulSoup) -> None:
    """One h1, the site's language, no heading level skipped, unique ids, every control labelled."""
    assert soup.html is not None and soup.html.get("lang") == "sv"
    assert len(soup.find_all("h1")) == 1, [h.get_text() for h in soup.find_all("h1")]
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], ids
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        control_id = control.get("id")
        assert control_id and soup.find("label", attrs={"for": control_id}), control
    for described in soup.find_all(attrs={"aria-describedby": True}):
        for target in described["aria-describedby"].split():
            assert soup.find(id=target), f"aria-describedby points at missing #{target}"
    for link in soup.find("main").find_all("a"):
        assert link.get_text(strip=True), f"a link without text: {link}"


def time_elements(soup: BeautifulSoup) -> dict[str, str]:
    """``datetime`` attribute -> visible text of every ``<time>`` in the main content."""
    return {t["datetime"]: t.get_text(" ", strip=True) for t in soup.main.find_all("time")}


def subscribe_boxes(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """``(webcal link, address to copy)`` of every subscribe box in the main content."""
    boxes = []
    for box in soup.main.find_all("section", class_="civil-subscribe"):
        webcal = box.find("a", href=lambda h: h and h.startswith("webcal://"))["href"]
        field = box.find("input")
        assert field.has_attr("readonly")
        assert box.find("label", attrs={"for": field["id"]})
        boxes.append((webcal, field["value"]))
    return boxes


def assert_feeds_answer(client, boxes, expected_title: str) -> None:
    assert boxes
    for webcal, copy in boxes:
        assert copy.startswith(("http://", "https://"))
        assert webcal.removeprefix("webcal://") == copy.split("://", 1)[1]
        feed = client.get(urlsplit(copy).path)
        assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
        assert expected_title.encode() in feed.content.replace(b"\r\n ", b"")


def status_word(value: str) -> str:
    with translation.override("sv"):
        return str(dict(EVENT_STATUS_CHOICES)[value])
