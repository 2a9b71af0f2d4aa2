"""The project manager's dashboard: every target with what has been achieved, and its XLSX export."""

from __future__ import annotations

import datetime
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
from core.uploads import upload_limit

from . import selectors, services


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


# --- results framework for a period (donor report) ----------------------------------------------------


def _project_and_period(request: HttpRequest) -> tuple[Any, Any, Any]:
    from django.shortcuts import get_object_or_404

    from .forms import PeriodForm
    from .models import Project
    from .results import Period, quarter_of

    projects = list(Project.objects.all())
    code = request.GET.get("project", "")
    project = get_object_or_404(Project, code=code) if code else (projects[0] if projects else None)
    last_quarter = quarter_of(quarter_of(timezone.localdate()).start - datetime.timedelta(days=1))
    form = PeriodForm(request.GET if "start" in request.GET or "end" in request.GET else None,
                      initial={"start": last_quarter.start, "end": last_quarter.end})
    period = last_quarter
    if form.is_bound and form.is_valid():
        period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
    return project, period, form


@capability_required("programme.view")
def results(request: HttpRequest) -> HttpResponse:
    from . import results as framework

    project, period, form = _project_and_period(request)
    rep = framework.report(_user(request), project, period) if project and not form.errors else None
    query = f"project={project.code}&start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}" if project else ""
    return render(request, "programme/results.html", {
        "form": form, "report": rep, "query": query, "projects": framework.projects(),
        "can_manage": _user(request).has_capability("programme.manage"),
    })


def _report_or_404(request: HttpRequest) -> Any:
    from django.http import Http404

    from . import results as framework

    project, period, form = _project_and_period(request)
    if project is None or form.errors:
        raise Http404
    return framework.report(_user(request), project, period)


def _language(request: HttpRequest) -> str:
    from django.conf import settings

    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else (request.LANGUAGE_CODE or "en")


@capability_required("programme.view")
def results_xlsx(request: HttpRequest) -> HttpResponse:
    from django.utils import translation

    from . import report_files

    with translation.override(_language(request)):
        rep = _report_or_404(request)
        content = report_files.xlsx(rep)
    record(_user(request), Action.EXPORT, object_type="programme.project", object_id=rep.project.pk,
           fields=["results_xlsx"])
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (f'attachment; filename="results-{rep.project.code}-'
                                       f'{rep.period.start:%Y-%m-%d}-{rep.period.end:%Y-%m-%d}.xlsx"')
    return response


@capability_required("programme.view")
def results_pdf(request: HttpRequest) -> HttpResponse:
    from django.utils import translation

    from . import report_files

    with translation.override(_language(request)):
        rep = _report_or_404(request)
        content = report_files.pdf(rep)
    record(_user(request), Action.EXPORT, object_type="programme.project", object_id=rep.project.pk,
           fields=["results_pdf"])
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="results-{rep.project.code}-'
                                       f'{rep.period.start:%Y-%m-%d}-{rep.period.end:%Y-%m-%d}.pdf"')
    return response


@capability_required("programme.manage")
@upload_limit(services.MAX_EVIDENCE_BYTES + 1024 * 1024)
def manual_value(request: HttpRequest) -> HttpResponse:
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from .forms import ManualValueForm

    form = ManualValueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_manual_value(
                _user(request), d["indicator"].pk, period_start=d["period_start"], period_end=d["period_end"],
                value=d["value"], evidence=d["evidence"], note=d["note"],
                by_sex={"female": d["female"] or 0, "male": d["male"] or 0} if d["female"] or d["male"] else None)
        except ValidationError as e:
            for name, errors in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Saved, with its evidence."))
            return redirect("programme:results")
    return render(request, "programme/manual_value.html", {"form": form})


@capability_required("programme.view")
def evidence(request: HttpRequest, value_id: int) -> HttpResponse:
    from django.http import Http404

    from .models import ManualValue

    try:
        mv, content = services.read_evidence(_user(request), value_id)
    except (ManualValue.DoesNotExist, FileNotFoundError) as exc:
        raise Http404 from exc
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(mv.evidence_type, ".zip")
    response = HttpResponse(content, content_type=mv.evidence_type)
    response["Content-Disposition"] = f'attachment; filename="evidence-{mv.indicator_id}-{mv.pk}{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
