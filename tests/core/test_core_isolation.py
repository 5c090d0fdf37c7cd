"""The core imports neither Django nor Wagtail, so it can be used and tested without them.

The check runs in a fresh interpreter: this test process has pytest-django loaded, so Django is
already in its ``sys.modules`` and would hide a stray import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, json, pkgutil, sys
import civilsamhalle

imported = ["civilsamhalle"]
for info in pkgutil.walk_packages(civilsamhalle.__path__, "civilsamhalle."):
    importlib.import_module(info.name)
    imported.append(info.name)
frameworks = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("django", "wagtail", "modelcluster")
)
print(json.dumps({"imported": imported, "frameworks": frameworks}))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_of_the_core_imports_a_web_framework() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])

    # Every module file of the package was imported, so none escaped the check.
    expected = {module_name(path) for path in (ROOT / "civilsamhalle").rglob("*.py")}
    assert expected <= set(report["imported"])
    assert {"civilsamhalle.model", "civilsamhalle.cli", "civilsamhalle.commitments"} <= expected

    assert report["frameworks"] == []
