"""What the calendar feeds hold: the right meetings, nothing private, in the site's language.

Every feed is read back with both ``icalendar`` and the stricter ``ical`` (tests.feedcheck).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import polib
import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone, translation
from ical.calendar_stream import IcsCalendarStream
from wagtail.models import Page, PageViewRestriction, Site

from civilsamhalle.calendar import FeedLabels
from civilsamhalle.i18n import DOMAIN, LOCALE_DIR
from civilsamhalle.model import MeetingKind
from tests.app.conftest import next_week_at
from tests.feedcheck import read_feed
from wagtail_civil.choices import MEETING_KIND_CHOICES
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.feed_words import feed_labels
from wagtail_civil.models import MeetingAttendance, MeetingIndexPage, MeetingPage

DAY = dt.timedelta(days=1)


def fetch(client, path, **headers):
    """The feed at ``path`` as ``{title: VEVENT}``, after both parsers have accepted it."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    events = read_feed(response.content, path).walk("VEVENT")
    return {_title(event): event for event in events}


def _title(event) -> str:
    return str(event["SUMMARY"])


def _draft(meeting: MeetingPage) -> MeetingPage:
    return MeetingPage.objects.get(pk=meeting.pk).get_latest_revision_as_object()


def all_feeds(civil_site) -> list[str]:
    return [feed_path("all"), feed_path("index", civil_site.meeting_index)]


# --- which meetings ------------------------------------------------------------------------------


def test_the_site_feed_holds_upcoming_and_recent_meetings_but_not_old_ones(
    client, make_meeting, settings
):
    make_meeting("Nästa vecka")
    make_meeting("Om ett år", start=next_week_at(days=365))
    make_meeting("Förra månaden", start=next_week_at(days=-30))
    make_meeting("För två år sedan", start=next_week_at(days=-730))
    assert set(fetch(client, "/calendar/all.ics")) == {"Nästa vecka", "Om ett år", "Förra månaden"}

    settings.WAGTAIL_CIVIL_FEED_PAST_DAYS = 10
    assert set(fetch(client, "/calendar/all.ics")) == {"Nästa vecka", "Om ett år"}


def test_drafts_and_unpublished_meetings_are_in_no_feed(client, make_meeting, civil_site):
    make_meeting("Publicerat")
    make_meeting("Utkast", live=False)
    make_meeting("Avpublicerat").unpublish()
    for path in all_feeds(civil_site):
        assert set(fetch(client, path)) == {"Publicerat"}


def test_an_alias_does_not_show_a_meeting_twice(client, make_meeting, civil_site):
    meeting = make_meeting("En gång")
    meeting.create_alias(update_slug="en-gang-alias")
    for path in all_feeds(civil_site):
        events = IcsCalendarStream.calendar_from_ics(client.get(path).content.decode()).events
        assert [e.summary for e in events] == ["En gång"], path


def test_a_published_meeting_shows_its_published_state_not_a_newer_draft(client, make_meeting):
    meeting = make_meeting("Publicerad rubrik")
    draft = _draft(meeting)
    draft.title = "Utkastrubrik"
    draft.save_revision()
    assert set(fetch(client, "/calendar/all.ics")) == {"Publicerad rubrik"}


@pytest.mark.parametrize("restriction", ["password", "login", "groups"])
@pytest.mark.parametrize("on", ["meeting", "index"])
def test_view_restricted_meetings_are_in_no_feed_even_for_members(
    client, make_meeting, civil_site, restriction, on
):
    public = make_meeting("Öppet")
    inner = civil_site.home.add_child(instance=MeetingIndexPage(title="Internt", slug="internt"))
    hidden = make_meeting("Begränsat", parent=inner if on == "index" else None)
    rule = PageViewRestriction.objects.create(
        page=inner if on == "index" else hidden, restriction_type=restriction, password="hemligt"
    )
    members = Group.objects.create(name="Samrådet")
    rule.groups.add(members)
    # A feed is cached publicly, so it must be the same whoever asks.
    member = User.objects.create_user("ledamot", password="x")
    member.groups.add(members)
    client.force_login(member)

    assert set(fetch(client, "/calendar/all.ics")) == {"Öppet"}
    assert set(fetch(client, feed_path("index", civil_site.meeting_index))) == {"Öppet"}
    assert client.get(f"/calendar/meeting/{hidden.pk}.ics").status_code == 404
    assert client.get(f"/calendar/meeting/{public.pk}.ics").status_code == 200
    if on == "index":
        assert client.get(f"/calendar/meetings/{inner.pk}.ics").status_code == 404


