"""Fault benchmark: the task worker killed (SIGKILL) in the middle of a long task. Does the task run to
the end after the restart, and exactly once?

Each scenario enqueues one --task-seconds long task (bench.fault_tasks.long_report: it files one
audit event at its end, in one transaction), starts a worker, kills it -9 half way through, starts a
worker again and waits for the task:

- baseline: no kill (how long the task takes here);
- `task_worker`, restarted with the same --worker-id (systemd restarts it 5 s later): takes the task
  back at once;
- `task_worker`, replaced by a worker with another id (the host is gone): takes it back once the
  dead worker's heartbeat is --stale seconds old;
- django-tasks-db's stock `db_worker`, restarted: what happens without core.worker.

A fresh SQLite database in a temporary folder; nothing else is touched.

    .venv/bin/python bench/fault_worker_kill.py
    .venv/bin/python bench/fault_worker_kill.py --task-seconds 10 --stale 15
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environment(folder: Path, stale: int) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "ctims.settings.dev", "CTIMS_ENV_FILE": "/nonexistent",
            "SECRET_KEY": "bench-secret-key-" + "x" * 40, "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BLIND_INDEX_KEY": "bench-blind-index-key-0123456789abcdef",
            "DATABASE_URL": f"sqlite:///{folder / 'ctims.sqlite3'}", "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "CTIMS_WORKER_STALE_SECONDS": str(stale), "LOG_LEVEL": "WARNING"}


def start_worker(env: dict[str, str], command: str, worker_id: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", command, "--worker-id", worker_id, "--interval", "0.2", "--no-startup-delay",
         "--no-reload"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "ab"))


def wait_for(predicate: object, timeout: float) -> float | None:
    """Seconds until `predicate()` is true, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():  # type: ignore[operator]
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def scenario(env: dict[str, str], log: Path, name: str, args: argparse.Namespace, *, command: str,
             kill: bool, restart_id: str | None) -> tuple[str, str, str, int, str]:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from audit.models import AuditEvent
    from bench.fault_tasks import long_report

    key = name.replace(" ", "-")
    result_id = long_report.enqueue(key, args.task_seconds).id

    def status() -> str:
        return str(DBTaskResult.objects.get(pk=result_id).status)

    first = start_worker(env, command, "bench-worker-1", log)
    started = wait_for(lambda: status() == TaskResultStatus.RUNNING, 60)
    if started is None:
        first.kill()
        return name, "never started", "", 0, ""
    try:
        if not kill:
            done = wait_for(lambda: status() == TaskResultStatus.SUCCESSFUL, args.task_seconds * 4 + 30)
            outcome = f"{done:.1f} s" if done is not None else "did not finish"
            return name, outcome, "", AuditEvent.objects.filter(object_id=key).count(), status()
        time.sleep(args.task_seconds / 2)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        state_after_kill = status()
        second = start_worker(env, command, restart_id or "bench-worker-1", log)
        try:
            limit = args.task_seconds * 2 + args.stale * 2 + 30
            begin = time.monotonic()
            claimed = wait_for(lambda: len(DBTaskResult.objects.get(pk=result_id).worker_ids) > 1, limit)
            done = wait_for(lambda: status() == TaskResultStatus.SUCCESSFUL, limit)
            if done is None:
                outcome = f"still {status()} after {time.monotonic() - begin:.0f} s"
            else:
                outcome = f"rerun at {claimed:.1f} s, done at {time.monotonic() - begin:.1f} s"
            runs = len(DBTaskResult.objects.get(pk=result_id).worker_ids)
            return (name, outcome, f"{state_after_kill}, claimed {runs}x",
                    AuditEvent.objects.filter(object_id=key).count(), status())
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.terminate()
            first.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--task-seconds", type=float, default=8.0)
    ap.add_argument("--stale", type=int, default=10, help="CTIMS_WORKER_STALE_SECONDS for the run")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ctims-bench-worker-") as tmp:
        folder = Path(tmp)
        env = environment(folder, args.stale)
        os.environ.update(env)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        import django

        django.setup()
        log = folder / "workers.log"
        rows = [
            scenario(env, log, "baseline task_worker", args, command="task_worker", kill=False, restart_id=None),
            scenario(env, log, "task_worker same id", args, command="task_worker", kill=True,
                     restart_id="bench-worker-1"),
            scenario(env, log, "task_worker other id", args, command="task_worker", kill=True,
                     restart_id="bench-worker-2"),
            scenario(env, log, "stock db_worker", args, command="db_worker", kill=True, restart_id="bench-worker-1"),
        ]
        print(f"\ntask of {args.task_seconds:.0f} s, worker killed -9 half way; "
              f"CTIMS_WORKER_STALE_SECONDS={args.stale}")
        print("times from the start of the replacement worker process (its start-up included)")
        print(f"{'scenario':24} {'task finished':34} {'after the kill':26} {'effects':>7}  final status")
        for name, outcome, after_kill, effects, final in rows:
            print(f"{name:24} {outcome:34} {after_kill:26} {effects:>7}  {final}")


if __name__ == "__main__":
    main()
