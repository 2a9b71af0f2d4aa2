"""Supervision pages: which dashboards the viewer has, each dashboard, and a figure as CSV or XLSX."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from audit.models import Action
from audit.services import record
from core.permissions import capability_required

from . import exports, selectors
from .forms import FilterForm


@capability_required("supervision.view")
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    boards = [(key, selectors.BOARD_TITLES[key]) for key in selectors.BOARDS if selectors.can_see(user, key)]
    investigations = user.has_capability("investigations.view")  # type: ignore[union-attr]
    return render(request, "supervision/index.html", {"boards": boards, "investigations": investigations})


def _filtered(request: HttpRequest, board_key: str) -> tuple[FilterForm, selectors.Period]:
    if board_key not in selectors.BOARDS:
        raise Http404
    if not selectors.can_see(request.user, board_key):
        raise PermissionDenied
    form = FilterForm(request.GET or None, organisations=selectors.organisations_for(request.user))
    if form.is_bound and form.is_valid():
        return form, form.period()
    return form, selectors.Period.default()


@capability_required("supervision.view")
def board(request: HttpRequest, board: str) -> HttpResponse:
    form, period = _filtered(request, board)
    data = selectors.board(request.user, board, period)
    query = request.GET.urlencode()
    return render(request, "supervision/board.html", {
        "form": form, "board": data, "title": selectors.BOARD_TITLES[board], "query": query,
        "boards": [(k, selectors.BOARD_TITLES[k]) for k in selectors.BOARDS if selectors.can_see(request.user, k)],
    })


@capability_required("supervision.view")
def download(request: HttpRequest, board: str, key: str, fmt: str) -> HttpResponse:
    form, period = _filtered(request, board)
    if form.is_bound and not form.is_valid():
        raise Http404  # a period or an organisation the viewer may not ask for
    if fmt not in exports.FORMATS:
        raise Http404
    figure = selectors.board(request.user, board, period).figure(key)
    if figure is None:
        raise Http404
    record(request.user, Action.EXPORT, object_type="supervision.figure", object_id=f"{board}.{key}",
           fields=[fmt], reason=f"{period.start.isoformat()}..{period.end.isoformat()}")
    return exports.response(figure, fmt, f"{board}-{key}-{period.start.isoformat()}-{period.end.isoformat()}")
