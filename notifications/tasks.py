"""Notification work on the task worker: sending e-mails (retried) and the daily reminders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

REMINDER_TASK_PATH = "notifications.tasks.daily_reminders_task"


@task()
def send_email_task(notification_id: int) -> str:
    from .services import send_email

    return send_email(notification_id)


def next_reminder_at(now: datetime.datetime | None = None) -> datetime.datetime:
    local = timezone.localtime(now or timezone.now())
    hour = int(getattr(settings, "CTIMS_REMINDER_HOUR", 6))
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def schedule_next_reminders(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue tomorrow's reminders unless queued already or the backend cannot run a task later."""
    if not daily_reminders_task.get_backend().supports_defer:
        return None
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=REMINDER_TASK_PATH, status=TaskResultStatus.READY).exists():
        return None
    at = next_reminder_at(now)
    daily_reminders_task.using(run_after=at).enqueue()
    return at


@task()
def daily_reminders_task() -> int:
    """Reviews and tasks due and overdue, then queue tomorrow's run."""
    from .services import send_reminders

    try:
        return send_reminders()
    finally:
        schedule_next_reminders()
