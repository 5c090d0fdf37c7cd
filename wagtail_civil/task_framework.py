"""Django's tasks framework: ``django.tasks`` where Django has it (6.0 and later), else the
``django-tasks`` package it was backported as (which Wagtail needs anyway).

Everything the app queues imports ``task`` and ``task_backends`` from here, so the choice is made
once; a site configures the backends in ``TASKS`` either way (docs/registration.md).
"""

from __future__ import annotations

try:
    from django.tasks import task, task_backends
except ImportError:  # Django < 6
    from django_tasks import task  # type: ignore[no-redef]

    try:
        from django_tasks import task_backends  # type: ignore[no-redef]
    except ImportError:  # django-tasks < 0.8 (Wagtail 7.0) named the backends "tasks"
        from django_tasks import tasks as task_backends  # type: ignore[no-redef]

__all__ = ["task", "task_backends"]
