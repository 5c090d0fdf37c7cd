"""System checks: misconfiguration is reported by `manage.py check`, not discovered by residents."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from . import conf


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):  # noqa: ANN001, ANN201 (Django's signature)
    messages = []
    try:
        ZoneInfo(conf.time_zone())
    except (ZoneInfoNotFoundError, ValueError):
        messages.append(
            Error(
                f"WAGTAIL_CIVIL_TIME_ZONE / TIME_ZONE {conf.time_zone()!r} "
                "is not a known time zone.",
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
    if not getattr(settings, "WAGTAIL_CIVIL_UID_DOMAIN", "") and not getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    ):
        messages.append(
            Warning(
                "Set WAGTAIL_CIVIL_UID_DOMAIN to your site's domain. Event UIDs in calendar feeds "
                "are qualified with it and must never change once published.",
                id="wagtail_civil.W001",
            )
        )
    return messages
