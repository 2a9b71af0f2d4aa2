"""Operational state shared by the processes of one deployment (not personal data)."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background task worker (`manage.py task_worker`).

    django-tasks-db keeps no record of its workers, so a worker killed in the middle of a
    task leaves that task marked running for ever. Each worker writes its beat here from a
    side thread while it runs, even during a long task; a task whose worker has not beaten
    for `CTIMS_WORKER_STALE_SECONDS` is handed back to the queue (core.worker), and
    `/readyz` reports how long ago any worker was seen.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)  # /readyz: the newest beat

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (pid {self.pid}) seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
