"""The daily run keeps itself going on the task worker: one queued run at a time, the next one each night."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from retention.models import RetentionRun
from retention.tasks import TASK_PATH, daily_retention_task, next_run_at


def test_the_next_run_is_at_the_configured_hour_today_or_tomorrow(settings: Any) -> None:
    settings.CTIMS_RETENTION_HOUR = 2
    early = timezone.make_aware(datetime.datetime(2026, 12, 3, 1, 30))
    late = timezone.make_aware(datetime.datetime(2026, 12, 3, 2, 0))

    assert timezone.localtime(next_run_at(early)) == timezone.make_aware(datetime.datetime(2026, 12, 3, 2, 0))
    assert timezone.localtime(next_run_at(late)) == timezone.make_aware(datetime.datetime(2026, 12, 4, 2, 0))


def test_schedule_queues_one_run_and_each_run_queues_the_next(db: None, settings: Any,
                                                              capsys: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    call_command("apply_retention", "--schedule")
    call_command("apply_retention", "--schedule")

    queued = DBTaskResult.objects.get(task_path=TASK_PATH)  # once, however often the operator asks
    assert queued.run_after > timezone.now()
    assert "already queued" in capsys.readouterr().out

    DBTaskResult.objects.filter(pk=queued.pk).update(status=TaskResultStatus.RUNNING)  # the worker picked it up
    daily_retention_task.call()

    assert RetentionRun.objects.count() == 1
    following = DBTaskResult.objects.get(task_path=TASK_PATH, status=TaskResultStatus.READY)
    assert following.pk != queued.pk and following.run_after > timezone.now()


def test_the_test_settings_immediate_backend_never_loops(db: None) -> None:
    result = daily_retention_task.enqueue()  # runs at once; must not queue itself again for ever

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert RetentionRun.objects.count() == 1
