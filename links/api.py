"""Links API: resolved entities, alerts, and analysts' decisions. Same scoped selectors as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from audit.models import Action
from audit.services import record, record_view
from core.api import ApiError, Error, Id, Limit, Offset, page

from . import selectors, services
from .models import MatchStatus

router = Router(tags=["links"])


def _user(request: HttpRequest) -> Any:
    return request.user


def _require(request: HttpRequest, capability: str) -> Any:
    user = _user(request)
    if not user.has_capability(capability):
        raise PermissionDenied
    return user


@router.get("/entities/", include_in_schema=False)  # the same list with a trailing slash
@router.get("/entities")
def list_entities(request: HttpRequest, kind: str = "", limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Entities your organisation recorded, newest first (labels only where you may see a mention)."""
    user = _require(request, "links.view")
    qs = selectors.entities_visible_to(user, kind=kind)
    cache: dict[tuple[str, int], bool] = {}
    items = [{"id": e.pk, "kind": e.kind, "label": selectors.entity_label(user, e, cache),
              "mention_count": e.mention_count,  # type: ignore[attr-defined]
              "last_seen": e.last_seen.isoformat() if e.last_seen else None}  # type: ignore[attr-defined]
             for e in page(qs, limit, offset, 200)]
    record(user, Action.VIEW, object_type="links.entity", object_id="list", fields=["label"])
    return {"items": items, "count": qs.count()}


@router.get("/entities/{entity_id}")
def get_entity(request: HttpRequest, entity_id: Id) -> dict[str, Any]:
    """One resolved identity: its mentions (content only where you may open the record) and proposals."""
    user = _require(request, "links.view")
    entity = selectors.entities_visible_to(user).filter(pk=entity_id).first()
    if entity is None:
        raise Http404
    view = selectors.identity(user, entity)
    record_view(user, entity, fields=["mentions"])
    return {
        "id": entity.pk, "kind": entity.kind, "label": view.label, "records": view.records,
        "mentions": [m.as_dict() for m in view.mentions],
        "proposals": [{"pair_id": p["pair"].pk, "probability": round(p["pair"].probability, 4),
                       "status": p["pair"].status, "can_decide": p["can_decide"],
                       "mention": p["mine"].as_dict(), "candidate": p["other"].as_dict()}
                      for p in view.proposals + view.automatic + view.decided],
    }


@router.get("/alerts/", include_in_schema=False)  # the same list with a trailing slash
@router.get("/alerts")
def list_alerts(request: HttpRequest, status: str = "", limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Alerts for your organisation's analysts."""
    user = _require(request, "links.analyse")
    qs = selectors.alerts_visible_to(user, status=status)
    items = [{"id": a.pk, "entity_id": a.entity_id, "kind": a.entity.kind, "status": a.status,
              "record_count": a.record_count, "place_count": a.place_count,
              "updated_at": a.updated_at.isoformat()} for a in page(qs, limit, offset, 200)]
    return {"items": items, "count": qs.count()}


@router.get("/alerts/{alert_id}")
def get_alert(request: HttpRequest, alert_id: Id) -> dict[str, Any]:
    user = _require(request, "links.analyse")
    alert = selectors.alerts_visible_to(user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    evidence, co_mentions = selectors.alert_evidence(user, alert)
    record_view(user, alert, fields=["evidence"])
    return {"id": alert.pk, "entity_id": alert.entity_id, "kind": alert.entity.kind, "status": alert.status,
            "record_count": alert.record_count, "place_count": alert.place_count,
            "evidence": [m.as_dict() for m in evidence], "in_same_records": [m.as_dict() for m in co_mentions]}


class DecisionIn(Schema):
    pair_id: Id
    decision: str  # confirmed | rejected | undo


class DecisionOut(Schema):
    id: int
    status: str


@router.post("/decisions", response={200: DecisionOut, 404: Error})  # 404: no such pair you may decide
def post_decision(request: HttpRequest, payload: DecisionIn) -> dict[str, Any]:
    """Confirm or reject a proposed match (or undo a decision). Both mentions must be your organisation's."""
    user = _require(request, "links.analyse")
    if payload.decision not in (MatchStatus.CONFIRMED, MatchStatus.REJECTED, "undo"):
        raise ApiError(422, "invalid_decision", _("decision must be 'confirmed', 'rejected' or 'undo'."))
    pair = selectors.pairs_visible_to(user).filter(pk=payload.pair_id).first()
    if pair is None:
        raise Http404
    pair = services.decide(user, pair, payload.decision)
    return {"id": pair.pk, "status": pair.status}
