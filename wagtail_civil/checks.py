"""System checks: misconfiguration is reported by `manage.py check`, not discovered by residents."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from . import conf


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):  # noqa: ANN001, ANN201 (Django's signature)
    messages = []
    # Django itself refuses to start with an unknown TIME_ZONE, so in practice this catches a
    # mistyped WAGTAIL_CIVIL_TIME_ZONE (and TIME_ZONE = None, which Django allows).
    setting = (
        "WAGTAIL_CIVIL_TIME_ZONE"
        if getattr(settings, "WAGTAIL_CIVIL_TIME_ZONE", "")
        else "TIME_ZONE"
    )
    try:
        ZoneInfo(conf.time_zone())
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        messages.append(
            Error(
                f"{setting} {conf.time_zone()!r} is not a known time zone.",
                hint='Meeting times need the municipality\'s zone, e.g. "Europe/Stockholm".',
                id="wagtail_civil.E001",
            )
        )
    if not getattr(settings, "USE_TZ", True):
        messages.append(
            Error(
                "wagtail_civil needs USE_TZ = True: meetings are stored in UTC.",
                id="wagtail_civil.E002",
            )
        )
    messages.extend(_check_uid_domain())
    messages.extend(_check_registration_rate_limit())
    messages.extend(_check_registration_retention())
    messages.extend(_check_signing_request_retention())
    messages.extend(_check_volunteering())
    messages.extend(_check_accessibility_reports())
    messages.extend(_check_import_runs())
    return messages


def _check_import_runs() -> list[Warning]:
    """Warn while finished register imports' reports would never be deleted."""
    problem = conf.import_run_retention_problem()
    if problem is None:
        return []
    return [
        Warning(
            problem + " Until it is, `manage.py erase_import_runs` deletes nothing.",
            hint="For example WAGTAIL_CIVIL_IMPORT_RUN_RETENTION_DAYS = 90 (the default).",
            id="wagtail_civil.W022",
        )
    ]


def _check_accessibility_reports() -> list[Warning]:
    """Warn while accessibility reports' personal data would never be erased."""
    problem = conf.accessibility_report_retention_problem()
    if problem is None:
        return []
    return [
        Warning(
            problem + " Until it is, `manage.py erase_accessibility_reports` erases nothing.",
            hint="For example WAGTAIL_CIVIL_ACCESSIBILITY_REPORT_RETENTION_DAYS = 365 "
            "(the default).",
            id="wagtail_civil.W021",
        )
    ]


def _check_volunteering() -> list[Error | Warning]:
    """The volunteer forms' rate limit and the offers' retention (docs/volunteering.md)."""
    found: list[Error | Warning] = []
    limit = getattr(settings, "WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT", (10, 600))
    try:
        valid = limit is None or (int(limit[0]) > 0 and int(limit[1]) > 0 and len(limit) == 2)
    except (TypeError, ValueError, IndexError):
        valid = False
    if not valid:
        found.append(
            Error(
                f"WAGTAIL_CIVIL_VOLUNTEER_RATE_LIMIT = {limit!r} is not (attempts, seconds).",
                hint="For example (10, 600); None switches the limit off.",
                id="wagtail_civil.E010",
            )
        )
    problem = conf.volunteer_offer_retention_problem()
    if problem is not None:
        found.append(
            Warning(
                problem + " Until it is, `manage.py erase_volunteer_offers` erases nothing.",
                hint="For example WAGTAIL_CIVIL_VOLUNTEER_OFFER_RETENTION_DAYS = 180 "
                "(the default).",
                id="wagtail_civil.W010",
            )
        )
    return found


def _check_registration_rate_limit() -> list[Error]:
    """The registration form's rate limit is read at every POST: a bad value must show here."""
    limit = getattr(settings, "WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT", (10, 600))
    if limit is None:
        return []
    try:
        count, seconds = limit
        valid = int(count) > 0 and int(seconds) > 0
    except (TypeError, ValueError):
        valid = False
    if valid:
        return []
    return [
        Error(
            f"WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT = {limit!r} is not (attempts, seconds).",
            hint="For example (10, 600): ten registrations per client and meeting in ten "
            "minutes; None switches the limit off.",
            id="wagtail_civil.E003",
        )
    ]


