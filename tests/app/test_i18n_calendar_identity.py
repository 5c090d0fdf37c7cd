"""A meeting's translations are one event in calendars: the same UID; a copy is a new event."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app.i18n import *  # noqa: F403 (the fixtures)
from wagtail_civil.models import MeetingPage

pytestmark = pytest.mark.django_db


def test_a_translation_keeps_the_uid_and_the_sequence(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    meeting.sequence = 3
    meeting.save(update_fields=["sequence"])
    english = two_languages.translate(meeting, title="Dialogue on premises for associations")
    assert english.pk != meeting.pk and english.locale.language_code == "en"
    assert english.uid == meeting.uid
    assert english.sequence == 3


def test_a_copy_in_the_same_tree_is_a_new_event(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    copy = meeting.copy(update_attrs={"slug": "dialog-kopia", "title": "Kopia"})
    assert copy.uid != meeting.uid
    assert MeetingPage.objects.filter(uid=meeting.uid).count() == 1


def test_an_alias_is_a_new_event(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    alias = meeting.create_alias(update_slug="dialog-alias")
    assert alias.uid != meeting.uid


def test_each_translation_raises_its_own_sequence_when_its_time_moves(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    english = two_languages.translate(meeting, title="Dialogue on premises")
    english.start += dt.timedelta(hours=1)
    english.end += dt.timedelta(hours=1)
    english.save_revision().publish()
    english.refresh_from_db()
    meeting.refresh_from_db()
    assert (english.uid, english.sequence) == (meeting.uid, 1)
    assert meeting.sequence == 0  # the Swedish page is published when its editor moves it too


def test_a_draft_save_of_a_translation_keeps_uid_and_sequence(two_languages, make_meeting):
    meeting = make_meeting("Dialog om föreningslokaler")
    english = two_languages.translate(meeting, title="Dialogue on premises")
    english.title = "Dialogue on premises (draft)"
    english.save_revision()
    english.refresh_from_db()
    assert (english.uid, english.sequence) == (meeting.uid, 0)


def test_an_import_updates_the_meeting_of_its_own_locale(two_languages, make_meeting):
    """Re-importing the Swedish data file must not write Swedish words on the English page."""
    from civilsamhalle.model import Dataset
    from wagtail_civil.importing import import_dataset

    meeting = make_meeting("Dialog om föreningslokaler")
    english = two_languages.translate(meeting, title="Dialogue on premises")
    spec = meeting.to_domain().model_copy(update={"title": "Dialog om lokaler"})
    import_dataset(Dataset(meetings=(spec,)), two_languages.swedish.home, publish=True)
    meeting.refresh_from_db()
    english.refresh_from_db()
    assert meeting.title == "Dialog om lokaler"
    assert english.title == "Dialogue on premises"
