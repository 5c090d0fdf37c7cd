"""The core's own catalogue: which one a language code finds, and English when there is none."""

from __future__ import annotations

import pytest

from civilsamhalle.i18n import normalize_language, translation


@pytest.mark.parametrize(
    ("code", "normal"),
    [
        (None, "en"),
        ("", "en"),
        ("sv", "sv"),
        ("SV", "sv"),
        (" sv-se ", "sv_SE"),
        ("sv_SE", "sv_SE"),
        ("no", "nb"),
        ("nn-NO", "nb_NO"),
        ("NB", "nb"),
        ("de-AT", "de_AT"),
    ],
)
def test_normalize_language(code: str | None, normal: str) -> None:
    assert normalize_language(code) == normal


@pytest.mark.parametrize(
    ("code", "cancelled"),
    [
        ("sv-SE", "Inställt"),
        ("NO", "Avlyst"),
        ("nn", "Avlyst"),
        ("de", "Cancelled"),
        (None, "Cancelled"),
    ],
)
def test_translation_finds_the_general_catalogue(code: str | None, cancelled: str) -> None:
    assert translation(code).gettext("Cancelled") == cancelled
