"""The package as another municipality gets it: built, installed from the wheel, used from outside.

Tests that import the app from the repository cannot see what the wheel leaves out (a template,
a migration, a compiled catalogue) or a migration that only applies on the newest Wagtail. So
this builds the sdist and, from it, the wheel (once per session), checks what both carry and that
the package index would accept them, then installs the wheel with the ``wagtail`` extra into a
fresh virtualenv (no system site-packages, no repository on the path), makes a site there with
``wagtail start`` and follows docs/install.md on it word for word, on Wagtail 8 and on the 7.0
LTS. pip may fetch from the package index (its cache is reused); that is the slow part.
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

import civilsamhalle
from tests import install_doc

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("civilsamhalle", "wagtail_civil")
TIMEOUT = 900  # seconds; a cold pip cache on a slow line
REPOSITORY = "https://github.com/civilsamhalle/civilsamhalle"

# Files that must be in the wheel whatever else changes: the app is unusable without them.
REQUIRED = (
    "civilsamhalle/py.typed",
    "civilsamhalle/calendar/__init__.py",
    "civilsamhalle/cli.py",
    "wagtail_civil/apps.py",
    "wagtail_civil/templates/wagtail_civil/base.html",
    "wagtail_civil/templates/wagtail_civil/layout.html",
    "wagtail_civil/static/wagtail_civil/css/civil.css",
)

# Run by `manage.py shell -c` in the site: where the packages came from, whether their files are
# usable, then a meeting made as an editor would (a meeting list with one meeting under the home
# page), its page, its list and its feeds fetched through Django's test client.
SHELL_SCRIPT = """
import datetime as dt, json
import civilsamhalle, wagtail, wagtail_civil
from civilsamhalle import i18n
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone
from gettext import GNUTranslations
from wagtail.models import Site
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import MeetingIndexPage, MeetingPage

home = Site.objects.get(is_default_site=True).root_page.specific
index = home.add_child(instance=MeetingIndexPage(title="Möten", slug="moten"))
index.save_revision().publish()
start = timezone.now().replace(microsecond=0) + dt.timedelta(days=7)
meeting = index.add_child(instance=MeetingPage(
    title="Dialogmöte om föreningsbidrag", slug="dialogmote", start=start,
    end=start + dt.timedelta(hours=2), venue_name="Folkets Hus", locality="Uddevalla",
))
meeting.save_revision().publish()
meeting.refresh_from_db()

client = Client()
def fetch(url):
    response = client.get(url)
    return {"url": url, "status": response.status_code, "type": response["Content-Type"],
            "body": response.content.decode()}

catalogues = sorted(p.parent.parent.name for p in i18n.LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))
print("RESULT " + json.dumps({
    "civilsamhalle": civilsamhalle.__file__,
    "wagtail_civil": wagtail_civil.__file__,
    "wagtail": wagtail.__version__,
    "stylesheet": bool(finders.find("wagtail_civil/css/civil.css")),
    "core_catalogues": {
        lang: isinstance(i18n.translation(lang), GNUTranslations) for lang in catalogues
    },
    "meeting": fetch(meeting.url),
    "index": fetch(index.url),
    "meeting_feed": fetch(feed_path("meeting", meeting)),
    "all_feed": fetch(feed_path("all")),
}))
"""


def _run(
    args: list[str | Path], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output if it fails."""
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}"
        )
    return result