def _check_uid_domain() -> list[Warning]:
    """Warn while event UIDs would be qualified with a host nobody owns.

    UIDs identify a meeting in subscribers' calendars for years, so a placeholder that slips into
    the first published feed cannot be corrected later without every meeting appearing twice.
    """
    if getattr(settings, "WAGTAIL_CIVIL_UID_DOMAIN", ""):
        return []  # chosen on purpose; settings.md says what to choose
    host = conf.admin_base_host()
    if not host:
        return [
            Warning(
                "Set WAGTAIL_CIVIL_UID_DOMAIN to your site's domain. Event UIDs in calendar "
                "feeds are qualified with it and must never change once published.",
                hint='For example WAGTAIL_CIVIL_UID_DOMAIN = "www.yourmunicipality.se".',
                id="wagtail_civil.W001",
            )
        ]
    if conf.is_placeholder_host(host):
        return [
            Warning(
                f"Event UIDs in calendar feeds would end in @{host}, the host of "
                "WAGTAILADMIN_BASE_URL, which is a placeholder. UIDs must never change once "
                "published, so set WAGTAIL_CIVIL_UID_DOMAIN to a domain the municipality owns.",
                hint='For example WAGTAIL_CIVIL_UID_DOMAIN = "www.yourmunicipality.se".',
                id="wagtail_civil.W002",
            )
        ]
    return []


def _check_registration_retention() -> list[Warning]:
    """Warn while registrants' personal data would never be erased: ``erase_registrations``
    refuses to run on a retention it cannot read (docs/registration.md)."""
    problem = conf.registration_retention_problem()
    if problem is None:
        return []
    return [
        Warning(
            problem + " Until it is, `manage.py erase_registrations` erases nothing.",
            hint="For example WAGTAIL_CIVIL_REGISTRATION_RETENTION_DAYS = 90 (the default).",
            id="wagtail_civil.W003",
        )
    ]


def _check_signing_request_retention() -> list[Warning]:
    """Warn while signing requests' personal data would never be erased:
    ``erase_signing_requests`` refuses to run on a retention it cannot read."""
    problem = conf.signing_request_retention_problem()
    if problem is None:
        return []
    return [
        Warning(
            problem + " Until it is, `manage.py erase_signing_requests` erases nothing.",
            hint="For example WAGTAIL_CIVIL_SIGNING_REQUEST_RETENTION_DAYS = 90 (the default).",
            id="wagtail_civil.W004",
        )
    ]


@register(Tags.compatibility)
def check_registration_emails(app_configs, **kwargs):  # noqa: ANN001, ANN201
    """The tasks backend the registration emails are queued in exists, and the editors'
    addresses are addresses: otherwise emails would fail in a worker, unseen."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    messages = []
    alias = conf.task_backend()
    backends = getattr(settings, "TASKS", None)
    if backends is not None and alias not in backends:
        messages.append(
            Error(
                f"WAGTAIL_CIVIL_TASK_BACKEND {alias!r} is not a key of TASKS.",
                hint="Registration emails are queued there (docs/registration.md).",
                id="wagtail_civil.E004",
            )
        )
    notify = getattr(settings, "WAGTAIL_CIVIL_REGISTRATION_NOTIFY", None) or []
    for address in [notify] if isinstance(notify, str) else notify:
        try:
            validate_email(address)
        except (ValidationError, TypeError):
            messages.append(
                Error(
                    f"WAGTAIL_CIVIL_REGISTRATION_NOTIFY holds {address!r}, not an email address.",
                    hint='A list of addresses, e.g. ["kansliet@kommun.se"].',
                    id="wagtail_civil.E005",
                )
            )
    return messages
