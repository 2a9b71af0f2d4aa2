"""The project manager's dashboard: every target with what has been achieved, and its XLSX export."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import record
from core.permissions import capability_required

from . import selectors


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _top(rows: list[tuple[str, int]], n: int) -> list[tuple[str, int]]:
    """The n - 1 largest rows and one "other organisations" row for the rest, so the chart adds up."""
    if len(rows) <= n:
        return rows
    rest = rows[n - 1:]
    label = _("Other organisations (%(count)d)") % {"count": len(rest)}
    return [*rows[: n - 1], (label, sum(v for _k, v in rest))]


@capability_required("programme.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    fw = selectors.framework(_user(request))
    return render(
        request,
        "programme/dashboard.html",
        {
            "fw": fw,
            "sex_bars": selectors.bars(fw.by_sex),
            "org_bars": selectors.bars(_top(fw.by_organisation, 12)),
            "month_bars": selectors.bars([(m, p) for m, _n, p in fw.by_month]),
            "elearning_bars": selectors.bars(fw.elearning.by_month),
        },
    )


@capability_required("programme.view")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    user = _user(request)
    fw = selectors.framework(user)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Targets")[:31]
    bold = Font(bold=True)
    ws.append([_("Activity"), _("Measure"), _("Target"), _("Achieved"), _("Share of target (%)"), _("Note")])
    for row in fw.rows:
        ws.append(
            [
                row.activity_label,
                row.measure_label,
                row.target,
                row.achieved if row.achieved is not None else _("not yet available"),
                row.percent,
                row.note,
            ]
        )
    sheets: list[tuple[str, list[str], list[Any]]] = [
        (_("By sex"), [_("Sex"), _("Participants trained")], fw.by_sex),
        (_("By organisation"), [_("Organisation"), _("Participants trained")], fw.by_organisation),
        (_("Over time"), [_("Month"), _("Events held"), _("Participants trained")], fw.by_month),
        (_("E-learning"), [_("Month"), _("Completions")], fw.elearning.by_month),
    ]
    for title, header, rows in sheets:
        sheet = wb.create_sheet(title[:31])
        sheet.append(header)
        for r in rows:
            sheet.append(list(r))
    gain = wb.create_sheet(_("Knowledge gain")[:31])
    gain.append([_("Activity"), _("Events held"), _("Participants trained"), _("Average normalised gain")])
    for f in fw.figures.values():
        gain.append(
            [f.label, f.events_held, f.participants, round(f.average_gain, 3) if f.average_gain is not None else None]
        )
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = bold
    buffer = io.BytesIO()
    wb.save(buffer)
    record(user, Action.EXPORT, object_type="programme.results", object_id="framework", fields=["aggregates"])
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="project-results-{timezone.localdate():%Y-%m-%d}.xlsx"'
    return response