def _package_files(root: Path) -> set[str]:
    """Every file of the two packages in a source tree, as wheel paths."""
    found = set()
    for package in PACKAGES:
        for path in (root / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(path.relative_to(root).as_posix())
    return found


@pytest.fixture(scope="session")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what goes into a distribution, so building never writes into the work tree."""
    copy = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for directory in (*PACKAGES, "docs"):
        shutil.copytree(ROOT / directory, copy / directory, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "MANIFEST.in"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="session")
def dist(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it, as ``make dist`` builds them for a release."""
    directory = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", directory, source], cwd=source)
    return directory


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("civilsamhalle-*.whl")
    return built


@pytest.fixture(scope="session")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("civilsamhalle-*.tar.gz")
    return built


@pytest.fixture(scope="session")
def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


@pytest.fixture(scope="session")
def metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(archive.read(name))


def test_wheel_ships_every_file_of_the_packages(source: Path, wheel_files: set[str]) -> None:
    missing = sorted(_package_files(source) - wheel_files)
    assert not missing, f"in the source but not in the wheel (see package-data): {missing}"
    absent = [name for name in REQUIRED if name not in wheel_files]
    assert not absent, f"required files missing from the wheel: {absent}"


def test_wheel_ships_a_compiled_catalogue_for_every_translation(wheel_files: set[str]) -> None:
    sources = [PurePosixPath(n) for n in wheel_files if n.endswith(".po") and "/locale/" in n]
    assert sources, "no translation catalogues in the wheel"
    uncompiled = [str(po) for po in sources if str(po.with_suffix(".mo")) not in wheel_files]
    assert not uncompiled, f"run 'make messages' and commit the .mo files: {uncompiled}"


def test_wheel_holds_only_the_two_packages(wheel_files: set[str]) -> None:
    top_level = {name.split("/", 1)[0] for name in wheel_files}
    stray = {name for name in top_level if name not in PACKAGES and not name.endswith(".dist-info")}
    assert not stray, f"the wheel ships more than the packages: {sorted(stray)}"


def test_both_artefacts_carry_the_licence_text(wheel: Path, sdist: Path) -> None:
    licence = (ROOT / "LICENSE").read_text()
    assert "BSD 3-Clause License" in licence
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(name).decode() == licence
    with tarfile.open(sdist) as archive:
        member = archive.extractfile(f"{sdist.name.removesuffix('.tar.gz')}/LICENSE")
        assert member and member.read().decode() == licence


def test_sdist_carries_the_docs_and_the_changelog(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")} | {"CHANGELOG.md"}
    assert wanted <= names, f"missing from the sdist: {sorted(wanted - names)}"


def test_metadata_says_what_the_package_index_shows(metadata: email.message.Message) -> None:
    assert metadata["Version"] == civilsamhalle.__version__  # one source for the version
    assert metadata["License-Expression"] == "BSD-3-Clause"
    assert metadata.get_all("License-File") == ["LICENSE"]
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL"))
    assert {"Homepage", "Documentation", "Repository", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith(REPOSITORY) for url in urls.values()), urls
    classifiers = metadata.get_all("Classifier")
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert any(re.fullmatch(r"Framework :: Django :: \d+\.\d+", c) for c in classifiers)
    assert {"Framework :: Wagtail :: 7", "Framework :: Wagtail :: 8"} <= set(classifiers)


def test_twine_check_passes(dist: Path) -> None:
    """What the package index checks on upload, README rendering included."""
    result = _run([sys.executable, "-m", "twine", "check", "--strict", *dist.iterdir()], cwd=dist)
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_readme_links_are_absolute() -> None:
    """On the package index a relative link leads nowhere."""
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)", readme) + re.findall(
        r"^\[[^\]]+\]:\s*(\S+)", readme, re.M
    )
    targets += re.findall(r'(?:href|src)="([^"]+)"', readme)
    assert targets, "the README links to nothing?"
    relative = [t for t in targets if not t.startswith(("https://", "mailto:"))]
    assert not relative, f"relative links in README.md: {relative}"
    assert all(t.startswith(REPOSITORY) for t in targets if "github.com" in t)


def test_version_and_changelog_follow_their_schemes() -> None:
    """SemVer (with .devN between releases) and Keep a Changelog, as docs/release.md says."""
    version = civilsamhalle.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+)?", version), version
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog\n")
    assert "https://keepachangelog.com/" in changelog
    headings = re.findall(r"^## (.+)$", changelog, re.M)
    assert headings[0] == "[Unreleased]", headings
    for heading in headings[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading), heading
    if ".dev" not in version:
        assert any(h.startswith(f"[{version}] - ") for h in headings), f"no section for {version}"
    for heading in re.findall(r"^### (.+)$", changelog, re.M):
        assert heading in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


WAGTAILS = {"wagtail8": "wagtail>=8.0,<9", "wagtail7.0-lts": "wagtail>=7.0,<7.1"}


