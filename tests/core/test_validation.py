"""The domain model turns each kind of mistake into one error that names the field it is about."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from civilsamhalle.errors import InvalidData, describe_error, fields_at, format_validation_error
from civilsamhalle.model import (
    Agreement,
    Commitment,
    Country,
    Meeting,
    Organisation,
    Registration,
    RegistrationKind,
    Speaker,
)

STOCKHOLM = dt.timezone(dt.timedelta(hours=2))


def meeting_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uid": "3f2c8a10-5d0e-4b7a-9e51-6a0d5c2f4b11",
        "title": "Dialog om sommarens utmaningar",
        "start": "2020-06-02T13:00:00+02:00",
        "end": "2020-06-02T15:00:00+02:00",
        "timezone": "Europe/Stockholm",
        "venue": {"name": "Stadshuset"},
    }
    data.update(changes)
    return data


def organisation_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "ulricehamns-kommun", "name": "Ulricehamns kommun"}
    data.update(changes)
    return data


def only_error(model: type[BaseModel], data: dict[str, Any]) -> str:
    """Validate ``data``, expect exactly one error, and return it as ``path: message``."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    lines = format_validation_error(caught.value)
    assert len(lines) == 1, lines
    return lines[0]


def test_the_valid_sample_is_accepted() -> None:
    # Every rejection below must be caused by the one change it makes.
    meeting = Meeting.model_validate(meeting_data())
    assert meeting.local_start == dt.datetime(2020, 6, 2, 13, tzinfo=STOCKHOLM)
    assert Organisation.model_validate(organisation_data()).name == "Ulricehamns kommun"


# --- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("end", ["2020-06-02T12:00:00+02:00", "2020-06-02T13:00:00+02:00"])
def test_a_meeting_must_end_after_it_starts(end: str) -> None:
    line = only_error(Meeting, meeting_data(end=end))
    assert line == "end: the meeting must end after it starts"


def test_end_is_compared_as_an_instant_not_as_wall_clock_time() -> None:
    # 14:00 in UTC is 16:00 in Stockholm: after a 13:00+02:00 start, though "14" < "15".
    meeting = Meeting.model_validate(meeting_data(end="2020-06-02T14:00:00+00:00"))
    assert meeting.local_end.hour == 16


@pytest.mark.parametrize("field", ["start", "end"])
def test_naive_datetimes_are_rejected(field: str) -> None:
    naive = {"start": "2020-06-02T13:00:00", "end": "2020-06-02T15:00:00"}[field]
    line = only_error(Meeting, meeting_data(**{field: naive}))
    assert line.startswith(f"{field}: ")
    assert "time zone" in line


def test_naive_python_datetimes_are_rejected_too() -> None:
    line = only_error(Meeting, meeting_data(start=dt.datetime(2020, 6, 2, 13)))
    assert line.startswith("start: ") and "time zone" in line


class _Floating(dt.tzinfo):
    """A time zone that knows no offset: the time is as ambiguous as a naive one."""

    def utcoffset(self, moment: dt.datetime | None) -> None:
        return None


def test_a_time_zone_without_an_offset_is_no_time_zone() -> None:
    start = dt.datetime(2020, 6, 2, 13, tzinfo=_Floating())
    line = only_error(Meeting, meeting_data(start=start))
    assert line == (
        "start: '2020-06-02T13:00:00' has no time zone: add its UTC offset, e.g. +01:00 "
        "(without it the time is ambiguous)"
    )


def test_a_deadline_after_the_end_is_reported_where_it_was_typed() -> None:
    deadline = "2020-06-02T16:00:00+02:00"
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(meeting_data(registration={"deadline": deadline}))
    assert caught.value.title == "Meeting"
    (error,) = caught.value.errors()
    assert error["type"] == "registration_deadline_after_end"
    assert error["loc"] == ("registration", "deadline")
    assert error["input"] == dt.datetime.fromisoformat(deadline)


def test_a_registration_deadline_must_carry_a_time_zone() -> None:
    data = meeting_data(registration={"kind": "none", "deadline": "2020-05-30T23:59:00"})
    assert only_error(Meeting, data).startswith("registration.deadline: ")


