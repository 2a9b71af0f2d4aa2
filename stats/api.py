"""Statistics API: differentially private releases (read by staff with statistics rights; made by those who
may release). A release over the dataset's privacy budget is refused with 409 `privacy_budget_exceeded`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from core.api import ApiError, Error, Id, Limit, Offset, page

from . import selectors, services
from .models import Mechanism, Release

router = Router(tags=["stats"])

Year = Annotated[int, Field(ge=services.FIRST_YEAR, le=2100)]


class ReleaseIn(Schema):
    table: str
    year_from: Year
    year_to: Year
    epsilon: Annotated[float, Field(gt=0, le=services.MAX_EPSILON)]
    delta: Annotated[float, Field(ge=0, le=services.MAX_DELTA)] = 0.0
    mechanism: str = Mechanism.LAPLACE
    public: bool = True


class ReleaseRowOut(Schema):
    value: str
    label: str
    cells: list[int]


class ReleaseOut(Schema):
    id: int
    dataset: str
    table: str
    title: str
    query: dict[str, Any]
    mechanism: str
    epsilon: float
    delta: float
    sensitivity: int
    scale: float
    columns: list[str]
    rows: list[ReleaseRowOut]
    is_public: bool
    released_by: str
    released_at: datetime


class ReleaseList(Schema):
    count: int
    results: list[ReleaseOut]


def _out(rel: Release) -> dict[str, Any]:
    t = selectors.released_table(rel)
    return {
        "id": rel.pk, "dataset": rel.dataset, "table": rel.table, "title": t.title, "query": rel.query,
        "mechanism": rel.mechanism, "epsilon": rel.epsilon, "delta": rel.delta, "sensitivity": rel.sensitivity,
        "scale": rel.scale, "columns": [str(c) for c in rel.columns],
        "rows": [{"value": r.value, "label": r.label, "cells": r.cells} for r in t.rows],
        "is_public": rel.is_public, "released_by": rel.released_by_name, "released_at": rel.released_at,
    }


def _readable(request: HttpRequest) -> Any:
    user = request.user
    if not (user.has_capability("stats.view") or user.has_capability("stats.release")):  # type: ignore[union-attr]
        raise PermissionDenied
    return user


@router.get("/releases", response=ReleaseList, summary="Differentially private releases, newest first")
def list_releases(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    qs = selectors.releases(_readable(request))
    return {"count": qs.count(), "results": [_out(r) for r in page(qs, limit, offset, maximum=200)]}


@router.post("/releases", response={201: ReleaseOut, 409: Error},
             summary="Release a table with noise (refused with 409 when over the privacy budget)")
def create_release(request: HttpRequest, payload: ReleaseIn) -> tuple[int, dict[str, Any]]:
    user = request.user
    if not user.has_capability("stats.release"):  # type: ignore[union-attr]
        raise PermissionDenied
    try:
        rel = services.release(user, table=payload.table, year_from=payload.year_from, year_to=payload.year_to,
                               epsilon=payload.epsilon, delta=payload.delta, mechanism=payload.mechanism,
                               public=payload.public)
    except services.OverBudget as e:
        raise ApiError(409, "privacy_budget_exceeded", e.messages[0]) from e
    return 201, _out(rel)


@router.get("/releases/{release_id}", response=ReleaseOut, summary="One release (its numbers never change)")
def get_release(request: HttpRequest, release_id: Id) -> dict[str, Any]:
    rel = selectors.releases(_readable(request)).filter(pk=release_id).first()
    if rel is None:
        raise ApiError(404, "not_found", _("Not found."))
    return _out(rel)
