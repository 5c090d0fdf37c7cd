"""The registration emails' task queue in tests: what was queued, and running it.

tests/settings.py queues them in a DummyBackend, which keeps each queued task and runs none; a
test asserts that nothing was sent inside a request, then runs the queue as a worker would.
"""

from __future__ import annotations

import json
from typing import Any

from wagtail_civil import conf
from wagtail_civil.task_framework import task_backends

__all__ = ["clear", "queued", "run_queue"]


def _backend() -> Any:
    return task_backends[conf.task_backend()]


def queued() -> list[tuple[str, tuple[Any, ...]]]:
    """``(task name, args)`` of every task waiting, in the order queued."""
    return [(result.task.module_path, tuple(result.args)) for result in _backend().results]


def run_queue() -> int:
    """Run the waiting tasks in order, and those they queue, until none is left; how many ran.

    Arguments go through JSON first, as the database backend stores them."""
    backend, ran = _backend(), 0
    while backend.results:
        result = backend.results.pop(0)
        args = json.loads(json.dumps(list(result.args)))
        kwargs = json.loads(json.dumps(result.kwargs))
        result.task.func(*args, **kwargs)
        ran += 1
    return ran


def clear() -> None:
    _backend().results.clear()
