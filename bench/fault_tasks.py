"""Tasks for the fault benchmarks (bench/fault_worker_kill.py): run by a real worker process, so they
live in an importable module (`bench.fault_tasks`; the worker runs from the repository root)."""

from __future__ import annotations

import time

from django.db import transaction
from django_tasks import task


@task()
def long_report(key: str, seconds: float) -> str:
    """Works for `seconds`, then files its result (an audit event) in one transaction, as CTIMS tasks do:
    a run killed before the end leaves nothing, so the effect of the task appears once."""
    from audit.models import Action
    from audit.services import record

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
    with transaction.atomic():
        record(None, Action.CREATE, object_type="bench.report", object_id=key)
    return key
