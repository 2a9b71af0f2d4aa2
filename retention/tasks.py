"""The daily retention run on the project's task worker (`manage.py db_worker`).

Each run queues the next one for the following day at CTIMS_RETENTION_HOUR, so one
`manage.py apply_retention --schedule` keeps it going. Operators who prefer cron run
`manage.py apply_retention` instead; both paths call the same service.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

log = logging.getLogger("ctims.retention")

TASK_PATH = "retention.tasks.daily_retention_task"


def next_run_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next CTIMS_RETENTION_HOUR o'clock (local time) after `now`."""
    local = timezone.localtime(now or timezone.now())
    at = local.replace(hour=settings.CTIMS_RETENTION_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def _already_queued() -> bool:
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).exists()


def schedule_next(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue tomorrow's run unless one is queued already, or the task backend cannot run a task later
    (the immediate backend of the tests would run it at once, for ever)."""
    if not daily_retention_task.get_backend().supports_defer or _already_queued():
        return None
    at = next_run_at(now)
    daily_retention_task.using(run_after=at).enqueue()
    return at


@task()
def daily_retention_task() -> dict[str, int]:
    """Apply the schedule, then queue tomorrow's run. Returns the counts by record type."""
    from .services import apply_retention

    try:
        run = apply_retention()
    finally:
        schedule_next()
    log.info("retention run %s removed or anonymised %s records", run.pk, run.total)
    return dict(run.counts)
