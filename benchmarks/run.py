"""How long a calendar feed takes to build, and whether that grows faster than the meetings do.

A feed is rebuilt whenever its ETag misses, and the "all meetings" feed of a municipality that has
used the app for years holds hundreds of meetings, so what matters is the cost per meeting at
1000 against the cost at 10: a ratio near 1 means building scales linearly; a ratio well above 1
means something (time-zone definitions, sorting, folding) grows faster than it should.

Run with ``make bench`` or ``python benchmarks/run.py [--sizes 10 100 1000] [--repeat 5]``.
The meetings are generated from a fixed seed, so two runs build the same feeds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import time
import uuid
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from civilsamhalle.calendar import FeedInfo, feed_bytes
from civilsamhalle.model import (
    AttendanceMode,
    Contact,
    EventStatus,
    Meeting,
    MeetingKind,
    ProgrammeItem,
    Speaker,
    Venue,
)

NAMESPACE = uuid.UUID("6f1c3b1e-5d0a-4c55-9b7e-0c1e5a1f2b3c")
ZONES = ("Europe/Stockholm", "Europe/Stockholm", "Europe/Stockholm", "Europe/Oslo")
VENUES = (
    Venue(
        name="Stadshuset",
        street_address="Stora torget 1",
        postal_code="523 86",
        locality="Ulricehamn",
        latitude=57.79,
        longitude=13.42,
    ),
    Venue(name="Folkets hus, sal 2", street_address="Kungsgatan 3", locality="Uddevalla"),
    Venue(name="Rådhuset", street_address="Furusethgata 12", locality="Jessheim"),
)


def meetings(count: int, seed: int = 1) -> list[Meeting]:
    """``count`` meetings like a municipality's: spread over five years, some moved, some
    cancelled, some hybrid, with a programme and speakers (the text a feed spends time on)."""
    rng = random.Random(seed)
    first = dt.datetime(2022, 1, 10, 17, 30)
    result = []
    for n in range(count):
        zone = rng.choice(ZONES)
        start = first + dt.timedelta(days=rng.randrange(5 * 365), hours=rng.randrange(-8, 3))
        start = start.replace(tzinfo=ZoneInfo(zone))
        mode = rng.choice(list(AttendanceMode))
        result.append(
            Meeting(
                uid=uuid.uuid5(NAMESPACE, str(n)),
                title=f"Dialogmöte {n}: föreningslivet och kommunen",
                kind=rng.choice(list(MeetingKind)),
                theme="Samverkan, lokaler och bidrag; hur når vi fler unga?",
                description="Vi samtalar om överenskommelsen, ÖK Idé, och om vad som hänt sedan "
                "förra mötet. Fika serveras. " * rng.randrange(1, 4),
                start=start,
                end=start + dt.timedelta(hours=2),
                timezone=zone,
                mode=mode,
                venue=None if mode is AttendanceMode.ONLINE else rng.choice(VENUES),
                online_url=None
                if mode is AttendanceMode.IN_PERSON
                else f"https://meet.example.org/dialog-{n}",
                programme=tuple(
                    ProgrammeItem(title=f"Punkt {i}", start_time=dt.time(17 + i // 2, 30 * (i % 2)))
                    for i in range(rng.randrange(0, 6))
                ),
                speakers=(Speaker(name="Anna Andersson", title="Verksamhetsutvecklare"),),
                categories=("Kultur", "Idrott") if n % 3 else ("Pensionärsföreningar",),
                contact=Contact(name="Lotsen", email="lots@kommun.example", phone="0321-59 50 00"),
                status=EventStatus.CANCELLED if n % 17 == 0 else EventStatus.SCHEDULED,
                sequence=n % 4,
                url=f"https://kommun.example/civilsamhalle/moten/{n}/",
            )
        )
    return result


def timed(count: int, repeat: int) -> tuple[float, int]:
    """Seconds to build a feed of ``count`` meetings, and the feed's size in bytes.

    As ``timeit`` does: each sample builds the feed often enough to take at least 0.1 s, and the
    fastest of ``repeat`` samples counts, since anything slower was slowed down by something else
    on the machine. Without this the 10-meeting feed (a few milliseconds) is mostly noise.
    """
    data = meetings(count)
    info = FeedInfo(name="Alla dialogmöten", uid_domain="bench.civilsamhalle.example")
    began = time.perf_counter()
    size = len(feed_bytes(data, info))  # also the warm-up: imports, time-zone definitions
    loops = max(1, math.ceil(0.1 / max(time.perf_counter() - began, 1e-6)))
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        for _ in range(loops):
            feed_bytes(data, info)
        samples.append((time.perf_counter() - began) / loops)
    return min(samples), size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))

    print(f"feed_bytes, best of {args.repeat} samples (Python {sys.version.split()[0]})")
    print(f"{'meetings':>9} {'seconds':>9} {'ms/meeting':>11} {'bytes':>10}")
    per_meeting = {}
    for count in sizes:
        seconds, size = timed(count, args.repeat)
        per_meeting[count] = seconds / count
        print(f"{count:>9} {seconds:>9.4f} {1000 * per_meeting[count]:>11.3f} {size:>10}")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        ratio = per_meeting[large] / per_meeting[small]
        verdict = "linear or better" if ratio < 1.5 else "grows faster than the meetings do"
        print(f"cost per meeting at {large} / at {small}: {ratio:.2f} ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
