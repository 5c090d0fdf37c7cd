"""The poster's editors and volunteer offers in the admin: who sees which offers, who sees the
personal data, marking an offer, the email the resident then gets, and the queries a listing costs.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from tests.app import task_queue
from tests.app.volunteering import *  # noqa: F403 (the fixtures)
from wagtail_civil.models import VolunteerNeedIndexPage, VolunteerOffer

pytestmark = pytest.mark.django_db

LIST = "/admin/volunteer-offers/"


def edit_url(offer: VolunteerOffer) -> str:
    return f"{LIST}edit/{offer.pk}/"


def _user(username: str, *groups: Group) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.no", "passord")
    user.groups.set(groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


@pytest.fixture
def groups(need_index: VolunteerNeedIndexPage) -> dict[str, Group]:
    access = Permission.objects.get(codename="access_admin")
    editors = Group.objects.create(name="Frivillighetskoordinatorer")
    editors.permissions.add(access)
    GroupPagePermission.objects.create(
        group=editors, page=need_index, permission=Permission.objects.get(codename="change_page")
    )
    personal = Group.objects.create(name="Personopplysninger")
    personal.permissions.add(
        access, Permission.objects.get(codename="view_volunteer_offer_personal_data")
    )
    others = Group.objects.create(name="Andre redaktører")
    others.permissions.add(access)
    return {"editors": editors, "personal": personal, "others": others}


@pytest.fixture
def offers(make_need, make_offer, civil_site) -> dict[str, VolunteerOffer]:
    need = make_need("Vårdugnad", volunteers_needed=2)
    return {
        "åse": make_offer(need, name="Åse Sæther", email="ase@example.org", language="nb"),
        "øystein": make_offer(need, name="Øystein Ærø", email="oy@example.org", language="sv"),
        "general": make_offer(None, name="Bjørn Ødegård", interests="Idrett"),
    }


def login(client: Any, *groups: Group) -> Any:
    client.force_login(_user("bruker", *groups))
    return client


def names_in(response: Any) -> str:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def test_the_posters_editors_see_the_offers_but_not_who_made_them(client, groups, offers):
    text = names_in(login(client, groups["editors"]).get(LIST))
    assert "Vårdugnad" in text
    assert "Åse Sæther" not in text and "Øystein Ærø" not in text
    form = names_in(client.get(edit_url(offers["åse"])))
    assert "ase@example.org" not in form


def test_with_the_personal_data_permission_they_see_names_and_contact(client, groups, offers):
    logged_in = login(client, groups["editors"], groups["personal"])
    text = names_in(logged_in.get(LIST))
    assert "Åse Sæther" in text and "Øystein Ærø" in text and "Bjørn Ødegård" in text
    assert "ase@example.org" in names_in(logged_in.get(edit_url(offers["åse"])))


def test_other_editors_see_no_offer(client, groups, offers):
    logged_in = login(client, groups["others"], groups["personal"])
    response = logged_in.get(LIST)
    assert response.status_code in (302, 403) or "Åse" not in response.content.decode()
    assert logged_in.get(edit_url(offers["åse"])).status_code in (302, 403)


def test_marking_an_offer_accepted_emails_the_resident_in_her_language(
    client, groups, offers, django_capture_on_commit_callbacks
):
    task_queue.clear()
    offer = offers["åse"]
    logged_in = login(client, groups["editors"])
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(edit_url(offer), {"status": "accepted"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "accepted" and offer.answered_at is not None
    assert mail.outbox == []  # queued, never sent inside the request
    assert task_queue.run_queue() == 1
    [email] = mail.outbox
    assert email.to == ["ase@example.org"]
    assert email.reply_to == ["kari@example.org"]
    with translation.override("nb"):
        assert email.subject == gettext("Your offer is accepted: %(title)s") % {
            "title": "Vårdugnad"
        }
    assert "Jessheim stadion" in email.body
    # Saving again without a change tells her nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(edit_url(offer), {"status": "accepted"})
    assert task_queue.run_queue() == 0


def test_an_email_for_a_status_changed_meanwhile_is_not_sent(
    client, groups, offers, django_capture_on_commit_callbacks
):
    task_queue.clear()
    logged_in = login(client, groups["editors"])
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(edit_url(offers["øystein"]), {"status": "declined"})
    assert len(task_queue.queued()) == 1
    VolunteerOffer.objects.filter(pk=offers["øystein"].pk).update(status="accepted")
    assert task_queue.run_queue() == 1
    assert mail.outbox == []


def test_accepting_more_than_the_need_asked_for_is_refused_on_the_field(
    client, groups, offers, make_offer
):
    need = offers["åse"].need
    make_offer(need, status="accepted")
    make_offer(need, status="accepted")
    logged_in = login(client, groups["editors"])
    response = logged_in.post(edit_url(offers["åse"]), {"status": "accepted"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["status"]
    assert "2" in errors["status"][0]
    offers["åse"].refresh_from_db()
    assert offers["åse"].status == "new"


def test_garbage_status_is_an_error_on_the_field(client, groups, offers):
    logged_in = login(client, groups["editors"])
    response = logged_in.post(edit_url(offers["åse"]), {"status": "<script>"})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors


def test_nobody_adds_or_deletes_offers_here(client, groups, offers):
    logged_in = login(client, groups["editors"], groups["personal"])
    assert logged_in.get(f"{LIST}new/").status_code in (302, 403, 404)
    assert logged_in.get(f"{LIST}delete/{offers['åse'].pk}/").status_code in (302, 403, 404)
    assert VolunteerOffer.objects.count() == 3


def test_the_listing_costs_the_same_queries_for_three_offers_or_thirty(
    client, groups, offers, make_need, make_offer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    logged_in = login(client, groups["editors"], groups["personal"])
    logged_in.get(LIST)
    with CaptureQueriesContext(connection) as captured:
        assert logged_in.get(LIST).status_code == 200
    for i in range(27):
        make_offer(make_need(f"Oppdrag {i}") if i % 3 == 0 else None, name=f"Person {i}")
    with django_assert_max_num_queries(len(captured)):
        assert logged_in.get(LIST).status_code == 200
