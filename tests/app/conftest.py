"""Fixtures for the Wagtail app's tests: a small municipal site and factories for its content.

The site tree every test starts from (``civil_site``)::

    Root
    └── Testkommun (home, the default Site's root, host "testserver")
        ├── Möten                 MeetingIndexPage      civil_site.meeting_index
        ├── ÖK Idé                AgreementPage         civil_site.agreement
        └── Organisationer        OrganisationIndexPage civil_site.organisation_index

Factories are fixtures that return plain functions (``make_meeting(title=..., start=...)``), so a
test states only what matters to it and gets a published object made the way the admin makes it:
saved as a revision, then published. Pass ``live=False`` for a draft that was never published.

Content more than one test file uses is here once: ``dialogue`` (a full meeting), ``register``
(the directory's organisations), ``two_dialogues_a_year`` (an agreement's commitment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from wagtail_civil.accessibility.footer import forget as forget_statement_url
from wagtail_civil.feed_urls import feed_path
from wagtail_civil.models import (
    AgreementCommitment,
    AgreementPage,
    AgreementSignature,
    MeetingHost,
    MeetingIndexPage,
    MeetingPage,
    MeetingProgrammeItem,
    MeetingSpeaker,
    Organisation,
    OrganisationCategory,
    OrganisationIndexPage,
)


@dataclass
class CivilSite:
    site: Site
    home: Page
    meeting_index: MeetingIndexPage
    agreement: AgreementPage
    organisation_index: OrganisationIndexPage


def publish(obj: Any) -> Any:
    """Save a revision and publish it, as the admin's "Publish" button does; return fresh."""
    obj.save_revision().publish()
    return type(obj).objects.get(pk=obj.pk)


def next_week_at(hour: int = 18, days: int = 7) -> dt.datetime:
    """An aware date-time ``days`` ahead at ``hour`` local time (the tests' TIME_ZONE)."""
    local = timezone.localtime() + dt.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def next_october_13(hour_utc: int) -> dt.datetime:
    """13 October at ``hour_utc`` UTC, in the future: summer time in Sweden (UTC+2)."""
    today = timezone.now()
    year = today.year if (today.month, today.day) < (10, 12) else today.year + 1
    return dt.datetime(year, 10, 13, hour_utc, 0, tzinfo=dt.UTC)


@pytest.fixture
def civil_site(db: Any) -> Iterator[CivilSite]:
    """The site tree above, every page published and public.

    Wagtail caches the sites' root paths in Django's cache, which outlives the test's rolled-back
    transaction; it is cleared afterwards so the next test does not route through this site.
    """
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Testkommun", slug="testkommun"))
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Testkommun"
    )
    meeting_index = home.add_child(instance=MeetingIndexPage(title="Möten", slug="moten"))
    agreement = home.add_child(
        instance=AgreementPage(title="ÖK Idé", slug="ok-ide", status="in_force")
    )
    organisation_index = home.add_child(
        instance=OrganisationIndexPage(title="Organisationer", slug="organisationer")
    )
    yield CivilSite(
        site=site,
        home=home,
        meeting_index=publish(meeting_index),
        agreement=publish(agreement),
        organisation_index=publish(organisation_index),
    )
    Site.clear_site_root_paths_cache()
    forget_statement_url()  # the footer's cached answer outlives the rolled-back statement too


@pytest.fixture
def make_category(db: Any) -> Callable[..., OrganisationCategory]:
    def make(name: str = "Pensionärsorganisationer", **fields: Any) -> OrganisationCategory:
        category = OrganisationCategory(name=name, **fields)
        category.save()
        return category

    return make


@pytest.fixture
def make_organisation(db: Any) -> Callable[..., Organisation]:
    """``make_organisation("Röda Korset", categories=[cat], live=True, **fields)``."""

    def make(
        name: str = "Frivilligcentrum",
        *,
        categories: Iterable[OrganisationCategory] = (),
        live: bool = True,
        **fields: Any,
    ) -> Organisation:
        organisation = Organisation(name=name, live=False, **fields)
        organisation.categories.set(list(categories))
        organisation.save()
        if live:
            return publish(organisation)
        organisation.save_revision()
        return organisation

    return make


