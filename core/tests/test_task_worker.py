"""A worker killed in the middle of a task: the task is handed back to the queue and runs to the end
once, whether the same worker comes back or another one notices that the first has gone quiet."""

from __future__ import annotations

import datetime

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from core.models import WorkerHeartbeat
from core.tests.worker_tasks import file_report
from core.worker import RecoveringWorker, requeue_orphaned_tasks

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _claimed_by(worker_id: str, key: str) -> DBTaskResult:
    """A task a worker had claimed and was running when it was killed."""
    result = DBTaskResult.objects.get(pk=file_report.enqueue(key).id)
    result.claim(worker_id)
    return result


def _heartbeat(worker_id: str, seconds_ago: float) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=now - datetime.timedelta(hours=1),
                                   seen_at=now - datetime.timedelta(seconds=seconds_ago))


def _worker(worker_id: str) -> RecoveringWorker:
    return RecoveringWorker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                            startup_delay=False, max_tasks=None, worker_id=worker_id, excluded_queue_names=[])


@override_settings(TASKS=DB_TASKS, CTIMS_WORKER_STALE_SECONDS=60)
def test_only_tasks_of_workers_that_went_quiet_go_back_to_the_queue(db: None) -> None:
    _heartbeat("quiet", seconds_ago=600)
    _heartbeat("busy", seconds_ago=5)
    orphan, running, unknown = _claimed_by("quiet", "a"), _claimed_by("busy", "b"), _claimed_by("stock-db-worker", "c")

    assert requeue_orphaned_tasks() == 1
    assert requeue_orphaned_tasks() == 0, "a second sweep finds nothing more"

    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[orphan.pk] == TaskResultStatus.READY
    assert statuses[running.pk] == TaskResultStatus.RUNNING, "a worker that still beats keeps its long task"
    assert statuses[unknown.pk] == TaskResultStatus.RUNNING, "nothing says a worker without heartbeats is gone"


# The worker loop closes and reopens connections as a real process does: committed data, no test
# transaction (the conftest's transactional_db also lets the flush past the audit log's triggers).
@override_settings(TASKS=DB_TASKS, CTIMS_WORKER_STALE_SECONDS=60)
def test_a_restarted_worker_runs_the_task_it_was_killed_in_once(transactional_db: None) -> None:
    _heartbeat("ctims-worker-1", seconds_ago=3)  # restarted by systemd within seconds: not yet stale
    killed = _claimed_by("ctims-worker-1", "report-7")

    _worker("ctims-worker-1").run()

    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.SUCCESSFUL
    assert killed.return_value == "report-7"
    assert killed.worker_ids == ["ctims-worker-1", "ctims-worker-1"]
    assert AuditEvent.objects.filter(object_type="core.testreport", object_id="report-7").count() == 1
    beat = WorkerHeartbeat.objects.get(worker_id="ctims-worker-1")
    assert (timezone.now() - beat.seen_at).total_seconds() < 60, "the restarted worker beats again"


@override_settings(TASKS=DB_TASKS, CTIMS_WORKER_STALE_SECONDS=60)
def test_another_worker_finishes_the_task_of_one_that_never_came_back(transactional_db: None) -> None:
    _heartbeat("host-a-1", seconds_ago=900)
    killed = _claimed_by("host-a-1", "report-8")

    _worker("host-b-1").run()

    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.SUCCESSFUL and killed.worker_ids == ["host-a-1", "host-b-1"]
    assert AuditEvent.objects.filter(object_id="report-8").count() == 1
