"""``manage.py import_organisations``: a register export becomes organisations, and again nothing.

Matched on the organisation number; bad rows are reported with their line and the rest imported;
a second import of the same file creates no revision. The big-file tests seed the first import
with ``bulk_create`` (a published organisation without a draft is what an import leaves), since
publishing 10,000 organisations one by one takes Wagtail minutes; the small files go the whole
way through ``save_revision().publish()`` twice.
"""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from tests.app.register_rows import swedish_number, write_register
from wagtail_civil.importing.register_file import import_register
from wagtail_civil.models import Organisation

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rbok_file_creates_and_reports_each_bad_row_by_line() -> None:
    out, err = run(str(DATA / "rbok.csv"))
    assert "CSV, utf-8-sig, delimiter ';'" in out
    assert "columns ignored: Medlemmar" in out
    assert "created          2" in out and "rejected         6" in out
    assert err.splitlines() == [
        f"{DATA / 'rbok.csv'}: line 5: organisation number 802001-2343 is already on line 2; "
        "the first one is kept",
        f"{DATA / 'rbok.csv'}: line 6: '802001-2344' is not a valid Swedish organisation number "
        "(check digit)",
        f"{DATA / 'rbok.csv'}: line 7: no organisation number",
        f"{DATA / 'rbok.csv'}: line 8: no name, and no organisation with this number on the site "
        "to update",
        f"{DATA / 'rbok.csv'}: line 9: 'ett okänt år' is not a year or a date (founded)",
        f"{DATA / 'rbok.csv'}: line 10: only http and https links can be used: "
        "'javascript:alert(1)' is a 'javascript:' link",
    ]
    arjang = Organisation.objects.get(organisation_number="802001-2343")
    assert arjang.name == "Årjängs hembygdsförening"  # the first row, not the duplicate
    assert (arjang.live, arjang.has_unpublished_changes) == (True, False)
    assert (arjang.founded_year, arjang.municipality) == (1923, "Årjäng")
    assert arjang.website == "https://www.arjang-hembygd.example"
    assert arjang.description == "<p>Vårdar bygdens historia och kulturarv.</p>"
    assert arjang.slug == "årjängs-hembygdsförening" or arjang.slug.startswith("arjangs")
    assert arjang.revisions.count() == 1
    assert Organisation.objects.count() == 2


def test_second_import_changes_nothing_and_an_edit_is_found() -> None:
    run(str(DATA / "rbok.csv"))
    revisions = Revision.objects.count()
    out, _ = run(str(DATA / "rbok.csv"))
    assert "created          0" in out and "unchanged        2" in out
    assert Revision.objects.count() == revisions
    # An editor's draft is what the next import compares with (as import_dataset does).
    oxabeck = Organisation.objects.get(organisation_number="802004-5673")
    draft = oxabeck.get_latest_revision_as_object()
    draft.municipality = "Marks kommun"
    draft.save_revision()
    out, _ = run(str(DATA / "rbok.csv"), "-v", "2")
    assert "changed          1" in out
    assert "line 3: changed 802004-5673 PRO Öxabäck (municipality)" in out
    assert Organisation.objects.get(pk=oxabeck.pk).municipality == "Mark"


def test_a_row_without_name_updates_an_organisation_on_the_site(make_organisation: Any) -> None:
    make_organisation("Bollklubben", organisation_number="802007-8906")
    out, err = run(str(DATA / "rbok.csv"))
    assert "line 8" not in err
    assert "unchanged        1" in out


def test_empty_cells_never_erase(make_organisation: Any) -> None:
    org = make_organisation(
        "PRO Öxabäck", organisation_number="802004-5673", email="pro@oxabeck.example"
    )
    run(str(DATA / "rbok.csv"))
    org.refresh_from_db()
    assert org.email == "pro@oxabeck.example"  # the file's e-post cell is empty
    assert org.founded_year == 1968 and org.revisions.count() == 2


def test_dry_run_writes_nothing() -> None:
    out, _ = run(str(DATA / "rbok.csv"), "--dry-run")
    assert "Dry run, nothing written:" in out and "created          2" in out
    assert not Organisation.objects.exists() and not Revision.objects.exists()


