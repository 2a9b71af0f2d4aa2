"""Reads of approval requests, scoped: supervisors see their organisation's, others only their own."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import ApprovalRequest, ApprovalStatus


def requests_visible_to(user: Any, *, status: str = "") -> QuerySet[ApprovalRequest]:
    if not getattr(user, "is_authenticated", False) or not user.has_capability("protection.view"):
        return ApprovalRequest.objects.none()
    where = Q(organisation_id=user.organisation_id)
    if not user.has_capability("protection.supervise"):
        where &= Q(requested_by_id=user.pk)
    qs = ApprovalRequest.objects.filter(where).select_related("case", "requested_by", "decided_by")
    return qs.filter(status=status) if status else qs


def to_decide(user: Any) -> QuerySet[ApprovalRequest]:
    """Pending requests a supervisor may decide (not their own)."""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("protection.supervise"):
        return ApprovalRequest.objects.none()
    return requests_visible_to(user, status=ApprovalStatus.PENDING).exclude(requested_by_id=user.pk)


def pending_count(user: Any) -> int:
    """For the navigation badge: requests to decide and transfers offered to the organisation."""
    from protection.models import TransferStatus
    from protection.selectors import transfers_visible_to

    count = to_decide(user).count()
    if user.has_capability("protection.supervise"):
        count += transfers_visible_to(user, "incoming").filter(status=TransferStatus.PENDING).count()
    return count


def requests_of_case(user: Any, case_id: int) -> list[ApprovalRequest]:
    return list(requests_visible_to(user).filter(case_id=case_id)[:20])
