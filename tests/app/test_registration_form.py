"""The registration form on a meeting page: signing up, and every bad input of issue 8 refused
clearly on the form, with what was typed kept and nothing saved.

Posted as the load benchmark and a browser do (the POST contract in docs/registration.md):
to the meeting page's own address, answered 303 to the personal page, 200 with the form again,
or 429.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.app.conftest import next_week_at, publish
from tests.app.page_html import assert_well_formed_page, parse
from wagtail_civil.checks import check_settings
from wagtail_civil.models import MeetingPage, Registration
from wagtail_civil.registration import seats
from wagtail_civil.registration.page_form import attempts_key
from wagtail_civil.registration.tokens import read_token

pytestmark = pytest.mark.django_db

PERSONAL = re.compile(r"^/registrations/[^/]+/$")


CLIENTS = ("127.0.0.1", "192.0.2.7")  # the test client's address, and another


def forget_attempts(meeting: MeetingPage) -> MeetingPage:
    """The rate limit counts in Django's cache, which outlives each test's transaction (and a
    meeting's id may come again); only these keys are deleted, the cache may be shared."""
    cache.delete_many([attempts_key(meeting.pk, address) for address in CLIENTS])
    return meeting


@pytest.fixture
def stormote(make_meeting: Any) -> MeetingPage:
    return forget_attempts(
        make_meeting(
            "Stormöte om digitalt utanförskap",
            registration_kind="built_in",
            registration_capacity=2,
            registration_waitlist=True,
            registration_ask_phone=True,
            registration_phone_reason="Så att vi kan nå dig om mötet flyttas.",
            registration_ask_access_needs=True,
            registration_ask_dietary_needs=True,
            registration_privacy="Uddevalla kommun behandlar dina uppgifter för att ordna mötet.",
            registration_deadline=next_week_at(hour=12, days=5),
        )
    )


def typed(**fields: str) -> dict[str, str]:
    data = {"name": "Åsa Öberg", "email": "asa@example.se", "consent": "on", "website": ""}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def form_of(response: Any) -> BeautifulSoup:
    assert response.status_code in (200, 429), response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", class_="civil-registration-form")
    assert form is not None, "no registration form on the page"
    return form


def summary_of(response: Any) -> Any:
    summary = BeautifulSoup(response.content.decode(), "html.parser").find(
        class_="civil-error-summary"
    )
    assert summary is not None and summary["role"] == "alert"
    return summary


def assert_error_on(form: BeautifulSoup, summary: Any, name: str) -> str:
    """The field is marked invalid, described by its error, and linked from the summary."""
    control = form.find(attrs={"name": name})
    assert control.get("aria-invalid") == "true", control
    error_id = f"registration-{name}-error"
    assert error_id in control["aria-describedby"].split()
    assert summary.find("a", href=f"#registration-{name}"), summary
    return form.find(id=error_id).get_text(" ", strip=True)


# --- the page -----------------------------------------------------------------------------------


def test_the_form_asks_what_the_meeting_asks(client, stormote, make_organisation):
    make_organisation("Röda Korset Uddevallakretsen")
    make_organisation("Hemlig förening", live=False)
    response = client.get(stormote.url)
    soup = parse(response)
    assert_well_formed_page(soup)
    form = form_of(response)
    assert form["method"] == "post" and form["action"].startswith(stormote.url)
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    fields = {c["name"]: c for c in form.find_all(["input", "select", "textarea"])}
    # WCAG 1.3.5: the purpose of each field about the person, for autofill and assistive tools.
    assert fields["name"]["autocomplete"] == "name" and fields["name"]["maxlength"] == "200"
    assert fields["email"]["autocomplete"] == "email" and fields["email"]["type"] == "email"
    assert fields["email"]["maxlength"] == "254"
    assert fields["organisation_name"]["autocomplete"] == "organization"
    assert fields["organisation_name"]["maxlength"] == "255"
    assert fields["phone"]["autocomplete"] == "tel" and fields["phone"]["maxlength"] == "50"
    assert fields["access_needs"]["maxlength"] == fields["dietary_needs"]["maxlength"] == "1000"
    assert "required" in fields["name"].attrs and "required" in fields["consent"].attrs
    # The register's published organisations, a draft left out.
    options = [o.get_text(strip=True) for o in fields["organisation"].find_all("option")]
    assert "Röda Korset Uddevallakretsen" in options and "Hemlig förening" not in options
    # The honeypot is out of the tab order and hidden from screen readers.
    assert fields["website"]["tabindex"] == "-1" and fields["website"]["autocomplete"] == "off"
    assert fields["website"].find_parent(class_="civil-honeypot")["aria-hidden"] == "true"
    text = form.get_text(" ", strip=True)
    assert "Så att vi kan nå dig om mötet flyttas." in text  # why the phone number is asked
    phone_help = form.find(id="registration-phone-help")
    assert fields["phone"]["aria-describedby"] == "registration-phone-help" and phone_help
    assert "Uddevalla kommun behandlar dina uppgifter" in text
    assert "90 dagar efter mötet" in text  # the retention, from the setting's default
    state = soup.find(class_="civil-registration-state").get_text(" ", strip=True)
    assert state == "2 platser kvar."


def test_questions_not_asked_are_not_on_the_form(client, make_meeting):
    meeting = make_meeting(
        "Samråd", registration_kind="built_in", registration_ask_organisation=False
    )
    form = form_of(client.get(meeting.url))
    names = {c["name"] for c in form.find_all(["input", "select", "textarea"])}
    assert names == {"csrfmiddlewaretoken", "name", "email", "consent", "website"}
    assert "Ingen platsbegränsning." in client.get(meeting.url).content.decode()


@pytest.mark.parametrize("days", [30, 1])
def test_the_privacy_text_names_the_retention_setting(client, stormote, settings, days):
    settings.WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS = days
    text = form_of(client.get(stormote.url)).get_text(" ", strip=True)
    word = "dag" if days == 1 else "dagar"
    assert f"{days} {word} efter mötet" in text


@pytest.mark.parametrize("days", ["90 dagar", -1, 1.5])
def test_a_wrong_retention_setting_does_not_take_the_page_down(client, stormote, settings, days):
    """manage.py check warns (W003) and erasing refuses; the page still takes registrations and
    says nothing it cannot be sure of about how long data is kept."""
    settings.WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS = days
    response = client.get(stormote.url)
    assert response.status_code == 200
    text = form_of(response).get_text(" ", strip=True)
    assert "efter mötet" not in text and "via länken du får i e-post" in text


def test_a_page_with_the_form_is_never_cached(client, stormote, dialogue):
    response = client.get(stormote.url)
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control, cache_control
    # The external link's page is unchanged: no form, no new headers.
    external = client.get(dialogue["meeting"].url)
    assert "Cache-Control" not in external
    assert not parse(external).find("form", class_="civil-registration-form")


def test_get_query_count(client, stormote, make_organisation, django_assert_max_num_queries):
    """The form adds four queries to the meeting page (24 without it): the seats taken, the
    view-restriction check (two) and the register's names, however long the register is."""
    client.get(stormote.url)  # Wagtail caches the site's root paths
    for names in (("PRO Uddevalla", "SPF Seniorerna"), ("Bäve IF", "Ørje IL", "Åsa BK", "Röda")):
        for name in names:
            make_organisation(name)
        with django_assert_max_num_queries(28):
            assert client.get(stormote.url).status_code == 200


# --- signing up ---------------------------------------------------------------------------------


def test_sign_up_redirects_to_the_personal_page(client, stormote, make_organisation):
    red_cross = make_organisation("Röda Korset Uddevallakretsen")
    response = client.post(
        stormote.url,
        typed(
            organisation=str(red_cross.pk),
            phone="0522-69 60 00",
            access_needs="Rullstolsplats",
            dietary_needs="Laktosfri",
        ),
    )
    assert response.status_code == 303
    assert PERSONAL.match(response["Location"]), response["Location"]
    registration = Registration.objects.get()
    assert read_token(response["Location"].split("/")[2]) == registration
    assert (registration.name, registration.email, registration.status) == (
        "Åsa Öberg",
        "asa@example.se",
        "confirmed",
    )
    assert registration.organisation == red_cross and registration.organisation_name == ""
    assert (registration.phone, registration.access_needs, registration.dietary_needs) == (
        "0522-69 60 00",
        "Rullstolsplats",
        "Laktosfri",
    )
    assert registration.language == "sv" and registration.source == "web"
    assert registration.consented_at is not None
    # The outcome is said on the personal page, as a status message.
    page = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser")
    status = page.find(attrs={"role": "status"}).get_text(" ", strip=True)
    assert status.startswith("Du är anmäld.")


def test_norwegian_names_and_a_typed_organisation(client, stormote, make_organisation):
    make_organisation("Røde Kors Halden")
    response = client.post(
        stormote.url,
        typed(name="  Øystein   Ærø ", email="Oy@Example.NO", organisation_name="Halden Bygdelag"),
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.name == "Øystein Ærø"
    assert registration.email_key == "oy@example.no" and registration.language == "nb"
    assert registration.organisation is None and registration.organisation_name == "Halden Bygdelag"


def test_a_typed_name_in_the_register_links_the_organisation(client, stormote, make_organisation):
    pro = make_organisation("PRO Uddevalla")
    client.post(stormote.url, typed(organisation_name="pro uddevalla"))
    registration = Registration.objects.get()
    assert registration.organisation == pro and registration.organisation_name == ""


def test_seats_then_the_waitlist_in_words(client, stormote):
    for n, name in enumerate(("Åsa Öberg", "Märta Ågren")):
        client.post(stormote.url, typed(name=name, email=f"p{n}@example.se"))
    page = client.get(stormote.url)
    soup = parse(page)
    assert soup.find(class_="civil-registration-state").get_text(strip=True) == (
        "Fullt – du kan ställa dig i kö."
    )
    assert form_of(page).find("button").get_text(strip=True) == "Ställ dig i kön"
    response = client.post(stormote.url, typed(name="Øystein Ærø", email="oy@example.no"))
    assert response.status_code == 303
    assert Registration.objects.get(name="Øystein Ærø").status == "waitlisted"
    status = parse(client.get(response["Location"])).find(attrs={"role": "status"})
    assert "kö" in status.get_text()


@pytest.mark.parametrize("second", ["asa@example.se", " ASA@example.SE "])
def test_the_same_email_twice_shows_the_first_registration(client, stormote, second):
    first = client.post(stormote.url, typed())
    again = client.post(stormote.url, typed(name="Åsa Ö.", email=second))
    assert again.status_code == 303
    token = again["Location"].split("/")[2]
    assert read_token(token) == read_token(first["Location"].split("/")[2]) is not None
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Åsa Öberg"  # unchanged
    status = parse(client.get(again["Location"])).find(attrs={"role": "status"})
    assert "redan anmält dig" in status.get_text()


# --- bad input ----------------------------------------------------------------------------------

TOO_LONG = {
    "name": "Å" * 201,
    "email": "a" * 244 + "@example.se",  # 255 characters
    "organisation_name": "Föreningen " + "ö" * 245,
    "phone": "0" * 51,
    "access_needs": "ä" * 1001,
    "dietary_needs": "ø" * 1001,
}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "asa.example.se"}, "email", "Ange en e-postadress som namn@example.se."),
        ({"email": "åsa@"}, "email", "Ange en e-postadress som namn@example.se."),
        ({"email": ""}, "email", "Skriv din e-postadress."),
        ({"name": "   "}, "name", "Skriv ditt namn."),
        ({"consent": None}, "consent", "Kryssa i rutan"),
        ({"phone": "ring mig"}, "phone", "Skriv ett telefonnummer med siffror"),
        ({"organisation": "abc"}, "organisation", "Välj en organisation i listan"),
        ({"organisation": "999999"}, "organisation", "Välj en organisation i listan"),
        *[({name: value}, name, "som mest") for name, value in TOO_LONG.items()],
    ],
)
def test_bad_input_is_shown_at_the_field(client, stormote, fields, field, message):
    data = typed(**fields)
    response = client.post(stormote.url, data)
    assert response.status_code == 200
    form = form_of(response)
    error = assert_error_on(form, summary_of(response), field)
    assert message in error, error
    assert not Registration.objects.exists()
    # What was typed stays (the page's language is Swedish).
    for name, value in data.items():
        if name in ("website", "consent", "organisation") or name == field:
            continue
        control = form.find(attrs={"name": name})
        kept = control.get_text() if control.name == "textarea" else control.get("value", "")
        assert kept.strip() == value.strip(), name


