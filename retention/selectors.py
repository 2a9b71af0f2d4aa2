"""What the retention page shows, scoped: an organisation's administrator sees only their organisation's
records (codes, dates, hold status: never content); a system administrator also sees counts per organisation."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Organisation

from .kinds import KINDS, audit_cutoff
from .models import ErasureRequest, ErasureStatus, LegalHold, RecordKind, RetentionRun
from .services import CAPABILITY, held_ids, pending

if TYPE_CHECKING:
    from accounts.models import User

LIST_LIMIT = 200  # rows of "what goes next" on the page; the counts above it are complete


def can_manage(user: User) -> bool:
    return bool(user.is_authenticated and user.has_capability(CAPABILITY))


@dataclass(frozen=True)
class Due:
    kind: str
    label: str
    reference: str
    organisation_id: int
    due_on: datetime.date
    held: bool
    anonymise: bool


@dataclass(frozen=True)
class Upcoming:
    items: list[Due]  # soonest first, at most LIST_LIMIT
    counts: dict[str, int]  # kind -> records due within the horizon (the audit log included)
    horizon_days: int
    truncated: bool


def _due(organisation_id: int | None, now: datetime.datetime, horizon: datetime.timedelta
         ) -> tuple[list[Due], Counter[tuple[int, str]]]:
    rows: list[Due] = []
    per_org: Counter[tuple[int, str]] = Counter()
    labels = dict(RecordKind.choices)
    for spec in KINDS.values():
        cutoff = spec.cutoff(now + horizon)
        if cutoff is None:
            continue
        qs = pending(spec, cutoff)
        if organisation_id is not None:
            qs = qs.filter(organisation_id=organisation_id)
        held = held_ids(spec.kind)
        keep = datetime.timedelta(days=spec.days)
        for obj in qs.order_by(spec.date_field, "pk").iterator():
            per_org[(obj.organisation_id, spec.kind)] += 1
            basis = getattr(obj, spec.date_field)
            if not isinstance(basis, datetime.datetime):  # a day (an event's last day): from its start
                basis = timezone.make_aware(datetime.datetime.combine(basis, datetime.time.min))
            rows.append(Due(spec.kind, str(labels[spec.kind]), spec.code(obj), obj.organisation_id,
                            timezone.localdate(max(basis + keep, now)), obj.pk in held, spec.anonymises))
    rows.sort(key=lambda d: (d.due_on, d.kind, d.reference))
    return rows, per_org


def upcoming_for(user: User, *, now: datetime.datetime | None = None) -> Upcoming:
    """The user's organisation's records that the schedule removes or anonymises within the notice horizon
    (overdue ones first: held records, or a run that has not happened yet)."""
    now = now or timezone.now()
    horizon = datetime.timedelta(days=settings.CTIMS_RETENTION_NOTICE_DAYS)
    if not can_manage(user):
        return Upcoming([], {}, horizon.days, False)
    rows, per_org = _due(user.organisation_id, now, horizon)
    counts = {kind: n for (_org, kind), n in per_org.items()}
    from audit.retention import due_count

    before = audit_cutoff(now + horizon)
    if before is not None:
        counts[RecordKind.AUDIT] = due_count(before, user.organisation_id)
    return Upcoming(rows[:LIST_LIMIT], counts, horizon.days, len(rows) > LIST_LIMIT)


@dataclass(frozen=True)
class OrganisationCounts:
    organisation: Organisation
    counts: dict[str, int]


def counts_per_organisation(user: User, *, now: datetime.datetime | None = None) -> list[OrganisationCounts]:
    """For system administrators: how many records of each type every organisation loses within the horizon."""
    if not (can_manage(user) and user.is_superuser):
        return []
    now = now or timezone.now()
    _rows, per_org = _due(None, now, datetime.timedelta(days=settings.CTIMS_RETENTION_NOTICE_DAYS))
    by_org: dict[int, dict[str, int]] = {}
    for (org_id, kind), n in per_org.items():
        by_org.setdefault(org_id, {})[kind] = n
    orgs = Organisation.objects.in_bulk(list(by_org))
    return sorted((OrganisationCounts(orgs[pk], counts) for pk, counts in by_org.items() if pk in orgs),
                  key=lambda oc: str(oc.organisation))


def runs_for(user: User, limit: int = 20) -> QuerySet[RetentionRun]:
    """Past runs (counts only). The page shows each organisation its own counts."""
    if not can_manage(user):
        return RetentionRun.objects.none()
    return RetentionRun.objects.select_related("triggered_by").order_by("-started_at", "-id")[:limit]


def active_holds_for(user: User) -> QuerySet[LegalHold]:
    if not can_manage(user):
        return LegalHold.objects.none()
    return LegalHold.objects.filter(organisation_id=user.organisation_id, lifted_at__isnull=True).select_related(
        "placed_by")


def erasure_requests_for(user: User, *, decided_limit: int = 20) -> tuple[list[ErasureRequest], list[ErasureRequest]]:
    """The organisation's pending requests, and its most recent decided ones."""
    if not can_manage(user):
        return [], []
    qs = ErasureRequest.objects.filter(organisation_id=user.organisation_id).select_related("requested_by",
                                                                                              "decided_by")
    pending = list(qs.filter(status=ErasureStatus.PENDING))
    decided = list(qs.exclude(status=ErasureStatus.PENDING).order_by("-decided_at", "-id")[:decided_limit])
    return pending, decided


def pending_erasure_count(user: User) -> int:
    """The navigation badge: requests of the user's organisation waiting for a second person."""
    if not can_manage(user):
        return 0
    return ErasureRequest.objects.filter(organisation_id=user.organisation_id, status=ErasureStatus.PENDING).exclude(
        requested_by=user).count()

