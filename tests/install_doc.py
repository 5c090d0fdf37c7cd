"""docs/install.md as steps a test can follow: its code blocks, applied to a `wagtail start` site.

A block whose first line is a comment naming a file under ``<project>/`` is an instruction: a
block for ``settings/base.py`` is appended to it, a ``templates/`` block is the whole file, and
the ``urls.py`` block is the first ``urlpatterns`` list as it reads afterwards (the test checks
that, apart from the lines marked ``# added``, it is what ``wagtail start`` wrote). The shell
block of the "Migrate and check" step gives the commands to run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALL_DOC = ROOT / "docs" / "install.md"

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_TARGET = re.compile(r"^(?:#|\{#)\s*<project>/(\S+?)(?:,|\s|$)")
_URLPATTERNS = re.compile(r"^urlpatterns = \[\n.*?^\]\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Step:
    """One code block of the guide that changes a file of the project package."""

    target: str  # path under the project package, e.g. "settings/base.py"
    code: str


def steps(text: str | None = None) -> list[Step]:
    """Every code block of the guide that names a project file on its first line, in order."""
    found = []
    for _language, code in _FENCE.findall(text if text is not None else INSTALL_DOC.read_text()):
        match = _TARGET.match(code)
        if match:
            found.append(Step(match.group(1), code))
    return found


def commands(text: str | None = None) -> list[list[str]]:
    """The ``python manage.py …`` lines of the "Migrate and check" step, as argument lists."""
    text = text if text is not None else INSTALL_DOC.read_text()
    section = text.split("## 5. Migrate and check", 1)[1].split("\n## ", 1)[0]
    (block,) = [code for language, code in _FENCE.findall(section) if language == "sh"]
    lines = [line.split("#", 1)[0].split() for line in block.splitlines()]
    return [line[2:] for line in lines if line[:2] == ["python", "manage.py"]]


def apply(step: Step, project: Path) -> None:
    """Do what one block says to the project package made by ``wagtail start``."""
    path = project / step.target
    if step.target.startswith("settings/"):
        path.write_text(path.read_text() + "\n\n" + step.code)
    elif step.target == "urls.py":
        source = path.read_text()
        original = _URLPATTERNS.search(source)
        assert original, f"no 'urlpatterns = [' list in {path}"
        documented = step.code.split("\n", 1)[1]  # without the comment naming the file
        kept = "".join(
            line for line in documented.splitlines(keepends=True) if "# added" not in line
        )
        assert kept == original.group(0), (
            "docs/install.md shows the urlpatterns list of a `wagtail start` site otherwise than"
            f" it is:\n{original.group(0)}"
        )
        path.write_text(source.replace(original.group(0), documented, 1))
    elif step.target.startswith("templates/"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.code)
    else:
        raise AssertionError(f"docs/install.md names a file the test cannot apply: {step.target}")


def assert_accessible_in_site_layout(html: str, title: str, parent_url: str, site_css: str) -> None:
    """A page of the app rendered through the documented layout.html keeps what base.html brings:
    one ``<main id="main">`` with the page in it, a skip link to it ahead of it, breadcrumbs."""
    assert site_css in html, "the page was not rendered in the site's own base template"
    assert "wagtail_civil/css/civil.css" in html, "the app's stylesheet is not linked"
    assert 'type="text/calendar"' in html, "the feed link of the head is missing"
    assert "application/ld+json" in html, "the meeting's JSON-LD is missing"
    assert html.count("<main") == 1, "one <main> per page"
    main = re.search(r'<main id="main"[^>]*>(.*?)</main>', html, re.DOTALL)
    assert main and title in main.group(1), "the page is not inside <main id=main>"
    skip = re.search(r'<a class="civil-skip" href="#main">', html)
    assert skip and skip.start() < main.start(), "no skip link to #main ahead of <main>"
    crumbs = re.search(r'<nav aria-label="[^"]+" class="civil-breadcrumbs">(.*?)</nav>', html, re.S)
    assert crumbs, "no breadcrumbs"
    assert f'href="{parent_url}"' in crumbs.group(1), crumbs.group(1)
    assert 'aria-current="page"' in crumbs.group(1)
