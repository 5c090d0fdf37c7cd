"""Print pip constraints pinning Wagtail and Django to the lowest versions pyproject.toml allows.

``make test-lowest`` installs with them, so the lowest supported versions (Wagtail 7.0 LTS) are
tested rather than assumed; the bounds are read here so they are written only once.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
PINNED = ("wagtail", "django")  # the frameworks whose oldest release we promise to run on
_LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*[^;]*?>=\s*([0-9][0-9.]*)")


def lowest_constraints(pyproject: Path = PYPROJECT) -> list[str]:
    """``["wagtail==7.0.*", "django==4.2.*"]``: the lower bound of each, any patch release."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    bounds: dict[str, str] = {}
    for requirements in data["project"].get("optional-dependencies", {}).values():
        for requirement in requirements:
            match = _LOWER_BOUND.match(requirement)
            if match and match.group(1).lower() in PINNED:
                bounds.setdefault(match.group(1).lower(), match.group(2))
    missing = [name for name in PINNED if name not in bounds]
    if missing:
        sys.exit(f"pyproject.toml gives no lower bound (>=) for: {', '.join(missing)}")
    return [f"{name}=={bounds[name]}.*" for name in PINNED]


if __name__ == "__main__":
    print("\n".join(lowest_constraints()))
