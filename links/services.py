"""Every write in links: mentions sent by other modules, matching runs, analysts' decisions, alerts.

Public interface for other modules (intake, protection, investigations):

    from links.services import Mention, record_mentions, forget_source

    record_mentions(source_type="intake.hotlinecall", source_id=call.pk,
                    owner_organisation_id=call.organisation_id, occurred_at=call.received_at,
                    place="Medyka", mentions=[
                        Mention("person", "Шевченко Олександр", {"birth_date": "1987-03-02", "sex": "m"}),
                        Mention("phone", "+48 512 345 678"),
                        Mention("vehicle", "LU 12345", {"country": "PL", "make": "Opel", "colour": "white"}),
                        Mention("account", "@driver_sasha", {"service": "telegram"}),
                    ])

Call it from your own service after saving (inside its transaction is fine); call it again
with the full list whenever the record changes (it replaces), and `forget_source` on deletion.
The calling service has already checked the user's permission; this records a system audit
event naming the source record and the mention kinds, never their values.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Action
from audit.services import record
from core import crypto

from . import names
from .models import Alert, AlertStatus, Entity, MatchPair, MatchRun, MatchStatus, MentionKind, NameKey, RunStatus
from .models import Mention as MentionRow

log = logging.getLogger("ctims.links")

EXACT_KINDS = {"phone", "vehicle", "account", "document"}
KINDS = {k.value for k in MentionKind}


@dataclass(frozen=True)
class Mention:
    kind: str  # "person" | "phone" | "vehicle" | "organisation" | "address" | "account" | "document"
    value: str  # raw text as recorded: a name, phone, plate, handle...
    extra: dict[str, str] = field(default_factory=dict)  # e.g. country, birth_date (ISO), service, sex, make, colour


# --- keys ------------------------------------------------------------------------------------


def exact_key(kind: str, value: str, extra: dict[str, str]) -> str:
    """The normalised identifier of an exact-kind mention ('' when it cannot be normalised)."""
    if kind == "phone":
        return crypto.normalise_phone(value) or ""
    if kind == "vehicle":
        return crypto.normalise_plate(value, extra.get("country", "")) or ""
    if kind == "document":
        return crypto.normalise_document(value) or ""
    if kind == "account":
        return crypto.normalise_handle(value, extra.get("service", "")) or ""
    if kind in ("organisation", "address"):
        return names.name_key(value)
    return ""


def value_index_for(kind: str, value: str, extra: dict[str, str]) -> str:
    """Blind index that identifies this mention's value (exact kinds) or its person fingerprint."""
    if kind == "person":
        parsed = names.parse_name(value)
        return crypto.blind_index("links.person", f"{parsed.full_key}|{extra.get('birth_date', '')}")
    key = exact_key(kind, value, extra)
    return crypto.blind_index(f"links.{kind}", key) if key else ""


def person_name_keys(value: str, extra: dict[str, str]) -> set[str]:
    """Keyed hashes of the blocking keys of a person mention (candidate lookup without decryption)."""
    parsed = names.parse_name(value)
    birth_date = extra.get("birth_date", "")
    keys = set()
    if parsed.surname_key:
        keys.add(f"s:{parsed.surname_key}")
    if parsed.given_key:  # also counts how common the given name is (matching.stored_term_frequencies)
        keys.add(f"g:{parsed.given_key}")
    if parsed.given_key and birth_date[:4]:
        keys.add(f"gy:{parsed.given_key}|{birth_date[:4]}")
    if birth_date:
        keys.add(f"d:{birth_date}")
    if parsed.full_key:
        keys.add(f"f:{parsed.full_key}")
    if parsed.surname_key and parsed.given_key:  # the two parts in either order (read the other way round)
        keys.add("n:" + "|".join(sorted((parsed.surname_key, parsed.given_key))))
    return {crypto.blind_index("links.namekey", k) for k in keys}


def _validate(mentions: list[Mention]) -> list[Mention]:
    """The mentions worth keeping (empty values are skipped); unknown kinds and bad dates are refused."""
    kept = []
    for i, m in enumerate(mentions):
        if m.kind not in KINDS:
            raise ValidationError({"mentions": f"mention {i}: unknown kind {m.kind!r}"})
        if not (m.value or "").strip():
            continue
        kept.append(m)
        if m.extra.get("birth_date"):
            try:
                datetime.date.fromisoformat(m.extra["birth_date"])
            except ValueError as exc:
                raise ValidationError({"mentions": f"mention {i}: birth_date is not an ISO date"}) from exc
    return kept


# --- the public interface --------------------------------------------------------------------


