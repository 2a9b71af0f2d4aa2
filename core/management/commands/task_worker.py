"""`manage.py task_worker`: run background tasks; a task left running by a killed worker runs again.

The options are django-tasks-db's `db_worker`'s; see core.worker for what this adds. Give every
worker process a fixed, unique `--worker-id` (systemd: `--worker-id %H-1`), so a restarted worker
takes back at once the task its previous life was running instead of waiting for its heartbeat to go stale.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from core.worker import RecoveringWorker


class Command(db_worker.Command):
    help = "Run the background task worker (django-tasks-db) with heartbeats and requeueing of orphaned tasks."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
