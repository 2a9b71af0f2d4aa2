"""Every write of the retention module: holds, erasure requests and decisions, and the scheduled run.

One function per action, each with its permission check and audit event. The page, the daily task and
`manage.py apply_retention` all call these.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from .kinds import KINDS, Kind, audit_cutoff
from .models import AnonymisedRecord, ErasureRequest, ErasureStatus, LegalHold, RecordKind, RetentionRun

if TYPE_CHECKING:
    import datetime

    from django.db.models import QuerySet

    from accounts.models import User

log = logging.getLogger("ctims.retention")

CAPABILITY = "retention.manage"
MAX_ID = 2**63 - 1  # ids past a 64-bit key overflow SQLite's integer: such a hold or request cannot exist


def require_capability(actor: User) -> None:
    if not actor.is_authenticated or not actor.has_capability(CAPABILITY):
        record(actor, Action.PERMISSION_DENIED, object_type="retention", object_id=CAPABILITY)
        raise PermissionDenied


def _kind(kind: str) -> Kind:
    found = KINDS.get(kind)
    if found is None:
        raise ValidationError({"kind": _("Choose a record type from the list.")})
    return found


def _own_record(actor: User, kind: str, reference: str) -> tuple[Kind, Any]:
    """The actor's own organisation's record with this reference; a clear error naming the field otherwise
    (the same message whether it is another organisation's or does not exist: we never confirm either)."""
    spec = _kind(kind)
    obj = spec.find(actor.organisation_id, reference) if reference.strip() else None
    if obj is None:
        raise ValidationError({"reference": _("No record of this type with this reference belongs to your "
                                              "organisation. Check the code, e.g. IOM-2026-00042 or CALL-138.")})
    return spec, obj


def _reason(reason: str, field: str = "reason") -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({field: _("Give the reason.")})
    return reason


def active_hold(kind: str, object_id: int) -> LegalHold | None:
    ct = ContentType.objects.get_for_model(_kind(kind).model())
    return LegalHold.objects.filter(content_type=ct, object_id=object_id, lifted_at__isnull=True).first()


@transaction.atomic
def place_hold(actor: User, *, kind: str, reference: str, reason: str) -> LegalHold:
    """Keep one of the actor's organisation's records past its retention, and out of erasure, until lifted."""
    require_capability(actor)
    spec, obj = _own_record(actor, kind, reference)
    reason = _reason(reason)
    if active_hold(kind, obj.pk) is not None:
        raise ValidationError({"reference": _("This record is already on hold.")})
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(
                content_type=ContentType.objects.get_for_model(spec.model()), object_id=obj.pk, kind=kind,
                reference=spec.code(obj)[:40], organisation_id=actor.organisation_id, reason=reason,
                placed_by=actor)
    except IntegrityError as exc:  # placed by someone else a moment ago
        raise ValidationError({"reference": _("This record is already on hold.")}) from exc
    record(actor, Action.CREATE, hold, fields=["kind", "reference", "reason"])
    return hold


def _own_hold(actor: User, hold_id: int) -> LegalHold:
    if not 0 < hold_id <= MAX_ID:
        raise Http404
    hold = LegalHold.objects.filter(pk=hold_id, organisation_id=actor.organisation_id).first()
    if hold is None:
        raise Http404
    return hold


@transaction.atomic
def lift_hold(actor: User, hold_id: int, *, reason: str) -> LegalHold:
    """End a hold; the record's retention applies again from the next run."""
    require_capability(actor)
    hold = _own_hold(actor, hold_id)
    if not hold.is_active:
        raise ValidationError({"reason": _("This hold was already lifted.")})
    hold.lift_reason = _reason(reason)
    hold.lifted_by = actor
    hold.lifted_at = timezone.now()
    hold.save(update_fields=["lift_reason", "lifted_by", "lifted_at"])
    record(actor, Action.UPDATE, hold, fields=["lifted_at", "lift_reason"])
    return hold


@transaction.atomic
def request_erasure(actor: User, *, kind: str, reference: str, reason: str) -> ErasureRequest:
    """A data subject asked for erasure (GDPR Art. 17). Nothing is erased until a second person confirms."""
    require_capability(actor)
    spec, obj = _own_record(actor, kind, reference)
    if spec.erase is None:
        raise ValidationError({"kind": _("Records of this type are not erased one by one. Ask the system "
                                         "administrator to correct or remove the person's entry.")})
    reason = _reason(reason)
    ct = ContentType.objects.get_for_model(spec.model())
    if ErasureRequest.objects.filter(content_type=ct, object_id=obj.pk, status=ErasureStatus.PENDING).exists():
        raise ValidationError({"reference": _("An erasure request for this record is already waiting.")})
    req = ErasureRequest.objects.create(content_type=ct, object_id=obj.pk, kind=kind, reference=spec.code(obj)[:40],
                                        organisation_id=actor.organisation_id, reason=reason, requested_by=actor)
    record(actor, Action.CREATE, req, fields=["kind", "reference", "reason"])
    return req


def _pending_request(actor: User, request_id: int) -> ErasureRequest:
    if not 0 < request_id <= MAX_ID:
        raise Http404
    req = (ErasureRequest.objects.select_for_update()
           .filter(pk=request_id, organisation_id=actor.organisation_id).first())
    if req is None:
        raise Http404
    if req.status != ErasureStatus.PENDING:
        raise ValidationError({"request": _("This request was already decided.")})
    return req


@transaction.atomic
def confirm_erasure(actor: User, request_id: int) -> ErasureRequest:
    """The second person confirms: the record and everything derived from it are erased now.

    The requester cannot confirm their own request, and a record on legal hold cannot be erased
    (lift the hold first, with its reason, if the hold no longer applies).
    """
    require_capability(actor)
    req = _pending_request(actor, request_id)
    if req.requested_by_id == actor.pk:
        raise PermissionDenied(_("Another person of your organisation must confirm an erasure you requested."))
    if active_hold(req.kind, req.object_id) is not None:
        raise ValidationError({"request": _("This record is on legal hold. Lift the hold before erasing it.")})
    erase = KINDS[req.kind].erase
    if erase is None:
        raise ValidationError({"request": _("Records of this type are not erased one by one.")})
    req.erased = erase(req.object_id, f"erasure request {req.pk}")
    req.status = ErasureStatus.DONE
    req.decided_by = actor
    req.decided_at = timezone.now()
    req.save(update_fields=["erased", "status", "decided_by", "decided_at"])
    record(actor, Action.DELETE, req, fields=sorted(req.erased), reason=f"erasure of {req.kind} {req.reference}")
    return req


@transaction.atomic
def refuse_erasure(actor: User, request_id: int, *, reason: str) -> ErasureRequest:
    """Refuse with a reason (e.g. a legal obligation to keep it, Art. 17(3)); the requester may also withdraw."""
    require_capability(actor)
    req = _pending_request(actor, request_id)
    req.refuse_reason = _reason(reason)
    req.status = ErasureStatus.REFUSED
    req.decided_by = actor
    req.decided_at = timezone.now()
    req.save(update_fields=["refuse_reason", "status", "decided_by", "decided_at"])
    record(actor, Action.UPDATE, req, fields=["status", "refuse_reason"])
    return req


def held_ids(kind: str) -> set[int]:
    ct = ContentType.objects.get_for_model(_kind(kind).model())
    return set(LegalHold.objects.filter(content_type=ct, lifted_at__isnull=True).values_list("object_id", flat=True))


def pending(spec: Kind, before: datetime.datetime) -> QuerySet[Any]:
    """Records of this type dated before `before` that the schedule has not handled yet (anonymised records
    stay in their module's table; they are left out in the query, not one by one)."""
    qs = spec.light(spec.candidates(before))
    if spec.anonymises:
        ct = ContentType.objects.get_for_model(spec.model())
        qs = qs.exclude(pk__in=AnonymisedRecord.objects.filter(content_type=ct).values("object_id"))
    return qs


def _apply_kind(run: RetentionRun, spec: Kind, cutoff: datetime.datetime) -> None:
    held = held_ids(spec.kind)
    ct = ContentType.objects.get_for_model(spec.model())
    total = 0
    for obj in pending(spec, cutoff).order_by("pk").iterator():
        if obj.pk in held:
            run.held.append({"kind": spec.kind, "reference": spec.code(obj), "organisation": obj.organisation_id})
            continue
        total += 1
        per_org = run.by_organisation.setdefault(str(obj.organisation_id), {})
        per_org[spec.kind] = per_org.get(spec.kind, 0) + 1
        if run.dry_run:
            continue
        if spec.anonymise is not None:
            with transaction.atomic():
                spec.anonymise(obj.pk, cutoff)
                AnonymisedRecord.objects.create(content_type=ct, object_id=obj.pk, run=run)
        elif spec.erase is not None:
            spec.erase(obj.pk, "retention")
    run.counts[spec.kind] = total


def apply_retention(*, dry_run: bool = False, actor: User | None = None) -> RetentionRun:
    """Remove or anonymise every record past its retention, skipping records on legal hold; one RetentionRun
    says how many of each type and which held records were kept. With `dry_run`, only counts."""
    from audit import retention as audit_retention

    if actor is not None:
        require_capability(actor)
    now = timezone.now()
    run = RetentionRun.objects.create(started_at=now, dry_run=dry_run, triggered_by=actor)
    try:
        for spec in KINDS.values():
            cutoff = spec.cutoff(now)
            if cutoff is not None:
                _apply_kind(run, spec, cutoff)
        before = audit_cutoff(now)
        if before is not None:
            run.counts[RecordKind.AUDIT] = (audit_retention.due_count(before) if dry_run
                                            else audit_retention.purge_before(before))
    except Exception as exc:
        run.error = type(exc).__name__[:200]
        log.error("retention run %s failed: %s", run.pk, run.error)  # the type only: its text may hold values
        raise
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "by_organisation", "held", "error", "finished_at"])
        record(actor, Action.DELETE if not dry_run else Action.VIEW, run, fields=sorted(run.counts),
               reason="retention run" + (" (dry run)" if dry_run else ""))
    return run