@transaction.atomic
def record_mentions(*, source_type: str, source_id: int, owner_organisation_id: int,
                    occurred_at: datetime.datetime, place: str = "", mentions: list[Mention]) -> None:
    """Replace all mentions of one source record (idempotent) and queue incremental matching.

    A mention that is sent again unchanged keeps its identity, so analysts' decisions about
    it survive the record being saved again.
    """
    mentions = _validate(mentions)
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    existing = list(MentionRow.objects.filter(source_type=source_type, source_id=source_id))
    by_fingerprint: dict[tuple[str, str], list[MentionRow]] = {}
    for row in existing:
        by_fingerprint.setdefault((row.kind, row.value_index), []).append(row)
    place_index = crypto.blind_index("links.place", names.name_key(place)) if place.strip() else ""
    kept: list[MentionRow] = []
    touched: list[int] = []
    for position, m in enumerate(mentions):
        extra = {str(k): str(v) for k, v in (m.extra or {}).items() if v not in (None, "")}
        vindex = value_index_for(m.kind, m.value, extra)
        reuse = by_fingerprint.get((m.kind, vindex)) if vindex else None
        row = reuse.pop() if reuse else MentionRow(source_type=source_type, source_id=source_id, kind=m.kind)
        row.owner_organisation_id = owner_organisation_id
        row.occurred_at = occurred_at
        row.place = place.strip()
        row.place_index = place_index
        row.position = position
        row.value = m.value.strip()
        row.extra = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""
        row.value_index = vindex
        if m.kind in EXACT_KINDS or m.kind in ("organisation", "address"):
            if vindex:
                entity, _ = Entity.objects.get_or_create(kind=m.kind, key_index=vindex)
                row.entity = entity
        elif row.entity_id is None:
            row.entity = Entity.objects.create(kind=m.kind)
        row.save()
        if m.kind == "person":
            NameKey.objects.filter(mention=row).delete()
            NameKey.objects.bulk_create([NameKey(mention=row, key=k) for k in person_name_keys(m.value, extra)])
        kept.append(row)
        touched.append(row.pk)
    stale = [r.pk for rows in by_fingerprint.values() for r in rows]
    if stale:
        MentionRow.objects.filter(pk__in=stale).delete()
    record(None, Action.UPDATE, object_type="links.source", object_id=f"{source_type}:{source_id}",
           fields=sorted({f"mentions.{m.kind}" for m in mentions}) or ["mentions"],
           organisation_id=owner_organisation_id)
    queue_incremental(source_type, source_id, touched)


@transaction.atomic
def forget_source(*, source_type: str, source_id: int) -> None:
    """Remove every mention of a deleted source record (its pairs and alert evidence go with it)."""
    rows = MentionRow.objects.filter(source_type=source_type, source_id=source_id)
    org_id = rows.values_list("owner_organisation_id", flat=True).first()
    if org_id is None:
        return
    person_ids = list(rows.filter(kind="person").values_list("pk", flat=True))
    entity_ids = set(rows.exclude(entity=None).values_list("entity_id", flat=True))
    neighbours = set(MatchPair.objects.filter(left_id__in=person_ids).values_list("right_id", flat=True)) | set(
        MatchPair.objects.filter(right_id__in=person_ids).values_list("left_id", flat=True))
    rows.delete()
    record(None, Action.DELETE, object_type="links.source", object_id=f"{source_type}:{source_id}",
           fields=["mentions"], organisation_id=org_id)
    if neighbours:
        from .matching import recluster

        recluster(neighbours - set(person_ids))
    # An entity known only from this record would keep its blind index (a pseudonymised identifier): drop it.
    Entity.objects.filter(pk__in=entity_ids, mentions__isnull=True).delete()


_DEFER: contextvars.ContextVar[bool] = contextvars.ContextVar("links_defer_matching", default=False)


@contextlib.contextmanager
def deferred_matching() -> Iterator[None]:
    """Record many sources without queuing a run for each (bulk loads); run a full match afterwards."""
    token = _DEFER.set(True)
    try:
        yield
    finally:
        _DEFER.reset(token)


def queue_incremental(source_type: str, source_id: int, mention_ids: list[int]) -> MatchRun | None:
    from .tasks import match_task

    if _DEFER.get():
        return None

    run = MatchRun.objects.create(full=False, source_type=source_type, source_id=source_id,
                                  total=len(mention_ids))
    match_task.enqueue(run.pk, mention_ids)
    return run


# --- analysts --------------------------------------------------------------------------------


def _require(user: Any, capability: str) -> None:
    if not (getattr(user, "is_authenticated", False) and user.has_capability(capability)):
        raise PermissionDenied


