"""Background matching (django_tasks): full runs on demand, incremental runs when a record is saved."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from .models import MatchRun, RunStatus

log = logging.getLogger("ctims.links")


@task()
def match_task(run_id: int, mention_ids: list[int] | None) -> int:
    """Run one MatchRun: full when `mention_ids` is None, else incremental for those mentions."""
    from . import matching

    run = MatchRun.objects.get(pk=run_id)
    try:
        if mention_ids is None:
            return matching.run_full(run)
        return matching.run_incremental(run, mention_ids)
    except Exception as exc:
        log.exception("links matching run %s failed", run_id)
        MatchRun.objects.filter(pk=run_id).update(status=RunStatus.FAILED, error=type(exc).__name__[:300],
                                                  finished_at=timezone.now())
        raise