@pytest.mark.parametrize("zone", ["Europe/Lulea", "CET+1", "Europe/Stockholm ", ""])
def test_unknown_time_zones_are_rejected(zone: str) -> None:
    line = only_error(Meeting, meeting_data(timezone=zone))
    assert line.startswith("timezone: unknown time zone")


def test_a_norwegian_meeting_keeps_its_zone() -> None:
    meeting = Meeting.model_validate(
        meeting_data(
            timezone="Europe/Oslo", start="2022-01-20T18:00:00Z", end="2022-01-20T20:00:00Z"
        )
    )
    assert meeting.local_start.hour == 19


# --- organisation numbers ------------------------------------------------------------------------

ULRICEHAMNS_KOMMUN = "212000-1595"  # Luhn: 4+1+4+0+0+0+2+5+9 = 25, check digit 10 - 5 = 5
# From the Ullensaker seed: 3·9+2·2+7·0+6·6+5·9+4·7+3·1+2·4 = 151 ≡ 8 (mod 11), check 11 - 8 = 3
JESSHEIMPULS = "920697143"


def test_a_real_swedish_number_is_accepted_and_written_the_usual_way() -> None:
    organisation = Organisation.model_validate(organisation_data(organisation_number="2120001595"))
    assert organisation.organisation_number == ULRICEHAMNS_KOMMUN


def test_a_real_norwegian_number_is_accepted() -> None:
    organisation = Organisation.model_validate(
        organisation_data(country="NO", organisation_number="920 697 143")
    )
    assert organisation.country is Country.NORWAY
    assert organisation.organisation_number == JESSHEIMPULS


def _other_check_digits(number: str) -> list[str]:
    return [number[:-1] + d for d in "0123456789" if d != number[-1]]


@pytest.mark.parametrize("number", _other_check_digits(ULRICEHAMNS_KOMMUN))
def test_a_swedish_number_with_a_wrong_check_digit_is_rejected(number: str) -> None:
    line = only_error(Organisation, organisation_data(organisation_number=number))
    assert line.startswith("organisation_number: ")
    assert "Swedish" in line


@pytest.mark.parametrize("number", _other_check_digits(JESSHEIMPULS))
def test_a_norwegian_number_with_a_wrong_check_digit_is_rejected(number: str) -> None:
    line = only_error(Organisation, organisation_data(country="NO", organisation_number=number))
    assert line.startswith("organisation_number: ")
    assert "Norwegian" in line


def test_the_country_decides_which_rule_applies() -> None:
    # A valid Swedish number is not a Norwegian one, and the other way round.
    line = only_error(
        Organisation, organisation_data(country="NO", organisation_number="2120001595")
    )
    assert line.startswith("organisation_number: ") and "nine digits" in line
    line = only_error(Organisation, organisation_data(organisation_number=JESSHEIMPULS))
    assert line.startswith("organisation_number: ") and "ten digits" in line


def test_a_blank_organisation_number_means_none() -> None:
    organisation = Organisation.model_validate(organisation_data(organisation_number="  "))
    assert organisation.organisation_number is None


# --- addresses -----------------------------------------------------------------------------------

BAD_URLS = [
    "ftp://www.ulricehamn.se/",
    "javascript:alert(1)",
    "www.x.se",
    "https://",
    "http:///x",
    "https://example.org/\x00",
    "https://example.org/a b",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_only_http_and_https_websites(url: str) -> None:
    line = only_error(Organisation, organisation_data(website=url))
    assert line.startswith("website: ") and "http" in line


@pytest.mark.parametrize("url", BAD_URLS)
def test_only_http_and_https_meeting_links(url: str) -> None:
    assert only_error(Meeting, meeting_data(online_url=url)).startswith("online_url: ")
    assert only_error(Meeting, meeting_data(url=url)).startswith("url: ")


def test_a_link_with_a_space_is_rejected() -> None:
    line = only_error(Organisation, organisation_data(website="https://www.ulricehamn.se/a b"))
    assert line.startswith("website: ")


@pytest.mark.parametrize("url", ["https://www.ulricehamn.se/", "http://example.org/x?y=1"])
def test_http_and_https_links_are_accepted(url: str) -> None:
    assert Organisation.model_validate(organisation_data(website=url)).website == url


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (Organisation, organisation_data(), "name"),
        (Organisation, organisation_data(), "id"),
        (Meeting, meeting_data(), "title"),
        (Agreement, {"id": "ok-ide", "title": "ÖK Idé"}, "title"),
        (Commitment, {"description": "Två dialoger per år", "minimum": 2}, "description"),
    ],
)
def test_blank_names_are_rejected(
    model: type[BaseModel], data: dict[str, Any], field: str, blank: str
) -> None:
    assert only_error(model, {**data, field: blank}) == f"{field}: must not be empty"


