"""What a feed request costs through Django, against a plain django-ical feed and constant bytes.

Calendar programs poll every feed every few hours for years, and almost always nothing changed,
so the figures that matter are the 304 and the unchanged 200 (against a view that returns
constant bytes), the first request after one meeting changed, and the cold build (against what a
developer would write with django-ical in twenty lines, ``bench_urls.PlainMeetingFeed``).

A throwaway SQLite database (``DATABASE_URL`` to use another) with the test settings gets one
site of 10 meetings and one of 1,000 (hosts, categories, programme, speakers, some cancelled,
some hybrid or online); requests go through Django's test client in this one process, in
interleaved rounds, so noise from the machine hits every figure alike. Best and median of the
rounds are printed; the ratios use the best. Run with ``make bench``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
# BENCH_DB=/path/bench.sqlite3 keeps the database for the next run (made only when missing).
_DB = os.environ.get("BENCH_DB") or f"{tempfile.mkdtemp(prefix='civil-bench-')}/bench.sqlite3"
_MADE = Path(_DB).exists()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_DB}")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench_urls"
# Django's local-memory cache keeps 300 entries by default, fewer than a feed of 1,000 meetings
# has pieces: a site with that many meetings gives its feed cache room (WAGTAIL_CIVIL_FEED_CACHE).
for _cache in settings.CACHES.values():
    if _cache["BACKEND"].endswith("LocMemCache"):
        _cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
settings.DEBUG = False
django.setup()

import bench_urls  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from wagtail_civil.feeds import versions  # noqa: E402
from wagtail_civil.models import (  # noqa: E402
    AgreementPage,
    MeetingAttendance,
    MeetingHost,
    MeetingIndexPage,
    MeetingPage,
    MeetingProgrammeItem,
    MeetingSpeaker,
    Organisation,
    OrganisationCategory,
)

FEED = "/calendar/all.ics"
FAST = 50  # requests per sample of the sub-millisecond figures
BIG, SMALL = "testserver", "small.testserver"


def make_site(hostname: str, count: int, rng: random.Random, organisations: list, cats: list):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=Page(title=f"Kommun {hostname}", slug=hostname.replace(".", "-"))
    )
    Site.objects.create(
        hostname=hostname,
        port=80,
        root_page=home,
        site_name="Benchkommun",
        is_default_site=hostname == BIG,
    )
    index = home.add_child(instance=MeetingIndexPage(title="Möten", slug="moten"))
    agreement = home.add_child(
        instance=AgreementPage(title="ÖK Idé", slug="ok-ide", status="in_force")
    )
    today = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    published = timezone.now() - dt.timedelta(days=30)
    for n in range(count):
        start = today + dt.timedelta(days=rng.randrange(-300, 400), hours=rng.randrange(-8, 2))
        mode = rng.choice(["in_person", "in_person", "hybrid", "online"])
        online = mode != "in_person"
        meeting = MeetingPage(
            title=f"Dialogmöte {n}: föreningslivet och kommunen",
            slug=f"mote-{n}",
            kind=rng.choice(["dialogue", "open_meeting", "hearing", "workshop"]),
            theme="Samverkan, lokaler och bidrag; hur når vi fler unga?",
            description="<p>Vi samtalar om överenskommelsen, <b>ÖK Idé</b>, och om vad som hänt "
            "sedan förra mötet.</p><p>Fika serveras.</p>" * rng.randrange(1, 3),
            start=start,
            end=start + dt.timedelta(hours=2),
            mode=mode,
            venue_name="" if mode == "online" else "Folkets hus, sal 2",
            street_address="" if mode == "online" else "Kungsgatan 3",
            locality="" if mode == "online" else "Uddevalla",
            latitude=58.35 if n % 5 == 0 and mode != "online" else None,
            longitude=11.94 if n % 5 == 0 and mode != "online" else None,
            online_url=f"https://meet.example.org/dialog-{n}" if online else "",
            status="cancelled" if n % 17 == 0 else "scheduled",
            municipal_hosts="Kultur- och fritidsförvaltningen" if n % 4 == 0 else "",
            agreement=agreement if n % 2 else None,
            contact_name="Lotsen",
            contact_email="lots@kommun.example",
            contact_phone="0522-69 60 00",
            registration_kind="external" if n % 6 == 0 else "none",
            registration_url="https://kommun.example/anmalan" if n % 6 == 0 else "",
            live=True,
            first_published_at=published,
            last_published_at=published,
            sequence=n % 3,
        )
        meeting.host_links = [MeetingHost(organisation=o) for o in rng.sample(organisations, 2)]
        meeting.programme = [
            MeetingProgrammeItem(
                title=f"Punkt {i}",
                start_time=dt.time(18, 10 * i),
                description="Samtal i grupper" if i % 2 else "",
                sort_order=i,
            )
            for i in range(rng.randrange(0, 5))
        ]
        meeting.speakers = [
            MeetingSpeaker(
                name="Anna Andersson",
                title="Verksamhetsutvecklare",
                organisation=rng.choice(organisations),
                sort_order=0,
            )
        ][: rng.randrange(0, 2)]
        meeting.categories.set(rng.sample(cats, rng.randrange(0, 3)))
        index.add_child(instance=meeting)
        if start < today and n % 3 == 0:
            MeetingAttendance.objects.create(page=meeting, organisation=organisations[0])
    return home


def populate() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():  # one commit, not one per row: minutes become seconds
        _populate()


def _populate() -> None:
    Site.objects.all().delete()
    rng = random.Random(7)
    cats = [
        OrganisationCategory.objects.create(name=name)
        for name in ("Kultur", "Idrott", "Pensionärsföreningar", "Trossamfund", "Studieförbund")
    ]
    organisations = []
    for i in range(30):
        organisation = Organisation(name=f"Förening {i}", live=i % 10 != 9)
        organisation.save()
        organisation.categories.set(rng.sample(cats, 2))
        organisations.append(organisation)
    make_site(BIG, 1000, rng, organisations, cats)
    make_site(SMALL, 10, rng, organisations, cats)


def clear_caches() -> None:
    """Nothing cached, nothing remembered: the request of a process that just started."""
    for alias in settings.CACHES:
        caches[alias].clear()
    versions.forget()


def timed(call: Callable[[], Any], repeat: int = 1) -> float:
    """Seconds per call; the fast requests are timed ``repeat`` times in a row, since a single
    request of a few hundred microseconds is mostly timer and scheduler noise."""
    began = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - began) / repeat


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if not _MADE:
        populate()
    print(f"made 1,010 meetings in {time.perf_counter() - began:.0f} s")
    client = Client()

    def get(path: str = FEED, host: str = BIG, **headers: Any) -> Any:
        response = client.get(path, HTTP_HOST=host, **headers)
        assert response.status_code in (200, 304), (path, response.status_code)
        return response

    body = get().content
    bench_urls.CONSTANT["body"] = b"x" * len(body)
    plain = get("/bench/django-ical.ics").content
    print(
        f"feed bytes: ours {len(body)}, django-ical {len(plain)}; "
        f"VEVENTs: ours {body.count(b'BEGIN:VEVENT')}, django-ical {plain.count(b'BEGIN:VEVENT')}"
    )
    changing = list(MeetingPage.objects.filter(start__gte=timezone.now()).order_by("pk")[:50])

    figures: dict[str, list[float]] = {}
    for round_ in range(args.rounds):
        samples = {}
        clear_caches()
        samples["feed_uncached"] = timed(lambda: get())
        samples["django_ical"] = timed(lambda: get("/bench/django-ical.ics"))
        samples["constant"] = timed(lambda: get("/bench/constant.ics"), FAST)
        response = get()  # the feed is now as cached as it gets
        samples["feed_cached"] = timed(lambda: get(), FAST)
        etag = response.headers.get("ETag", "")
        samples["feed_304"] = timed(lambda etag=etag: get(HTTP_IF_NONE_MATCH=etag), FAST)
        samples["constant_2"] = timed(lambda: get("/bench/constant.ics"), FAST)
        page = changing[round_ % len(changing)]
        page = MeetingPage.objects.get(pk=page.pk)
        page.title = f"{page.title} ({round_})"
        page.save_revision().publish()
        samples["feed_after_one_change"] = timed(lambda: get())
        samples["django_ical_2"] = timed(lambda: get("/bench/django-ical.ics"))
        for name, seconds in samples.items():
            figures.setdefault(name.removesuffix("_2"), []).append(seconds)

    print(f"seconds per request over {args.rounds} interleaved rounds (best / median):")
    for name, values in figures.items():
        print(f"time {name}: best={min(values):.5f} median={statistics.median(values):.5f}")

    counts = {}
    for host in (SMALL, BIG):
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            get(host=host)
        counts[host] = len(queries)
    best = {name: min(values) for name, values in figures.items()}
    print(f"ratio feed_vs_django_ical={best['feed_uncached'] / best['django_ical']:.3f}")
    print(f"ratio cached_feed_vs_constant={best['feed_cached'] / best['constant']:.3f}")
    print(f"ratio not_modified_vs_constant={best['feed_304'] / best['constant']:.3f}")
    print(
        "ratio feed_after_one_change_vs_django_ical="
        f"{best['feed_after_one_change'] / best['django_ical']:.3f}"
    )
    print(f"queries feed_10={counts[SMALL]} feed_1000={counts[BIG]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
