"""The fetch as a task of Django's tasks framework, for a site that runs a worker and a
scheduler that enqueues it (``manage.py fetch_followed_sites --enqueue`` from cron does)."""

from __future__ import annotations

from .. import conf
from ..task_framework import task

__all__ = ["enqueue_fetch", "fetch_followed_sites"]


@task()
def fetch_followed_sites(site_id: int | None = None) -> dict[str, int]:
    """Fetch every active followed site (or the one numbered ``site_id``); counts per result.

    Takes an id, never an object: the database backend stores arguments as JSON."""
    from ..models.federation import FollowedSite
    from .fetch import fetch_all

    sites = FollowedSite.objects.filter(active=True)
    if site_id is not None:
        sites = sites.filter(pk=site_id)
    counts = {"changed": 0, "unchanged": 0, "refused": 0}
    for outcome in fetch_all(sites):
        counts[outcome.result] += 1
    return counts


def enqueue_fetch(site_id: int | None = None) -> object:
    """Queue the fetch in the backend ``WAGTAIL_CIVIL_TASK_BACKEND``."""
    return fetch_followed_sites.using(backend=conf.task_backend()).enqueue(site_id)