@pytest.fixture
def make_meeting(civil_site: CivilSite) -> Callable[..., MeetingPage]:
    """``make_meeting(title=..., start=..., hosts=[org], live=True, parent=index, **fields)``.

    Defaults: a two-hour in-person dialogue at Folkets Hus next week, under the default meeting
    index. ``programme`` takes ``(time, title)`` pairs.
    """

    def make(
        title: str = "Dialogmöte",
        *,
        start: dt.datetime | None = None,
        duration: dt.timedelta = dt.timedelta(hours=2),
        hosts: Iterable[Organisation] = (),
        categories: Iterable[OrganisationCategory] = (),
        programme: Iterable[tuple[dt.time | None, str]] = (),
        live: bool = True,
        parent: Page | None = None,
        **fields: Any,
    ) -> MeetingPage:
        start = start or next_week_at()
        fields.setdefault("venue_name", "Folkets Hus")
        fields.setdefault("locality", "Uddevalla")
        meeting = MeetingPage(title=title, start=start, end=start + duration, **fields)
        meeting.host_links = [MeetingHost(organisation=host) for host in hosts]
        meeting.categories.set(list(categories))
        meeting.programme = [
            MeetingProgrammeItem(start_time=at, title=item_title) for at, item_title in programme
        ]
        meeting.live = False
        (parent or civil_site.meeting_index).add_child(instance=meeting)
        if live:
            return publish(meeting)
        meeting.save_revision()
        return MeetingPage.objects.get(pk=meeting.pk)

    return make


@pytest.fixture
def make_signup_meeting(make_meeting: Callable[..., MeetingPage]) -> Callable[..., MeetingPage]:
    """``make_signup_meeting(**fields)``: a published meeting taking registrations on its page,
    Ulricehamn's big open meeting on the digital divide at Storgatan 1 unless told otherwise."""

    def make(title: str = "Stormöte om digitalt utanförskap", **fields: Any) -> MeetingPage:
        fields.setdefault("registration_kind", "built_in")
        fields.setdefault("street_address", "Storgatan 1")
        fields.setdefault("postal_code", "523 30")
        fields.setdefault("locality", "Ulricehamn")
        return make_meeting(title, **fields)

    return make


@pytest.fixture
def make_agreement(civil_site: CivilSite) -> Callable[..., AgreementPage]:
    """``make_agreement("ÖK Idé", signatories=[org, "Uddevalla kommun"], commitments=[(2, "")])``.

    A signatory given as text is a party not in the register; a commitment is ``(minimum,
    meeting kind or "")``. The agreement is placed under the home page.
    """

    def make(
        title: str = "Lokal överenskommelse",
        *,
        signatories: Iterable[Organisation | str] = (),
        commitments: Iterable[tuple[int, str]] = (),
        live: bool = True,
        parent: Page | None = None,
        **fields: Any,
    ) -> AgreementPage:
        agreement = AgreementPage(title=title, **fields)
        agreement.signatures = [
            AgreementSignature(party_name=s)
            if isinstance(s, str)
            else AgreementSignature(organisation=s)
            for s in signatories
        ]
        agreement.commitments = [
            AgreementCommitment(description=f"Minst {n} möten per år", minimum=n, meeting_kind=kind)
            for n, kind in commitments
        ]
        agreement.live = False
        (parent or civil_site.home).add_child(instance=agreement)
        if live:
            return publish(agreement)
        agreement.save_revision()
        return AgreementPage.objects.get(pk=agreement.pk)

    return make


@pytest.fixture
def dialogue(
    civil_site: CivilSite,
    make_meeting: Callable[..., MeetingPage],
    make_organisation: Callable[..., Organisation],
    make_category: Callable[..., OrganisationCategory],
    make_agreement: Callable[..., AgreementPage],
) -> dict[str, Any]:
    """A full meeting: 16:00–19:00 UTC on 13 October, i.e. 18:00–21:00 in Uddevalla."""
    pensioners = make_category("Pensionärsorganisationer")
    red_cross = make_organisation("Röda Korset", categories=[pensioners])
    hidden = make_organisation("Hemlig förening", live=False)
    agreement = make_agreement("ÖK Idé", slug="ok-ide-2", signatories=[red_cross])
    start = next_october_13(16)
    meeting = make_meeting(
        "Dialogmöte om lokaler",
        start=start,
        duration=dt.timedelta(hours=3),
        hosts=[red_cross, hidden],
        programme=[(dt.time(18, 0), "Välkommen och fika"), (dt.time(18, 30), "Nya regler")],
        speakers=[
            MeetingSpeaker(name="Anna Andersson", title="Kulturchef", affiliation="Kommunen"),
            MeetingSpeaker(name="Bengt Berg", organisation=red_cross),
            MeetingSpeaker(name="Cilla Ek", organisation=hidden),
        ],
        theme="Föreningarnas lokaler",
        street_address="Norra Drottninggatan 12",
        postal_code="451 30",
        agreement=agreement,
        registration_kind="external",
        registration_url="https://example.org/anmalan",
        registration_deadline=start - dt.timedelta(days=2),
        contact_name="Cecilia Carlsson",
        contact_email="cecilia@example.org",
        contact_phone="0522-69 60 00",
        municipal_hosts="Kultur- och fritidsförvaltningen",
    )
    return {"meeting": meeting, "org": red_cross, "hidden": hidden, "agreement": agreement}