def test_errors_are_in_the_pages_language(client, stormote):
    data = typed(email="fel", consent=None)
    swedish = client.post(stormote.url, data)
    norwegian = client.post(stormote.url, data, HTTP_ACCEPT_LANGUAGE="nb")
    assert_well_formed_page(parse(swedish))  # ids unique, every aria-describedby target there
    assert "Ange en e-postadress" in summary_of(swedish).get_text()
    assert "Din anmälan skickades inte" in summary_of(swedish).get_text()
    nb = summary_of(norwegian).get_text()
    assert "Skriv inn en e-postadresse" in nb and "Påmeldingen din ble ikke sendt" in nb
    assert 'lang="nb"' in norwegian.content.decode()


def test_a_draft_organisation_cannot_be_chosen(client, stormote, make_organisation):
    draft = make_organisation("Hemlig förening", live=False)
    response = client.post(stormote.url, typed(organisation=str(draft.pk)))
    assert_error_on(form_of(response), summary_of(response), "organisation")
    assert not Registration.objects.exists()


def test_chosen_and_typed_organisations_that_differ(client, stormote, make_organisation):
    pro = make_organisation("PRO Uddevalla")
    response = client.post(
        stormote.url, typed(organisation=str(pro.pk), organisation_name="SPF Seniorerna")
    )
    assert "PRO Uddevalla" in assert_error_on(
        form_of(response), summary_of(response), "organisation_name"
    )
    assert not Registration.objects.exists()


