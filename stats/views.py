"""Staff statistics pages: suppressed tables, the release form, the ledger; and the public statistics page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.permissions import capability_required
from directory.views import public_page

from . import selectors, services, tables
from .forms import ReleaseForm, SuppressionForm


def _budgets() -> list[services.Spent]:
    return [services.spent(d) for d in tables.DATASETS]


@capability_required("stats.view", "stats.release")
def index(request: HttpRequest) -> HttpResponse:
    y0, y1 = services.default_years()
    form = SuppressionForm(request.GET or None, initial={"table": "cases_sex", "year_from": y0, "year_to": y1})
    result = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        table, shown = services.suppressed_table(request.user, table=d["table"], year_from=d["year_from"],
                                                 year_to=d["year_to"], threshold=d["threshold"])
        keep = [i for i, total in enumerate(table.row_totals) if total > 0]  # empty categories add nothing
        result = {
            "table": table, "shown": shown, "threshold": d["threshold"],
            "rows": [(table.rows[i][1], shown.cells[i], shown.row_totals[i]) for i in keep],
        }
    return render(request, "stats/index.html", {
        "form": form, "result": result, "budgets": _budgets(),
        "releases": [(r, tables.TABLES[r.table].title if r.table in tables.TABLES else r.table)
                     for r in selectors.releases(request.user)[:50]],
        "can_release": request.user.has_capability("stats.release"),  # type: ignore[union-attr]
    })


@capability_required("stats.release")
def release_new(request: HttpRequest) -> HttpResponse:
    y = services.default_years()[0]
    form = ReleaseForm(request.POST or None, initial={"table": "cases_sex", "year_from": y, "year_to": y})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            rel = services.release(request.user, table=d["table"], year_from=d["year_from"], year_to=d["year_to"],
                                   epsilon=d["epsilon"], delta=d["delta"] or 0.0, mechanism=d["mechanism"],
                                   public=d["public"])
        except services.OverBudget as e:
            form.add_error(None, e.messages[0])
        except ValidationError as e:
            for field, errors in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Released. The numbers are now fixed and will be shown the same every time."))
            return redirect("stats:release_detail", release_id=rel.pk)
    return render(request, "stats/release_form.html", {"form": form, "budgets": _budgets()})


@capability_required("stats.view", "stats.release")
def release_detail(request: HttpRequest, release_id: int) -> HttpResponse:
    rel = selectors.releases(request.user).filter(pk=release_id).first()
    if rel is None:
        raise Http404
    return render(request, "stats/release_detail.html", {"t": selectors.released_table(rel)})


@public_page
def public_statistics(request: HttpRequest) -> HttpResponse:
    """Only released (noisy, frozen) figures; no login."""
    released = [selectors.released_table(r, hide_empty_rows=True) for r in selectors.public_releases()[:20]]
    return render(request, "stats/public.html", {"released": released})
