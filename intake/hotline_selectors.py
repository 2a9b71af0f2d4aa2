"""Reads of the call screen: the caller panel, the operator's queue and the call search, scoped like every
intake read (a user's own organisation). Other organisations' calls show only as "a record exists".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from audit.models import Action
from audit.services import record

from .models import (
    CallAction,
    CallbackTask,
    CallerFlag,
    CallReferral,
    CallTransfer,
    HotlineCall,
    Indicator,
    Language,
    MentionKind,
    Place,
    Topic,
    TriageStatus,
    Urgency,
)
from .selectors import calls_visible_to, can_view_intake

OPEN = (TriageStatus.NEW, TriageStatus.ASSIGNED)


@dataclass
class CallerPanel:
    """What the operator learns about a number: earlier calls they may see, other organisations that hold a
    call from it (names only), and the flag in force."""

    checked: bool = False
    earlier_calls: list[HotlineCall] = field(default_factory=list)
    open_calls: int = 0
    other_organisations: list[Any] = field(default_factory=list)
    flag: CallerFlag | None = None


def active_flag(user: Any, phone_index: str) -> CallerFlag | None:
    if not phone_index or not can_view_intake(user):
        return None
    return CallerFlag.objects.filter(organisation_id=user.organisation_id, phone_index=phone_index,
                                     cleared_at__isnull=True).first()


def caller_panel(user: Any, phone_index: str, *, exclude_id: int | None = None, limit: int = 10) -> CallerPanel:
    """The caller panel for a number (by its blind index). The lookup is audited: it tells who called when."""
    if not phone_index or not can_view_intake(user):
        return CallerPanel()
    own = calls_visible_to(user).filter(caller_phone_index=phone_index)
    if exclude_id:
        own = own.exclude(pk=exclude_id)
    earlier = list(own.select_related("investigation").prefetch_related("referrals__service")
                   .order_by("-started_at")[:limit])
    from accounts.models import Organisation

    others = list(Organisation.objects.filter(pk__in=HotlineCall.objects.filter(caller_phone_index=phone_index)
                                              .exclude(organisation_id=user.organisation_id)
                                              .values("organisation_id")).order_by("name"))
    panel = CallerPanel(checked=True, earlier_calls=earlier, open_calls=own.filter(status__in=OPEN).count(),
                        other_organisations=others, flag=active_flag(user, phone_index))
    record(user, Action.VIEW, object_type="intake.caller", object_id=exclude_id or "",
           fields=["earlier_calls", "caller_flag"])
    return panel


def flags_by_index(user: Any, indexes: list[str]) -> dict[str, str]:
    """{phone index: flag kind} of the numbers among `indexes` flagged in the user's organisation."""
    wanted = [i for i in set(indexes) if i]
    if not wanted or not can_view_intake(user):
        return {}
    return dict(CallerFlag.objects.filter(organisation_id=user.organisation_id, cleared_at__isnull=True,
                                          phone_index__in=wanted).values_list("phone_index", "kind"))


def referrals_of(call: HotlineCall) -> list[CallReferral]:
    return list(call.referrals.select_related("service"))


# --- the call search ----------------------------------------------------------------------------------


def _codes_matching(text: str, choices: Any) -> list[str]:
    """Codes whose label (in the active language) or code contains the text."""
    t = text.lower()
    return [v for v, label in choices if t in str(label).lower() or t == v]


def search_calls(user: Any, *, phone_index: str = "", text: str = "") -> QuerySet[HotlineCall]:
    """Calls the user may see from or naming a number (blind index), or whose codes and labels contain `text`:
    CALL-12, a case or investigation code, the hotline, topic, urgency, language, indicators, actions.
    Encrypted columns are never searched."""
    qs = calls_visible_to(user)
    if phone_index:
        qs = qs.filter(Q(caller_phone_index=phone_index) | Q(
            pk__in=HotlineCall.objects.filter(mentions__kind=MentionKind.PHONE,
                                              mentions__value_index=phone_index).values("pk")))
    text = text.strip()
    if text:
        q = Q(hotline__name__icontains=text) | Q(protection_case_code__icontains=text)
        code = text.upper().removeprefix("CALL-")
        if code.isdigit():
            q |= Q(pk=int(code))
        if text.upper().startswith(("INV", "CASE")) or "-" in text:
            q |= Q(investigation__code__icontains=text)
        q |= Q(topic__in=_codes_matching(text, Topic.choices))
        q |= Q(urgency__in=_codes_matching(text, Urgency.choices))
        q |= Q(language__in=_codes_matching(text, Language.choices))
        for v in _codes_matching(text, Indicator.choices):
            q |= Q(indicators__icontains=f'"{v}"')
        for v in _codes_matching(text, CallAction.choices):
            q |= Q(actions__icontains=f'"{v}"')
        qs = qs.filter(q)
    return qs


# --- the operator's queue -----------------------------------------------------------------------------


@dataclass
class Queue:
    callbacks: list[CallbackTask]
    assigned: list[HotlineCall]
    line: Place | None
    waiting_on_line: list[HotlineCall]

    @property
    def overdue(self) -> int:
        now = timezone.now()
        return sum(1 for t in self.callbacks if t.due_at < now)


def open_callbacks_of(user: Any) -> QuerySet[CallbackTask]:
    return (CallbackTask.objects.filter(assigned_to=user, done_at__isnull=True,
                                        call__in=calls_visible_to(user))
            .select_related("call", "call__hotline").order_by("due_at", "id"))


def operator_queue(user: Any, line: Place | None) -> Queue:
    """What waits for this operator: their open callbacks (soonest first), open calls assigned or transferred
    to them, and calls transferred to the line they work on, not yet taken."""
    assigned = list(calls_visible_to(user).filter(assigned_to=user, status__in=OPEN).order_by("-started_at")[:50])
    waiting = list(calls_visible_to(user).filter(queue_line=line, assigned_to__isnull=True, status__in=OPEN)
                   .order_by("-priority", "started_at")[:50]) if line is not None else []
    return Queue(list(open_callbacks_of(user)[:100]), assigned, line, waiting)


def queue_count(user: Any) -> int:
    """The badge beside "My queue": overdue callbacks and open calls transferred to the operator."""
    if not user.has_capability("intake.log_call"):
        return 0
    overdue = open_callbacks_of(user).filter(due_at__lt=timezone.now()).count()
    return overdue + calls_visible_to(user).filter(assigned_to=user, status=TriageStatus.ASSIGNED).filter(
        Exists(CallTransfer.objects.filter(call=OuterRef("pk"), to_user=user))).count()