@pytest.fixture(scope="module")
def installs(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The wheel being installed into a fresh virtualenv per Wagtail, all at once.

    pip spends most of its time waiting on the package index, so the installs overlap, and each
    test waits for its own. The virtualenvs have no pip: this suite's pip installs into them
    (``--python``), without compiling every module ahead of time.
    """
    started = {}
    for name, requirement in WAGTAILS.items():
        environment = tmp_path_factory.mktemp(name) / "venv"
        venv.EnvBuilder(with_pip=False, system_site_packages=False).create(environment)
        command = [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(environment / "bin" / "python"),
            "install",
            "--quiet",
            "--no-compile",
            f"{wheel}[wagtail]",
            requirement,
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        started[name] = (environment, command, process)
    yield started
    for _, _, process in started.values():
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    ("wagtail", "wagtail_major"),
    [
        pytest.param("wagtail8", "8", id="wagtail8"),
        pytest.param("wagtail7.0-lts", "7", id="wagtail7.0-lts"),
    ],
)
def test_install_guide_works_on_a_wagtail_start_site(
    installs: dict[str, Any], tmp_path: Path, wagtail: str, wagtail_major: str
) -> None:
    """docs/install.md, followed literally on a site made by `wagtail start` of each Wagtail."""
    environment, command, process = installs[wagtail]
    output, _ = process.communicate(timeout=TIMEOUT)
    if process.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {process.returncode}\n{output[-6000:]}")
    python = environment / "bin" / "python"
    # An installer's shell, not this suite's: nothing of ours on the path, and byte-code written
    # (installed --no-compile, each module is compiled once, when the site first imports it).
    leave_out = ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONHOME")
    leave_out += ("PYTHONDONTWRITEBYTECODE",)
    env = {key: value for key, value in os.environ.items() if key not in leave_out}
    site = tmp_path / "site"
    site.mkdir()
    _run([environment / "bin" / "wagtail", "start", "tmpsite", site], cwd=tmp_path, env=env)
    project = site / "tmpsite"

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([python, "manage.py", *args], cwd=site, env=env)

    guide = install_doc.steps()
    assert [step.target for step in guide] == [
        "settings/base.py",
        "urls.py",
        "settings/base.py",
        "templates/wagtail_civil/layout.html",
    ], "docs/install.md no longer marks the blocks the installer applies"

    # Steps 2 and 3 (apps, URLs): the site starts; check points at the example.com UID domain.
    for step in guide[:2]:
        install_doc.apply(step, project)
    before_settings = manage("check")
    assert "wagtail_civil.W002" in before_settings.stderr, before_settings.stderr
    assert "@example.com" in before_settings.stderr

    # Step 4 (settings) and the template override, then step 5's commands as written.
    for step in guide[2:]:
        install_doc.apply(step, project)
    documented = install_doc.commands()
    assert documented == [["migrate"], ["check"]], documented
    for command in documented:  # check, as documented, and failing on warnings too
        manage(*command, *(["--fail-level", "WARNING"] if command == ["check"] else []))
    manage("makemigrations", "--check", "--dry-run", "wagtail_civil")

    output = manage("shell", "-c", SHELL_SCRIPT).stdout
    (line,) = [line for line in output.splitlines() if line.startswith("RESULT ")]
    result = json.loads(line.removeprefix("RESULT "))
    for package in ("civilsamhalle", "wagtail_civil"):
        assert Path(result[package]).is_relative_to(environment), (
            f"{package} was imported from {result[package]}, not from the installed wheel"
        )
    assert result["wagtail"].split(".")[0] == wagtail_major, result["wagtail"]
    assert result["stylesheet"], "the app's stylesheet is not found by the static files finders"
    assert result["core_catalogues"] and all(result["core_catalogues"].values()), result

    for name in ("meeting", "index", "meeting_feed", "all_feed"):
        assert result[name]["status"] == 200, result[name]
    install_doc.assert_accessible_in_site_layout(
        result["meeting"]["body"], "Dialogmöte om föreningsbidrag", "/moten/", "css/tmpsite.css"
    )
    assert "Dialogmöte om föreningsbidrag" in result["index"]["body"]
    for name in ("meeting_feed", "all_feed"):
        feed = result[name]
        assert feed["type"].startswith("text/calendar"), feed["type"]
        assert "SUMMARY:Dialogmöte om föreningsbidrag" in feed["body"], feed["body"]
        assert re.search(r"^UID:[0-9a-f-]+@www\.yourmunicipality\.se\r?$", feed["body"], re.M)

    usage = _run([environment / "bin" / "civilsamhalle", "--help"], cwd=site, env=env).stdout
    assert "validate" in usage and "ics" in usage
