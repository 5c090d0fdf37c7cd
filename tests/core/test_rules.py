"""The rules the command line and the admin share: each failure has a code, a field and a value."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from civilsamhalle import rules
from civilsamhalle.i18n import translation
from civilsamhalle.identifiers import OrganisationNumberError, validate_organisation_number
from civilsamhalle.rules import RuleError


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("javascript:alert(9)", "url_scheme", {"scheme": "javascript"}),
        ("mailto:info@example.org", "url_scheme", {"scheme": "mailto"}),
        ("ftp://example.org/", "url_scheme", {"scheme": "ftp"}),
        ("www.abf.se", "url_no_scheme", {}),
        ("localhost:8000/mote", "url_no_scheme", {}),
        ("https:///mote", "url_no_host", {"scheme": "https"}),
        ("https:example.org", "url_no_host", {"scheme": "https"}),
        ("https://example.org/mitt möte", "url_space", {}),
    ],
)
def test_a_bad_link_names_its_mistake_and_quotes_it(typed: str, code: str, params: dict) -> None:
    with pytest.raises(RuleError) as caught:
        rules.check_http_url(typed)
    assert caught.value.code == code
    assert caught.value.params == {"value": typed, **params}
    assert typed in str(caught.value)


@pytest.mark.parametrize("link", ["https://example.org", " HTTP://example.org/a?b=c ", "http://x"])
def test_web_links_pass_stripped(link: str) -> None:
    assert rules.check_http_url(link) == link.strip()


@pytest.mark.parametrize(
    ("mode", "status", "venue", "link", "codes"),
    [
        ("in_person", "scheduled", True, None, []),
        ("in_person", "scheduled", False, None, ["venue_missing"]),
        ("online", "scheduled", False, None, ["online_link_missing"]),
        ("online", "scheduled", False, "  ", ["online_link_missing"]),
        ("online", "scheduled", False, "https://m.example.org", []),
        ("hybrid", "scheduled", False, None, ["venue_missing", "online_link_missing"]),
        ("in_person", "moved_online", False, None, ["online_link_missing"]),
        ("in_person", "moved_online", False, "https://m.example.org", []),
        ("hybrid", "cancelled", False, None, []),
        ("online", "postponed", False, None, []),
    ],
)
def test_where_a_meeting_takes_place(mode, status, venue, link, codes) -> None:
    found = rules.meeting_place_problems(mode, status, has_venue=venue, online_url=link)
    assert [p.code for p in found] == codes
    fields = {"venue_missing": "venue", "online_link_missing": "online_url"}
    assert [p.field for p in found] == [fields[c] for c in codes]


@pytest.mark.parametrize(
    ("typed", "country", "code", "params"),
    [
        ("212000-159", "SE", "organisation_number_length_se", {"count": 9}),
        ("212000-1596", "SE", "organisation_number_check_digit_se", {}),
        ("92069714", "NO", "organisation_number_length_no", {"count": 8}),
        ("920697144", "NO", "organisation_number_check_digit_no", {}),
        ("21200O-1595", "SE", "organisation_number_characters", {}),
    ],
)
def test_organisation_number_errors_carry_code_and_typing(typed, country, code, params) -> None:
    with pytest.raises(OrganisationNumberError) as caught:
        validate_organisation_number(f" {typed} ", country)
    assert (caught.value.code, caught.value.field) == (code, "organisation_number")
    assert caught.value.params == {"value": typed, **params}


PLACEHOLDERS = string.Formatter()


def names(template: str) -> set[str]:
    return {name for _, name, _, _ in PLACEHOLDERS.parse(template) if name}


@pytest.mark.parametrize("language", ["sv", "nb"])
@pytest.mark.parametrize("code", sorted(rules.MESSAGES))
def test_every_rule_message_is_translated_with_its_placeholders(language: str, code: str) -> None:
    english = rules.MESSAGES[code]
    translated = translation(language).gettext(english)
    assert translated != english
    assert names(translated) == names(english)
    assert not re.search(r"[{}]", translated.format(**dict.fromkeys(names(english), "x")))


def test_one_digit_after_the_colon_is_a_port() -> None:
    with pytest.raises(RuleError) as caught:
        rules.check_http_url("localhost:8/mote")
    assert caught.value.code == "url_no_scheme"


NOON = dt.datetime(2026, 6, 2, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("start", "end", "fails"),
    [(NOON, NOON + dt.timedelta(hours=1), False), (NOON, NOON, True), (NOON, None, False)],
)
def test_a_meeting_ends_after_it_starts(start, end, fails) -> None:
    if not fails:
        rules.check_meeting_times(start, end)
        return
    with pytest.raises(RuleError) as caught:
        rules.check_meeting_times(start, end)
    assert (caught.value.code, caught.value.field) == ("meeting_end_before_start", "end")


@pytest.mark.parametrize(
    ("kind", "url", "deadline", "end", "problems"),
    [
        ("external", " ", None, None, [("registration_link_missing", "url")]),
        ("external", "https://x.example.org", NOON, NOON, []),
        (
            "none",
            None,
            NOON + dt.timedelta(seconds=1),
            NOON,
            [("registration_deadline_after_end", "deadline")],
        ),
        ("none", None, NOON, None, []),
        (
            "external",
            None,
            NOON,
            NOON - dt.timedelta(days=1),
            [
                ("registration_link_missing", "url"),
                ("registration_deadline_after_end", "deadline"),
            ],
        ),
    ],
)
def test_registration_has_its_link_and_closes_by_the_end(kind, url, deadline, end, problems):
    found = rules.check_registration(kind, url, deadline, end)
    assert [(p.code, p.field) for p in found] == problems


def test_an_agreement_may_start_and_end_on_one_day_but_not_end_before() -> None:
    day = dt.date(2026, 6, 2)
    rules.check_validity(day, day)
    rules.check_validity(day, None)
    with pytest.raises(RuleError) as caught:
        rules.check_validity(day, day - dt.timedelta(days=1))
    assert (caught.value.code, caught.value.field) == ("validity_order", "valid_until")
    assert caught.value.params == {"valid_from": "2026-06-02", "valid_until": "2026-06-01"}
    assert str(caught.value) == (
        "the agreement must end after it starts (2026-06-01 is before 2026-06-02)"
    )
