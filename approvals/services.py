"""Approvals: every write here checks who may do it, is audited, and tells the right people.

- `request_closure` / `request_transfer`: what the case pages call. A case worker's closure or transfer becomes
  a request to the supervisors of the case's organisation when its policy says so; a supervisor's own goes
  straight through (`protection.services.set_case_status` / `transfer_case`).
- `plan_item_added`: called by `protection.services.add_plan_item`; the item waits for approval.
- `decide`: a supervisor of the same organisation (not the one who asked) approves, which carries out the
  closure or transfer, or returns the request with a comment for the case worker.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.models import Action
from audit.services import record
from notifications.models import Kind
from notifications.services import notify, users_with

from .models import ApprovalKind, ApprovalPolicy, ApprovalRequest, ApprovalStatus

__all__ = ["ApprovalRequest", "decide", "plan_item_added", "request_closure", "request_transfer", "set_policy"]

SUPERVISE = "protection.supervise"


def policy_for(organisation_id: int) -> ApprovalPolicy:
    return ApprovalPolicy.objects.filter(organisation_id=organisation_id).first() or ApprovalPolicy(
        organisation_id=organisation_id)


def required(actor: User, organisation_id: int, kind: str) -> bool:
    """Whether `actor`'s `kind` on a case of the organisation waits for a supervisor."""
    return bool(getattr(policy_for(organisation_id), kind)) and not actor.has_capability(SUPERVISE)


def set_policy(actor: User, *, case_plan: bool, closure: bool, transfer: bool) -> ApprovalPolicy:
    if not actor.has_capability(SUPERVISE):
        raise PermissionDenied
    policy, _created = ApprovalPolicy.objects.update_or_create(
        organisation_id=actor.organisation_id,
        defaults={"case_plan": case_plan, "closure": closure, "transfer": transfer})
    record(actor, Action.UPDATE, policy, fields=["case_plan", "closure", "transfer"])
    return policy


def _ask(actor: User, case: Any, kind: str, details: dict[str, Any]) -> ApprovalRequest:
    if ApprovalRequest.objects.filter(case=case, kind=kind, status=ApprovalStatus.PENDING).exists() \
            and kind != ApprovalKind.CASE_PLAN:
        raise ValidationError({"__all__": _("This already waits for a supervisor's approval.")})
    request = ApprovalRequest.objects.create(organisation_id=case.organisation_id, case=case, kind=kind,
                                             details=details, requested_by=actor)  # type: ignore[misc]
    record(actor, Action.CREATE, request, fields=["kind", "details"])
    notify(users_with(case.organisation_id, SUPERVISE), Kind.APPROVAL_REQUESTED, request, actor=actor)
    return request


@transaction.atomic
def request_closure(actor: User, case_id: int, status: str, closure_reason: str = "") -> ApprovalRequest | None:
    """Change a case's status; closing it waits for approval where the policy says so (returns the request)."""
    from protection import services as protection
    from protection.choices import CLOSED_STATUSES

    case = protection.managed_case(actor, case_id).case
    if status not in CLOSED_STATUSES or not required(actor, case.organisation_id, ApprovalKind.CLOSURE):
        protection.set_case_status(actor, case_id, status, closure_reason)
        return None
    if not closure_reason.strip():
        raise ValidationError({"closure_reason": _("Give the reason for closing the case.")})
    return _ask(actor, case, ApprovalKind.CLOSURE, {"status": status, "reason": closure_reason.strip()})


@transaction.atomic
def request_transfer(actor: User, case_id: int, *, to_organisation: Organisation, reason: str
                     ) -> ApprovalRequest | None:
    """Offer a case to another organisation; a case worker's offer waits for a supervisor first."""
    from protection import services as protection

    case = protection.check_transfer(actor, case_id, to_organisation=to_organisation, reason=reason)
    if not required(actor, case.organisation_id, ApprovalKind.TRANSFER):
        protection.transfer_case(actor, case_id, to_organisation=to_organisation, reason=reason)
        return None
    return _ask(actor, case, ApprovalKind.TRANSFER, {"to_organisation": to_organisation.pk, "reason": reason.strip()})


def plan_item_added(actor: User, item: Any) -> ApprovalRequest | None:
    """A support plan item written by a case worker waits for approval (it is kept, marked as such)."""
    if not required(actor, item.case.organisation_id, ApprovalKind.CASE_PLAN):
        return None
    return _ask(actor, item.case, ApprovalKind.CASE_PLAN, {"item_id": item.pk})


@transaction.atomic
def decide(actor: User, request_id: int, *, approve: bool, comment: str = "") -> ApprovalRequest:
    from protection import services as protection

    if not actor.has_capability(SUPERVISE):
        raise PermissionDenied
    request = ApprovalRequest.objects.select_for_update().select_related("case").filter(
        pk=request_id, organisation_id=actor.organisation_id).first()
    if request is None:
        raise Http404
    if request.status != ApprovalStatus.PENDING:
        raise ValidationError({"__all__": _("This request has already been decided.")})
    if request.requested_by_id == actor.pk:
        raise ValidationError({"__all__": _("Another supervisor must decide on your own request.")})
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what to change, so the case worker can do it.")})
    if request.case.organisation_id != request.organisation_id:
        raise ValidationError({"__all__": _("The case is no longer held by your organisation.")})
    request.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.RETURNED
    request.comment = comment.strip()
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "comment", "decided_by", "decided_at"])
    record(actor, Action.UPDATE, request, fields=["status", "comment"])
    if approve and request.kind == ApprovalKind.CLOSURE:
        protection.set_case_status(actor, request.case_id, request.info["status"], request.info["reason"])
    elif approve and request.kind == ApprovalKind.TRANSFER:
        to_organisation = Organisation.objects.get(pk=request.info["to_organisation"])
        protection.transfer_case(actor, request.case_id, to_organisation=to_organisation,
                                 reason=request.info["reason"])
    if request.requested_by is not None:
        notify([request.requested_by], Kind.APPROVAL_DECIDED, request, actor=actor)
    return request
