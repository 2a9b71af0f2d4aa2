"""Intake API: file and read calls and observations (a mobile client or another system), list places.

Lists and details use the same scoped selectors as the pages; details are audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from core.api import ApiError, Id, Limit, Offset, page

from . import selectors, services
from .models import FieldObservation, HotlineCall, Mention, Place

router = Router(tags=["intake"])

MAX_LIMIT = 200


class PlaceOut(Schema):
    id: int
    type: str
    name: str
    voivodeship_id: int | None
    address: str
    latitude: float | None
    longitude: float | None


class MentionIn(Schema):
    kind: str
    value: str = ""
    sex: str = ""
    approximate_age: Annotated[int, Field(ge=0, le=120)] | None = None  # as the form: 0 to 120
    nationality: str = ""
    language: str = ""
    country: str = ""
    make: str = ""
    colour: str = ""
    description: str = ""


class MentionOut(MentionIn):
    pass


class CallIn(Schema):
    hotline_id: Id
    started_at: datetime
    ended_at: datetime | None = None
    language: str
    caller_type: str
    topic: str
    caller_contact: str = ""
    indicators: list[str] = []
    urgency: str = "routine"
    actions: list[str] = []
    notes: str = ""
    mentions: list[MentionIn] = []


class CallSummary(Schema):
    id: int
    code: str
    hotline_id: int
    started_at: datetime
    language: str
    topic: str
    urgency: str
    status: str


class CallOut(CallSummary):
    ended_at: datetime | None
    caller_type: str
    caller_contact: str
    indicators: list[str]
    actions: list[str]
    notes: str
    investigation_id: int | None
    protection_case_id: int | None
    mentions: list[MentionOut]
    earlier_call_ids: list[int]


class ObservationIn(Schema):
    place_id: Id | None = None
    observed_at: datetime | None = None
    offer_types: list[str] = []
    offered_to: str = ""
    description: str = ""
    risk_level: str = "low"
    action_taken: str = ""
    mentions: list[MentionIn] = []


class ObservationSummary(Schema):
    id: int
    code: str
    place_id: int
    observed_at: datetime
    offer_types: list[str]
    risk_level: str
    status: str


class ObservationOut(ObservationSummary):
    offered_to: str
    description: str
    action_taken: str
    investigation_id: int | None
    protection_case_id: int | None
    mentions: list[MentionOut]
    photo_ids: list[int]


class CallList(Schema):
    items: list[CallSummary]
    count: int


class ObservationList(Schema):
    items: list[ObservationSummary]
    count: int


class PlaceList(Schema):
    items: list[PlaceOut]
    count: int


def _mentions(items: list[MentionIn]) -> list[services.MentionInput]:
    return [services.MentionInput(**m.dict()) for m in items]


def _mention_dicts(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [{f: getattr(m, f) if getattr(m, f) is not None or f == "approximate_age" else ""
             for f in MentionIn.model_fields} for m in mentions]


def _place(place_id: int | None, **filters: Any) -> Place | None:
    return Place.objects.filter(pk=place_id, **filters).first() if place_id else None


@router.get("/places", response=PlaceList, summary="Voivodeships, border crossing points and reception points")
def list_places(request: HttpRequest, type: str = "") -> dict[str, Any]:
    if not (selectors.can_view_intake(request.user) or request.user.has_capability("reference.manage")):  # type: ignore[union-attr]
        raise PermissionDenied
    items = list(selectors.places(type=type))
    return {"items": items, "count": len(items)}


@router.get("/calls/", response=CallList, include_in_schema=False)  # the same list with a trailing slash
@router.get("/calls", response=CallList, summary="Hotline calls of your organisation, newest first")
def list_calls(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    if not selectors.can_view_intake(request.user):
        raise PermissionDenied
    qs = selectors.calls_visible_to(request.user)
    return {"items": list(page(qs, limit, offset, MAX_LIMIT)), "count": qs.count()}


def _call_out(request: HttpRequest, call: HotlineCall) -> dict[str, Any]:
    earlier = selectors.earlier_calls_of_caller(request.user, call.caller_phone_index, exclude_id=call.pk)
    return {**{f: getattr(call, f) for f in CallOut.model_fields if hasattr(call, f) and f not in
               ("mentions", "earlier_call_ids")},
            "mentions": _mention_dicts(list(call.mentions.all())),
            "earlier_call_ids": list(earlier.values_list("pk", flat=True)[:50])}


@router.post("/calls", response={201: CallOut}, summary="Log a hotline call")
def create_call(request: HttpRequest, payload: CallIn) -> tuple[int, dict[str, Any]]:
    data = services.CallInput(
        hotline=_place(payload.hotline_id, type="voivodeship"), started_at=payload.started_at,
        ended_at=payload.ended_at, language=payload.language, caller_type=payload.caller_type, topic=payload.topic,
        caller_contact=payload.caller_contact, indicators=payload.indicators, urgency=payload.urgency,
        actions=payload.actions, notes=payload.notes, mentions=_mentions(payload.mentions))
    call = services.log_call(request.user, data)
    return 201, _call_out(request, call)


class CallEndIn(Schema):
    ended_at: datetime | None = None


@router.post("/calls/{call_id}/end", response=CallOut, summary="Mark a call as ended (now, or at ended_at)")
def end_call(request: HttpRequest, call_id: Id, payload: CallEndIn) -> dict[str, Any]:
    call = selectors.calls_visible_to(request.user).filter(pk=call_id).first()
    if call is None:
        raise ApiError(404, "not_found", _("Not found."))
    services.end_call(request.user, call, payload.ended_at)
    return _call_out(request, call)


@router.get("/calls/{call_id}", response=CallOut, summary="One hotline call (audited)")
def get_call(request: HttpRequest, call_id: Id) -> dict[str, Any]:
    return _call_out(request, selectors.open_call(request.user, call_id))


@router.get("/observations/", response=ObservationList, include_in_schema=False)  # the same, trailing slash
@router.get("/observations", response=ObservationList, summary="Field observations of your organisation")
def list_observations(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    if not selectors.can_view_intake(request.user):
        raise PermissionDenied
    qs = selectors.observations_visible_to(request.user)
    return {"items": list(page(qs, limit, offset, MAX_LIMIT)), "count": qs.count()}


def _observation_out(obs: FieldObservation) -> dict[str, Any]:
    return {**{f: getattr(obs, f) for f in ObservationOut.model_fields if hasattr(obs, f) and f not in
               ("mentions", "photo_ids")},
            "mentions": _mention_dicts(list(obs.mentions.all())),
            "photo_ids": list(obs.photos.values_list("pk", flat=True))}


@router.post("/observations", response={201: ObservationOut},
             summary="File a field observation (place and time required)")
def create_observation(request: HttpRequest, payload: ObservationIn) -> tuple[int, dict[str, Any]]:
    place = _place(payload.place_id)
    if payload.place_id and place is None:
        raise ApiError(422, "unknown_place", _("No place has this id: list them at /intake/places."))
    data = services.ObservationInput(
        place=place, observed_at=payload.observed_at, offer_types=payload.offer_types,
        offered_to=payload.offered_to, description=payload.description, risk_level=payload.risk_level,
        action_taken=payload.action_taken, mentions=_mentions(payload.mentions))
    obs = services.log_observation(request.user, data)
    return 201, _observation_out(obs)


@router.get("/observations/{observation_id}", response=ObservationOut, summary="One field observation (audited)")
def get_observation(request: HttpRequest, observation_id: Id) -> dict[str, Any]:
    return _observation_out(selectors.open_observation(request.user, observation_id))