def test_the_honeypot_filled_saves_nothing(client, stormote):
    response = client.post(stormote.url, typed(website="https://spam.example.com"))
    assert response.status_code == 200
    summary = summary_of(response).get_text(" ", strip=True)
    assert "Lämna det här fältet tomt" in summary
    assert not Registration.objects.exists()
    assert form_of(response).find(attrs={"name": "name"})["value"] == "Åsa Öberg"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_opens": "later"}, "Anmälan har inte öppnat än."),
        ({"registration_deadline": "passed"}, "Anmälan har stängt."),
        ({"status": "cancelled"}, "Mötet är inställt"),
        ({"registration_capacity": 0}, "Alla platser är tagna och det finns ingen kö."),
    ],
)
def test_a_refusal_is_said_on_the_form(client, stormote, fields, message):
    """The state changed between the GET and the POST: refused with the reason, typed values
    kept, nothing saved."""
    if "registration_opens" in fields:
        stormote.registration_opens = timezone.now() + dt.timedelta(days=1)
    elif "registration_deadline" in fields:
        stormote.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    elif "status" in fields:
        stormote.status = "cancelled"
    else:
        stormote.registration_capacity, stormote.registration_waitlist = 1, False
        seats.register(stormote, name="Märta Ågren", email="marta@example.se")
    before = Registration.objects.count()
    publish(stormote)
    response = client.post(stormote.url, typed(name="Øystein Ærø", email="oy@example.no"))
    assert response.status_code == 200
    assert message in summary_of(response).get_text(" ", strip=True)
    assert form_of(response).find(attrs={"name": "name"})["value"] == "Øystein Ærø"
    assert Registration.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_opens": dt.timedelta(days=1)}, "Anmälan öppnar"),
        ({"registration_deadline": -dt.timedelta(minutes=1)}, "Anmälan har stängt."),
        ({"status": "cancelled"}, "Mötet är inställt."),
        ({"status": "postponed"}, "uppskjutet"),
        ({"registration_capacity": 1, "registration_waitlist": False}, "Fullt."),
    ],
)
def test_the_state_in_words_and_no_form_when_closed(client, make_meeting, fields, state):
    now = timezone.now()
    values = {k: now + v if isinstance(v, dt.timedelta) else v for k, v in fields.items()}
    meeting = make_meeting("Stormöte", registration_kind="built_in", **values)
    if "registration_capacity" in fields:
        seats.register(meeting, name="Märta Ågren", email="marta@example.se")
    soup = parse(client.get(meeting.url))
    assert state in soup.find(class_="civil-registration-state").get_text(" ", strip=True)
    assert not soup.find("form", class_="civil-registration-form")


