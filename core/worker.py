"""Background task worker that survives being killed: heartbeats and requeueing of orphaned tasks.

django-tasks-db marks a task RUNNING when a worker claims it and only ever picks READY tasks, so a
worker killed in the middle of a task (OOM killer, `kill -9`, a host that dies) leaves that task
running for ever. `manage.py task_worker` runs the same worker loop with two additions:

- a side thread writes the worker's heartbeat (core.models.WorkerHeartbeat) while the process lives,
  also during a long task;
- tasks claimed by a worker whose heartbeat is older than `CTIMS_WORKER_STALE_SECONDS`, and, when a
  worker starts, tasks still claimed by its own worker id (its previous life), go back to READY and
  run again from the start.

A requeued task runs again from its beginning, so every CTIMS task does its writes in one transaction
or is safe to repeat (publishing mentions, a matching run): what a killed run left uncommitted was
rolled back by the database, and the task's effect appears once.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import WorkerHeartbeat

log = logging.getLogger("ctims.worker")

# Heartbeats of workers gone for longer than this are deleted (a worker started without a fixed
# --worker-id gets a new random id every start).
FORGET_AFTER = datetime.timedelta(days=7)


def stale_after() -> float:
    """Seconds without a heartbeat after which a worker is taken for dead."""
    return float(getattr(settings, "CTIMS_WORKER_STALE_SECONDS", 120))


def beat(worker_id: str, started_at: datetime.datetime) -> None:
    """Write this worker's heartbeat (one row per worker id)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at,
                  "seen_at": timezone.now()},
    )


def requeue_orphaned_tasks(*, own_worker_id: str | None = None, stale_seconds: float | None = None) -> int:
    """Hand RUNNING tasks of dead workers back to the queue; returns how many.

    A worker is dead when its heartbeat is older than `stale_seconds`; `own_worker_id` (given by a
    worker as it starts) is dead too, since the process that used it before is gone. Tasks claimed by
    a worker that never wrote a heartbeat (the stock `db_worker`) are left alone: nothing says
    whether it still runs them.
    """
    limit = timezone.now() - datetime.timedelta(seconds=stale_after() if stale_seconds is None else stale_seconds)
    dead = set(WorkerHeartbeat.objects.filter(seen_at__lt=limit).values_list("worker_id", flat=True))
    if own_worker_id:
        dead.add(own_worker_id)
    requeued = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        for task in DBTaskResult.objects.running().select_for_update(skip_locked=True).only("id", "worker_ids"):
            if task.worker_ids and task.worker_ids[-1] in dead:
                # conditional on still RUNNING: two workers sweeping at once requeue a task once
                requeued += DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, started_at=None)
                log.warning("task %s requeued: its worker %s stopped while running it", task.pk, task.worker_ids[-1])
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()
    return requeued


class _Heartbeat(threading.Thread):
    """Beats every few seconds and sweeps for orphaned tasks, until stopped."""

    def __init__(self, worker_id: str, started_at: datetime.datetime, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = started_at
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    close_old_connections()
                    beat(self.worker_id, self.started_at)
                    requeue_orphaned_tasks()
                except Exception as exc:  # the database is away: the next beat tries again
                    log.warning("worker heartbeat failed: %s", type(exc).__name__)
        finally:
            connections.close_all()


class RecoveringWorker(Worker):
    """django-tasks-db's worker loop, with a heartbeat and the requeueing of orphaned tasks."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.started_at = timezone.now()

    def run(self) -> None:
        found = requeue_orphaned_tasks(own_worker_id=self.worker_id)
        if found:
            log.warning("worker %s requeued %d task(s) left running by a stopped worker", self.worker_id, found)
        beat(self.worker_id, self.started_at)
        heartbeat = _Heartbeat(self.worker_id, self.started_at, every=min(15.0, max(1.0, stale_after() / 4)))
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stopped.set()
