"""Background work for intake: handing a saved call's or observation's mentions to the links module.

It runs after the request (the links module's entity lookups and matching queue are most of a save's
queries), so an operator or officer is not kept waiting for it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

OVERDUE_TASK_PATH = "intake.tasks.overdue_triage_task"


@task()
def publish_mentions_task(kind: str, record_id: int) -> None:
    """Publish the mentions of one call ("call") or observation ("observation"), if it still exists."""
    from .models import FieldObservation, HotlineCall
    from .services import publish_mentions

    record_: HotlineCall | FieldObservation | None
    if kind == "call":
        record_ = HotlineCall.objects.select_related("hotline").filter(pk=record_id).first()
    else:
        record_ = FieldObservation.objects.select_related("place").filter(pk=record_id).first()
    if record_ is not None:
        publish_mentions(record_)


def overdue_check_minutes() -> int:
    """How often the worker looks for immediate-danger items waiting unassigned (minutes, default 5)."""
    return int(getattr(settings, "CTIMS_TRIAGE_CHECK_MINUTES", 5))


def schedule_overdue_check(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue the next look unless one is queued already or the backend cannot run a task later."""
    if not overdue_triage_task.get_backend().supports_defer:
        return None
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=OVERDUE_TASK_PATH, status=TaskResultStatus.READY).exists():
        return None
    at = (now or timezone.now()) + datetime.timedelta(minutes=overdue_check_minutes())
    overdue_triage_task.using(run_after=at).enqueue()
    return at


@task()
def overdue_triage_task() -> int:
    """Notify the duty supervisors of immediate-danger items unassigned too long, then queue the next look."""
    from .overdue import notify_overdue_triage

    try:
        return notify_overdue_triage()
    finally:
        schedule_overdue_check()
