"""The ``civilsamhalle`` command: validate a data file, write an .ics feed from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

import civilsamhalle
from civilsamhalle.cli import environment_language, main

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
VALID = DATA / "uddevalla.json"
BROKEN = DATA / "several_errors.json"


def sample() -> dict:
    return json.loads(VALID.read_text(encoding="utf-8"))


def events(feed: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(feed).walk("VEVENT"))


# --- validate ------------------------------------------------------------------------------------


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def test_a_valid_file_is_summarised(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    data = sample()
    assert main(["validate", str(VALID)]) == 0
    counts = [counted(len(data[key]), key[:-1]) for key in ("organisations", "agreements")]
    counts.append(counted(len(data["meetings"]), "meeting"))
    assert capsys.readouterr().out == f"OK: {', '.join(counts)}\n"
    assert len(data["agreements"]) == 1  # so the singular is exercised too


def test_every_error_is_printed_with_its_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "organisations[1].organisation_number",
        "organisations[2].website",
        "agreements[0].commitments[0].minimum",
        "meetings[0].timezone",
        "meetings[1].end",
        "meetings[2].start",
        "meetings[2].registration.url",
    ]
    assert "meetings[1].end: the meeting must end after it starts" in lines
    assert "meetings[0].timezone: unknown time zone 'Europe/Ulricehamn'" in lines
    assert captured.err.strip() == f"{BROKEN}: 7 errors"


def test_one_error_is_counted_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample()
    data["organisations"][1]["website"] = "javascript:alert(1)"
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("organisations[1].website: ")
    assert captured.err.strip() == f"{path}: 1 error"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"name": "Uddevalla",\n "meetings": [}', "is not valid JSON"),
        (b"", "is not valid JSON"),
        ('{"name": "Luleå"}'.encode("latin-1"), "is not UTF-8 text"),
    ],
)
def test_an_unusable_file_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"civilsamhalle: {path} {expected}")
    assert "Traceback" not in captured.err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "saknas.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage: civilsamhalle" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANGUAGE": "nb_NO:sv", "LANG": "en_GB.UTF-8"}, "nb_NO"),
        ({"LC_ALL": "sv_SE.UTF-8@euro", "LANG": "en_GB.UTF-8"}, "sv_SE"),
        ({"LC_MESSAGES": "sv_FI.UTF-8"}, "sv_FI"),
        ({"LANG": "nb_NO.UTF-8"}, "nb_NO"),
        ({"LANG": "sv_SE@euro"}, "sv_SE"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": ".UTF-8"}, None),
        ({}, None),
    ],
)
def test_messages_follow_the_language_of_the_terminal(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str | None
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert environment_language() == expected


# --- ics -----------------------------------------------------------------------------------------


def test_ics_writes_every_meeting_to_a_file(tmp_path: Path) -> None:
    output = tmp_path / "feed.ics"
    status = main(
        ["ics", str(VALID), "-o", str(output), "--name", "ÖK Idé", "--uid-domain", "uddevalla.se"]
    )
    assert status == 0
    found = events(output.read_bytes())
    assert len(found) == len(sample()["meetings"])
    assert {str(e["SUMMARY"]) for e in found} >= {"Stordialog: välfärd och fritid"}
    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    names = {str(calendar.get("NAME", "")), str(calendar.get("X-WR-CALNAME", ""))}
    assert "ÖK Idé" in names
    assert all(str(e["UID"]).endswith("@uddevalla.se") for e in found)
    # Only the feed itself is left in the directory: no temporary file from the atomic write.
    assert [p.name for p in tmp_path.iterdir()] == ["feed.ics"]


def test_ics_for_one_agreement(tmp_path: Path) -> None:
    output = tmp_path / "ok-ide.ics"
    assert main(["ics", str(VALID), "-o", str(output), "--agreement", "ok-ide"]) == 0
    expected = [m["title"] for m in sample()["meetings"] if m.get("agreement_id") == "ok-ide"]
    assert 0 < len(expected) < len(sample()["meetings"])
    assert sorted(str(e["SUMMARY"]) for e in events(output.read_bytes())) == sorted(expected)


def test_ics_for_an_unknown_agreement_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "feed.ics"
    assert main(["ics", str(VALID), "-o", str(output), "--agreement", "ok-ide-2019"]) == 2
    err = capsys.readouterr().err
    assert "ok-ide-2019" in err and "ok-ide" in err.replace("ok-ide-2019", "")
    assert not output.exists()


def test_ics_into_a_missing_directory_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "saknas" / "feed.ics"
    assert main(["ics", str(VALID), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err == f"civilsamhalle: cannot write {output}: No such file or directory\n"


def test_a_feed_that_cannot_replace_its_path_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    occupied = tmp_path / "feed.ics"
    occupied.mkdir()  # a directory where the feed should go: the last step fails
    assert main(["ics", str(VALID), "-o", str(occupied)]) == 2
    assert capsys.readouterr().err.startswith(f"civilsamhalle: cannot write {occupied}: ")
    assert [p.name for p in tmp_path.iterdir()] == ["feed.ics"]


def test_the_feed_is_named_by_option_agreement_or_file_and_uids_default_to_localhost(
    tmp_path: Path,
) -> None:
    output = tmp_path / "feed.ics"

    def name_and_uids(*options: str) -> tuple[str, set[str]]:
        assert main(["ics", str(VALID), "-o", str(output), *options]) == 0
        calendar = icalendar.Calendar.from_ical(output.read_bytes())
        return str(calendar["NAME"]), {
            str(e["UID"]).split("@")[1] for e in events(output.read_bytes())
        }

    assert name_and_uids() == ("Uddevalla kommun – ÖK Idé", {"localhost"})
    assert name_and_uids("--agreement", "ok-ide")[0] == "ÖK Idé"
    assert name_and_uids("--agreement", "ok-ide", "--name", "Dialoger")[0] == "Dialoger"
    nameless = tmp_path / "nameless.json"
    nameless.write_text(json.dumps({**sample(), "name": ""}), encoding="utf-8")
    assert main(["ics", str(nameless), "-o", str(output)]) == 0
    assert str(icalendar.Calendar.from_ical(output.read_bytes())["NAME"]) == "civilsamhalle"


def test_ics_refuses_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "feed.ics"
    assert main(["ics", str(BROKEN), "-o", str(output)]) == 1
    captured = capsys.readouterr()
    assert "meetings[1].end: the meeting must end after it starts" in captured.out
    assert captured.err == f"{BROKEN}: 7 errors\n"
    assert not output.exists()


def test_ics_to_standard_output_in_the_chosen_language(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["ics", str(VALID), "--language", "en"]) == 0
    english = capsysbinary.readouterr().out
    assert len(events(english)) == len(sample()["meetings"])
    assert main(["ics", str(VALID), "--language", "sv"]) == 0
    swedish = capsysbinary.readouterr().out
    # Same events, but the feed's fixed texts follow --language.
    assert [e["UID"] for e in events(english)] == [e["UID"] for e in events(swedish)]
    assert english != swedish


def test_ics_rejects_an_unknown_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ics", str(VALID), "--language", "de"])
    assert caught.value.code == 2


# --- the installed entry point -------------------------------------------------------------------


def run_module(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "civilsamhalle", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_python_dash_m_validates() -> None:
    result = run_module("validate", str(BROKEN))
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "meetings[1].end: the meeting must end after it starts" in out
    assert len(out.splitlines()) == 7
    assert b"Traceback" not in result.stderr


def test_python_dash_m_writes_a_feed_to_standard_output() -> None:
    result = run_module("ics", str(VALID), "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    assert len(events(result.stdout)) == len(sample()["meetings"])


# --- help ----------------------------------------------------------------------------------------

HELP = {
    (): [
        "usage: civilsamhalle [-h] [--version] COMMAND ...",
        "Check civilsamhalle data files and write calendar feeds from them.",
        "validate check a JSON data file and report every error with its place",
        "ics write the meetings of a JSON data file as an iCalendar feed",
        "schema print the JSON Schema of a data file",
    ],
    ("validate",): [
        "usage: civilsamhalle validate [-h] file",
        "Check a JSON data file and report every error with its place.",
        "file the JSON data file",
    ],
    ("ics",): [
        "Write the meetings of a JSON data file as an iCalendar (.ics) feed.",
        "file the JSON data file",
        "where to write the feed; '-' (the default) writes to standard output",
        "--name NAME the calendar's name as subscribers see it",
        "--language {sv,nb,en} language of the feed's fixed texts (default: sv)",
        "--uid-domain UID_DOMAIN domain that makes event UIDs globally unique, e.g. your "
        "municipality's; keep it unchanged once people subscribe",
        "--agreement ID only the meetings held under the agreement with this id",
    ],
    ("schema",): [
        "Print the JSON Schema (draft 2020-12) of a data file, with a description of every "
        "field; editors and validators that read JSON Schema can check a file with it.",
    ],
}


def help_text(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    """``--help`` of ``command`` with its line breaks and indents (argparse's layout, which
    changes between Python versions) made single spaces."""
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", list(HELP))
def test_the_help_says_what_each_command_and_option_does(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    text = f" {help_text(command, capsys)} "
    for sentence in HELP[command]:
        assert f" {sentence} " in text


def test_the_help_speaks_the_terminals_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "sv")
    text = help_text((), capsys)
    assert HELP[()][1] not in text and "JSON" in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"civilsamhalle {civilsamhalle.__version__}\n"


def test_a_feed_is_swedish_unless_told(tmp_path: Path) -> None:
    output = tmp_path / "moten.ics"
    assert main(["ics", str(VALID), "-o", str(output)]) == 0
    default = output.read_bytes()
    assert main(["ics", str(VALID), "-o", str(output), "--language", "sv"]) == 0
    assert default == output.read_bytes()


def test_one_of_each_is_counted_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    data = {
        "name": "Uddevalla",
        "organisations": [{"id": "abf", "name": "ABF"}],
        "agreements": [{"id": "ok-ide", "title": "ÖK Idé"}],
        "meetings": [sample()["meetings"][0]],
    }
    data["meetings"][0].pop("attendance", None)
    data["meetings"][0].pop("host_ids", None)
    data["meetings"][0]["agreement_id"] = "ok-ide"
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "OK: 1 organisation, 1 agreement, 1 meeting\n"


def test_counts_in_the_plural_and_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "sv")
    data = sample()
    data["agreements"].append({"id": "ok-ide-2", "title": "ÖK Idé 2"})
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "OK: 4 organisationer, 2 överenskommelser, 3 möten\n"
    monkeypatch.setenv("LANGUAGE", "en")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "OK: 4 organisations, 2 agreements, 3 meetings\n"


def test_an_agreement_asked_for_in_a_file_without_any(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    path = tmp_path / "empty.json"
    path.write_text('{"name": "Tom"}', encoding="utf-8")
    assert main(["ics", str(path), "--agreement", "ok-ide"]) == 2
    assert capsys.readouterr().err == (
        f"civilsamhalle: {path} has no agreement with the id 'ok-ide' (agreements: none)\n"
    )


def test_a_written_feed_is_readable_by_the_web_server(tmp_path: Path) -> None:
    output = tmp_path / "moten.ics"
    assert main(["ics", str(VALID), "-o", str(output)]) == 0
    assert output.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["moten.ics"]  # no temporary file left


def test_the_schema_is_printed_indented_and_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "')
    assert "\\u00" not in out and "ö" in out  # Swedish words as they are, not escaped


def test_a_feed_is_written_beside_its_path_then_moved_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a rename within one directory is atomic, so the temporary file is made there,
    hidden and named after the feed."""
    moves: list[tuple[Path, Path]] = []
    replace = os.replace

    def recording_replace(source: str, target: str) -> None:
        moves.append((Path(source), Path(target)))
        replace(source, target)

    monkeypatch.setattr(os, "replace", recording_replace)
    output = tmp_path / "moten.ics"
    assert main(["ics", str(VALID), "-o", str(output)]) == 0
    ((temporary, target),) = moves
    assert target == output and temporary.parent == tmp_path
    assert temporary.name.startswith(".moten.ics.")


def test_an_unknown_agreement_lists_those_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    data = sample()
    data["agreements"].append({"id": "ok-ide-2", "title": "ÖK Idé 2"})
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["ics", str(path), "--agreement", "ok"]) == 2
    assert capsys.readouterr().err.endswith("(agreements: ok-ide, ok-ide-2)\n")
