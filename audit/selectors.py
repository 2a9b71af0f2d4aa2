"""Reads of the audit log, scoped to what the reader may see."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import AuditEvent

if TYPE_CHECKING:
    from accounts.models import User


def events_visible_to(
    user: User,
    *,
    action: str = "",
    actor: str = "",
    object_type: str | list[str] = "",
    object_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    request_id: str = "",
) -> QuerySet[AuditEvent]:
    """Events of the user's own organisation, newest first; none for roles without audit access."""
    if not user.has_capability("audit.view"):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.filter(organisation_id=user.organisation_id)
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_username__iexact=actor)
    if isinstance(object_type, list):
        qs = qs.filter(object_type__in=object_type)
    elif object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    if request_id:
        qs = qs.filter(request_id=request_id)
    return qs.order_by("-at", "-id")


def history_of(object_type: str, object_id: str | int) -> QuerySet[AuditEvent]:
    """Every event on one record, whichever organisation acted: the record's 'who viewed it' page.

    The caller must already have checked that the user may open the record itself;
    the owner of a case needs to see the views of the organisations it referred to.
    """
    return AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("-at", "-id")
