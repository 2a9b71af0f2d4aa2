"""Investigations API: the registry for police and Border Guard systems. Same scope as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from core.api import ApiError, Id, Limit, Offset, page
from intake.models import Place, PlaceType

from . import selectors, services
from .models import Investigation

router = Router(tags=["investigations"])

# A whole agency's registry (hundreds of cases) fits in one page; offset pages beyond it.
MAX_LIMIT = 1000


class PersonIn(Schema):
    role: str
    name: str
    protection_case_id: Id | None = None


class InvestigationPersonOut(PersonIn):  # not `PersonOut`: protection publishes one
    id: int


class LinkOut(Schema):
    kind: str
    object_id: int
    label: str


class InvestigationIn(Schema):
    offence_id: Id
    other_offence_ids: list[Id] = []
    case_file_number: str = ""
    stage: str = "verification"
    unit: str = ""
    voivodeship_id: Id | None = None
    prosecutor_office: str = ""
    summary: str = ""
    opened_on: date | None = None
    people: list[PersonIn] = []


class InvestigationSummary(Schema):
    id: int
    code: str
    offence_id: int
    stage: str
    organisation_id: int
    voivodeship_id: int | None
    opened_on: date


class InvestigationOut(InvestigationSummary):
    other_offence_ids: list[int]
    case_file_number: str
    unit: str
    prosecutor_office: str
    summary: str
    people: list[InvestigationPersonOut]
    links: list[LinkOut]


class InvestigationList(Schema):
    items: list[InvestigationSummary]
    count: int


def _out(inv: Investigation) -> dict[str, Any]:
    skip = ("people", "links", "other_offence_ids")
    return {**{f: getattr(inv, f) for f in InvestigationOut.model_fields if f not in skip},
            "other_offence_ids": sorted(inv.other_offences.values_list("pk", flat=True)),
            "people": [{"id": p.pk, "role": p.role, "name": p.name, "protection_case_id": p.protection_case_id}
                       for p in inv.people.all()],
            "links": [{"kind": lk.kind, "object_id": lk.object_id, "label": lk.label} for lk in inv.links.all()]}


@router.get("/cases/", response=InvestigationList, include_in_schema=False)  # the same list, trailing slash
@router.get("/cases", response=InvestigationList, summary="Investigations your agency owns or was shared")
def list_investigations(request: HttpRequest, stage: str = "", limit: Limit = MAX_LIMIT,
                        offset: Offset = 0) -> dict[str, Any]:
    if not request.user.has_capability("investigations.view"):  # type: ignore[union-attr]
        raise PermissionDenied
    qs = selectors.investigations_visible_to(request.user)
    if stage:
        qs = qs.filter(stage=stage)
    return {"items": list(page(qs, limit, offset, MAX_LIMIT)), "count": qs.count()}


@router.post("/cases", response={201: InvestigationOut}, summary="Register an investigation")
def create_investigation(request: HttpRequest, payload: InvestigationIn) -> tuple[int, dict[str, Any]]:
    offence = selectors.offences().filter(pk=payload.offence_id).first()
    if offence is None:
        raise ApiError(422, "unknown_offence", _("No offence in use has this id."))
    others = list(selectors.offences().filter(pk__in=payload.other_offence_ids))
    if len(others) != len(set(payload.other_offence_ids)):
        raise ApiError(422, "unknown_offence", _("No offence in use has this id."))
    voivodeship = None
    if payload.voivodeship_id:
        voivodeship = Place.objects.filter(pk=payload.voivodeship_id, type=PlaceType.VOIVODESHIP).first()
        if voivodeship is None:
            raise ApiError(422, "unknown_voivodeship",
                           _("No voivodeship has this id: see /intake/places?type=voivodeship."))
    inv = services.create_investigation(request.user, services.InvestigationInput(
        offence=offence, other_offences=others, case_file_number=payload.case_file_number, stage=payload.stage,
        unit=payload.unit, voivodeship=voivodeship,
        prosecutor_office=payload.prosecutor_office, summary=payload.summary, opened_on=payload.opened_on,
        people=[services.PersonInput(**p.dict()) for p in payload.people]))
    return 201, _out(inv)


@router.get("/cases/{investigation_id}", response=InvestigationOut, summary="One investigation (audited)")
def get_investigation(request: HttpRequest, investigation_id: Id) -> dict[str, Any]:
    return _out(selectors.open_investigation(request.user, investigation_id))