def test_windows_1252_and_a_norwegian_number() -> None:
    out, err = run(str(DATA / "interbook_cp1252.csv"))
    assert "cp1252, delimiter ','" in out and not err
    baerum = Organisation.objects.get(organisation_number="994000012")
    assert (baerum.country, baerum.name, baerum.phone) == (
        "NO",
        "Bærum Øst idrettslag",
        "67 10 00 00",
    )


@pytest.mark.parametrize("name", ["enheter_page.json", "enheter_lastned.json"])
def test_enhetsregisteret(name: str) -> None:
    out, err = run(str(DATA / name))
    assert "created          3" in out and "skipped          1" in out
    assert "is not a valid Norwegian organisation number" in err
    stiftelse = Organisation.objects.get(organisation_number="994000039")
    assert (stiftelse.kind, stiftelse.municipality) == ("foundation", "Ås")
    # The kind is the register's only for a new organisation; an editor's choice stays.
    stiftelse.kind = "other"
    stiftelse.save_revision().publish()
    out, _ = run(str(DATA / name))
    assert "unchanged        3" in out
    assert Organisation.objects.get(pk=stiftelse.pk).kind == "other"


def test_missing_number_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "namn.csv"
    path.write_text("Föreningsnamn;Kommun\nÅrjängs hembygdsförening;Årjäng\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column for the organisation number"):
        run(str(path))
    assert not Organisation.objects.exists()


def test_missing_optional_columns_are_named_and_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "kort.csv"
    path.write_text(f"Org.nr,Namn\n{swedish_number(1)},Åsele IF\n", encoding="utf-8")
    out, _ = run(str(path))
    assert "no column for: description, founded, municipality, website, email, phone" in out
    assert Organisation.objects.get().name == "Åsele IF"


def seed(count: int) -> None:
    """What a first import of :func:`write_register`'s file leaves, without publishing each."""
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Förening nr {n} i Åsele",
                slug=f"forening-{n}",
                organisation_number=swedish_number(n),
                description=f"<p>Ändamål för förening {n}</p>",
                founded_year=1900 + n % 120,
                municipality="Åsele",
                live=True,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )


def test_ten_thousand_rows_a_second_time_change_nothing(
    tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    path = write_register(tmp_path / "stor.csv", 10_000)
    seed(10_000)
    revisions = Revision.objects.count()
    # One query finds each batch of 500; unchanged rows cost none (20 batches, plus savepoints).
    with django_assert_max_num_queries(25):
        result = import_register(path)
    assert (result.created, result.changed, result.unchanged) == (0, 0, 10_000)
    assert not result.rejected and Revision.objects.count() == revisions


def test_one_query_per_batch_of_unchanged_rows(tmp_path: Path) -> None:
    seed(2_000)
    counts = []
    for rows in (1_000, 2_000):
        path = write_register(tmp_path / f"r{rows}.csv", rows)
        with CaptureQueriesContext(connection) as queries:
            assert import_register(path, batch_size=100).unchanged == rows
        counts.append(len(queries))
    assert counts[1] - counts[0] == 10  # ten more batches of 100, one query each


def test_memory_of_a_whole_import_stays_flat(tmp_path: Path) -> None:
    """Batches of 500 are looked up, compared and let go; only the duplicate check grows."""
    seed(50_000)
    peaks = []
    for rows in (5_000, 50_000):
        path = write_register(tmp_path / f"r{rows}.csv", rows)
        tracemalloc.start()
        try:
            assert import_register(path).unchanged == rows
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] - peaks[0] < 45_000 * 160, peaks


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_in_a_log(tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.csv", 1_200)
    seed(1_200)
    terminal = Terminal()
    call_command("import_organisations", str(path), "--batch-size", "400", stdout=terminal)
    assert "\r[" in terminal.getvalue() and "] 100%  1200 rows" in terminal.getvalue()
    log, _ = run(str(path), "--batch-size", "400")
    assert "\r" not in log and "[" not in log
    assert "100% read, 1200 rows" in log.splitlines()
