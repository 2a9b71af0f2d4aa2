"""Background work for intake: handing a saved call's or observation's mentions to the links module.

It runs after the request (the links module's entity lookups and matching queue are most of a save's
queries), so an operator or officer is not kept waiting for it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

OVERDUE_TASK_PATH = "intake.tasks.overdue_triage_task"


@task()
def publish_mentions_task(kind: str, record_id: int) -> None:
    """Publish the mentions of one call ("call") or observation ("observation"), if it still exists."""
    from .models import FieldObservation, HotlineCall
    from .services import publish_mentions

    record_: HotlineCall | FieldObservation | None
    if kind == "call":
        record_ = HotlineCall.objects.select_related("hotline").filter(pk=record_id).first()
    else:
        record_ = FieldObservation.objects.select_related("place").filter(pk=record_id).first()
    if record_ is not None:
        publish_mentions(record_)
