"""Swedish (Luhn) and Norwegian (mod-11) organisation numbers.

The check digits are computed here from the published rules, independently of the code under
test, so a mistake in one does not hide a mistake in the other.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civilsamhalle.identifiers import (
    OrganisationNumberError,
    luhn_ok,
    mod11_ok,
    validate_organisation_number,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def luhn_check_digit(payload: str) -> str:
    """Double every second digit from the right of the payload, sum the digits, round up to 10."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return str((10 - total % 10) % 10)


NORWEGIAN_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def mod11_check_digit(payload: str) -> int:
    """Brønnøysundregistrene's rule: 11 minus the weighted sum mod 11; 11 means 0, 10 is unused."""
    weighted = sum(int(d) * w for d, w in zip(payload, NORWEGIAN_WEIGHTS, strict=True))
    return (11 - weighted % 11) % 11


def with_one_digit_changed(number: str, position: int, offset: int) -> str:
    changed = str((int(number[position]) + offset) % 10)
    return number[:position] + changed + number[position + 1 :]


# --- Sweden --------------------------------------------------------------------------------------


def test_known_swedish_numbers() -> None:
    assert luhn_check_digit("212000159") == "5"  # Ulricehamns kommun, 212000-1595
    assert luhn_ok("2120001595")
    assert not luhn_ok("2120001596")


@given(payload=st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_nine_digits_and_their_luhn_digit_are_accepted(payload: str) -> None:
    number = payload + luhn_check_digit(payload)
    assert luhn_ok(number)
    assert validate_organisation_number(number, "SE") == f"{number[:6]}-{number[6:]}"


@given(
    payload=st.text(alphabet="0123456789", min_size=9, max_size=9),
    position=st.integers(min_value=0, max_value=9),
    offset=st.integers(min_value=1, max_value=9),
)
def test_changing_any_single_digit_is_rejected(payload: str, position: int, offset: int) -> None:
    number = with_one_digit_changed(payload + luhn_check_digit(payload), position, offset)
    assert not luhn_ok(number)
    with pytest.raises(OrganisationNumberError, match="check digit"):
        validate_organisation_number(number, "SE")


@pytest.mark.parametrize(
    "written",
    ["2120001595", "212000-1595", "212000 1595", " 212000-1595 ", "212000\u00a01595"],
)
def test_swedish_numbers_are_normalised(written: str) -> None:
    assert validate_organisation_number(written, "SE") == "212000-1595"


def test_sweden_is_the_country_unless_another_is_named() -> None:
    assert validate_organisation_number("2120001595") == "212000-1595"
    with pytest.raises(OrganisationNumberError) as error:
        validate_organisation_number("920697143")
    assert error.value.code == "organisation_number_length_se"


@pytest.mark.parametrize("written", ["162120001595", "16212000-1595", "16 212000-1595"])
def test_the_twelve_digit_form_with_prefix_16_is_accepted(written: str) -> None:
    assert validate_organisation_number(written, "SE") == "212000-1595"


@pytest.mark.parametrize("written", ["172120001595", "21200015950", "212000159"])
def test_swedish_numbers_of_the_wrong_length_are_rejected(written: str) -> None:
    with pytest.raises(OrganisationNumberError, match="ten digits"):
        validate_organisation_number(written, "SE")


@pytest.mark.parametrize("written", ["212000-159S", "212000/1595", "٢١٢٠٠٠١٥٩٥"])
def test_only_digits_spaces_and_a_hyphen(written: str) -> None:
    with pytest.raises(OrganisationNumberError, match="only digits"):
        validate_organisation_number(written, "SE")


# --- Norway --------------------------------------------------------------------------------------


def test_known_norwegian_number() -> None:
    assert mod11_check_digit("92069714") == 3  # Jessheimpuls AS, named in the Ullensaker seed
    assert mod11_ok("920697143")
    assert validate_organisation_number("920 697 143", "NO") == "920697143"


eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(payload=eight_digits.filter(lambda p: mod11_check_digit(p) != 10))
def test_eight_digits_and_their_mod11_digit_are_accepted(payload: str) -> None:
    number = payload + str(mod11_check_digit(payload))
    assert mod11_ok(number)
    assert validate_organisation_number(number, "no") == number


@given(
    payload=eight_digits.filter(lambda p: mod11_check_digit(p) != 10),
    position=st.integers(min_value=0, max_value=8),
    offset=st.integers(min_value=1, max_value=9),
)
def test_changing_any_single_norwegian_digit_is_rejected(
    payload: str, position: int, offset: int
) -> None:
    number = with_one_digit_changed(payload + str(mod11_check_digit(payload)), position, offset)
    assert not mod11_ok(number)


# Only one payload in eleven passes the filter; on a loaded CI machine Hypothesis's health check
# would call that too slow, which says nothing about the code under test.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow], deadline=None)
@given(payload=eight_digits.filter(lambda p: mod11_check_digit(p) == 10))
def test_a_remainder_of_ten_admits_no_number(payload: str) -> None:
    # The register never issues these: no ninth digit makes them valid.
    for last in "0123456789":
        assert not mod11_ok(payload + last)
        with pytest.raises(OrganisationNumberError):
            validate_organisation_number(payload + last, "NO")


def test_a_concrete_remainder_of_ten_payload() -> None:
    # 3·4 + 2·0 + … + 2·0 = 12 ≡ 1 (mod 11): the check digit would have to be 11 - 1 = 10.
    assert mod11_check_digit("40000000") == 10
    assert not any(mod11_ok("40000000" + d) for d in "0123456789")


@pytest.mark.parametrize("written", ["92069714", "9206971430", "2120001595"])
def test_norwegian_numbers_of_the_wrong_length_are_rejected(written: str) -> None:
    with pytest.raises(OrganisationNumberError, match="nine digits"):
        validate_organisation_number(written, "NO")


@pytest.mark.parametrize("digits", ["", "92069714", "9206971430", "0000000000"])
def test_mod11_ok_says_no_to_any_other_length(digits: str) -> None:
    # Called on its own, the public check must not pass what validation would stop first.
    assert not mod11_ok(digits)


def test_an_unknown_country_is_rejected() -> None:
    with pytest.raises(OrganisationNumberError, match="unknown country 'DK'") as error:
        validate_organisation_number("920697143", "dk")
    assert (error.value.code, error.value.params) == ("country_unknown", {"value": "DK"})
