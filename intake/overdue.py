"""Immediate-danger calls and observations that nobody has taken past the limit: a notice to the duty supervisor.

The board flags them and the menu counts them for everyone who triages; on top of that each supervisor of the
record's organisation gets one notification per record (in the app, and by e-mail unless they opted out), so an
item cannot sit unassigned for days again. Run by the task worker every few minutes (`notify_overdue_triage
--schedule`) or from cron (`notify_overdue_triage`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .models import PRIORITY_OF_URGENCY, FieldObservation, HotlineCall, TriageStatus, Urgency
from .selectors import unassigned_limit

IMMEDIATE = PRIORITY_OF_URGENCY[Urgency.IMMEDIATE_DANGER]


def overdue_items(now: datetime.datetime | None = None) -> list[HotlineCall | FieldObservation]:
    """Every organisation's immediate-danger calls and observations still new and unassigned past the limit."""
    late = (now or timezone.now()) - unassigned_limit()
    q = Q(priority=IMMEDIATE, assigned_to__isnull=True, status=TriageStatus.NEW, created_at__lte=late)
    return [*HotlineCall.objects.filter(q).order_by("created_at"),
            *FieldObservation.objects.filter(q).order_by("created_at")]


def duty_supervisors(organisation_id: int) -> QuerySet[User]:
    """Who answers for the organisation's triage on duty: its active supervisors (never another organisation's)."""
    return User.objects.filter(organisation_id=organisation_id, is_active=True, role=Role.SUPERVISOR)


def notify_overdue_triage(now: datetime.datetime | None = None) -> int:
    """Tell the duty supervisors of each overdue item, once per item and supervisor; returns how many notices."""
    from notifications.models import Kind
    from notifications.services import notify

    sent = 0
    supervisors: dict[int, list[Any]] = {}
    for item in overdue_items(now):
        people = supervisors.setdefault(item.organisation_id, list(duty_supervisors(item.organisation_id)))
        sent += len(notify(people, Kind.TRIAGE_OVERDUE, item, key=f"triage_overdue:{item.kind}{item.pk}"))
    return sent
