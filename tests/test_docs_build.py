"""The documentation site builds strictly, and the settings reference lists every setting.

``mkdocs build --strict`` fails on any warning: a link to a page or a heading that does not exist,
a page left out of the navigation, a link out of docs/ (to the README or the changelog, which the
site does not carry). Run here, it is part of ``make test`` and so of CI: a renamed heading that
another page links to fails the suite, not a reader.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.browser.test_docs_screenshots import DOCS, MAX_BYTES, SCREENSHOTS, SHOTS, VIEWPORT

ROOT = Path(__file__).resolve().parents[1]
SETTING = re.compile(r"\bWAGTAIL_CIVIL_[A-Z0-9_]+\b")
PICTURE = re.compile(r"screenshots/([A-Za-z0-9_-]+\.png)")


def test_the_documentation_builds_strictly(tmp_path: Path) -> None:
    # Material's notice about its successor is printed on every build; it is not a warning.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert result.returncode == 0 and not warnings, output
    # The pages of every reader are there, and search has its index.
    for page in ("subscribe", "editor-guide", "install", "settings", "upgrading"):
        assert (tmp_path / page / "index.html").is_file(), page
    assert (tmp_path / "search" / "search_index.json").is_file()
    assert (tmp_path / "screenshots" / "editor-dashboard.png").is_file()


def _settings_in_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "wagtail_civil").rglob("*.py"):
        names |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    return names


def _settings_in_reference() -> set[str]:
    """The settings docs/settings.md has a table row for (its name in the first cell)."""
    rows = re.findall(
        r"^\|\s*`(WAGTAIL_CIVIL_[A-Z0-9_]+)`\s*\|", (ROOT / "docs/settings.md").read_text(), re.M
    )
    return set(rows)


def test_the_settings_reference_has_a_row_for_every_setting_the_app_reads() -> None:
    in_code, documented = _settings_in_code(), _settings_in_reference()
    assert len(in_code) >= 18, sorted(in_code)  # the reading itself still finds them
    assert not in_code - documented, (
        f"not in docs/settings.md's tables: {sorted(in_code - documented)}"
    )
    assert not documented - in_code, f"documented, but read nowhere: {sorted(documented - in_code)}"


# --- the screenshots (taken in Chromium by tests/browser/test_docs_screenshots.py) ----------


def _pictures_shown() -> dict[str, set[str]]:
    """Picture file name -> the docs pages that show it."""
    found: dict[str, set[str]] = {}
    for doc in DOCS.rglob("*.md"):
        for name in PICTURE.findall(doc.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(doc.relative_to(DOCS).as_posix())
    return found


def test_the_docs_show_only_pictures_a_browser_test_takes() -> None:
    referenced = _pictures_shown()
    assert referenced, "the docs show no screenshots? (docs/editor-guide.md should)"
    untaken = {name: pages for name, pages in referenced.items() if name not in SHOTS}
    assert not untaken, f"the docs show screenshots no test takes: {untaken}"
    missing = sorted(name for name in referenced if not (SCREENSHOTS / name).is_file())
    assert not missing, f"not in docs/screenshots/ (run `make screenshots`): {missing}"
    stale = sorted(p.name for p in SCREENSHOTS.iterdir() if p.name not in SHOTS)
    assert not stale, f"docs/screenshots/ holds pictures no test takes: {stale}"
    unshown = sorted(set(SHOTS) - set(referenced))
    assert not unshown, f"taken but shown on no page of the docs: {unshown}"


def test_the_committed_pictures_are_small_pngs() -> None:
    from PIL import Image

    for name in SHOTS:
        path = SCREENSHOTS / name
        with Image.open(path) as image:
            assert image.format == "PNG", name
            assert image.width <= VIEWPORT["width"] and image.height <= VIEWPORT["height"], name
        assert path.stat().st_size <= MAX_BYTES, f"{name}: {path.stat().st_size} bytes"
