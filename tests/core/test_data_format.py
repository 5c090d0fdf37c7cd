"""The data file format: documented, printed as a JSON Schema, and checked in one run.

Someone writing a data file by hand learns the format from ``docs/data-format.md`` and its
example, or from ``civilsamhalle schema`` in their editor, and fixes every mistake that
``civilsamhalle validate`` reports in one go, not one kind of mistake per run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from civilsamhalle import errors
from civilsamhalle.cli import main
from civilsamhalle.errors import InvalidData
from civilsamhalle.interchange import jsonfile, load, loads
from civilsamhalle.model import Dataset, Meeting

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "data-format.md"
EXAMPLE = ROOT / "docs" / "example-dataset.json"
UID = "7a0c2d4e-1111-4a2b-8c3d-0000000000{:02d}"


def models() -> list[type[BaseModel]]:
    """Every object of the format, from the Dataset down."""
    found: list[type[BaseModel]] = []

    def walk(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for name in model.model_fields:
            inner = errors.fields_at(model, [name])
            if inner:
                walk(_model_of(model, name))

    walk(Dataset)
    return found


def _model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    inner = errors.inner_model(model.model_fields[name].annotation)
    assert inner is not None
    return inner


def meeting(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "uid": UID.format(number),
        "title": f"Dialog {number}",
        "start": "2026-03-10T18:00:00+01:00",
        "end": "2026-03-10T20:00:00+01:00",
        "venue": {"name": "Stadshuset"},
        **fields,
    }


def problems(data: dict[str, Any], language: str | None = None) -> list[str]:
    with pytest.raises(InvalidData) as caught:
        loads(json.dumps(data), language=language)
    return list(caught.value.errors)


# --- the documentation and its example -----------------------------------------------------------


def test_the_documented_example_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    dataset = load(EXAMPLE)
    assert dataset.organisations and dataset.agreements and len(dataset.meetings) >= 3
    assert main(["validate", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_the_example_uses_every_field_of_the_format() -> None:
    used: set[tuple[str, str]] = set()

    def collect(model: type[BaseModel], value: Any) -> None:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                continue
            for name, inner in item.items():
                used.add((model.__name__, name))
                if errors.fields_at(model, [name]):
                    collect(_model_of(model, name), inner)

    collect(Dataset, json.loads(EXAMPLE.read_text(encoding="utf-8")))
    every = {(m.__name__, name) for m in models() for name in m.model_fields}
    assert every - used == set()


def test_the_documentation_names_every_field_in_its_object_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### (\w+)\n(.*?)(?=^#{2,3} |\Z)", text, flags=re.M | re.S))
    for model in models():
        assert model.__name__ in sections, f"no section for {model.__name__}"
        for name in model.model_fields:
            assert f"| `{name}` |" in sections[model.__name__], f"{model.__name__}.{name}"


def test_the_documented_defaults_are_the_models() -> None:
    text = DOC.read_text(encoding="utf-8")
    for model in models():
        for name, field in model.model_fields.items():
            if field.is_required():
                assert re.search(rf"\| `{name}` \| [^|]+ \| \*\*required\*\*", text), name


# --- JSON Schema ---------------------------------------------------------------------------------


def test_schema_prints_a_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == jsonfile.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_example_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(
        jsonfile.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = list(validator.iter_errors(json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    assert errors == []


def test_the_schema_rejects_what_it_can_say() -> None:
    validator = jsonschema.Draft202012Validator(jsonfile.json_schema())
    bad = {"meetings": [meeting(1, agreement="ok-ide", online_url="javascript:alert(9)")]}
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("agreement" in m for m in messages)  # additionalProperties: false
    assert any("javascript:alert(9)" in m for m in messages)  # the link pattern


def test_every_field_in_the_schema_has_a_description() -> None:
    schema = jsonfile.json_schema()
    objects = {"Dataset": schema, **schema["$defs"]}
    for name, definition in objects.items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field}"


# --- every mistake in one run --------------------------------------------------------------------


def test_field_errors_duplicates_and_dangling_references_come_together() -> None:
    data = {
        "organisations": [
            {"id": "abf", "name": "ABF"},
            {"id": "abf", "name": "ABF igen", "website": "www.abf.se"},
        ],
        "agreements": [{"id": "ok", "title": "ÖK", "valid_from": "2026-01-01"}],
        "meetings": [
            meeting(1, host_ids=["abf", "pro-lulea"], agreement_id="ok-ide"),
            meeting(1, end="2026-03-10T17:00:00+01:00"),
        ],
    }
    found = problems(data)
    paths = [line.split(": ", 1)[0] for line in found]
    assert paths == [
        "organisations[1].website",
        "meetings[1].end",
        "organisations[1].id",
        "meetings[1].uid",
        "meetings[0].host_ids[1]",
        "meetings[0].agreement_id",
    ]
    assert "meetings[0].host_ids[1]: no organisation in the file has the id 'pro-lulea'" in found


def test_a_misspelt_key_gets_the_nearest_field() -> None:
    data = {"agreements": [{"id": "ok", "title": "ÖK"}], "meetings": [meeting(1, agreement="ok")]}
    assert problems(data) == ["meetings[0].agreement: unknown field; did you mean 'agreement_id'?"]


def test_an_unknown_key_far_from_any_field_lists_the_fields() -> None:
    found = problems({"meetings": [meeting(1, venue={"name": "Stadshuset", "rum": "A"})]})
    assert found == [
        "meetings[0].venue.rum: unknown field; the fields here are: name, street_address, "
        "postal_code, locality, latitude, longitude"
    ]


def test_an_online_meeting_needs_its_link() -> None:
    found = problems({"meetings": [meeting(1, mode="online", venue=None)]})
    assert found == [
        "meetings[0].online_url: an online or hybrid meeting needs the link participants join "
        "by (online_url)"
    ]


def test_a_missing_link_is_reported_beside_another_mistake_of_the_meeting() -> None:
    found = problems({"meetings": [meeting(1, mode="hybrid", titel="Dialog")]})
    assert [line.split(": ", 1)[0] for line in found] == [
        "meetings[0].titel",
        "meetings[0].online_url",
    ]


def test_a_cancelled_online_meeting_needs_no_link() -> None:
    dataset = loads(json.dumps({"meetings": [meeting(1, mode="online", status="cancelled")]}))
    assert dataset.meetings[0].online_url is None


def test_a_wrong_link_says_what_is_wrong_with_it() -> None:
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(meeting(1, mode="online", online_url="javascript:alert(9)"))
    (error,) = caught.value.errors()
    assert error["type"] == "url_scheme"
    assert error["msg"] == (
        "only http and https links can be used: 'javascript:alert(9)' is a 'javascript:' link"
    )


def test_validate_speaks_the_terminal_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "sv")
    path = tmp_path / "fel.json"
    data = {
        "meetings": [meeting(1, mode="online", online_url="javascript:alert(9)", agreement="x")]
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "meetings[0].online_url: bara http- och https-länkar kan användas: 'javascript:alert(9)' "
        "är en 'javascript:'-länk",
        "meetings[0].agreement: okänt fält; menade du 'agreement_id'?",
    ]