def test_the_site_feed_holds_only_this_sites_meetings(client, make_meeting, civil_site):
    make_meeting("Här")
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Grannkommun", slug="grannkommun"))
    Site.objects.create(hostname="granne.example", port=80, root_page=other_home)
    other_index = other_home.add_child(instance=MeetingIndexPage(title="Möten", slug="moten"))
    there = make_meeting("Där", parent=other_index)

    assert set(fetch(client, "/calendar/all.ics")) == {"Här"}
    assert set(fetch(client, "/calendar/all.ics", host="granne.example")) == {"Där"}
    # Another site's pages are not reachable through this site's host.
    assert client.get(f"/calendar/meetings/{other_index.pk}.ics").status_code == 404
    assert client.get(f"/calendar/meeting/{there.pk}.ics").status_code == 404


def test_a_meeting_list_feed_holds_only_its_own_meetings(client, make_meeting, civil_site):
    other = civil_site.home.add_child(instance=MeetingIndexPage(title="Samråd", slug="samrad"))
    other.save_revision().publish()
    make_meeting("Dialog")
    make_meeting("Samrådsmöte", parent=other)
    assert set(fetch(client, feed_path("index", civil_site.meeting_index))) == {"Dialog"}
    assert set(fetch(client, feed_path("index", other))) == {"Samrådsmöte"}


def test_an_agreement_feed_holds_the_meetings_held_under_it(client, make_meeting, civil_site):
    make_meeting("Uppföljning av ÖK", agreement=civil_site.agreement)
    make_meeting("Annat möte")
    assert set(fetch(client, feed_path("agreement", civil_site.agreement))) == {"Uppföljning av ÖK"}


def test_an_organisation_feed_holds_what_it_hosts_or_attends_and_survives_a_rename(
    client, make_meeting, make_organisation
):
    church = make_organisation("Svenska kyrkan")
    make_meeting("Värd", hosts=[church])
    attended = make_meeting("Deltar")
    MeetingAttendance.objects.create(page=attended, organisation=church)
    make_meeting("Inte med")
    path = feed_path("organisation", church)
    assert set(fetch(client, path)) == {"Värd", "Deltar"}

    church.name, church.slug = "Svenska kyrkan i Uddevalla", "svenska-kyrkan-uddevalla"
    church.save_revision().publish()
    assert set(fetch(client, path)) == {"Värd", "Deltar"}


def test_a_category_feed_holds_tagged_meetings_and_those_of_its_hosts(
    client, make_meeting, make_organisation, make_category
):
    culture = make_category("Kulturföreningar")
    theatre = make_organisation("Teatersällskapet", categories=[culture])
    make_meeting("Taggat", categories=[culture])
    make_meeting("Teaterns", hosts=[theatre])
    make_meeting("Idrott")
    assert set(fetch(client, feed_path("category", culture))) == {"Taggat", "Teaterns"}


def test_a_meeting_feed_holds_that_meeting_alone(client, make_meeting):
    meeting = make_meeting("Dialog om fritid")
    make_meeting("Annat")
    events = fetch(client, feed_path("meeting", meeting))
    assert list(events) == ["Dialog om fritid"]
    assert str(events["Dialog om fritid"]["UID"]).startswith(str(meeting.uid))


# --- changes reach calendars --------------------------------------------------------------------


