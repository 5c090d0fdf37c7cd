"""The template override of docs/install.md, on the base template `wagtail start` writes.

A site made by `wagtail start` has a ``base.html`` whose body is one ``content`` block, with no
``<main>``, skip link or breadcrumbs. The documented ``wagtail_civil/layout.html`` puts the app's
pages into it; they must stay as accessible as on the app's own layout. (The packaging test does
the same on a real `wagtail start` site of each Wagtail version; this one runs in seconds.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import wagtail
from django.template import Context, Engine

from tests import install_doc

PROJECT_TEMPLATE = Path(wagtail.__file__).parent / "project_template" / "project_name"


def test_documented_layout_override_keeps_main_skip_link_and_breadcrumbs(
    settings: Any, tmp_path: Path, client: Any, make_meeting: Any
) -> None:
    # base.html as `wagtail start tmpsite` writes it (startproject renders the template so)
    source = (PROJECT_TEMPLATE / "templates" / "base.html").read_text()
    rendered = Engine().from_string(source).render(Context({"project_name": "tmpsite"}, False))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(rendered)
    (step,) = [s for s in install_doc.steps() if s.target.startswith("templates/")]
    install_doc.apply(step, tmp_path)  # tmp_path stands for the project package
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]

    meeting = make_meeting("Dialogmöte om föreningsbidrag")
    response = client.get(meeting.url)

    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "wagtail_civil/layout.html" in templates and "base.html" in templates
    install_doc.assert_accessible_in_site_layout(
        response.content.decode(), meeting.title, meeting.get_parent().url, "css/tmpsite.css"
    )
