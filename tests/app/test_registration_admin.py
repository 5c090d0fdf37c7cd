"""The editors' side of built-in registration, through the admin's real views and permissions.

Every request is made as a real user: a superuser working in Swedish, or editors whose groups
give them the meeting's page (counts only) and, for some, the personal-data permission.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from civilsamhalle.enums import RegistrationSource
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration import signals
from wagtail_civil.registration.seats import register

pytestmark = pytest.mark.django_db

NS = "wagtail_civil_registrations"
NAMES = ["Åsa Öberg", "Märta Ågren", "Øystein Ærø", "Björn Lindström", "Göran Ängström"]


def admin_url(name: str, *args: Any) -> str:
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def stormote(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(
        registration_capacity=3,
        registration_waitlist=True,
        contact_name="Cecilia Carlsson",
        contact_phone="0321-59 50 00",
    )


@pytest.fixture
def signed_up(stormote: MeetingPage, make_organisation: Any) -> dict[str, Registration]:
    """Seats for Åsa, Märta and Björn (moved up); Göran waits; Øystein cancelled."""
    pro = make_organisation("PRO Ulricehamn")
    made = {}
    for i, name in enumerate(NAMES):
        made[name] = register(
            stormote,
            name=name,
            email=f"person{i}@example.se",
            phone=f"070-000 00 0{i}",
            organisation=pro if i == 0 else None,
            organisation_name="" if i == 0 else "Föreningen Hjärtat",
            access_needs="Hörslinga" if i == 1 else "",
        ).registration
    from wagtail_civil.registration.seats import cancel

    cancel(made["Øystein Ærø"], by_staff=True)  # Björn moves up from the waitlist
    return made


def _user(username: str, *groups: Group) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.se", "lösenord")
    user.groups.set(groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


@pytest.fixture
def groups(civil_site: Any) -> dict[str, Group]:
    """Editors of the meetings (may edit them), and the registration desk (personal data)."""
    access = Permission.objects.get(codename="access_admin")
    change_page = Permission.objects.get(codename="change_page")
    editors = Group.objects.create(name="Redaktörer")
    editors.permissions.add(access)
    GroupPagePermission.objects.create(
        group=editors, page=civil_site.meeting_index, permission=change_page
    )
    publishers = Group.objects.create(name="Publicerare")
    GroupPagePermission.objects.create(
        group=publishers,
        page=civil_site.meeting_index,
        permission=Permission.objects.get(codename="publish_page"),
    )
    desk = Group.objects.create(name="Anmälningsdisken")
    desk.permissions.add(Permission.objects.get(codename="view_registration_personal_data"), access)
    others = Group.objects.create(name="Andra redaktörer")
    others.permissions.add(access)
    return {"editors": editors, "desk": desk, "others": others, "publishers": publishers}


@pytest.fixture
def desk_client(client: Any, groups: dict[str, Group]) -> Any:
    client.force_login(_user("disken", groups["editors"], groups["desk"], groups["publishers"]))
    return client


@pytest.fixture
def counts_client(client: Any, groups: dict[str, Group]) -> Any:
    client.force_login(_user("redaktor", groups["editors"]))
    return client


# --- listings ------------------------------------------------------------------------------------


def test_the_menu_lists_meetings_with_their_counts(editor, stormote, signed_up, make_meeting):
    make_meeting("Dialogmöte utan anmälan")  # no built-in registration: not listed
    response = editor.get(admin_url("meetings"))
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [m.title for m in rows] == [stormote.title]
    assert (rows[0].confirmed, rows[0].waitlisted, rows[0].cancelled) == (3, 1, 1)
    assert admin_url("index", stormote.pk) in response.content.decode()
    assert "Anmälningar" in response.content.decode()


def test_a_meetings_registrations_with_counts_search_and_filter(editor, stormote, signed_up):
    response = editor.get(admin_url("index", stormote.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for name in NAMES:
        assert name in html
    assert "Hörslinga" in html and "PRO Ulricehamn" in html
    counts = response.context["counts"]
    assert (counts.confirmed, counts.waitlisted, counts.cancelled) == (3, 1, 1)
    assert 'data-count="confirmed">3 / 3<' in html

    found = editor.get(admin_url("index", stormote.pk), {"q": "öberg"}).context["object_list"]
    assert [r.name for r in found] == ["Åsa Öberg"]
    by_org = editor.get(admin_url("index_results", stormote.pk), {"q": "PRO Ulr"})
    assert [r.name for r in by_org.context["object_list"]] == ["Åsa Öberg"]
    waiting = editor.get(admin_url("index", stormote.pk), {"status": "waitlisted"})
    assert [r.name for r in waiting.context["object_list"]] == ["Göran Ängström"]


def _exported(response: Any, kind: str = "csv") -> list[list[str]]:
    if kind == "csv":
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.reader(io.StringIO(text)))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [
        ["" if c is None else str(c) for c in row]
        for row in book.active.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_hold_the_nordic_names(editor, stormote, signed_up, kind):
    response = editor.get(admin_url("index", stormote.pk), {"export": kind})
    assert response.status_code == 200
    assert f".{kind}" in response["Content-Disposition"]
    rows = _exported(response, kind)
    heading, *body = rows
    assert heading[:4] == ["Namn", "Organisation", "E-post", "Telefon"]
    by_name = {row[0]: row for row in body}
    assert set(by_name) == set(NAMES)
    assert by_name["Åsa Öberg"][1:4] == ["PRO Ulricehamn", "person0@example.se", "070-000 00 00"]
    assert by_name["Märta Ågren"][1] == "Föreningen Hjärtat"
    assert by_name["Märta Ågren"][4] == "Hörslinga"
    assert by_name["Göran Ängström"][6] == "På väntelistan"
    assert by_name["Øystein Ærø"][6] == "Avanmäld"


def test_an_export_follows_the_filter(editor, stormote, signed_up):
    response = editor.get(admin_url("index", stormote.pk), {"export": "csv", "status": "cancelled"})
    assert [row[0] for row in _exported(response)[1:]] == ["Øystein Ærø"]


# --- permissions ---------------------------------------------------------------------------------


def _denied(response: Any) -> bool:
    """Wagtail answers a PermissionDenied in its admin with a redirect home and a message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_editor_without_the_permission_sees_the_counts_only(counts_client, stormote, signed_up):
    response = counts_client.get(admin_url("index", stormote.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="confirmed">3 / 3<' in html and 'data-count="waitlisted">1<' in html
    for secret in [*NAMES, "person0@example.se", "070-000", "Hörslinga"]:
        assert secret not in html
    for denied in (
        admin_url("index", stormote.pk) + "?export=csv",
        admin_url("index", stormote.pk) + "?export=xlsx",
        admin_url("index", stormote.pk) + "?q=Åsa",
        admin_url("index_results", stormote.pk),
        admin_url("add", stormote.pk),
        admin_url("attendance", stormote.pk),
        admin_url("attendance_print", stormote.pk),
        admin_url("confirmation", stormote.pk, signed_up["Åsa Öberg"].pk),
        admin_url("cancel", stormote.pk, signed_up["Åsa Öberg"].pk),
    ):
        assert _denied(counts_client.get(denied)), denied
    assert _denied(counts_client.post(admin_url("cancel", stormote.pk, signed_up["Åsa Öberg"].pk)))
    assert Registration.objects.get(name="Åsa Öberg").status == "confirmed"
    # The menu's listing shows the meeting and its counts to them too.
    listed = counts_client.get(admin_url("meetings")).context["object_list"]
    assert [(m.title, m.confirmed) for m in listed] == [(stormote.title, 3)]


def test_an_editor_with_the_permission_sees_and_exports(desk_client, stormote, signed_up):
    html = desk_client.get(admin_url("index", stormote.pk)).content.decode()
    assert "Åsa Öberg" in html and "person0@example.se" in html
    assert desk_client.get(admin_url("index", stormote.pk), {"export": "csv"}).status_code == 200


def test_the_permission_is_given_in_the_group_editor(editor):
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="view_registration_personal_data")
    html = editor.get(reverse("wagtailusers_groups:add")).content.decode()
    assert f'value="{permission.pk}"' in html
    assert "personuppgifter" in html


def test_editors_who_cannot_edit_the_meeting_see_nothing(client, groups, stormote, signed_up):
    client.force_login(_user("annan", groups["others"], groups["desk"]))
    assert _denied(client.get(admin_url("index", stormote.pk)))
    assert list(client.get(admin_url("meetings")).context["object_list"]) == []


# --- by hand -------------------------------------------------------------------------------------


@pytest.fixture
def heard() -> Any:
    said: list[tuple[str, bool, bool]] = []

    def made(registration, created, by_staff, send_confirmation, **kw):
        said.append((registration.name, by_staff, send_confirmation))

    signals.registration_made.connect(made, weak=False)
    yield said
    signals.registration_made.disconnect(made)


def test_a_phone_sign_up_by_staff(desk_client, stormote, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(
            admin_url("add", stormote.pk),
            {
                "name": "Ingrid Sjöström",
                "email": "",
                "phone": "0321-123 45",
                "organisation_name": "Byalaget i Gällstad",
                "access_needs": "Rullstol",
                "dietary_needs": "",
                "source": "phone",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    registration = Registration.objects.get(name="Ingrid Sjöström")
    assert registration.status == "confirmed"
    assert registration.source == RegistrationSource.PHONE.value
    assert registration.added_by.username == "disken"
    assert (registration.phone, registration.access_needs) == ("0321-123 45", "Rullstol")
    assert registration.language == "sv"
    assert heard == [("Ingrid Sjöström", True, False)]
    listing = desk_client.get(response["Location"]).content.decode()
    assert "Ingrid Sjöström har en plats." in listing
    assert admin_url("confirmation", stormote.pk, registration.pk) in listing

    printed = desk_client.get(admin_url("confirmation", stormote.pk, registration.pk))
    text = printed.content.decode()
    assert printed.status_code == 200
    assert "Ingrid Sjöström" in text and "Storgatan 1" in text and "0321-59 50 00" in text
    assert "@media print" in text and 'lang="sv"' in text


def test_a_confirmation_email_needs_an_email_address(desk_client, stormote):
    response = desk_client.post(
        admin_url("add", stormote.pk),
        {"name": "Karl Åberg", "source": "desk", "send_confirmation": "on"},
    )
    assert response.status_code == 200
    assert "send_confirmation" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_a_full_meeting_without_waitlist_refuses_on_the_form(desk_client, make_meeting):
    full = make_meeting(
        "Workshop om föreningsbidrag",
        registration_kind="built_in",
        registration_capacity=1,
        registration_waitlist=False,
    )
    register(full, name="Åke Öst", email="ake@example.se")
    typed = {"name": "Lena Ödmark", "email": "lena@example.se", "source": "phone"}
    response = desk_client.post(admin_url("add", full.pk), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alla platser är tagna och mötet har ingen väntelista." in html
    assert 'value="Lena Ödmark"' in html  # what was typed stays
    assert Registration.objects.filter(meeting=full).count() == 1


def test_the_same_email_twice_is_shown_not_doubled(desk_client, stormote, signed_up):
    response = desk_client.post(
        admin_url("add", stormote.pk),
        {"name": "Åsa Öberg", "email": "PERSON0@example.se", "source": "desk"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert Registration.objects.filter(meeting=stormote).count() == len(NAMES)


def test_cancelling_from_the_admin_promotes_the_next(desk_client, stormote, signed_up):
    åsa = signed_up["Åsa Öberg"]
    assert desk_client.get(admin_url("cancel", stormote.pk, åsa.pk)).status_code == 200
    response = desk_client.post(admin_url("cancel", stormote.pk, åsa.pk), follow=True)
    åsa.refresh_from_db()
    göran = Registration.objects.get(name="Göran Ängström")
    assert (åsa.status, göran.status) == ("cancelled", "confirmed")
    assert "Göran Ängström" in response.content.decode()


# --- attendance ----------------------------------------------------------------------------------


def test_the_printed_attendance_list(desk_client, stormote, signed_up):
    response = desk_client.get(admin_url("attendance_print", stormote.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Åsa Öberg", "Märta Ågren", "Björn Lindström"):
        assert name in html
    assert "Øystein Ærø" not in html and "Göran Ängström" not in html  # no seat
    assert "@media print" in html and 'class="box"' in html
    assert "PRO Ulricehamn" in html


def _tick(desk_client: Any, meeting: MeetingPage, *names: str) -> Any:
    data = {
        f"attended_{r.pk}": "on"
        for r in Registration.objects.filter(meeting=meeting, name__in=names)
    }
    return desk_client.post(admin_url("attendance", meeting.pk), data, follow=True)


def test_marking_attendance_fills_the_published_figures(desk_client, stormote, signed_up):
    response = _tick(desk_client, stormote, "Åsa Öberg", "Märta Ågren")
    assert response.status_code == 200
    attended = dict(Registration.objects.seated().values_list("name", "attended"))
    assert attended == {"Åsa Öberg": True, "Märta Ågren": True, "Björn Lindström": False}
    live = MeetingPage.objects.get(pk=stormote.pk)
    assert not live.has_unpublished_changes
    assert live.attendance_people == 2
    assert [row.organisation.name for row in live.attending_organisations.all()] == [
        "PRO Ulricehamn"
    ]
    assert live.attendance_organisations == 2  # PRO, and "Föreningen Hjärtat" as typed

    _tick(desk_client, stormote, "Märta Ågren")  # Åsa was ticked by mistake
    live = MeetingPage.objects.get(pk=stormote.pk)
    assert live.attendance_people == 1
    assert list(live.attending_organisations.all()) == []


def test_marking_attendance_respects_a_draft(desk_client, stormote, signed_up):
    draft = stormote.get_latest_revision_as_object()
    draft.theme = "Ett utkast som inte är klart"
    draft.save_revision()
    response = _tick(desk_client, stormote, "Björn Lindström")
    assert "utkast" in response.content.decode()
    live = MeetingPage.objects.get(pk=stormote.pk)
    assert live.attendance_people is None and live.theme == ""
    latest = live.get_latest_revision_as_object()
    assert (latest.attendance_people, latest.theme) == (1, "Ett utkast som inte är klart")


def test_an_editor_who_may_not_publish_leaves_the_figures_in_a_draft(
    client, groups, stormote, signed_up
):
    client.force_login(_user("vikarie", groups["editors"], groups["desk"]))
    response = _tick(client, stormote, "Åsa Öberg")
    assert "publicera" in response.content.decode()
    live = MeetingPage.objects.get(pk=stormote.pk)
    assert live.attendance_people is None and live.has_unpublished_changes
    assert live.get_latest_revision_as_object().attendance_people == 1
    assert Registration.objects.get(name="Åsa Öberg").attended is True


# --- buttons on the meeting ----------------------------------------------------------------------


def test_the_meeting_has_a_registrations_button(editor, stormote, civil_site):
    link = admin_url("index", stormote.pk)
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[stormote.pk]))
    assert link in edit.content.decode()
    explorer = editor.get(reverse("wagtailadmin_explore", args=[civil_site.meeting_index.pk]))
    assert link in explorer.content.decode()


def test_the_explorers_buttons_cost_no_query_per_meeting(editor, make_meeting, civil_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    explorer = reverse("wagtailadmin_explore", args=[civil_site.meeting_index.pk])
    for i in range(2):
        make_meeting(f"Dialogmöte {i}", registration_kind="built_in")
    editor.get(explorer)
    with CaptureQueriesContext(connection) as two:
        editor.get(explorer)
    for i in range(2, 8):
        make_meeting(f"Dialogmöte {i}", registration_kind="built_in")
    with CaptureQueriesContext(connection) as eight:
        html = editor.get(explorer).content.decode()
    # wagtail-localize (installed in the tests when present) asks two queries per page for its
    # own "Translate" buttons; what is measured here is ours.
    assert len(_ours(eight)) <= len(_ours(two)), [q["sql"] for q in _ours(eight)]
    assert html.count("/admin/registrations/") == 8 + 1  # a button per meeting, and the menu


def _ours(captured) -> list[dict]:
    localize = ("wagtail_localize_", '"wagtailcore_locale"')
    return [q for q in captured.captured_queries if not any(n in q["sql"] for n in localize)]


# --- queries -------------------------------------------------------------------------------------


def _many(meeting: MeetingPage, count: int) -> None:
    for i in range(count):
        register(meeting, name=f"Deltagare {i} Åström", email=f"d{i}@example.se")


@pytest.mark.parametrize(
    "view", ["index", "csv", "xlsx", "attendance", "attendance_print", "meetings"]
)
def test_queries_do_not_grow_with_the_registrations(
    editor, make_meeting, django_assert_max_num_queries, view
):
    small = make_meeting("Litet möte", registration_kind="built_in")
    large = make_meeting("Stort möte", registration_kind="built_in")
    _many(small, 5)
    _many(large, 50)

    def get(meeting: MeetingPage) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        name = {"csv": "index", "xlsx": "index"}.get(view, view)
        path = admin_url(name) if name == "meetings" else admin_url(name, meeting.pk)
        query = {"export": view} if view in ("csv", "xlsx") else {}
        with CaptureQueriesContext(connection) as captured:
            response = editor.get(path, query)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(captured)

    get(small)  # the first request fills caches (site root paths, the user's permissions)
    few = get(small)
    with django_assert_max_num_queries(few):
        get(large)
