"""Health checks for the proxy, the load balancer and monitoring: `/healthz` and `/readyz`.

Answered by `core.middleware.HealthCheckMiddleware` before sessions, CSRF and the host check, so a
probe from nginx on 127.0.0.1 over plain HTTP gets an answer whatever `ALLOWED_HOSTS` and
`SECURE_SSL_REDIRECT` say. The answers hold no personal data and nothing from the request, and
the checks only read: a probe every few seconds writes nothing and costs one or two small queries.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

PATHS = ("/healthz", "/readyz")


def _json(body: dict[str, Any], status: int) -> HttpResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Frame-Options"] = "DENY"  # the answer skips XFrameOptionsMiddleware, further down the chain
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. No database query: a restart of PostgreSQL must not get gunicorn killed."""
    return _json({"status": "ok"}, 200)


def _database() -> dict[str, Any]:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "ms": round((time.perf_counter() - start) * 1000, 1)}


def _tasks() -> dict[str, Any]:
    """The task queue's table answers; how long the oldest waiting task has waited."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return {"ok": True, "backend": type(backend).__name__}

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waited = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"ok": True, "backend": "database", "oldest_waiting_seconds": waited}


def _worker() -> dict[str, Any]:
    """When a task worker last beat. Reported, not part of readiness: a web server without a worker
    still serves pages, and taking it out of the load balancer would not bring the worker back."""
    from .models import WorkerHeartbeat
    from .worker import stale_after

    seen = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if seen is None:
        return {"ok": False, "last_seen_seconds": None}
    age = round((timezone.now() - seen).total_seconds())
    return {"ok": age <= stale_after(), "last_seen_seconds": age}


def readyz(request: HttpRequest) -> HttpResponse:
    """Ready for traffic: the database and the task queue answer (200), else 503 naming what failed."""
    checks: dict[str, Any] = {}
    for name, check in (("database", _database), ("tasks", _tasks)):
        try:
            checks[name] = check()
        except DatabaseError as exc:
            checks[name] = {"ok": False, "error": type(exc).__name__}
    if checks["database"]["ok"]:
        try:
            checks["worker"] = _worker()
        except DatabaseError as exc:
            checks["worker"] = {"ok": False, "error": type(exc).__name__}
    ready = checks["database"]["ok"] and checks["tasks"]["ok"]
    return _json({"status": "ok" if ready else "unavailable", "checks": checks}, 200 if ready else 503)


VIEWS = {"/healthz": healthz, "/readyz": readyz}
