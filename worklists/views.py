"""Bulk work pages: thin adapters over worklists.services (writes) and worklists.selectors (reads)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.models import Action
from audit.services import record
from core.permissions import capability_required
from intake.selectors import VIEW_CAPABILITIES

from . import lists, selectors, services
from .models import ListName

LIST_CAPABILITIES: dict[str, tuple[str, ...]] = {
    ListName.CASES: ("protection.view",), ListName.CALLS: VIEW_CAPABILITIES}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _worklist(request: HttpRequest, list_name: str) -> lists.WorkList:
    """The list, if the user's role may see it; 404 for an unknown list, 403 (audited) for a role without it."""
    if list_name not in lists.LISTS:
        raise Http404
    user = _user(request)
    if not any(user.has_capability(c) for c in LIST_CAPABILITIES[list_name]):
        record(user, Action.PERMISSION_DENIED, object_type="view", object_id=f"worklists:{list_name}")
        raise PermissionDenied
    return lists.get(list_name)


def _back(request: HttpRequest, worklist: lists.WorkList) -> str:
    """Where to return: the list page the form came from (with its filters), never another site."""
    url = reverse(worklist.url_name)
    back = request.POST.get("back", "")
    if back.startswith(url) and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return url


def _ids(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("ids") if v.isdigit()]


@login_required
@require_POST
def bulk(request: HttpRequest, list_name: str) -> HttpResponse:
    """One action on the rows ticked on a list page: assign, flag, clear a flag, or export."""
    worklist = _worklist(request, list_name)
    user = _user(request)
    action = request.POST.get("action", "")
    ids = _ids(request)
    try:
        if action in ("export_csv", "export_xlsx"):
            file = services.export_selected(user, list_name, ids, action.removeprefix("export_"))
            response = HttpResponse(file.content, content_type=file.content_type)
            response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
            return response
        if action == "assign":
            assignee = User.objects.filter(pk=request.POST.get("assignee") or 0, is_active=True,
                                           organisation_id=user.organisation_id).first()
            assign = services.assign_cases if list_name == ListName.CASES else services.assign_calls
            n = assign(user, ids, assignee)
            messages.success(request, ngettext("%(count)d record was assigned.", "%(count)d records were assigned.",
                                               n) % {"count": n})
        elif action == "flag":
            n = services.flag(user, list_name, ids, request.POST.get("kind", ""))
            messages.success(request, ngettext("%(count)d record was flagged.", "%(count)d records were flagged.",
                                               n) % {"count": n})
        elif action == "unflag":
            n = services.clear_flags(user, list_name, ids, request.POST.get("kind", ""))
            messages.success(request, ngettext("%(count)d flag was cleared.", "%(count)d flags were cleared.",
                                               n) % {"count": n})
        else:
            raise Http404
    except services.BatchRefused as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("Nothing was done: your role cannot change these records."))
    return redirect(_back(request, worklist))


@login_required
@require_POST
def save_search(request: HttpRequest, list_name: str) -> HttpResponse:
    worklist = _worklist(request, list_name)
    try:
        saved = services.save_search(_user(request), list_name, request.POST.get("name", ""), request.POST)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(worklist.url_name)
    messages.success(request, _("The search was saved."))
    return redirect("worklists:open_search", saved.pk)


@login_required
def open_search(request: HttpRequest, search_id: int) -> HttpResponse:
    """The list page with the saved filters (codes and choices only, as the list itself puts in its address)."""
    saved = selectors.saved_searches_of(_user(request)).filter(pk=search_id).first()
    if saved is None:
        raise Http404
    worklist = _worklist(request, saved.list_name)
    filters = selectors.filters_of(saved.list_name, saved.filters)
    return redirect(reverse(worklist.url_name) + (f"?{urlencode(filters)}" if filters else ""))


@login_required
def searches(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.saved_searches_of(_user(request)))
    labels = dict(ListName.choices)
    return render(request, "worklists/searches.html", {
        "searches": [(s, labels.get(s.list_name, s.list_name)) for s in rows]})


@login_required
@require_POST
def delete_search(request: HttpRequest, search_id: int) -> HttpResponse:
    try:
        services.delete_search(_user(request), search_id)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The saved search was deleted."))
    return redirect("worklists:searches")


@capability_required("protection.view")
def find_person(request: HttpRequest) -> HttpResponse:
    """Find a registered person by case code, phone, document number or name, and open their timeline.

    The term is POSTed, so it never sits in an address or a server log; the audit log keeps that a search was
    made, never what was typed."""
    user = _user(request)
    results: list[selectors.PersonResult] = []
    searched = request.method == "POST"
    if searched:
        results = selectors.find_people(user, request.POST.get("term", ""))
        record(user, Action.VIEW, object_type="protection.person", object_id="search",
               fields=["search"], reason=f"{len(results)} results")
    context: dict[str, Any] = {"results": results, "searched": searched,
                               "identity": user.has_capability("protection.view_identity")}
    return render(request, "worklists/find_person.html", context)
