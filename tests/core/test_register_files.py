"""Register exports read row by row: encodings, delimiters, Enhetsregisteret JSON, bad rows.

The files in ``tests/data/registers`` are shaped as the registers write them: an Rbok-style CSV
in UTF-8 with a byte order mark and semicolons, an Interbook-style CSV in Windows-1252 with
commas, and Brønnøysund's Enhetsregisteret as its open API answers (``_embedded.enheter``) and as
its bulk download gives it (a plain list).
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from civilsamhalle.errors import DataFileError
from civilsamhalle.identifiers import luhn_ok
from civilsamhalle.interchange.register_files import MissingColumn, RegisterFile, open_register
from civilsamhalle.interchange.register_rows import RegisterRow, Rejected, column_for

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"


def read(path: Path, **kwargs: object) -> tuple[dict[int, RegisterRow], dict[int, Rejected]]:
    return split(open_register(path, **kwargs))


def split(register: RegisterFile) -> tuple[dict[int, RegisterRow], dict[int, Rejected]]:
    rows = list(register.rows())
    good = {r.line: r for r in rows if isinstance(r, RegisterRow)}
    bad = {r.line: r for r in rows if isinstance(r, Rejected)}
    return good, bad


def test_rbok_csv_utf8_bom_semicolons_every_bad_row_by_line() -> None:
    register = open_register(DATA / "rbok.csv")
    assert (register.kind, register.encoding, register.delimiter) == ("csv", "utf-8-sig", ";")
    assert register.columns["organisation_number"] == "Organisationsnummer"
    assert register.columns["name"] == "Föreningsnamn"
    assert register.ignored == ["Medlemmar"]
    good, bad = read(DATA / "rbok.csv")
    assert sorted(good) == [2, 3, 8]  # line 8 has a number but no name: the site decides
    first = good[2]
    assert first.organisation_number == "802001-2343" and first.country == "SE"
    assert first.values == {
        "name": "Årjängs hembygdsförening",
        "description": "Vårdar bygdens historia och kulturarv.",
        "founded_year": 1923,
        "municipality": "Årjäng",
        "website": "https://www.arjang-hembygd.example",
        "email": "info@arjang-hembygd.example",
        "phone": "0573-123 45",
    }
    # A quoted cell over two lines: the row starts on line 3, the next on line 5.
    assert good[3].organisation_number == "802004-5673"
    assert good[3].values["description"] == "Pensionärer i Öxabäck; träffas\nvarje vecka."
    assert good[3].values["founded_year"] == 1968
    assert {line: r.code for line, r in bad.items()} == {
        5: "duplicate",
        6: "organisation_number_check_digit_se",
        7: "number_missing",
        9: "founded_invalid",
        10: "url_scheme",
    }
    assert (
        bad[5].message
        == "organisation number 802001-2343 is already on line 2; the first one is kept"
    )
    assert "check digit" in bad[6].message


def test_windows_1252_with_commas_and_a_norwegian_number() -> None:
    register = open_register(DATA / "interbook_cp1252.csv")
    assert (register.encoding, register.delimiter) == ("cp1252", ",")
    good, bad = read(DATA / "interbook_cp1252.csv")
    assert not bad
    assert good[2].values["name"] == "Årjängs hembygdsförening"
    assert good[2].values["email"] == "info@arjang.example"  # from "Kontakt"
    assert good[3].country == "NO" and good[3].values["name"] == "Bærum Øst idrettslag"
    assert good[3].values["phone"] == "67 10 00 00"
    assert "email" in register.missing and "phone" in register.missing


def test_missing_number_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utan.csv"
    path.write_text("Föreningsnamn;Kommun\nÅrjängs hembygdsförening;Årjäng\n", encoding="utf-8")
    with pytest.raises(MissingColumn) as caught:
        open_register(path)
    assert "Organisationsnummer" in str(caught.value)
    assert "Föreningsnamn, Kommun" in str(caught.value)


def test_missing_optional_columns_are_listed_and_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "kort.csv"
    path.write_text("Org.nr,Namn\n802001-2343,Årjängs hembygdsförening\n", encoding="utf-8")
    register = open_register(path)
    assert register.missing == [
        "description",
        "founded",
        "municipality",
        "website",
        "email",
        "phone",
    ]
    good, bad = read(path)
    assert list(good) == [2] and not bad


@pytest.mark.parametrize("name", ["enheter_page.json", "enheter_lastned.json"])
def test_enhetsregisteret_both_shapes(name: str) -> None:
    register = open_register(DATA / name)
    good, bad = split(register)
    assert register.kind == "enhetsregisteret"
    assert register.skipped == 1  # the limited company is not in the Frivillighetsregisteret
    numbers = {r.organisation_number: r for r in good.values()}
    assert sorted(numbers) == ["994000012", "994000020", "994000039"]
    baerum = numbers["994000012"]
    assert baerum.country == "NO"
    assert baerum.values == {
        "name": "BÆRUM ØST IDRETTSLAG",
        "description": "Fremme idrett og fysisk aktivitet for barn og unge på Østerås.",
        "founded_year": 2001,
        "municipality": "Bærum",
        "website": "https://www.baerum-ost.example",
        "kind": "association",
    }
    assert numbers["994000020"].values["municipality"] == "Nordre Follo"
    assert numbers["994000020"].values["description"] == "Korpsmusikk for barn og ungdom i Ski."
    assert numbers["994000039"].values["kind"] == "foundation"
    [rejected] = bad.values()
    assert rejected.code == "organisation_number_check_digit_no"
    # Each entity is placed by the line its object starts on.
    text = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert text[rejected.line - 1].strip() == "{"
    assert '"994000013"' in text[rejected.line]
    assert all(line >= 1 for line in good)


def test_all_entities_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "enheter.json.gz"
    path.write_bytes(gzip.compress((DATA / "enheter_lastned.json").read_bytes()))
    good, bad = read(path, voluntary_only=False)
    assert "971181125" in {r.organisation_number for r in good.values()}


def test_json_cut_short_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text((DATA / "enheter_lastned.json").read_text(encoding="utf-8")[:900])
    with pytest.raises(DataFileError):
        list(open_register(path).rows())


def test_json_not_an_entity(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([{"navn": "Uten nummer"}, 7]))
    rows = list(open_register(path).rows())
    assert [(r.line, r.code) for r in rows] == [(1, "record_invalid"), (1, "record_invalid")]


def test_empty_search_result(tmp_path: Path) -> None:
    path = tmp_path / "tom.json"
    path.write_text(json.dumps({"_links": {}, "page": {"totalElements": 0}}))
    assert read(path) == ({}, {})


@pytest.mark.parametrize(
    ("header", "field"),
    [("Organisationsnummer", "organisation_number"), ("ORG.NR", "organisation_number"),
     ("Föreningsnamn", "name"), ("föreningens namn", "name"), ("Ändamål", "description"),
     ("E-post", "email"), ("Hjemmeside", "website"), ("Medlemmar", None)],
)  # fmt: skip
def test_column_synonyms(header: str, field: str | None) -> None:
    assert column_for(header) == field


def _peak_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        rows = sum(1 for _ in open_register(path).rows())
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_with_ten_times_the_rows(tmp_path: Path) -> None:
    """50,000 rows of 300-character purposes (15 MB of text, far more as Python objects) take
    no more than 5,000 do, but for the numbers kept to catch duplicates (~140 bytes a row)."""
    purpose = "Föreningen verkar för gemenskap och friluftsliv i bygden. " * 5
    small = write_csv(tmp_path / "small.csv", 5_000, purpose)
    large = write_csv(tmp_path / "large.csv", 50_000, purpose)
    rows_small, peak_small = _peak_reading(small)
    rows_large, peak_large = _peak_reading(large)
    assert (rows_small, rows_large) == (5_000, 50_000)
    assert large.stat().st_size > 15_000_000
    assert peak_large - peak_small < 45_000 * 160, (peak_small, peak_large)
    assert peak_large < large.stat().st_size / 2  # the rows' text was never all held


def write_csv(path: Path, count: int, purpose: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Organisationsnummer;Föreningsnamn;Ändamål\n")
        for n in range(count):
            body = f"802{n:06d}"
            check = next(d for d in range(10) if luhn_ok(body + str(d)))
            out.write(f"{body}{check};Förening {n};{purpose}\n")
    return path


def test_a_runaway_cell_is_a_file_error_with_its_line(tmp_path: Path) -> None:
    """An unclosed quote swallows the rest of the file into one cell: Python's csv stops it."""
    path = tmp_path / "quote.csv"
    body = 'Orgnr;Namn\n802001-2343;Årjäng\n802004-5673;"PRO' + "x" * 200_000 + "\n"
    path.write_bytes(body.encode())
    rows = open_register(path).rows()
    assert isinstance(next(rows), RegisterRow)
    with pytest.raises(DataFileError, match="line 3"):
        next(rows)
