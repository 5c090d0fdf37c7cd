"""Marking who came fills the meeting's attendance, but never over what an editor typed by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail_civil.models import MeetingAttendance, MeetingPage, Registration
from wagtail_civil.registration.admin_attendance import FiguresSaved, record_attendance
from wagtail_civil.registration.seats import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def stormote(make_signup_meeting: Any) -> MeetingPage:
    return make_signup_meeting(registration_capacity=10)


@pytest.fixture
def people(stormote, make_organisation) -> dict[str, Any]:
    pro = make_organisation("PRO Ulricehamn")
    made = {"pro": pro, "oasen": make_organisation("Equmeniakyrkan Oasen")}
    for i, (name, organisation) in enumerate(
        [("Åsa Öberg", pro), ("Märta Ågren", pro), ("Björn Lindström", None)]
    ):
        made[name] = register(
            stormote,
            name=name,
            email=f"person{i}@example.se",
            organisation=organisation,
            organisation_name="" if organisation else "Föreningen Hjärtat",
        ).registration
    return made


def _mark(meeting, user, people, **came: bool) -> MeetingPage:
    marks = {people[name.replace("_", " ")].pk: value for name, value in came.items()}
    fresh = MeetingPage.objects.get(pk=meeting.pk)  # as the admin's view loads it
    assert record_attendance(fresh, marks, user) is FiguresSaved.PUBLISHED
    return MeetingPage.objects.get(pk=meeting.pk)


def _names(page: MeetingPage) -> list[str]:
    return [row.organisation.name for row in page.attending_organisations.all()]


def test_blank_figures_are_filled_and_follow_later_marking(stormote, people, admin_user):
    page = _mark(stormote, admin_user, people, Åsa_Öberg=True, Björn_Lindström=True)
    assert (page.attendance_people, page.attendance_organisations) == (2, 2)
    assert _names(page) == ["PRO Ulricehamn"]
    page = _mark(stormote, admin_user, people, Åsa_Öberg=False)
    assert (page.attendance_people, page.attendance_organisations) == (1, 1)
    assert _names(page) == []


def test_figures_typed_by_hand_are_kept(stormote, people, admin_user):
    stormote.attendance_people = 17
    stormote.attendance_organisations = 12
    stormote.save_revision().publish()
    page = _mark(stormote, admin_user, people, Åsa_Öberg=True, Björn_Lindström=True)
    assert (page.attendance_people, page.attendance_organisations) == (17, 12)
    assert _names(page) == ["PRO Ulricehamn"]  # the register's row is still added


def test_a_figure_the_marking_wrote_and_the_editor_left_alone_follows_it(
    stormote, people, admin_user
):
    page = _mark(stormote, admin_user, people, Åsa_Öberg=True)
    assert page.attendance_people == 1
    page.attendance_organisations = 5  # the editor corrects one figure by hand
    page.save_revision().publish()
    page = _mark(stormote, admin_user, people, Märta_Ågren=True)
    assert (page.attendance_people, page.attendance_organisations) == (2, 5)


def test_an_organisation_ticked_by_hand_stays_when_nobody_from_it_is_marked(
    stormote, people, admin_user
):
    stormote.attending_organisations = [
        MeetingAttendance(organisation=people["oasen"]),
        MeetingAttendance(organisation=people["pro"]),
    ]
    stormote.save_revision().publish()
    page = _mark(stormote, admin_user, people, Åsa_Öberg=False, Märta_Ågren=False)
    assert _names(page) == ["Equmeniakyrkan Oasen", "PRO Ulricehamn"]


def test_the_editor_is_told_which_figure_was_kept(client, stormote, people, admin_user):
    stormote.attendance_people = 79
    stormote.save_revision().publish()
    client.force_login(admin_user)
    url = reverse("wagtail_civil_registrations:attendance", args=[stormote.pk])
    data = {f"attended_{people['Åsa Öberg'].pk}": "on"}
    with translation.override("sv"):
        response = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="sv")
        expected = gettext(
            "The meeting page keeps the %(typed)s people typed by hand rather than the "
            "%(people)s marked here: change it on the page if it is wrong."
        ) % {"typed": 79, "people": 1}
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert Registration.objects.get(pk=people["Åsa Öberg"].pk).attended is True
    assert MeetingPage.objects.get(pk=stormote.pk).attendance_people == 79
