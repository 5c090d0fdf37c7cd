"""Each error in the admin says what is wrong with what was typed, in the editor's language.

A value that was typed but is wrong must never be answered with the message for a missing one
("an online meeting needs the link…" next to the link the editor just typed), and the message
quotes what was typed, so the editor sees which of several fields to correct and how.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from wagtail_civil.models import MeetingPage, Organisation

pytestmark = pytest.mark.django_db

SCHEME = "Only http and https links can be used: “%(value)s” is a “%(scheme)s:” link."
LINK_MISSING = "An online meeting needs the link participants join by."


def swedish(message: str, **params: str) -> str:
    with translation.override("sv"):
        text = gettext(message)
    return text % params if params else text


def meeting_form(editor, civil_site, **values: str):
    url = f"/admin/pages/add/wagtail_civil/meetingpage/{civil_site.meeting_index.pk}/"
    response = editor.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Digital dialog om fritid",
            "slug": "digital-dialog",
            "start": "2030-03-14 17:00",
            "end": "2030-03-14 19:00",
            "description": rich_text("<p>Välkomna!</p>"),
            **values,
        }
    )
    data["action-publish"] = "action-publish"
    return url, data


def test_a_javascript_link_is_named_as_such_on_its_field_and_kept(editor, civil_site):
    url, data = meeting_form(editor, civil_site, mode="online", online_url="javascript:alert(9)")

    response = editor.post(url, data)

    assert response.status_code == 200
    form = response.context["form"]
    expected = swedish(SCHEME, value="javascript:alert(9)", scheme="javascript")
    assert expected.startswith("Bara http- och https-länkar kan användas")
    assert form.errors["online_url"] == [expected]
    assert list(form.errors) == ["online_url"]
    html = response.content.decode()
    assert expected in html  # shown to the editor, on the page
    assert swedish(LINK_MISSING) not in html
    field = form["online_url"]
    assert field.value() == "javascript:alert(9)"
    assert 'value="javascript:alert(9)"' in html
    assert not MeetingPage.objects.exists()


def test_an_online_meeting_without_a_link_is_told_it_is_missing(editor, civil_site):
    url, data = meeting_form(editor, civil_site, mode="online", online_url="")
    response = editor.post(url, data)
    assert response.context["form"].errors["online_url"] == [swedish(LINK_MISSING)]


@pytest.mark.parametrize(
    ("field", "typed", "message", "params"),
    [
        ("registration_url", "mailto:anmalan@example.org", SCHEME, {"scheme": "mailto"}),
        ("online_url", "https:///mote", "“%(value)s” has no web address after “%(scheme)s://”.",
         {"scheme": "https"}),
    ],
)  # fmt: skip
def test_every_link_field_names_the_mistake(editor, civil_site, field, typed, message, params):
    url, data = meeting_form(
        editor, civil_site, mode="online", online_url="https://meet.example.org/d",
        registration_kind="external", registration_url="https://example.org/anmalan",
        venue_name="",
    )  # fmt: skip
    data[field] = typed
    response = editor.post(url, data)
    errors = response.context["form"].errors
    assert errors[field] == [swedish(message, value=typed, **params)]
    assert list(errors) == [field]


def test_a_venue_that_is_too_long_is_not_called_missing(editor, civil_site):
    url, data = meeting_form(editor, civil_site, mode="in_person", venue_name="S" * 300)
    errors = editor.post(url, data).context["form"].errors
    assert list(errors) == ["venue_name"]
    assert swedish("Say where the meeting is held, or choose “Online”.") not in errors["venue_name"]


def test_a_website_error_quotes_what_was_typed(editor):
    add = "/admin/snippets/wagtail_civil/organisation/add/"
    html = editor.get(add).content.decode()
    index = next(
        i for i in range(html.count("<form"))
        if "organisation_number" in str(querydict_from_html(html, form_index=i))
    )  # fmt: skip
    data = querydict_from_html(html, form_index=index)
    data.update({"name": "Bäve församling", "website": "javascript:alert(9)"})
    data["action-publish"] = "action-publish"
    response = editor.post(add, data)
    assert response.context["form"].errors["website"] == [
        swedish(SCHEME, value="javascript:alert(9)", scheme="javascript")
    ]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("typed", "country", "message", "params"),
    [
        ("212000-159", "SE", "“%(value)s” has %(count)s digits; a Swedish organisation number "
         "has ten, written NNNNNN-NNNN.", {"count": "9"}),
        ("920 697 14", "NO", "“%(value)s” has %(count)s digits; a Norwegian organisation number "
         "has nine.", {"count": "8"}),
        ("21200O-1595", "SE", "“%(value)s” may contain only digits, spaces and a hyphen.", {}),
    ],
)  # fmt: skip
def test_organisation_number_messages_quote_the_number(typed, country, message, params):
    from wagtail_civil.validators import validate_organisation_number

    with translation.override("nb"), pytest.raises(Exception) as caught:
        validate_organisation_number(typed, country)
    with translation.override("nb"):
        assert caught.value.messages == [gettext(message) % {"value": typed, **params}]
        assert typed in caught.value.messages[0]


def test_the_form_field_judges_a_link_as_typed() -> None:
    from wagtail_civil.validators import HttpUrlFormField

    field = HttpUrlFormField(required=False, assume_scheme="https")
    assert field.to_python(" javascript:alert(9) ") == "javascript:alert(9)"
    assert field.to_python("www.example.org") == "https://www.example.org"
    assert field.clean("https://example.org/mote") == "https://example.org/mote"


def test_the_admin_and_the_core_judge_where_a_meeting_is_alike(make_meeting):
    """One set of rules: a meeting the admin accepts is one a data file may hold, and back."""
    import itertools

    from django.core.exceptions import ValidationError as DjangoValidationError
    from pydantic import ValidationError as PydanticValidationError

    page = make_meeting(live=False)
    statuses = ("scheduled", "moved_online", "cancelled", "postponed")
    for mode, status, venue, link in itertools.product(
        ("in_person", "online", "hybrid"), statuses, ("", "Folkets Hus"), ("", "https://m.se/x")
    ):
        page.mode, page.status, page.venue_name, page.online_url = mode, status, venue, link
        try:
            page.clean()
            admin = set()
        except DjangoValidationError as exc:
            admin = set(exc.error_dict)
        try:
            page.to_domain()
            core = set()
        except PydanticValidationError as exc:
            core = {".".join(map(str, e["loc"])) for e in exc.errors()}
        core = {"venue_name" if f == "venue" else f for f in core}
        assert admin == core, (mode, status, venue, link)