def request_full_run(user: Any) -> MatchRun:
    """Queue a full matching run over every person mention (links.analyse)."""
    _require(user, "links.analyse")
    from django.conf import settings

    run = MatchRun.objects.create(full=True, requested_by=user, engine=getattr(settings, "LINKS_ENGINE", "duckdb"))
    record(user, Action.CREATE, run, fields=["full"])
    from .tasks import match_task

    match_task.enqueue(run.pk, None)
    return run


@transaction.atomic
def decide(user: Any, pair: MatchPair, decision: str) -> MatchPair:
    """Confirm or reject a proposed match, or revert ("undo") an earlier decision.

    `pair` must come from the user's scoped selector (selectors.pairs_visible_to).
    """
    _require(user, "links.analyse")
    if decision not in ("confirmed", "rejected", "undo"):
        raise ValidationError({"decision": "decision must be confirmed, rejected or undo"})
    pair = MatchPair.objects.select_for_update().get(pk=pair.pk)
    was_rejected = pair.status == MatchStatus.REJECTED
    if decision == "undo":
        pair.status = pair.matcher_status
        pair.decided_by = None
        pair.decided_at = None
    else:
        pair.status = decision
        pair.decided_by = user
        pair.decided_at = timezone.now()
    pair.save()
    record(user, Action.UPDATE, pair, fields=["status"], reason=decision)
    if decision == "rejected" or (decision == "undo" and was_rejected):
        # "these are not the same person" holds between the two identities, not just two mentions:
        # every scored pair across them follows, so no sibling pair is proposed again
        _spread_rejection(user, pair, undo=decision == "undo")
    from .matching import check_alerts, recluster

    recluster({pair.left_id, pair.right_id})
    if decision == "confirmed":
        check_alerts([pair.left_id, pair.right_id])
    return pair


def _spread_rejection(user: Any, pair: MatchPair, *, undo: bool) -> None:
    left = MentionRow.objects.filter(pk=pair.left_id).values_list("entity_id", flat=True).first()
    right = MentionRow.objects.filter(pk=pair.right_id).values_list("entity_id", flat=True).first()
    side_a = {pair.left_id} | (set(MentionRow.objects.filter(entity_id=left).values_list("pk", flat=True))
                               if left else set())
    side_b = {pair.right_id} | (set(MentionRow.objects.filter(entity_id=right).values_list("pk", flat=True))
                                if right else set())
    across = MatchPair.objects.filter(
        (Q(left_id__in=side_a) & Q(right_id__in=side_b)) | (Q(left_id__in=side_b) & Q(right_id__in=side_a)),
    ).exclude(pk=pair.pk)
    for other in across:
        if undo and other.status == MatchStatus.REJECTED:
            other.status, other.decided_by, other.decided_at = other.matcher_status, None, None
        elif not undo and other.status in (MatchStatus.PROPOSED, MatchStatus.AUTO):
            other.status, other.decided_by, other.decided_at = MatchStatus.REJECTED, user, timezone.now()
        else:
            continue
        other.save()
        record(user, Action.UPDATE, other, fields=["status"], reason="undo" if undo else "rejected")


@transaction.atomic
def confirm_identity(user: Any, entity: Entity) -> int:
    """Confirm every automatic link inside a resolved identity that the analyst may decide.

    `entity` must come from selectors.entities_visible_to. Returns the number of pairs confirmed.
    """
    _require(user, "links.analyse")
    from .selectors import pairs_visible_to

    ids = list(entity.mentions.values_list("pk", flat=True))
    pairs = list(pairs_visible_to(user).filter(left_id__in=ids, right_id__in=ids, status=MatchStatus.AUTO))
    now = timezone.now()
    for pair in pairs:
        pair.status, pair.decided_by, pair.decided_at, pair.updated_at = MatchStatus.CONFIRMED, user, now, now
    MatchPair.objects.bulk_update(pairs, ["status", "decided_by", "decided_at", "updated_at"], batch_size=1000)
    # one event for the identity (each pair keeps who decided and when)
    record(user, Action.UPDATE, entity, fields=["match_pairs.status"], reason=f"confirmed {len(pairs)} links")
    return len(pairs)


def close_alert(user: Any, alert: Alert) -> Alert:
    """Mark an alert handled (alert from the user's scoped selector)."""
    _require(user, "links.analyse")
    alert.status = AlertStatus.CLOSED
    alert.save(update_fields=["status", "updated_at"])
    record(user, Action.UPDATE, alert, fields=["status"])
    return alert


def mark_run(run: MatchRun, **changes: Any) -> None:
    for k, v in changes.items():
        setattr(run, k, v)
    run.save(update_fields=list(changes))


__all__ = [
    "MatchStatus",
    "Mention",
    "RunStatus",
    "close_alert",
    "decide",
    "forget_source",
    "record_mentions",
    "request_full_run",
]
