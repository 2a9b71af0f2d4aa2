"""The import runs as a background task (django-tasks, database backend: `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_task(job_id: int, actor_id: int) -> int:
    from .services import run_import

    return run_import(job_id, actor_id)


@task()
def publish_mentions_task(job_id: int, person_ids: list[int]) -> int:
    from .htcds import publish_mentions

    return publish_mentions(job_id, person_ids)
