"""Reads for investigations: only the owning agency and the organisations it shares with see a case.

The same queryset backs the registry, the detail page, the dashboard, statistics and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from audit.services import record_view

from .models import ACTIVE_STAGES, Act, Investigation, InvestigationTask, Offence, Stage, StageChange


def investigations_visible_to(user: Any) -> QuerySet[Investigation]:
    if not getattr(user, "is_authenticated", False) or not user.has_capability("investigations.view"):
        return Investigation.objects.none()
    org = user.organisation_id
    return (Investigation.objects.filter(Q(organisation_id=org) | Q(shares__organisation_id=org)).distinct()
            .select_related("offence", "organisation", "voivodeship"))


def open_investigation(user: Any, investigation_id: int) -> Investigation:
    """One investigation for its page or API: 404 when not the user's agency's nor shared; audited."""
    inv = investigations_visible_to(user).filter(pk=investigation_id).first()
    if inv is None:
        raise Http404
    record_view(user, inv, fields=["summary", "people", "stage_changes", "tasks", "documents"])
    return inv


@dataclass
class StageStep:
    stage: str
    label: str
    entered_on: date
    days: int  # days in this stage: until the next step, or until today for the current one
    note: str
    current: bool


def stage_timeline(inv: Investigation) -> list[StageStep]:
    """The stages the proceedings went through, oldest first, with the days spent in each."""
    steps = list(inv.stage_changes.all())
    labels = dict(Stage.choices)
    today = timezone.localdate()
    out = []
    for n, step in enumerate(steps):
        until = steps[n + 1].entered_on if n + 1 < len(steps) else today
        current = n + 1 == len(steps)
        out.append(StageStep(step.stage, str(labels.get(step.stage, step.stage)), step.entered_on,
                             (until - step.entered_on).days, step.note, current))
    return out


def open_tasks_of(user: Any) -> QuerySet[InvestigationTask]:
    """Open tasks of the user's agency's investigations, by deadline (for reminders of what is due)."""
    if not getattr(user, "is_authenticated", False) or not user.has_capability("investigations.view"):
        return InvestigationTask.objects.none()
    return InvestigationTask.objects.filter(investigation__organisation_id=user.organisation_id, done_at=None
                                            ).select_related("investigation").order_by("due_on", "id")


def can_manage(user: Any, inv: Investigation) -> bool:
    """Only the owning agency changes a case; organisations it shares with only read."""
    return bool(user.has_capability("investigations.manage") and inv.organisation_id == user.organisation_id)


def offences(*, active_only: bool = True) -> QuerySet[Offence]:
    """The list of offences: the Penal Code's first (most proceedings), then other acts', by article."""
    qs = Offence.objects.order_by(Case(When(act=Act.PENAL_CODE, then=0), default=1), "act", "article")
    return qs.filter(is_active=True) if active_only else qs


def _rows(values: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in values]


def _in_procedural_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stages as the proceedings run (verification, pre-trial, indictment, trial, closed), not alphabetically."""
    order = {stage: n for n, stage in enumerate(Stage.values)}
    return sorted(rows, key=lambda row: order.get(row["stage"], len(order)))


def dashboard(user: Any) -> dict[str, list[dict[str, Any]]]:
    """Active cases counted by offence, voivodeship and stage (numbers only)."""
    active = investigations_visible_to(user).filter(stage__in=ACTIVE_STAGES).order_by()
    ids = active.values("pk")
    base = Investigation.objects.filter(pk__in=ids).order_by()
    return {
        "by_offence": _rows(base.values("offence__article", "offence__name").annotate(n=Count("id")).order_by("-n")),
        "by_voivodeship": _rows(base.values("voivodeship__name").annotate(n=Count("id")).order_by("-n")),
        "by_stage": _in_procedural_order(_rows(base.values("stage").annotate(n=Count("id")).order_by())),
    }


def time_in_stage(user: Any, today: date | None = None) -> list[dict[str, Any]]:
    """Active cases by their current stage: how many, and the median and longest number of days since they
    entered it (the stage timeline's last step into that stage; the opening date when none was recorded)."""
    today = today or timezone.localdate()
    active = list(investigations_visible_to(user).filter(stage__in=ACTIVE_STAGES).order_by()
                  .values_list("pk", "stage", "opened_on"))
    entered: dict[tuple[int, str], date] = {}
    for inv_id, stage, on in StageChange.objects.filter(investigation_id__in=[a[0] for a in active]).order_by() \
            .values_list("investigation_id", "stage", "entered_on"):
        if on > entered.get((inv_id, stage), date.min):
            entered[(inv_id, stage)] = on
    days: dict[str, list[int]] = {}
    for inv_id, stage, opened_on in active:
        days.setdefault(stage, []).append(max(0, (today - entered.get((inv_id, stage), opened_on)).days))
    rows = [{"stage": stage, "n": len(values), "median_days": int(median(values)), "longest_days": max(values)}
            for stage, values in days.items()]
    return _in_procedural_order(rows)


def stage_statistics(user: Any) -> list[dict[str, Any]]:
    ids = investigations_visible_to(user).order_by().values("pk")
    return _in_procedural_order(_rows(Investigation.objects.filter(pk__in=ids).order_by().values("stage")
                                      .annotate(n=Count("id")).order_by()))
