"""Pages: resolved identities, their networks, alerts and matching runs. Thin: selectors and services do the work."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record, record_view
from core.permissions import capability_required

from . import selectors, services
from .models import AlertStatus, MentionKind


@capability_required("links.view")
def entity_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind and kind not in MentionKind.values:
        kind = ""
    qs = selectors.entities_visible_to(request.user, kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    labels = selectors.entity_labels(request.user, list(page))
    rows = [{"entity": e, "label": labels[e.pk]} for e in page]
    record(request.user, Action.VIEW, object_type="links.entity", object_id="list", fields=["label"])
    return render(request, "links/entity_list.html", {
        "page": page, "rows": rows, "kinds": MentionKind.choices, "kind": kind,
        "alert_count": selectors.open_alert_count(request.user),
        "can_analyse": request.user.has_capability("links.analyse"),  # type: ignore[union-attr]
    })


@capability_required("links.view")
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(selectors.entities_visible_to(request.user), pk=pk)
    view = selectors.identity(request.user, entity)
    record_view(request.user, entity, fields=["mentions"])
    return render(request, "links/entity_detail.html", {"identity": view, "entity": entity})


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@capability_required("links.view")
def network(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(selectors.entities_visible_to(request.user), pk=pk)
    chosen = [t for t in request.GET.getlist("type") if t in selectors.NODE_TYPES] or list(selectors.NODE_TYPES)
    date_from, date_to = _date(request.GET.get("from", "")), _date(request.GET.get("to", ""))
    try:
        hops = min(max(int(request.GET.get("hops", "2")), 1), 4)
    except ValueError:
        hops = 2
    graph = selectors.network(request.user, entity, hops=hops, types=set(chosen), date_from=date_from,
                              date_to=date_to)
    record_view(request.user, entity, fields=["network"])
    type_labels = {**{k: str(v) for k, v in MentionKind.choices}, "place": _("Place"), "record": _("Record")}
    for node in graph["nodes"]:
        node["type_label"] = type_labels.get(node["type"], node["type"])
    return render(request, "links/network.html", {
        "entity": entity, "graph": graph, "label": graph["nodes"][0]["label"] if graph["nodes"] else "",
        "types": [(t, type_labels[t]) for t in selectors.NODE_TYPES], "chosen": chosen,
        "date_from": date_from.isoformat() if date_from else "", "date_to": date_to.isoformat() if date_to else "",
        "hops": hops, "filtered": bool(request.GET.getlist("type") or date_from or date_to or hops != 2),
    })


@require_POST
@capability_required("links.analyse")
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(selectors.pairs_visible_to(request.user), pk=pk)
    decision = request.POST.get("decision", "")
    try:
        services.decide(request.user, pair, decision)
    except ValidationError:
        messages.error(request, _("Choose confirm, reject or undo."))
    else:
        messages.success(request, {"confirmed": _("Match confirmed."), "rejected": _("Match rejected."),
                                   "undo": _("Decision undone.")}[decision])
    back = request.POST.get("entity", "")
    if back.isdigit() and selectors.entities_visible_to(request.user).filter(pk=int(back)).exists():
        return redirect("links:entity_detail", int(back))
    left = pair.left
    left.refresh_from_db()
    if left.entity_id and selectors.entities_visible_to(request.user).filter(pk=left.entity_id).exists():
        return redirect("links:entity_detail", left.entity_id)
    return redirect("links:entity_list")


@require_POST
@capability_required("links.analyse")
def confirm_identity(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(selectors.entities_visible_to(request.user), pk=pk)
    count = services.confirm_identity(request.user, entity)
    message = ngettext("%(count)d link confirmed.", "%(count)d links confirmed.", count) % {"count": count}
    messages.success(request, message)
    return redirect("links:entity_detail", entity.pk)


@capability_required("links.analyse")
def alert_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AlertStatus.OPEN)
    if status not in AlertStatus.values and status != "all":
        status = AlertStatus.OPEN
    qs = selectors.alerts_visible_to(request.user, status="" if status == "all" else status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    cache: dict[tuple[str, int], bool] = {}
    rows = [{"alert": a, "label": selectors.entity_label(request.user, a.entity, cache)} for a in page]
    record(request.user, Action.VIEW, object_type="links.alert", object_id="list", fields=["label"])
    return render(request, "links/alert_list.html", {"page": page, "rows": rows, "status": status,
                                                     "statuses": AlertStatus.choices})


@capability_required("links.analyse")
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(selectors.alerts_visible_to(request.user), pk=pk)
    if request.method == "POST":
        services.close_alert(request.user, alert)
        messages.success(request, _("Alert closed."))
        return redirect("links:alert_list")
    evidence, co_mentions = selectors.alert_evidence(request.user, alert)
    record_view(request.user, alert, fields=["evidence"])
    entity_open = selectors.entities_visible_to(request.user).filter(pk=alert.entity_id).exists()
    label = next((m.value for m in evidence if m.visible and m.value),
                 selectors.unseen_label(alert.entity.kind, alert.organisation_id))
    return render(request, "links/alert_detail.html", {"alert": alert, "evidence": evidence, "label": label,
                                                       "entity_open": entity_open, "co_mentions": co_mentions})


@capability_required("links.analyse")
def run_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        run = services.request_full_run(request.user)
        messages.success(request, _("Full matching run queued."))
        return redirect("links:run_detail", run.pk)
    runs = selectors.runs_visible_to(request.user)[:20]
    return render(request, "links/run_list.html", {"runs": runs})


@capability_required("links.analyse")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.runs_visible_to(request.user).filter(pk=pk).first()
    if run is None:
        raise Http404
    template = "links/_run_progress.html" if request.headers.get("HX-Request") else "links/run_detail.html"
    return render(request, template, {"run": run})
