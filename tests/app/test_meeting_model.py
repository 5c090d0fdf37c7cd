"""The meeting model: validation, calendar identity (uid, SEQUENCE), and which meetings each list
shows. The pages are in ``test_meeting_page`` and ``test_meeting_list``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from wagtail_civil.models import (
    MeetingAttendance,
    MeetingIndexPage,
    MeetingPage,
)

from .conftest import next_week_at

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def _clean(page: MeetingPage) -> None:
    """Validate as the admin form does; tree fields are set only when the page is added."""
    page.full_clean(exclude=["path", "depth"])


def _errors(page: MeetingPage) -> dict:
    with pytest.raises(ValidationError) as caught:
        _clean(page)
    return caught.value.message_dict


def _meeting(**fields) -> MeetingPage:
    start = next_week_at()
    values = {
        "title": "Dialog",
        "slug": "dialog",
        "start": start,
        "end": start + 2 * HOUR,
        "venue_name": "Folkets Hus",
    }
    values.update(fields)
    return MeetingPage(**values)


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [dt.timedelta(0), -HOUR])
def test_a_meeting_must_end_after_it_starts(length):
    start = next_week_at()
    errors = _errors(_meeting(start=start, end=start + length))
    assert list(errors) == ["end"]


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"mode": "in_person", "venue_name": ""}, "venue_name"),
        ({"mode": "hybrid", "venue_name": "", "online_url": "https://x.example/m"}, "venue_name"),
        ({"mode": "online", "venue_name": ""}, "online_url"),
        ({"mode": "hybrid"}, "online_url"),
        ({"status": "moved_online"}, "online_url"),
        ({"online_url": "ftp://example.org/meeting"}, "online_url"),
        ({"registration_kind": "external"}, "registration_url"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url"),
        ({"latitude": 91.0}, "latitude"),
        ({"longitude": -181.0}, "longitude"),
        ({"contact_email": "not an address"}, "contact_email"),
    ],
)
def test_each_rule_puts_its_error_on_the_field_to_correct(fields, field_in_error):
    assert list(_errors(_meeting(**fields))) == [field_in_error]


def test_registration_deadline_may_not_be_after_the_meeting():
    start = next_week_at()
    late = _meeting(start=start, end=start + HOUR, registration_deadline=start + 2 * HOUR)
    assert list(_errors(late)) == ["registration_deadline"]
    _clean(_meeting(start=start, end=start + HOUR, registration_deadline=start - DAY))


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_meeting_that_will_not_take_place_needs_no_place(status):
    _clean(_meeting(status=status, mode="hybrid", venue_name=""))


def test_a_complete_online_meeting_is_valid():
    _clean(_meeting(mode="online", venue_name="", online_url="https://teams.example/m/1"))


# --- uid -----------------------------------------------------------------------------------------


def test_uid_is_stable_through_drafts_and_publishing(make_meeting):
    meeting = make_meeting()
    uid = meeting.uid
    draft = _draft(meeting)
    draft.title = "Ny rubrik"
    draft.save_revision().publish()
    meeting.refresh_from_db()
    assert meeting.uid == uid
    # Publishing an old revision again restores its content, never another identity.
    meeting.revisions.order_by("created_at", "pk").first().publish()
    assert MeetingPage.objects.get(pk=meeting.pk).uid == uid


def test_every_meeting_gets_its_own_uid(make_meeting):
    assert make_meeting("Ett").uid != make_meeting("Två").uid


def test_a_copied_meeting_gets_a_new_uid_and_sequence(make_meeting, civil_site):
    original = make_meeting("Original", status="cancelled")
    assert original.sequence == 0
    original.sequence = 4
    original.save(update_fields=["sequence"])

    copy = original.copy(update_attrs={"slug": "kopia", "title": "Kopia"})

    copy = MeetingPage.objects.get(pk=copy.pk)
    assert copy.uid != original.uid
    assert copy.sequence == 0
    # The copy's revisions carry the new identity, so publishing the copy keeps it.
    copy.get_latest_revision().publish()
    published = MeetingPage.objects.get(pk=copy.pk)
    assert published.uid == copy.uid
    assert MeetingPage.objects.get(pk=original.pk).uid == original.uid


def test_an_alias_gets_its_own_uid(make_meeting, civil_site):
    original = make_meeting("Original")
    alias = original.create_alias(update_slug="alias")
    assert MeetingPage.objects.get(pk=alias.pk).uid != original.uid


def test_uid_is_not_in_the_edit_form():
    form_class = MeetingPage.get_edit_handler().get_form_class()
    assert "uid" not in form_class.base_fields
    assert "sequence" not in form_class.base_fields


# --- sequence ------------------------------------------------------------------------------------


def _draft(meeting: MeetingPage) -> MeetingPage:
    """What the editor opens: the latest revision, on an instance of its own."""
    return MeetingPage.objects.get(pk=meeting.pk).get_latest_revision_as_object()


def _stored(meeting: MeetingPage) -> MeetingPage:
    return MeetingPage.objects.get(pk=meeting.pk)


def test_saving_a_draft_never_raises_the_sequence(make_meeting):
    meeting = make_meeting()
    draft = _draft(meeting)
    draft.start += DAY
    draft.end += DAY
    draft.status = "rescheduled"
    draft.save_revision()
    stored = _stored(meeting)
    assert stored.sequence == 0
    assert stored.start == meeting.start  # the live row still holds what calendars show


def test_publishing_a_moved_meeting_raises_the_sequence_once(make_meeting):
    meeting = make_meeting()
    for days in (1, 2, 3):  # several drafts, one publish
        draft = _draft(meeting)
        draft.start = meeting.start + days * DAY
        draft.end = meeting.end + days * DAY
        revision = draft.save_revision()
    revision.publish()
    stored = _stored(meeting)
    assert stored.start == meeting.start + 3 * DAY
    assert stored.sequence == 1


@pytest.mark.parametrize(
    "change",
    [
        {"status": "cancelled"},
        {"status": "postponed"},
        {"venue_name": "Stadsbiblioteket"},
        {"mode": "hybrid", "online_url": "https://teams.example/m/1"},
    ],
)
def test_publishing_a_change_of_when_where_or_whether_raises_the_sequence(make_meeting, change):
    meeting = make_meeting()
    draft = _draft(meeting)
    for name, value in change.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    assert _stored(meeting).sequence == 1


def test_publishing_a_corrected_description_keeps_the_sequence(make_meeting):
    meeting = make_meeting()
    draft = _draft(meeting)
    draft.description = "<p>Rättat stavfel.</p>"
    draft.theme = "Ny formulering"
    draft.save_revision().publish()
    assert _stored(meeting).sequence == 0


def test_changes_before_the_first_publish_do_not_count(make_meeting):
    meeting = make_meeting(live=False)
    draft = _draft(meeting)
    draft.start += DAY
    draft.end += DAY
    draft.save_revision().publish()
    assert _stored(meeting).sequence == 0


def test_sequence_keeps_rising_with_each_published_move(make_meeting):
    meeting = make_meeting()
    for n in (1, 2):
        draft = _draft(meeting)
        draft.start += HOUR
        draft.end += HOUR
        draft.save_revision().publish()
        assert _stored(meeting).sequence == n


def test_republishing_after_unpublish_compares_with_what_was_published(make_meeting):
    meeting = make_meeting()
    meeting.unpublish()
    draft = _draft(meeting)
    draft.status = "cancelled"
    draft.save_revision().publish()
    assert _stored(meeting).sequence == 1


# --- upcoming and past ---------------------------------------------------------------------------


def _titles(queryset) -> list[str]:
    return [m.title for m in queryset]


def test_upcoming_and_past_split_by_the_end(make_meeting):
    now = timezone.now()
    make_meeting("Förra veckan", start=now - 7 * DAY)
    make_meeting("Pågår", start=now - HOUR)
    make_meeting("I morgon", start=now + DAY)
    make_meeting("Nästa vecka", start=now + 7 * DAY)
    meetings = MeetingPage.objects.for_feed()
    assert _titles(meetings.upcoming(now)) == ["Pågår", "I morgon", "Nästa vecka"]
    assert _titles(meetings.past(now)) == ["Förra veckan"]


def test_cancelled_meetings_stay_visible_for_a_while(make_meeting, settings):
    settings.WAGTAIL_CIVIL_CANCELLED_VISIBLE = dt.timedelta(days=30)
    now = timezone.now()
    make_meeting("Inställt, kommande", start=now + DAY, status="cancelled")
    make_meeting("Inställt nyss", start=now - 10 * DAY, status="cancelled")
    make_meeting("Inställt länge sedan", start=now - 40 * DAY, status="cancelled")
    make_meeting("Hölls", start=now - 10 * DAY)
    meetings = MeetingPage.objects.for_feed()
    assert _titles(meetings.upcoming(now)) == ["Inställt nyss", "Inställt, kommande"]
    assert _titles(meetings.past(now)) == ["Hölls"]
    assert "Inställt länge sedan" not in _titles(meetings.visible(now))
    assert "Hölls" in _titles(meetings.visible(now))


# --- by agreement, organisation and category -----------------------------------------------------


def test_for_agreement(make_meeting, make_agreement):
    agreement = make_agreement("ÖK Idé")
    under = make_meeting("Under ÖK", agreement=agreement)
    make_meeting("Utan överenskommelse")
    assert list(MeetingPage.objects.for_agreement(agreement)) == [under]
    assert list(MeetingPage.objects.for_agreement(agreement.pk)) == [under]


def test_for_organisation_counts_hosts_and_attendees_once(make_meeting, make_organisation):
    church = make_organisation("Svenska kyrkan")
    other = make_organisation("ABF")
    hosted = make_meeting("Värd", hosts=[church, other])
    attended = make_meeting("Deltog", hosts=[other])
    MeetingAttendance.objects.create(page=attended, organisation=church)
    MeetingAttendance.objects.create(page=hosted, organisation=church)
    make_meeting("Annat", hosts=[other])
    for key in (church, "svenska-kyrkan"):
        found = MeetingPage.objects.for_organisation(key).order_by("title")
        assert _titles(found) == ["Deltog", "Värd"]


def test_for_category_counts_tagged_meetings_and_published_hosts(
    make_meeting, make_organisation, make_category
):
    culture = make_category("Kulturföreningar")
    theatre = make_organisation("Teaterföreningen", categories=[culture])
    secret = make_organisation("Utkast", categories=[culture], live=False)
    make_meeting("Taggat", categories=[culture], hosts=[theatre])
    make_meeting("Via värd", hosts=[theatre])
    make_meeting("Via opublicerad värd", hosts=[secret])
    make_meeting("Annat")
    for key in (culture, "kulturföreningar"):
        found = MeetingPage.objects.for_category(key).order_by("title")
        assert _titles(found) == ["Taggat", "Via värd"]


# --- privacy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("restriction", ["password", "login", "groups"])
@pytest.mark.parametrize("on", ["meeting", "index"])
def test_for_feed_leaves_out_view_restricted_meetings(make_meeting, civil_site, restriction, on):
    public = make_meeting("Öppet")
    restricted_index = civil_site.home.add_child(
        instance=MeetingIndexPage(title="Internt", slug="internt")
    )
    hidden = make_meeting("Begränsat", parent=restricted_index if on == "index" else None)
    target = restricted_index if on == "index" else hidden
    view_restriction = PageViewRestriction.objects.create(
        page=target, restriction_type=restriction, password="hemligt"
    )
    if restriction == "groups":
        view_restriction.groups.add(Group.objects.create(name="Samrådet"))
    assert list(MeetingPage.objects.for_feed()) == [public]


def test_for_feed_leaves_out_drafts_and_unpublished_meetings(make_meeting):
    public = make_meeting("Publicerat")
    make_meeting("Utkast", live=False)
    make_meeting("Avpublicerat").unpublish()
    assert list(MeetingPage.objects.for_feed()) == [public]


def test_a_published_meeting_with_a_newer_draft_shows_its_published_state(make_meeting):
    meeting = make_meeting("Publicerad rubrik")
    draft = _draft(meeting)
    draft.title = "Utkastrubrik"
    draft.save_revision()
    assert _titles(MeetingPage.objects.for_feed()) == ["Publicerad rubrik"]
