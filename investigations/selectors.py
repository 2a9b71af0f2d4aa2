"""Reads for investigations: only the owning agency and the organisations it shares with see a case.

The same queryset backs the registry, the detail page, the dashboard, statistics and the API.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from audit.services import record_view

from .models import ACTIVE_STAGES, Investigation, Offence, Stage


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
    record_view(user, inv, fields=["summary", "people"])
    return inv


def can_manage(user: Any, inv: Investigation) -> bool:
    """Only the owning agency changes a case; organisations it shares with only read."""
    return bool(user.has_capability("investigations.manage") and inv.organisation_id == user.organisation_id)


def offences(*, active_only: bool = True) -> QuerySet[Offence]:
    qs = Offence.objects.all()
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


def stage_statistics(user: Any) -> list[dict[str, Any]]:
    ids = investigations_visible_to(user).order_by().values("pk")
    return _in_procedural_order(_rows(Investigation.objects.filter(pk__in=ids).order_by().values("stage")
                                      .annotate(n=Count("id")).order_by()))
