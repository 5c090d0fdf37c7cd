"""Load the demo: its data files through the app's import, plus what only a demo needs.

The content is ``data/demo.json`` in the data format (docs/data-format.md), imported by the same
code as ``manage.py import_dataset``. On top of the import the demo does four things a
municipality's data never needs: it moves a few meetings to dates around ``today``
(:mod:`demo.dates`), it adds the draft and the password-protected meeting of
``data/never-public.json`` that testers check never reach a resident, it publishes its
cancelled meeting first as planned, as an editor would, so SEQUENCE rises by the normal path,
and it registers made-up people for the October meeting (:mod:`demo.registrations`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from home.models import HomePage
from wagtail.models import PageViewRestriction

from civilsamhalle.interchange import load
from civilsamhalle.model import Dataset, EventStatus
from wagtail_civil.importing import Report, import_dataset
from wagtail_civil.languages import i18n_enabled
from wagtail_civil.models import MeetingPage

from .a11y import add_accessibility_statement
from .action_plans import add_action_plans
from .commitments import add_commitment_follow_up
from .councils import add_councils
from .dates import moved
from .federation import add_regional_calendar
from .i18n import add_english, add_norwegian
from .initiatives import add_stories
from .participation import check as check_participation
from .registrations import add_registrations
from .signing import add_signing_request
from .site import configure_site, home_body, home_page, parse_host
from .volunteering import add_volunteering

__all__ = ["DATA", "DemoResult", "configure_site", "load_demo", "parse_host"]

DATA = Path(__file__).with_name("data")

# The shared password of the password-protected meeting (printed by load_demo).
PRIVATE_PASSWORD = "arbetsgrupp"
_DRAFT, _PRIVATE = "utkast-dialog-om-foreningsbidrag", "losenordsskyddat-arbetsgruppens-mote"
_CANCELLED = "dialog-om-foreningslokaler"


@dataclass
class DemoResult:
    tally: Report
    home: HomePage
    private_password: str
    registrations_added: int = 0


def _dated(dataset: Dataset, today: dt.date) -> Dataset:
    return dataset.model_copy(update={"meetings": tuple(moved(m, today) for m in dataset.meetings)})


def load_demo(today: dt.date | None = None, host: str | None = None) -> DemoResult:
    """Create or update the whole demo, dated for ``today`` (the local date unless given);
    ``host`` is where it runs (see :func:`configure_site`). All or nothing: one transaction."""
    today = today or timezone.localdate()
    report = Report()
    dataset = _dated(load(DATA / "demo.json"), today)
    hidden = _dated(Dataset.model_validate_json((DATA / "never-public.json").read_bytes()), today)
    with transaction.atomic():
        home = home_page(report)
        configure_site(host)
        _import_demo(dataset, home, report)
        by_slug = {m.slug: m for m in hidden.meetings}
        import_dataset(Dataset(meetings=(by_slug[_DRAFT],)), home, publish=False, report=report)
        import_dataset(Dataset(meetings=(by_slug[_PRIVATE],)), home, report=report)
        PageViewRestriction.objects.get_or_create(
            page=MeetingPage.objects.get(slug=_PRIVATE),
            restriction_type=PageViewRestriction.PASSWORD,
            defaults={"password": PRIVATE_PASSWORD},
        )
        add_stories(home, report)
        add_councils(home, report)
        added = add_registrations()
        check_participation()
        add_commitment_follow_up()
        add_action_plans(home, report)
        add_signing_request(today)
        add_volunteering(home, today)
        add_accessibility_statement(home)  # every page's footer links to it
        add_regional_calendar(home)
        home_body(home, report)  # it links every section made above
        if i18n_enabled():  # a site of one language has nowhere to show them
            add_norwegian(home)  # Ullensaker's pages read with Norwegian labels
            add_english(home)  # last: it translates what is made above
    return DemoResult(
        tally=report, home=home, private_password=PRIVATE_PASSWORD, registrations_added=added
    )


def _import_demo(dataset: Dataset, home: HomePage, report: Report) -> None:
    """Import ``dataset``; a new cancelled meeting is published first as planned, then cancelled.

    The cancellation is then a change like an editor's, which raises its SEQUENCE; the second
    import is not counted, so a first load reports each meeting once.
    """
    [cancelled] = [m for m in dataset.meetings if m.slug == _CANCELLED]
    if MeetingPage.objects.filter(uid=cancelled.uid).exists():
        import_dataset(dataset, home, source="demo.json", report=report)
        return
    planned = cancelled.model_copy(update={"status": EventStatus.SCHEDULED})
    meetings = tuple(planned if m is cancelled else m for m in dataset.meetings)
    import_dataset(dataset.model_copy(update={"meetings": meetings}), home, report=report)
    import_dataset(Dataset(meetings=(cancelled,)), home)
