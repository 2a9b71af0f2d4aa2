"""The proxy and monitoring ask /healthz (the process is up) and /readyz (the database and the task
queue answer): over plain HTTP from 127.0.0.1, with JSON answers that hold nothing personal and
write nothing."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import WorkerHeartbeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What production looks like to a probe from nginx on 127.0.0.1 over plain HTTP.
PRODUCTION = {"ALLOWED_HOSTS": ["ctims.example.org"], "SECURE_SSL_REDIRECT": True,
              "SECURE_REDIRECT_EXEMPT": [r"^healthz$", r"^readyz$"]}


def test_healthz_says_ok_without_touching_the_database(client: Any, db: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies, "no session, no CSRF cookie"
    assert response["X-Request-ID"]


@override_settings(TASKS=DB_TASKS)
def test_readyz_reports_the_database_and_the_task_queue_and_only_reads(client: Any, db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    from intake.tasks import publish_mentions_task

    publish_mentions_task.enqueue("call", 1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=3))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["tasks"] == {"ok": True, "backend": "database", "oldest_waiting_seconds": 180}
    assert body["checks"]["worker"] == {"ok": False, "last_seen_seconds": None}, "no worker has ever beaten"
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries), [q["sql"] for q in queries]
    assert not response.cookies


def test_readyz_says_when_a_worker_was_last_seen(client: Any, db: None) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, seen_at=now - datetime.timedelta(seconds=5))
    assert client.get("/readyz").json()["checks"]["worker"] == {"ok": True, "last_seen_seconds": 5}
    WorkerHeartbeat.objects.filter(worker_id="w1").update(seen_at=now - datetime.timedelta(hours=1))
    response = client.get("/readyz")
    assert response.json()["checks"]["worker"] == {"ok": False, "last_seen_seconds": 3600}
    assert response.status_code == 200, "a web server without a worker still serves pages"


def test_readyz_answers_503_naming_the_database_when_it_is_away(client: Any, db: None) -> None:
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"ok": False, "error": "DatabaseError"}
    assert "connection refused" not in response.content.decode()


@override_settings(TASKS=DB_TASKS)
def test_readyz_answers_503_when_the_task_table_is_missing(client: Any, db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    with mock.patch.object(DBTaskResult.objects, "ready", side_effect=DatabaseError("no such table")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == {"ok": False, "error": "DatabaseError"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@override_settings(**PRODUCTION)
def test_the_local_proxy_probe_over_plain_http_gets_an_answer(client: Any, db: None, path: str) -> None:
    response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@override_settings(**PRODUCTION)
def test_other_pages_still_need_https_and_a_known_host(client: Any, db: None) -> None:
    assert client.get("/accounts/sign-in/", HTTP_HOST="127.0.0.1").status_code == 400
    response = client.get("/accounts/sign-in/", HTTP_HOST="ctims.example.org")
    assert response.status_code == 301 and response["Location"].startswith("https://ctims.example.org/")


def test_a_post_to_healthz_is_not_answered_as_a_probe(client: Any, db: None) -> None:
    assert client.post("/healthz").status_code != 200
