"""The package as another municipality gets it: built, installed from the wheel, used from outside.

Tests that import the app from the repository cannot see what the wheel leaves out (a template,
a migration, a compiled catalogue) or a migration that only applies on the newest Wagtail. So
this builds the sdist and, from it, the wheel, installs the wheel with the ``wagtail`` extra into
a fresh virtualenv (no system site-packages, no repository on the path) next to a minimal site,
and runs ``check``, ``migrate`` and ``makemigrations --check`` there, on Wagtail 8 and on the
7.0 LTS. pip may fetch from the package index; that is the slow part.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path, PurePosixPath

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("civilsamhalle", "wagtail_civil")
TIMEOUT = 900  # seconds; a cold pip cache on a slow line

# Files that must be in the wheel whatever else changes: the app is unusable without them.
REQUIRED = (
    "civilsamhalle/py.typed",
    "civilsamhalle/calendar/__init__.py",
    "civilsamhalle/cli.py",
    "wagtail_civil/apps.py",
    "wagtail_civil/templates/wagtail_civil/base.html",
    "wagtail_civil/static/wagtail_civil/css/civil.css",
)

SITE_SETTINGS = """
    # A site that follows the installation guide (docs/install.md) and nothing more.
    from pathlib import Path

    BASE_DIR = Path(__file__).resolve().parent
    SECRET_KEY = "packaging-test"
    DEBUG = False
    ALLOWED_HOSTS = ["*"]
    USE_TZ = True
    TIME_ZONE = "Europe/Oslo"
    LANGUAGE_CODE = "nb"
    WAGTAIL_SITE_NAME = "Pakkekommune"
    WAGTAILADMIN_BASE_URL = "https://pakke.example"
    WAGTAIL_CIVIL_UID_DOMAIN = "pakke.example"
    ROOT_URLCONF = "site_urls"
    INSTALLED_APPS = [
        "wagtail_civil",
        "wagtail.contrib.routable_page",
        "django_filters",
        "modelcluster",
        "wagtail.contrib.forms",
        "wagtail.contrib.redirects",
        "wagtail.embeds",
        "wagtail.sites",
        "wagtail.users",
        "wagtail.snippets",
        "wagtail.documents",
        "wagtail.images",
        "wagtail.search",
        "wagtail.admin",
        "wagtail",
        "taggit",
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ]
    MIDDLEWARE = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ]
            },
        }
    ]
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "site.sqlite3"}
    }
    DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
    STATIC_URL = "/static/"
    STATIC_ROOT = BASE_DIR / "static"
    MEDIA_URL = "/media/"
    MEDIA_ROOT = BASE_DIR / "media"
"""

SITE_URLS = """
    from django.urls import include, path
    from wagtail import urls as wagtail_urls
    from wagtail.admin import urls as wagtailadmin_urls

    urlpatterns = [
        path("admin/", include(wagtailadmin_urls)),
        path("", include("wagtail_civil.urls")),
        path("", include(wagtail_urls)),
    ]
"""

# Run inside the fresh venv: where the packages came from, and whether their files are usable.
PROBE = """
    import json, django
    django.setup()
    import civilsamhalle, wagtail, wagtail_civil
    from civilsamhalle import i18n
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template
    from gettext import GNUTranslations

    get_template("wagtail_civil/base.html")
    catalogues = sorted(p.parent.parent.name for p in i18n.LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))
    print(json.dumps({
        "civilsamhalle": civilsamhalle.__file__,
        "wagtail_civil": wagtail_civil.__file__,
        "wagtail": wagtail.__version__,
        "stylesheet": bool(finders.find("wagtail_civil/css/civil.css")),
        "core_catalogues": {
            lang: isinstance(i18n.translation(lang), GNUTranslations) for lang in catalogues
        },
    }))
"""


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
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
    return result.stdout


def _package_files(root: Path) -> set[str]:
    """Every file of the two packages in a source tree, as wheel paths."""
    found = set()
    for package in PACKAGES:
        for path in (root / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(path.relative_to(root).as_posix())
    return found


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what goes into a distribution, so building never writes into the work tree."""
    copy = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "setup.cfg"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the sdist as ``python -m build`` does for a release."""
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", dist, source], cwd=source)
    (built,) = dist.glob("civilsamhalle-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


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


@pytest.mark.parametrize(
    ("wagtail_requirement", "wagtail_major"),
    [
        pytest.param("wagtail>=8.0,<9", "8", id="wagtail8"),
        pytest.param("wagtail>=7.0,<7.1", "7", id="wagtail7.0-lts"),
    ],
)
def test_installed_wheel_works_in_a_site_outside_the_repository(
    wheel: Path, tmp_path: Path, wagtail_requirement: str, wagtail_major: str
) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    python = environment / "bin" / "python"
    _run(
        [python, "-m", "pip", "install", "--quiet", f"{wheel}[wagtail]", wagtail_requirement],
        cwd=tmp_path,
    )

    site = tmp_path / "site"
    site.mkdir()
    (site / "site_settings.py").write_text(textwrap.dedent(SITE_SETTINGS))
    (site / "site_urls.py").write_text(textwrap.dedent(SITE_URLS))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env.update(PYTHONPATH=str(site), DJANGO_SETTINGS_MODULE="site_settings")

    probe = json.loads(_run([python, "-c", textwrap.dedent(PROBE)], cwd=site, env=env))
    for package in ("civilsamhalle", "wagtail_civil"):
        assert Path(probe[package]).is_relative_to(environment), (
            f"{package} was imported from {probe[package]}, not from the installed wheel"
        )
    assert probe["wagtail"].split(".")[0] == wagtail_major, probe["wagtail"]
    assert probe["stylesheet"], "the app's stylesheet is not found by the static files finders"
    assert probe["core_catalogues"] and all(probe["core_catalogues"].values()), probe

    _run([python, "-m", "django", "check", "--fail-level", "WARNING"], cwd=site, env=env)
    _run([python, "-m", "django", "migrate", "--noinput"], cwd=site, env=env)
    pending = [python, "-m", "django", "makemigrations", "--check", "--dry-run", "wagtail_civil"]
    _run(pending, cwd=site, env=env)
    assert (site / "site.sqlite3").stat().st_size > 0

    usage = _run([environment / "bin" / "civilsamhalle", "--help"], cwd=site, env=env)
    assert "validate" in usage and "ics" in usage