@pytest.fixture
def register(
    civil_site: CivilSite,
    make_organisation: Callable[..., Organisation],
    make_category: Callable[..., OrganisationCategory],
) -> dict[str, Any]:
    """The directory's organisations: four published (one a parish of the church), one draft.

    Categories ``culture`` (slug ``kultur``) and ``tro``; the theatre has a website and phone.
    """
    culture = make_category("Kulturföreningar", slug="kultur")
    faith = make_category("Trossamfund", slug="tro")
    church = make_organisation("Svenska kyrkan", categories=[faith], kind="faith_community")
    return {
        "culture": culture,
        "theatre": make_organisation(
            "Teaterföreningen",
            categories=[culture],
            website="https://example.org/teater/",
            phone="0522-1 23",
        ),
        "church": church,
        "parish": make_organisation("Bäve församling", kind="faith_community", parent=church),
        "study": make_organisation("ABF Fyrbodal", kind="study_association"),
        "draft": make_organisation("Hemlig förening", live=False, categories=[culture]),
    }


@pytest.fixture
def two_dialogues_a_year(make_agreement: Callable[..., AgreementPage]) -> AgreementPage:
    """An agreement that commits to two dialogues a year, with no meetings yet."""
    return make_agreement("Lokal överenskommelse", commitments=[(2, "dialogue")])


STUB_TEMPLATES = (
    "wagtail_civil/organisation_index_page.html",
    "wagtail_civil/organisation_detail.html",
    "wagtail_civil/meeting_index_page.html",
    "wagtail_civil/meeting_page.html",
    "wagtail_civil/agreement_page.html",
)


def feed_paths(
    site: CivilSite,
    organisation: Organisation,
    category: OrganisationCategory,
    meeting: MeetingPage,
) -> dict[str, str]:
    """``{kind: path}`` for the six kinds of feed, each narrowed to the given objects."""
    return {
        "all": feed_path("all"),
        "index": feed_path("index", site.meeting_index),
        "agreement": feed_path("agreement", site.agreement),
        "organisation": feed_path("organisation", organisation),
        "category": feed_path("category", category),
        "meeting": feed_path("meeting", meeting),
    }


@pytest.fixture
def feeds(civil_site, make_meeting, make_organisation, make_category) -> dict[str, str]:
    """One meeting ("Dialog") in every feed; ``{kind: path}`` for the six kinds of feed."""
    category = make_category("Kulturföreningar")
    organisation = make_organisation("Teatersällskapet", categories=[category])
    meeting = make_meeting("Dialog", hosts=[organisation], agreement=civil_site.agreement)
    return feed_paths(civil_site, organisation, category, meeting)


@pytest.fixture
def editor(client: Any, admin_user: Any) -> Any:
    """A superuser who works in Swedish, logged in to the admin (a Django test client)."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(admin_user)
    return client


@pytest.fixture
def stub_templates(settings: Any, tmp_path: Any) -> Any:
    """Minimal page templates ahead of the app's own, for tests of views rather than markup.

    The test client still goes through Wagtail's serving and routing and records the context, so
    a test can assert on ``response.context`` whatever the real templates look like.
    """
    for name in STUB_TEMPLATES:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{{ page.title }}", encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return tmp_path


@pytest.fixture(autouse=True)
def _no_task_left_queued() -> Iterator[None]:
    """Each test starts with the tasks backend's queue empty: a test that queued emails without
    running them (a registration made through a form) must not hand them to the next test."""
    from tests.app import task_queue

    task_queue.clear()
    yield
    task_queue.clear()


@pytest.fixture
def email_queue() -> Iterator[Any]:
    """The registration emails' queue, empty at the start and end (tests/app/task_queue.py)."""
    from tests.app import task_queue

    task_queue.clear()
    yield task_queue
    task_queue.clear()
