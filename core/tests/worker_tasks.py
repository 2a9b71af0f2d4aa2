"""A task for the worker tests: its one visible effect is an audit event, so a second run would show."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from audit.models import Action
from audit.services import record


@task()
def file_report(key: str) -> str:
    with transaction.atomic():
        record(None, Action.CREATE, object_type="core.testreport", object_id=key)
    return key
