"""The audit log page: supervisors and administrators browse their organisation's events."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from core.permissions import capability_required

from .models import Action
from .selectors import events_visible_to


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _record_type_labels() -> dict[str, str]:
    """"protection.case" -> "case" (translated): what people call the record, not the table."""
    return {m._meta.label_lower: str(m._meta.verbose_name) for m in apps.get_models()}


@capability_required("audit.view")
def event_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    filters = {
        "action": request.GET.get("action", ""),
        "actor": request.GET.get("actor", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "object_id": request.GET.get("object_id", "").strip(),
        "since": _date(request.GET.get("since", "")),
        "until": _date(request.GET.get("until", "")),
    }
    events = events_visible_to(request.user, **filters)  # type: ignore[arg-type]
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    labels = _record_type_labels()
    for event in page.object_list:
        event.record_label = labels.get(event.object_type, event.object_type)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {
        "page": page, "filters": filters, "actions": Action.choices, "query": query.urlencode(),
    })
