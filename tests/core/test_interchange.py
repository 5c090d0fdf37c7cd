"""A Dataset survives JSON unchanged, and a broken file reports every mistake with its place."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from civilsamhalle.interchange import DataFileError, InvalidData, dump, dumps, jsonfile, load, loads
from civilsamhalle.interchange.consistency import dataset_problems
from civilsamhalle.model import (
    Agreement,
    AgreementStatus,
    Attendance,
    AttendanceMode,
    Commitment,
    Contact,
    Country,
    Dataset,
    EventStatus,
    Meeting,
    MeetingKind,
    Organisation,
    OrganisationKind,
    ProgrammeItem,
    Registration,
    RegistrationKind,
    Signature,
    Speaker,
    Venue,
)
from civilsamhalle.structure import Category, IndexPage

DATA = Path(__file__).parent / "data"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def rich_dataset() -> Dataset:
    """A dataset that sets every kind of field, nested objects and non-ASCII text included."""
    start = dt.datetime(2022, 3, 10, 18, 0, tzinfo=STOCKHOLM)
    return Dataset(
        name="Ulricehamns kommun",
        organisations=(
            Organisation(
                id="ulricehamns-kommun",
                name="Ulricehamns kommun",
                kind=OrganisationKind.OTHER,
                organisation_number="2120001595",
                website="https://www.ulricehamn.se/",
            ),
            Organisation(
                id="svenska-kyrkan",
                name="Svenska kyrkan i Ulricehamn",
                kind=OrganisationKind.FAITH_COMMUNITY,
                categories=("trossamfund",),
                areas_of_activity=("klädutlämning", "ensamhet"),
            ),
            Organisation(
                id="jessheimpuls",
                name="Jessheimpuls AS",
                country=Country.NORWAY,
                organisation_number="920697143",
                kind=OrganisationKind.IDEA_BASED_COMPANY,
            ),
        ),
        agreements=(
            Agreement(
                id="samverkan",
                title="Samverkan med civilsamhället",
                purpose="Gemensamma spelregler och synsätt",
                principles=("Dialog", "Långsiktighet"),
                status=AgreementStatus.IN_FORCE,
                valid_from=dt.date(2022, 1, 1),
                valid_until=dt.date(2025, 12, 31),
                signatures=(
                    Signature(
                        organisation_id="svenska-kyrkan",
                        organisation="Svenska kyrkan i Ulricehamn",
                        signatory="Gulli Håkansson",
                        date=dt.date(2022, 2, 1),
                    ),
                ),
                commitments=(
                    Commitment(
                        description="Fyra stormöten",
                        minimum=4,
                        meeting_kind=MeetingKind.OPEN_MEETING,
                    ),
                ),
                url="https://www.ulricehamn.se/samverkan",
            ),
        ),
        meetings=(
            Meeting(
                uid=uuid.UUID("7a0c2d4e-1111-4a2b-8c3d-000000000001"),
                title="Stormöte om samverkan",
                kind=MeetingKind.OPEN_MEETING,
                theme="Hur når vi varandra?",
                description="Rad ett\nRad två; med komma, och \\ bakstreck",
                start=start,
                end=start + dt.timedelta(hours=3),
                timezone="Europe/Stockholm",
                mode=AttendanceMode.HYBRID,
                venue=Venue(
                    name="Stadshuset", postal_code="523 86", locality="Ulricehamn", latitude=57.79
                ),
                online_url="https://example.org/mote",
                programme=(ProgrammeItem(title="Välkommen", start_time=dt.time(18, 0)),),
                speakers=(Speaker(name="Max Rademacher", title="enhetschef"),),
                host_ids=("ulricehamns-kommun",),
                hosts=("Ulricehamns kommun",),
                agreement_id="samverkan",
                agreement_title="Samverkan med civilsamhället",
                categories=("trossamfund",),
                registration=Registration(
                    kind=RegistrationKind.EXTERNAL,
                    url="https://example.org/anmalan",
                    deadline=start - dt.timedelta(days=7),
                ),
                contact=Contact(name="Lotsen", email="lots@example.org"),
                status=EventStatus.RESCHEDULED,
                sequence=2,
                url="https://www.ulricehamn.se/kalender/stormote",
                created=dt.datetime(2022, 1, 5, 9, 0, tzinfo=dt.UTC),
                last_modified=dt.datetime(2022, 2, 5, 9, 0, tzinfo=dt.UTC),
                attendance=Attendance(
                    organisation_ids=("svenska-kyrkan",),
                    organisations=56,
                    people=79,
                    municipal_staff=25,
                ),
                outcome="En struktur för samverkan",
                follow_up_uid=uuid.UUID("7a0c2d4e-1111-4a2b-8c3d-000000000001"),
                slug="stormote-om-samverkan",
                page_id="stormoten",
            ),
        ),
        pages=(IndexPage(id="stormoten", title="Stormöten", intro="Alla är välkomna."),),
        categories=(Category(id="trossamfund", name="Trossamfund", description="Församlingar"),),
    )


def test_round_trip_gives_an_equal_dataset() -> None:
    original = rich_dataset()
    text = dumps(original)
    assert loads(text) == original
    assert loads(text.encode()) == original
    # The sample sets every field of a meeting, so none of them escapes the round trip.
    meeting = original.meetings[0]
    assert set(Meeting.model_fields) - meeting.model_fields_set == set()


def test_round_trip_through_a_file_keeps_swedish_letters_readable(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    dump(rich_dataset(), path)
    assert load(path) == rich_dataset()
    text = path.read_text(encoding="utf-8")
    assert "Håkansson" in text and "\\u00e5" not in text


def test_times_are_written_with_their_utc_offset() -> None:
    written = json.loads(dumps(rich_dataset()))["meetings"][0]
    assert written["start"] == "2022-03-10T18:00:00+01:00"
    assert written["timezone"] == "Europe/Stockholm"
    assert written["uid"] == "7a0c2d4e-1111-4a2b-8c3d-000000000001"


def test_the_sample_files_load() -> None:
    dataset = load(DATA / "uddevalla.json")
    assert [a.id for a in dataset.agreements] == ["ok-ide"]
    assert dataset.organisations[3].parent_id == "svenska-kyrkan"
    assert loads(dumps(dataset)) == dataset


def test_the_example_in_the_module_docstring_is_valid() -> None:
    doc = jsonfile.__doc__ or ""
    example = re.search(r"code-block:: json\n\n(.*?)\n\n(?=\S)", doc, re.S)
    assert example is not None
    dataset = loads(example.group(1))
    assert dataset.meetings[0].agreement_id == dataset.agreements[0].id


def test_a_byte_order_mark_is_accepted() -> None:
    assert loads(b"\xef\xbb\xbf" + dumps(rich_dataset()).encode()) == rich_dataset()


# --- errors --------------------------------------------------------------------------------------


def test_every_field_error_is_reported_with_its_place() -> None:
    with pytest.raises(InvalidData) as caught:
        load(DATA / "several_errors.json")
    paths = [line.split(": ", 1)[0] for line in caught.value.errors]
    assert paths == [
        "organisations[1].organisation_number",
        "organisations[2].website",
        "agreements[0].commitments[0].minimum",
        "meetings[0].timezone",
        "meetings[1].end",
        "meetings[2].start",
        "meetings[2].registration.url",
    ]
    assert "meetings[1].end: the meeting must end after it starts" in caught.value.errors


def test_every_mistake_is_told_in_the_readers_language() -> None:
    """The rules checked by the model, those checked across fields and the whole-file checks
    all speak Swedish when asked to."""
    data = json.loads((DATA / "several_errors.json").read_text(encoding="utf-8"))
    data["meetings"][1]["mode"] = "online"  # a place problem, found after the field errors
    data["meetings"][0]["uid"] = data["meetings"][1]["uid"]  # a whole-file problem
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data), language="sv")
    errors = caught.value.errors
    assert "meetings[1].end: mötet måste sluta efter att det börjar" in errors
    assert (
        "meetings[1].online_url: ett digitalt eller hybridmöte behöver länken som deltagarna "
        "ansluter med (online_url)"
    ) in errors
    assert "meetings[1].uid: samma uid som meetings[0]" in errors


def test_a_wrong_top_level_shape_is_invalid_data_not_a_crash() -> None:
    with pytest.raises(InvalidData) as caught:
        loads("[]")
    assert caught.value.errors == ("(top level): Input should be an object",)


def test_not_json_is_a_file_error_with_line_and_column() -> None:
    with pytest.raises(DataFileError) as caught:
        loads('{\n  "name": "x",\n  "meetings": [,]\n}', source="data.json")
    assert str(caught.value) == "data.json is not valid JSON: expected value at line 3 column 16"
    with pytest.raises(DataFileError) as caught:
        loads("{", source="data.json", language="sv")
    assert str(caught.value).startswith("data.json är inte giltig JSON: ")


def test_not_utf8_is_a_file_error() -> None:
    with pytest.raises(DataFileError) as caught:
        loads('{"name": "Luleå"}'.encode("latin-1"))
    assert str(caught.value) == "<data> is not UTF-8 text (byte 14)"
    with pytest.raises(DataFileError) as caught:
        loads(b"\xff", source="data.json", language="sv")
    assert str(caught.value) == "data.json är inte UTF-8-text (byte 0)"


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "finns-inte.json"
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert str(caught.value) == f"cannot read {path}: No such file or directory"
    with pytest.raises(DataFileError) as caught:
        load(path, language="sv")
    assert str(caught.value) == f"kan inte läsa {path}: No such file or directory"


def test_a_read_error_without_a_reason_is_told_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path) -> bytes:
        raise OSError("the disk is gone")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(DataFileError) as caught:
        load(tmp_path / "data.json")
    assert str(caught.value) == f"cannot read {tmp_path / 'data.json'}: the disk is gone"


def test_dumps_indents_by_two_unless_told() -> None:
    dataset = Dataset(name="Luleå")
    assert dumps(dataset).startswith('{\n  "name": "Luleå",\n  "categories": []')
    assert dumps(dataset, indent=None).startswith('{"name":"Luleå","categories":[]')


def _with(**changes: object) -> str:
    data = json.loads((DATA / "uddevalla.json").read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data)


def test_two_meetings_with_one_uid_are_reported() -> None:
    data = json.loads(_with())
    data["meetings"][2]["uid"] = data["meetings"][0]["uid"]
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    assert caught.value.errors == ("meetings[2].uid: the same uid as meetings[0]",)


def test_duplicate_ids_are_reported() -> None:
    data = json.loads(_with())
    data["organisations"][1]["id"] = "frivilligcentrum"
    data["agreements"].append({"id": "ok-ide", "title": "En till"})
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    errors = caught.value.errors
    assert "organisations[1].id: the same id as organisations[0]" in errors
    assert "agreements[1].id: the same id as agreements[0]" in errors


def test_references_to_missing_objects_are_reported() -> None:
    data = json.loads(_with())
    data["meetings"][0]["agreement_id"] = "ok-ide-2019"
    data["meetings"][0]["attendance"]["organisation_ids"][1] = "abf"
    data["organisations"][3]["parent_id"] = "svenska-kyrkan-uddevalla"
    data["agreements"][0]["signatures"][2]["organisation_id"] = "bave"
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    assert sorted(line.split(": ", 1)[0] for line in caught.value.errors) == sorted(
        [
            "meetings[0].agreement_id",
            "meetings[0].attendance.organisation_ids[1]",
            "organisations[3].parent_id",
            "agreements[0].signatures[2].organisation_id",
        ]
    )
    assert "meetings[0].agreement_id: no agreement in the file has the id 'ok-ide-2019'" in (
        caught.value.errors
    )


def test_a_loop_of_parent_organisations_is_reported() -> None:
    data = json.loads(_with())
    data["organisations"][2]["parent_id"] = "bave-forsamling"  # Svenska kyrkan ↔ Bäve församling
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    assert caught.value.errors == (
        "organisations[2].parent_id: the parent organisations form a loop: "
        "svenska-kyrkan → bave-forsamling → svenska-kyrkan",
        "organisations[3].parent_id: the parent organisations form a loop: "
        "bave-forsamling → svenska-kyrkan → bave-forsamling",
    )


BROKEN_END = {"end": "2020-06-02T12:00:00+02:00"}  # before the start: the meeting fails


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"venue": None},
            [
                "meetings[1].venue: a meeting held in person or hybrid needs a venue; "
                "or set mode to 'online'"
            ],
        ),
        ({"mode": "online", "venue": None, "online_url": "https://m.example.org/a"}, []),
        (  # reported once, by the model: the place rules read a link that is no text as none
            {"mode": "online", "venue": None, "online_url": 5},
            ["meetings[1].online_url: Input should be a valid string"],
        ),
        ({"mode": "online", "venue": None, "status": "cancelled"}, []),
    ],
)
def test_a_meeting_that_fails_has_its_place_checked_too(changes: dict, expected: list) -> None:
    """A broken end hides the meeting from the model's place rules; the file is read for them."""
    fine = {
        "uid": "3f2c8a10-5d0e-4b7a-9e51-6a0d5c2f4b12",
        "title": "Dialog",
        "start": "2020-06-02T13:00:00+02:00",
        "end": "2020-06-02T15:00:00+02:00",
        "timezone": "Europe/Stockholm",
        "venue": {"name": "Stadshuset"},
    }
    meeting = {**fine, "uid": "3f2c8a10-5d0e-4b7a-9e51-6a0d5c2f4b11", **BROKEN_END, **changes}
    data = {"name": "x", "meetings": [fine, {k: v for k, v in meeting.items() if v is not None}]}
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    assert [e for e in caught.value.errors if not e.startswith("meetings[1].end:")] == expected