def test_a_cancelled_meeting_stays_marked_with_a_raised_sequence(client, make_meeting):
    meeting = make_meeting("Dialog om lokaler")
    before = fetch(client, "/calendar/all.ics")["Dialog om lokaler"]
    draft = _draft(meeting)
    draft.status = "cancelled"
    draft.save_revision().publish()

    events = fetch(client, "/calendar/all.ics")
    assert list(events) == ["Inställt: Dialog om lokaler"]
    event = events["Inställt: Dialog om lokaler"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == before["UID"]
    assert int(event["SEQUENCE"]) > int(before["SEQUENCE"])


def test_a_meeting_cancelled_long_ago_leaves_the_feeds(client, make_meeting, settings):
    make_meeting("Nyss inställt", start=next_week_at(days=-5), status="cancelled")
    make_meeting("Länge sedan inställt", start=next_week_at(days=-100), status="cancelled")
    make_meeting("Hölls", start=next_week_at(days=-100))
    titles = set(fetch(client, "/calendar/all.ics"))
    assert titles == {"Inställt: Nyss inställt", "Hölls"}


def test_a_moved_meeting_keeps_its_uid_and_raises_sequence_by_one(client, make_meeting):
    meeting = make_meeting("Flyttat möte")
    before = fetch(client, "/calendar/all.ics")["Flyttat möte"]
    draft = _draft(meeting)
    draft.start += 2 * DAY
    draft.end += 2 * DAY
    draft.save_revision().publish()

    after = fetch(client, "/calendar/all.ics")["Flyttat möte"]
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + 2 * DAY


def test_every_tzid_of_a_feed_across_daylight_saving_has_its_vtimezone(client, make_meeting):
    winter = timezone.make_aware(dt.datetime(timezone.now().year + 1, 1, 15, 18))
    summer = timezone.make_aware(dt.datetime(timezone.now().year + 1, 7, 15, 18))
    make_meeting("Vinter", start=winter)
    make_meeting("Sommar", start=summer)
    events = fetch(client, "/calendar/all.ics")  # fetch() checks every TZID
    assert events["Vinter"]["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert events["Sommar"].decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)


# --- language ------------------------------------------------------------------------------------


def test_feed_words_follow_the_requests_language(client, make_meeting):
    make_meeting("Möte", status="cancelled")
    norwegian = FeedLabels.for_language("nb").cancelled
    assert norwegian != FeedLabels().cancelled  # the core catalogue has Bokmål

    response = client.get("/calendar/all.ics", headers={"accept-language": "nb"})
    assert response["Content-Language"] == "nb"
    assert set(fetch(client, "/calendar/all.ics", accept_language="nb")) == {f"{norwegian}: Möte"}
    assert set(fetch(client, "/calendar/all.ics", accept_language="en")) == {"Cancelled: Möte"}
    assert set(fetch(client, "/calendar/all.ics")) == {"Inställt: Möte"}  # LANGUAGE_CODE sv


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_every_feed_word_is_translated_once_in_the_cores_catalogue(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"))
    translated = {entry.msgid for entry in catalogue if entry.msgstr and not entry.fuzzy}
    words = {field.name: field.default for field in fields(FeedLabels)}
    assert {name for name, word in words.items() if word in translated} == set(words)


def test_a_kind_of_meeting_has_the_same_name_in_the_admin_and_in_the_feed():
    for language in ("en", "sv", "nb"):
        with translation.override(language):
            labels = feed_labels()
            names = {value: str(label) for value, label in MEETING_KIND_CHOICES}
        assert names == {kind.value: labels.kind(kind) for kind in MeetingKind}, language


def test_a_sites_own_catalogue_changes_a_feed_word(settings, tmp_path):
    """A municipality that says "Inställd" puts it in its LOCALE_PATHS, context "calendar feed"."""
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgctxt="calendar feed", msgid="Cancelled", msgstr="Inställd"))
    (tmp_path / "sv" / "LC_MESSAGES").mkdir(parents=True)
    catalogue.save_as_mofile(str(tmp_path / "sv" / "LC_MESSAGES" / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path)]

    labels = feed_labels("sv")
    assert labels.cancelled == "Inställd"
    assert labels.postponed == FeedLabels.for_language("sv").postponed == "Uppskjutet"


def test_one_meeting_the_domain_rejects_does_not_take_the_feed_down(client, make_meeting):
    make_meeting("Fungerar")
    broken = make_meeting("Trasig")
    MeetingPage.objects.filter(pk=broken.pk).update(kind="no-such-kind")
    assert set(fetch(client, "/calendar/all.ics")) == {"Fungerar"}
