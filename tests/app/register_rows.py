"""Valid organisation numbers and register CSV files of any length, for the import tests."""

from __future__ import annotations

from pathlib import Path

from civilsamhalle.identifiers import luhn_ok


def swedish_number(n: int) -> str:
    """The ``n``-th valid Swedish organisation number of a series (802…, associations)."""
    body = f"802{n:06d}"
    check = next(d for d in range(10) if luhn_ok(body + str(d)))
    return f"{body[:6]}-{body[6:]}{check}"


def write_register(path: Path, count: int, *, purpose: str = "", start: int = 0) -> Path:
    """A semicolon CSV of ``count`` associations as Rbok exports it (UTF-8 with BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("Organisationsnummer;Föreningsnamn;Ändamål;Bildad;Kommun\r\n")
        for n in range(start, start + count):
            text = purpose or f"Ändamål för förening {n}"
            out.write(
                f"{swedish_number(n)};Förening nr {n} i Åsele;{text};{1900 + n % 120};Åsele\r\n"
            )
    return path