def test_whole_file_problems_in_swedish() -> None:
    data = json.loads(_with())
    data["organisations"][1]["id"] = data["organisations"][0]["id"]
    data["agreements"].append({**data["agreements"][0], "title": "En till"})
    data["organisations"][2]["parent_id"] = "bave-forsamling"
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data), language="sv")
    errors = caught.value.errors
    assert "organisations[1].id: samma id som organisations[0]" in errors
    assert "agreements[1].id: samma id som agreements[0]" in errors
    assert (
        "organisations[2].parent_id: de överordnade organisationerna bildar en slinga: "
        "svenska-kyrkan → bave-forsamling → svenska-kyrkan"
    ) in errors


def test_a_uid_that_is_no_string_is_a_field_error_not_a_crash() -> None:
    data = json.loads(_with())
    data["meetings"][0]["uid"] = 5
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    assert [e.split(": ", 1)[0] for e in caught.value.errors] == ["meetings[0].uid"]


def test_a_dataset_object_is_checked_as_its_json() -> None:
    dataset = rich_dataset()
    twice = dataset.model_copy(update={"meetings": dataset.meetings * 2})
    assert dataset_problems(dataset) == []
    assert dataset_problems(twice) == [
        f"meetings[{len(dataset.meetings)}].uid: the same uid as meetings[0]"
    ]


def test_an_object_without_an_id_hides_no_later_duplicate_or_loop() -> None:
    data = {
        "name": "x",
        "organisations": [
            {"name": "Utan id"},
            {"id": "a", "name": "A", "parent_id": "a"},  # its own parent: the model says so
            {"id": "b", "name": "B", "parent_id": "c"},
            {"id": "c", "name": "C", "parent_id": "b"},
            {"id": "b", "name": "B igen"},  # a second "b" does not replace the first's parent
        ],
    }
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data))
    errors = caught.value.errors
    assert "organisations[4].id: the same id as organisations[2]" in errors
    assert "organisations[2].parent_id: the parent organisations form a loop: b → c → b" in errors


def test_references_to_missing_objects_in_swedish() -> None:
    data = json.loads(_with())
    data["meetings"][0]["agreement_id"] = "ok-ide-2019"
    data["organisations"][3]["parent_id"] = "saknas"
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data), language="sv")
    assert caught.value.errors == (
        "organisations[3].parent_id: ingen organisation i filen har id 'saknas'",
        "meetings[0].agreement_id: ingen överenskommelse i filen har id 'ok-ide-2019'",
    )
