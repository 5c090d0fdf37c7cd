"""``manage.py import_dataset``: a data file fills a site, and importing it again changes nothing.

Idempotent by what stays the same (a meeting's UID, an organisation's number or slug, a page's
slug); every bad record is reported with its file and place, and nothing is written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from wagtail_civil.models import (
    AgreementPage,
    MeetingIndexPage,
    MeetingPage,
    Organisation,
    OrganisationCategory,
    OrganisationIndexPage,
)

pytestmark = pytest.mark.django_db

UID = "7a0c2d4e-2222-4a2b-8c3d-0000000000{:02d}"

DATA: dict[str, Any] = {
    "categories": [
        {"id": "frivillighet", "name": "Frivillighet", "description": "Lag og foreninger."}
    ],
    "pages": [
        {"id": "organisasjoner", "kind": "organisations", "title": "Organisasjoner"},
        {"id": "moter", "title": "Møter på Løkka", "intro": "Alle er velkomne.\n\nÅpent for alle."},
    ],
    "organisations": [
        {
            "id": "baerum-frivilligsentral",
            "name": "Bærum frivilligsentral",
            "country": "NO",
            "organisation_number": "920697143",
            "categories": ["Frivillighet"],
            "description": "Vi møtes på Løkka & i Sandvika.",
            "areas_of_activity": ["frivillighet"],
        },
        {
            "id": "ovre-eiker-idrettsrad",
            "name": "Øvre Eiker idrettsråd",
            "kind": "umbrella",
            "parent_id": "baerum-frivilligsentral",
            "country": "NO",
        },
        {"id": "arjangs-hembygdsforening", "name": "Årjängs hembygdsförening"},
    ],
    "agreements": [
        {
            "id": "samarbeidsavtale",
            "title": "Samarbeidsavtale",
            "status": "in_force",
            "purpose": "Et godt samarbeid.",
            "principles": ["Åpenhet"],
            "signatures": [
                {
                    "organisation_id": "baerum-frivilligsentral",
                    "organisation": "Bærum frivilligsentral",
                    "date": "2026-01-15",
                },
                {
                    "organisation": "Bærum kommune",
                    "signatory": "Åse Ødegård",
                    "signatory_title": "ordfører",
                },
            ],
            "commitments": [
                {"description": "To dialogmøter i året", "minimum": 2, "meeting_kind": "dialogue"}
            ],
        }
    ],
    "meetings": [
        {
            "uid": UID.format(1),
            "title": "Dialogmøte om frivillighet",
            "page_id": "moter",
            "start": "2026-09-08T18:00:00+02:00",
            "end": "2026-09-08T20:00:00+02:00",
            "timezone": "Europe/Oslo",
            "venue": {"name": "Løkka kulturhus", "locality": "Bærum"},
            "host_ids": ["baerum-frivilligsentral"],
            "hosts": ["Bærum frivilligsentral", "Bærum kommune"],
            "agreement_id": "samarbeidsavtale",
            "categories": ["Frivillighet"],
            "speakers": [{"name": "Øystein Åsen", "organisation_id": "ovre-eiker-idrettsrad"}],
            "programme": [{"title": "Velkommen", "start_time": "18:00"}],
            "follow_up_uid": UID.format(2),
            "sequence": 3,
        },
        {
            "uid": UID.format(2),
            "title": "Oppfølging på Ås",
            "page_id": "moter",
            "mode": "online",
            "online_url": "https://mote.example/as",
            "start": "2026-10-06T18:00:00+02:00",
            "end": "2026-10-06T19:00:00+02:00",
            "attendance": {"organisation_ids": ["arjangs-hembygdsforening"], "people": 12},
        },
    ],
}


@pytest.fixture
def root(db: Any) -> Any:
    """A site whose root page holds nothing yet."""
    home = Page.get_first_root_node().add_child(instance=Page(title="Bærum", slug="baerum"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    yield home
    Site.clear_site_root_paths_cache()


def write(tmp_path: Path, data: dict[str, Any], name: str = "bærum.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run(*args: str) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_dataset", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def line(out: str, kind: str) -> str:
    [found] = [text for text in out.splitlines() if text.strip().startswith(kind + " ")]
    return " ".join(found.split())


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "organisations": Organisation.objects.count(),
        "categories": OrganisationCategory.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_a_file_fills_the_site_published_through_revisions(root, tmp_path):
    out, _err = run(write(tmp_path, DATA))
    assert line(out, "meeting") == "meeting 2 created, 0 updated, 0 unchanged"
    assert line(out, "organisation") == "organisation 3 created, 0 updated, 0 unchanged"
    assert line(out, "index page") == "index page 2 created, 0 updated, 0 unchanged"
    meetings = MeetingIndexPage.objects.get(slug="moter")
    assert meetings.get_parent().pk == root.pk and meetings.intro == (
        "<p>Alle er velkomne.</p><p>Åpent for alle.</p>"
    )
    assert OrganisationIndexPage.objects.child_of(root).count() == 1
    first = MeetingPage.objects.get(uid=UID.format(1))
    assert first.live and first.live_revision_id and first.get_parent().pk == meetings.pk
    assert first.slug == "dialogmøte-om-frivillighet"  # made from the title, as Wagtail's admin
    assert first.sequence == 3  # calendars of the old site hold 3
    assert first.municipal_hosts == "Bærum kommune"
    assert [o.name for o in first.hosts.all()] == ["Bærum frivilligsentral"]
    assert first.speakers.get().organisation.name == "Øvre Eiker idrettsråd"
    assert first.follow_up.title == "Oppfølging på Ås"
    assert first.agreement.slug == "samarbeidsavtale"
    assert [c.slug for c in first.categories.all()] == ["frivillighet"]
    second = MeetingPage.objects.get(uid=UID.format(2))
    assert [a.organisation.name for a in second.attending_organisations.all()] == [
        "Årjängs hembygdsförening"
    ]
    organisation = Organisation.objects.get(organisation_number="920697143")
    assert organisation.live and organisation.description == (
        "<p>Vi møtes på Løkka &amp; i Sandvika.</p>"
    )
    assert Organisation.objects.get(slug="ovre-eiker-idrettsrad").parent == organisation
    agreement = AgreementPage.objects.get(slug="samarbeidsavtale")
    assert [(s.organisation_id, s.party_name) for s in agreement.signatures.all()] == [
        (organisation.pk, ""),  # the register's name is shown
        (None, "Bærum kommune"),
    ]
    assert [b.value["text"] for b in agreement.principles] == ["Åpenhet"]


def test_importing_again_changes_nothing(root, tmp_path):
    path = write(tmp_path, DATA)
    run(path)
    before = counts()
    out, _err = run(path)
    assert counts() == before
    for kind in ("meeting", "organisation", "agreement", "index page", "category"):
        assert " 0 created, 0 updated" in line(out, kind), kind


def test_a_change_is_published_and_moves_the_meetings_sequence(root, tmp_path):
    run(write(tmp_path, DATA))
    before = counts()
    changed = copy.deepcopy(DATA)
    changed["meetings"][0]["start"] = "2026-09-08T17:00:00+02:00"
    changed["organisations"][2]["name"] = "Årjängs hembygdsförening och bygdegård"
    out, _err = run(write(tmp_path, changed))
    assert line(out, "meeting") == "meeting 0 created, 1 updated, 1 unchanged"
    assert line(out, "organisation") == "organisation 0 created, 1 updated, 2 unchanged"
    assert counts()["revisions"] == before["revisions"] + 2
    meeting = MeetingPage.objects.get(uid=UID.format(1))
    assert meeting.sequence == 4 and meeting.start.hour == 15  # UTC


def test_an_editors_formatting_of_the_same_words_is_kept(root, tmp_path):
    path = write(tmp_path, DATA)
    run(path)
    organisation = Organisation.objects.get(slug="baerum-frivilligsentral")
    organisation.description = "<p>Vi <b>møtes</b> på Løkka &amp; i Sandvika.</p>"
    organisation.save_revision().publish()
    out, _err = run(path)
    assert "0 updated" in line(out, "organisation")
    organisation.refresh_from_db()
    assert "<b>møtes</b>" in organisation.description


def test_an_organisation_is_found_by_its_number_under_another_slug(root, tmp_path):
    Organisation.objects.create(
        name="Bærum Frivilligsentral", slug="frivilligsentralen", country="NO",
        organisation_number="920697143", live=True,
    )  # fmt: skip
    out, _err = run(write(tmp_path, DATA))
    assert line(out, "organisation") == "organisation 2 created, 1 updated, 0 unchanged"
    [found] = Organisation.objects.filter(organisation_number="920697143")
    assert (found.slug, found.name) == ("frivilligsentralen", "Bærum frivilligsentral")


def test_bad_records_are_reported_with_their_place_and_nothing_is_written(root, tmp_path, capsys):
    bad = copy.deepcopy(DATA)
    bad["organisations"][1]["website"] = "javascript:alert(1)"
    bad["meetings"][1]["page_id"] = "mote"
    path = write(tmp_path, bad)
    before = counts()
    with pytest.raises(CommandError, match="2 bad record"):
        call_command("import_dataset", path)
    assert counts() == before
    places = [line.split(": ")[:2] for line in capsys.readouterr().err.splitlines()]
    assert places == [[path, "organisations[1].website"], [path, "meetings[1].page_id"]]


def test_meetings_that_follow_each_other_up_in_a_loop_are_reported(root, tmp_path):
    from wagtail_civil.importing import ImportFailed, import_files

    looped = copy.deepcopy(DATA)
    looped["meetings"][1]["follow_up_uid"] = UID.format(1)
    with pytest.raises(ImportFailed) as caught:
        import_files([write(tmp_path, looped)])
    assert caught.value.problems and not MeetingPage.objects.exists()


def test_the_command_prints_each_bad_record_with_file_and_place(root, tmp_path, capsys):
    bad = copy.deepcopy(DATA)
    bad["meetings"][0]["agreement"] = "samarbeidsavtale"
    path = write(tmp_path, bad)
    with pytest.raises(CommandError):
        call_command("import_dataset", path)
    err = capsys.readouterr().err
    assert f"{path}: meetings[0].agreement: unknown field; did you mean 'agreement_id'?" in err


def test_a_record_the_site_refuses_rolls_back_the_whole_import(root, tmp_path):
    root.add_child(instance=Page(title="Møter", slug="moter"))  # a plain page, not a list
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, DATA))
    assert counts() == before  # the organisations before it are not left behind
    # Reported once, where it is; the meetings that name the list are not reported again.
    assert "1 bad record" in str(caught.value)


def test_a_refused_record_is_named_by_file_and_place(root, tmp_path):
    from wagtail_civil.importing import ImportFailed, import_files

    root.add_child(instance=Page(title="Avtale", slug="samarbeidsavtale"))
    path = write(tmp_path, DATA)
    with pytest.raises(ImportFailed) as caught:
        import_files([path])
    assert caught.value.problems[0].startswith(f"{path}: agreements[0]: ")
    assert "is a Page, not a AgreementPage" in caught.value.problems[0]


def test_a_dry_run_reports_and_writes_nothing(root, tmp_path):
    before = counts()
    out, _err = run(write(tmp_path, DATA), "--dry-run")
    assert out.startswith("Dry run") and "meeting 2 created" in " ".join(out.split())
    assert counts() == before


def test_drafts_wait_for_an_editor(root, tmp_path):
    run(write(tmp_path, DATA), "--draft")
    meeting = MeetingPage.objects.get(uid=UID.format(1))
    assert not meeting.live and meeting.latest_revision_id is not None
    assert not MeetingPage.objects.live().exists()


def test_pages_go_under_the_parent_given(root, tmp_path):
    section = root.add_child(instance=Page(title="Frivillighet", slug="frivillighet"))
    run(write(tmp_path, DATA), "--parent", "/frivillighet/")
    assert MeetingIndexPage.objects.get(slug="moter").get_parent().pk == section.pk
    with pytest.raises(CommandError, match="no page"):
        run(write(tmp_path, DATA), "--parent", "/nowhere/")


def test_every_files_bad_records_are_reported_and_none_is_written(root, tmp_path):
    from wagtail_civil.importing import ImportFailed, import_files

    root.add_child(instance=Page(title="Møter", slug="moter"))  # not a meeting list
    other = {"organisations": [{"id": "ås-idrettslag", "name": "Ås idrettslag", "country": "NO"}]}
    first, second = write(tmp_path, other, "ås.json"), write(tmp_path, DATA)
    with pytest.raises(ImportFailed) as caught:
        import_files([first, second, second.replace("bærum", "missing")])
    assert [p.split(": ")[0] for p in caught.value.problems] == [
        f"cannot read {tmp_path / 'missing.json'}"
    ]
    before = counts()
    with pytest.raises(ImportFailed) as caught:
        import_files([first, second])
    assert [p.split(": ")[:2] for p in caught.value.problems] == [[second, "pages[1]"]]
    assert counts() == before  # the first file's organisation is not left behind
