"""What the retention module needs from intake: find a call or observation, list those nothing came of, erase one.

"Without follow-up" means never escalated to a protection case or an investigation and not drawn on by
an investigation; those records live as long as what they led to. Erasing a record takes its mentions,
comments and photos with it (they cascade), its identifiers out of the links module, and any queued
task that would still publish them.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from audit.models import Action
from audit.services import record

from .models import FieldObservation, HotlineCall

CALL_SOURCE = "intake.hotlinecall"
OBSERVATION_SOURCE = "intake.fieldobservation"
_NUMBER = re.compile(r"^\s*(?:[A-Za-z]+-)?0*(\d{1,12})\s*$")


def _number(reference: str) -> int | None:
    """138 from 'CALL-138', 'call-0138' or '138'."""
    found = _NUMBER.match(reference)
    return int(found.group(1)) if found else None


def find_call(organisation_id: int, reference: str) -> HotlineCall | None:
    number = _number(reference)
    return None if number is None else HotlineCall.objects.filter(organisation_id=organisation_id,
                                                                   pk=number).first()


def find_observation(organisation_id: int, reference: str) -> FieldObservation | None:
    number = _number(reference)
    return None if number is None else FieldObservation.objects.filter(organisation_id=organisation_id,
                                                                       pk=number).first()


def _without_follow_up(qs: QuerySet[HotlineCall] | QuerySet[FieldObservation], source_type: str) -> QuerySet:  # type: ignore[type-arg]
    from investigations.erasure import linked_ids

    return qs.filter(protection_case_id__isnull=True, investigation__isnull=True).exclude(
        pk__in=linked_ids(source_type))


def calls_without_follow_up(before: datetime.datetime) -> QuerySet[HotlineCall]:
    """Calls taken before `before` that led to no case or investigation."""
    return _without_follow_up(HotlineCall.objects.filter(started_at__lt=before), CALL_SOURCE)


def observations_without_follow_up(before: datetime.datetime) -> QuerySet[FieldObservation]:
    """Observations made before `before` that led to no case or investigation."""
    return _without_follow_up(FieldObservation.objects.filter(observed_at__lt=before), OBSERVATION_SOURCE)


def _cancel_queued_publication(kind: str, pk: int) -> int:
    """Drop a not-yet-run task that would hand this record's mentions to links (the database task backend)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="intake.tasks.publish_mentions_task", status=TaskResultStatus.READY,
                                       args_kwargs={"args": [kind, pk], "kwargs": {}}).delete()[0]


def _erase(item: HotlineCall | FieldObservation, source_type: str, reason: str) -> dict[str, int]:
    from investigations.erasure import forget_linked
    from links.services import forget_source
    from protection.erasure import forget_source_record

    counts = {"mentions": item.mentions.count(), "comments": item.comments.count()}
    if isinstance(item, FieldObservation):
        counts["photos"] = item.photos.count()
    counts["queued_tasks"] = _cancel_queued_publication(item.kind, item.pk)
    forget_source(source_type=source_type, source_id=item.pk)
    counts["investigation_links"] = forget_linked(source_type, item.pk)
    forget_source_record(source_type, item.pk)
    organisation_id, pk = item.organisation_id, item.pk
    item.delete()
    record(None, Action.DELETE, object_type=source_type, object_id=pk, fields=sorted(counts), reason=reason,
           organisation_id=organisation_id)
    return counts


@transaction.atomic
def erase_call(call_id: int, *, reason: str = "erasure") -> dict[str, int]:
    """Delete a hotline call with its mentions, comments and links; counts of what went ({} if none)."""
    call = HotlineCall.objects.filter(pk=call_id).first()
    return {} if call is None else _erase(call, CALL_SOURCE, reason)


@transaction.atomic
def erase_observation(observation_id: int, *, reason: str = "erasure") -> dict[str, int]:
    """Delete a field observation with its mentions, photos, comments and links."""
    obs = FieldObservation.objects.filter(pk=observation_id).first()
    return {} if obs is None else _erase(obs, OBSERVATION_SOURCE, reason)


def forget_case(case_id: int) -> int:
    """An erased protection case: calls and observations escalated to it keep no pointer to it."""
    return sum(model.objects.filter(protection_case_id=case_id).update(protection_case_id=None,
                                                                       protection_case_code="")
               for model in (HotlineCall, FieldObservation))
