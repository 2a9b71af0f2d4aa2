"""Writes of the call screen beyond the call itself: caller flags, "referred to" a directory service,
callback tasks and transfers. Each checks the operator's permission and writes its audit event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from .models import (
    CallbackTask,
    CallerFlag,
    CallerFlagKind,
    CallReferral,
    CallTransfer,
    HotlineCall,
    Place,
    PlaceType,
    TriageStatus,
)

CALL_CAPABILITIES = ("intake.log_call", "intake.triage")


def _require_call_work(actor: Any, call: HotlineCall | None = None) -> None:
    """Operators (and triage staff) act on their own organisation's calls only."""
    if not any(actor.has_capability(c) for c in CALL_CAPABILITIES) or (
            call is not None and call.organisation_id != actor.organisation_id):
        record(actor, Action.PERMISSION_DENIED, object_type="intake", object_id="call_work")
        raise PermissionDenied


# --- caller flags ---------------------------------------------------------------------------------


def flag_caller(actor: Any, phone_index: str, kind: str) -> CallerFlag:
    """Mark a number as an abusive or test caller for the operator's organisation (replaces a flag in force)."""
    _require_call_work(actor)
    if not phone_index:
        raise ValidationError({"caller_contact": _("Enter the caller's phone number first.")})
    if kind not in CallerFlagKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    with transaction.atomic():
        current = CallerFlag.objects.select_for_update().filter(
            organisation_id=actor.organisation_id, phone_index=phone_index, cleared_at__isnull=True).first()
        if current is not None and current.kind == kind:
            return current
        if current is not None:
            _clear(actor, current)
        flag = CallerFlag.objects.create(organisation_id=actor.organisation_id, phone_index=phone_index, kind=kind,
                                         set_by=actor)
        record(actor, Action.CREATE, flag, fields=["phone_index", "kind"])
    return flag


def clear_caller_flag(actor: Any, phone_index: str) -> bool:
    """Lift the flag on a number; False when there was none."""
    _require_call_work(actor)
    flag = CallerFlag.objects.filter(organisation_id=actor.organisation_id, phone_index=phone_index,
                                     cleared_at__isnull=True).first() if phone_index else None
    if flag is None:
        return False
    _clear(actor, flag)
    return True


def _clear(actor: Any, flag: CallerFlag) -> None:
    flag.cleared_at = timezone.now()
    flag.cleared_by = actor
    flag.save(update_fields=["cleared_at", "cleared_by"])
    record(actor, Action.UPDATE, flag, fields=["cleared_at", "cleared_by"])


# --- referred to a service ---------------------------------------------------------------------------


def refer_to_service(actor: Any, call: HotlineCall, service_id: int) -> CallReferral:
    """Record that the caller was referred to an active directory service (once per service and call)."""
    from directory.selectors import public_service

    _require_call_work(actor, call)
    service = public_service(service_id)
    if service is None:
        raise ValidationError({"service": _("This service is not in the directory any more.")})
    referral, created = CallReferral.objects.get_or_create(call=call, service=service,
                                                           defaults={"created_by": actor})
    if created:
        record(actor, Action.CREATE, referral, fields=["call", "service"])
    return referral


# --- callbacks --------------------------------------------------------------------------------------


def plan_callback(actor: Any, call: HotlineCall, due_at: datetime | None, *, assignee: Any | None = None,
                  note: str = "") -> CallbackTask:
    """A task to call the caller back by `due_at`, for the operator (or a colleague who takes calls)."""
    _require_call_work(actor, call)
    assignee = assignee or actor
    if due_at is None:
        raise ValidationError({"callback_due": _("Enter when to call back.")})
    if assignee.organisation_id != actor.organisation_id or not assignee.has_capability("intake.log_call"):
        raise ValidationError({"callback_to": _("Choose an operator of your own organisation.")})
    task = CallbackTask.objects.create(call=call, assigned_to=assignee, due_at=due_at, note=note.strip(),
                                       created_by=actor)
    record(actor, Action.CREATE, task, fields=["call", "assigned_to", "due_at"] + (["note"] if task.note else []))
    return task


def complete_callback(actor: Any, task: CallbackTask) -> CallbackTask:
    _require_call_work(actor, task.call)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        record(actor, Action.UPDATE, task, fields=["done_at"])
    return task


# --- transfers ----------------------------------------------------------------------------------------


def transfer_call(actor: Any, call: HotlineCall, *, to_user: Any | None = None, to_line: Place | None = None,
                  note: str = "") -> CallTransfer:
    """Hand a call to a colleague (it is assigned to them) or to another voivodeship's line (it waits in that
    line's queue, unassigned, until one of its operators takes it). The colleague is notified."""
    _require_call_work(actor, call)
    if (to_user is None) == (to_line is None):
        raise ValidationError({"to": _("Choose a colleague or a line, not both.")})
    if to_user is not None and (to_user.organisation_id != actor.organisation_id or not to_user.is_active
                                or not to_user.has_capability("intake.log_call")):
        raise ValidationError({"to_user": _("Choose an operator of your own organisation.")})
    if to_line is not None and to_line.type != PlaceType.VOIVODESHIP:
        raise ValidationError({"to_line": _("Choose a voivodeship line.")})
    if call.status in (TriageStatus.CLOSED, TriageStatus.ESCALATED):
        raise ValidationError({"to": _("A closed or escalated call cannot be transferred.")})
    with transaction.atomic():
        transfer = CallTransfer.objects.create(call=call, from_user=actor, to_user=to_user, to_line=to_line,
                                               note=note.strip())
        call.assigned_to = to_user
        call.queue_line = to_line
        call.status = TriageStatus.ASSIGNED if to_user is not None else TriageStatus.NEW
        call.save(update_fields=["assigned_to", "queue_line", "status"])
        record(actor, Action.CREATE, transfer, fields=["call", "to_user" if to_user else "to_line"]
               + (["note"] if transfer.note else []))
        record(actor, Action.UPDATE, call, fields=["assigned_to", "queue_line", "status"])
        if to_user is not None:
            from notifications.models import Kind
            from notifications.services import notify

            notify([to_user], Kind.CALL_ASSIGNED, call, actor=actor)
    return transfer


def take_call(actor: Any, call: HotlineCall) -> HotlineCall:
    """An operator takes a call waiting on a line: it leaves the line's queue and is theirs."""
    _require_call_work(actor, call)
    if call.queue_line_id is None:
        raise ValidationError({"to": _("This call is not waiting on a line.")})
    call.assigned_to = actor
    call.queue_line = None
    call.status = TriageStatus.ASSIGNED
    call.save(update_fields=["assigned_to", "queue_line", "status"])
    record(actor, Action.UPDATE, call, fields=["assigned_to", "queue_line", "status"])
    return call