def test_a_private_meeting_takes_no_registration(client, stormote, admin_user):
    PageViewRestriction.objects.create(page=stormote, restriction_type="login")
    client.force_login(admin_user)
    response = client.post(stormote.url, typed())
    assert response.status_code == 200
    assert not Registration.objects.exists()
    client.logout()
    assert client.post(stormote.url, typed()).status_code == 302  # to the login page
    assert not Registration.objects.exists()


def test_a_draft_meeting_takes_no_registration(client, make_meeting):
    draft = make_meeting("Utkast", registration_kind="built_in", live=False)
    response = client.post(f"{draft.get_parent().url}{draft.slug}/", typed())
    assert response.status_code == 404
    assert not Registration.objects.exists()


# --- abuse --------------------------------------------------------------------------------------


def test_the_rate_limit_answers_429(client, stormote, settings):
    settings.WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT = (2, 600)
    assert client.post(stormote.url, typed(email="fel")).status_code == 200
    assert client.post(stormote.url, typed(email="fel")).status_code == 200
    response = client.post(stormote.url, typed())
    assert response.status_code == 429 and response["Retry-After"] == "600"
    assert "Vänta 10 minuter" in summary_of(response).get_text()
    assert form_of(response).find(attrs={"name": "name"})["value"] == "Åsa Öberg"
    assert not Registration.objects.exists()
    # Another client is not held up by this one, and a GET is never counted.
    assert client.get(stormote.url).status_code == 200
    other = client.post(stormote.url, typed(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


def test_no_rate_limit_when_switched_off(client, stormote, settings):
    settings.WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT = None
    for n in range(12):
        assert client.post(stormote.url, typed(email=f"p{n}@example.se")).status_code == 303


def test_csrf_is_enforced_on_the_form(stormote):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(stormote.url, typed()).status_code == 403
    assert not Registration.objects.exists()
    page = browser.get(stormote.url)
    token = form_of(page).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = browser.post(stormote.url, {**typed(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("limit", [10, (10,), (0, 600), ("ten", 600), "10/600"])
def test_a_malformed_rate_limit_is_reported_by_check(limit):
    with override_settings(WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT=limit):
        assert "wagtail_civil.E003" in [m.id for m in check_settings(None)]


@pytest.mark.parametrize("limit", [None, (10, 600), [3, 60]])
def test_a_good_rate_limit_passes_check(limit):
    with override_settings(WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT=limit):
        assert "wagtail_civil.E003" not in [m.id for m in check_settings(None)]


def test_the_preview_of_a_meeting_being_added_shows_the_form(rf, civil_site, admin_user):
    """An editor sees the form before the page has an id or an address, and with seats."""
    from tests.app.test_preview import _unsaved_child

    start = next_week_at()
    page = MeetingPage(
        title="Nytt stormöte",
        slug="nytt-stormote",
        start=start,
        end=start + dt.timedelta(hours=2),
        venue_name="Folkets Hus",
        registration_kind="built_in",
        registration_capacity=40,
        registration_ask_phone=True,
    )
    page = _unsaved_child(civil_site.meeting_index, page)
    request = rf.get("/admin/pages/preview/")
    request.user = admin_user
    response = page.serve_preview(request, page.default_preview_mode)
    soup = parse(response.render())
    assert_well_formed_page(soup)
    assert soup.find(class_="civil-registration-state").get_text(strip=True) == "40 platser kvar."
    assert soup.find("form", class_="civil-registration-form").find(attrs={"name": "phone"})
