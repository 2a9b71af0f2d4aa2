"""Background work for the directory: handing the identifiers written in a public concern to links."""

from __future__ import annotations

from django_tasks import task


@task()
def publish_concern_mentions_task(concern_id: int) -> int:
    """Publish the phones, plates and accounts of one concern, if it still exists."""
    from .models import ConcernReport
    from .triage import publish_concern_mentions

    concern = ConcernReport.objects.filter(pk=concern_id).first()
    return publish_concern_mentions(concern) if concern is not None else 0
