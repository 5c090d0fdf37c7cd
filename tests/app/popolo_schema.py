"""Popolo's own JSON Schemas (tests/app/data/popolo, CC BY 4.0) as validators, for every test of
a Popolo export: a council's (test_councils.py) and the register's (test_downloads.py)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

__all__ = ["POPOLO", "popolo_errors", "popolo_validator"]

POPOLO = Path(__file__).with_name("data") / "popolo"


@cache
def popolo_validator(name: str) -> Draft3Validator:
    """A validator of Popolo's schema ``name`` with every schema it refers to read from disk."""
    resources = []
    for path in POPOLO.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((contents["id"], Resource(contents, specification=DRAFT3)))
    registry = Registry().with_resources(resources)
    schema = json.loads((POPOLO / f"{name}.json").read_text())
    return Draft3Validator(schema, registry=registry)


def popolo_errors(name: str, item: Any) -> list[str]:
    """What is wrong with ``item`` as Popolo's ``name`` (``organization``, ``post``, …)."""
    return [error.message for error in sorted(popolo_validator(name).iter_errors(item), key=str)]