def test_names_lose_surrounding_whitespace() -> None:
    speaker = Speaker.model_validate({"name": "  Wiktor Öberg "})
    assert speaker.name == "Wiktor Öberg"


# --- registration --------------------------------------------------------------------------------


def test_an_external_registration_needs_its_link() -> None:
    line = only_error(Meeting, meeting_data(registration={"kind": "external"}))
    assert line == "registration.url: an external registration needs the registration link"


def test_an_external_registration_with_a_link_is_accepted() -> None:
    registration = Registration(kind=RegistrationKind.EXTERNAL, url="https://example.org/anmalan")
    assert registration.url == "https://example.org/anmalan"
    assert Registration().url is None  # no registration needs no link


# --- other rules ---------------------------------------------------------------------------------


def test_a_misspelt_field_is_reported_not_ignored() -> None:
    data = meeting_data()
    data["titel"] = data.pop("title")
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(data)
    lines = format_validation_error(caught.value, model=Meeting)
    assert "titel: unknown field; did you mean 'title'?" in lines
    assert "title: required, but missing" in lines


def test_an_unknown_field_where_no_fields_are_known() -> None:
    error = {"type": "extra_forbidden", "loc": ("meetings", 0, "titel"), "msg": "Extra inputs"}
    assert describe_error(error) == "unknown field"
    assert describe_error(error, "sv") != "unknown field"
    assert fields_at(Meeting, ["nowhere", "title"]) == []
    assert "title" in fields_at(Meeting, [])
    assert fields_at(None, []) == fields_at(None, ["title"]) == []  # no model: nothing known


def test_invalid_data_says_every_mistake_on_a_line_of_its_own() -> None:
    error = InvalidData(["start: a", "end: b"])
    assert (str(error), error.errors) == ("start: a\nend: b", ("start: a", "end: b"))


def test_a_commitment_promises_at_least_one_meeting() -> None:
    line = only_error(Commitment, {"description": "Inga möten", "minimum": 0})
    assert line.startswith("minimum: ")


def test_an_agreement_cannot_end_before_it_starts() -> None:
    data = {"id": "ok", "title": "ÖK", "valid_from": "2024-01-01", "valid_until": "2023-12-31"}
    assert only_error(Agreement, data).startswith("valid_until: ")


def test_an_organisation_cannot_be_its_own_parent() -> None:
    data = organisation_data(parent_id="ulricehamns-kommun")
    assert only_error(Organisation, data).startswith("parent_id: ")


# --- frozen --------------------------------------------------------------------------------------


def test_domain_objects_are_frozen() -> None:
    meeting = Meeting.model_validate(meeting_data())
    with pytest.raises(ValidationError, match="frozen"):
        meeting.title = "Något annat"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        meeting.registration.url = "https://example.org"  # type: ignore[misc]
    assert meeting.title == "Dialog om sommarens utmaningar"
    # Collections are tuples, so they cannot be changed in place either.
    assert isinstance(Organisation.model_validate(organisation_data()).categories, tuple)


def test_equal_data_gives_equal_and_hashable_objects() -> None:
    # Frozen objects compare by value and can be set members and dict keys.
    a = Meeting.model_validate(meeting_data())
    b = Meeting.model_validate(meeting_data(uid=uuid.UUID("3f2c8a10-5d0e-4b7a-9e51-6a0d5c2f4b11")))
    assert a == b
    assert len({a, b}) == 1
