"""Pages and fragments of the call screen: the caller panel and flag, the directory search and "referred to",
callbacks, transfers, the operator's queue and the call search. Phone numbers and search terms travel in
POST bodies only, never in an address or a log line.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.permissions import capability_required

from . import hotline_selectors, hotline_services, selectors, services
from .forms import DATETIME_WIDGET, referred_ids
from .models import CallbackTask, CallerFlagKind, HotlineCall
from .views import LAST_HOTLINE, _int, _user

CALL_CAPS = ("intake.log_call", "intake.triage")
LINE = "intake_queue_line"


def _call(user: User, call_id: int) -> HotlineCall:
    return get_object_or_404(selectors.calls_visible_to(user), pk=call_id)


def _phone_index(request: HttpRequest, user: User) -> tuple[str, int | None]:
    """The number the panel is about: typed in the form (POSTed), or that of a saved call (by its id)."""
    call_id = _int(request.POST.get("call_id"))
    if call_id:
        return _call(user, call_id).caller_phone_index, call_id
    return services.caller_phone_index(request.POST.get("caller_contact", "")), None


def _panel(request: HttpRequest, user: User, index: str, call_id: int | None) -> HttpResponse:
    panel = hotline_selectors.caller_panel(user, index, exclude_id=call_id)
    return render(request, "intake/_caller_panel.html", {
        "panel": panel, "call_id": call_id, "flag_kinds": CallerFlagKind.choices,
        "can_flag": any(user.has_capability(c) for c in CALL_CAPS)})


@capability_required(*selectors.VIEW_CAPABILITIES)
@require_POST
def caller_panel(request: HttpRequest) -> HttpResponse:
    """Earlier calls from the number being typed, other organisations holding a call from it, and its flag."""
    user = _user(request)
    index, call_id = _phone_index(request, user)
    return _panel(request, user, index, call_id)


@capability_required(*CALL_CAPS)
@require_POST
def caller_flag(request: HttpRequest) -> HttpResponse:
    """Set or lift the flag on a caller's number; answers with the refreshed panel (or back to the call)."""
    user = _user(request)
    index, call_id = _phone_index(request, user)
    try:
        if request.POST.get("do") == "clear":
            hotline_services.clear_caller_flag(user, index)
        else:
            hotline_services.flag_caller(user, index, request.POST.get("kind", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return _panel(request, user, index, call_id)
    return redirect("intake:call_detail", call_id) if call_id else redirect("intake:call_list")


@capability_required(*selectors.VIEW_CAPABILITIES)
@require_POST
def directory_search(request: HttpRequest) -> HttpResponse:
    """Active services of the public directory matching the words typed (names, providers, cities)."""
    from directory.selectors import search_services

    _user(request)
    text = request.POST.get("directory_q", "").strip()[:100]
    found = list(search_services(text=text)[:8]) if text else []
    return render(request, "intake/_directory_results.html", {
        "services": found, "text": text, "call_id": _int(request.POST.get("call_id"))})


@capability_required(*selectors.VIEW_CAPABILITIES)
@require_POST
def referral_picks(request: HttpRequest) -> HttpResponse:
    """The services chosen on the call form so far (the form keeps only their ids)."""
    from directory.selectors import services_for_referral

    ids = referred_ids(request.POST.get("referred_to", ""))
    chosen = {s.pk: s for s in services_for_referral().filter(pk__in=ids)}
    return render(request, "intake/_referral_picks.html", {"services": [chosen[i] for i in ids if i in chosen]})


def _act(request: HttpRequest, call: HotlineCall, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("Only operators of the call's organisation can do this."))
    else:
        messages.success(request, done)
    return redirect("intake:call_detail", call.pk)


@capability_required(*CALL_CAPS)
@require_POST
def call_refer(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = _call(user, call_id)
    return _act(request, call, lambda: hotline_services.refer_to_service(user, call, _int(request.POST.get(
        "service")) or 0), _("The referral was recorded on the call."))


@capability_required(*CALL_CAPS)
@require_POST
def call_callback(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = _call(user, call_id)
    due = DATETIME_WIDGET.value_from_datadict(request.POST, request.FILES, "callback_due")
    from django import forms

    try:
        due_at = forms.DateTimeField(required=False).clean(due)
    except ValidationError:
        due_at = None
    assignee = User.objects.filter(pk=_int(request.POST.get("callback_to")) or user.pk,
                                   organisation_id=user.organisation_id).first()
    return _act(request, call, lambda: hotline_services.plan_callback(
        user, call, due_at, assignee=assignee, note=request.POST.get("note", "")),
        _("The callback was added to the queue."))


@capability_required(*CALL_CAPS)
@require_POST
def callback_done(request: HttpRequest, task_id: int) -> HttpResponse:
    user = _user(request)
    task = get_object_or_404(CallbackTask.objects.filter(call__in=selectors.calls_visible_to(user)), pk=task_id)
    response = _act(request, task.call, lambda: hotline_services.complete_callback(user, task),
                    _("The callback is done."))
    return redirect("intake:queue") if request.POST.get("back") == "queue" else response


@capability_required(*CALL_CAPS)
@require_POST
def call_transfer(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = _call(user, call_id)
    target = request.POST.get("to", "")
    to_user = to_line = None
    if target.startswith("user:"):
        to_user = User.objects.filter(pk=_int(target[5:]) or 0, organisation_id=user.organisation_id).first()
    elif target.startswith("line:"):
        to_line = selectors.voivodeships().filter(pk=_int(target[5:]) or 0).first()
    return _act(request, call, lambda: hotline_services.transfer_call(
        user, call, to_user=to_user, to_line=to_line, note=request.POST.get("note", "")),
        _("The call was transferred."))


@capability_required(*CALL_CAPS)
@require_POST
def call_take(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = _call(user, call_id)
    return _act(request, call, lambda: hotline_services.take_call(user, call), _("The call is now yours."))


def transfer_targets(user: User, call: HotlineCall) -> dict[str, Any]:
    """Colleagues who take calls, the voivodeship lines, and the call's callbacks and transfers: the call page's
    hand-over section."""
    colleagues = [u for u in User.objects.filter(organisation_id=user.organisation_id, is_active=True)
                  .exclude(pk=user.pk).order_by("username") if u.has_capability("intake.log_call")]
    return {"transfer_colleagues": colleagues, "lines": selectors.voivodeships().exclude(pk=call.hotline_id),
            "callbacks": list(call.callbacks.select_related("assigned_to")),
            "transfers": list(call.transfers.select_related("from_user", "to_user", "to_line")),
            "referrals": hotline_selectors.referrals_of(call),
            "can_work": any(user.has_capability(c) for c in CALL_CAPS)
            and call.organisation_id == user.organisation_id,
            "callback_colleagues": [user, *colleagues], "now": timezone.now(),
            "can_flag": any(user.has_capability(c) for c in CALL_CAPS)}


@capability_required("intake.log_call")
def queue(request: HttpRequest) -> HttpResponse:
    """The operator's queue: callbacks by due time (overdue first), calls handed to them, and calls waiting on
    the line they work on (chosen here; by default the line of their last call)."""
    user = _user(request)
    line_id = _int(request.GET.get("line")) or request.session.get(LINE) or request.session.get(LAST_HOTLINE)
    line = selectors.voivodeships().filter(pk=line_id).first() if line_id else None
    if line is not None:
        request.session[LINE] = line.pk
    return render(request, "intake/queue.html", {"queue": hotline_selectors.operator_queue(user, line),
                                                 "lines": selectors.voivodeships(), "now": timezone.now()})


def call_search(request: HttpRequest, qs: QuerySet[HotlineCall]) -> tuple[QuerySet[HotlineCall], dict[str, Any]]:
    """The call list's search by phone number or text, POSTed (a number or a word typed there never reaches an
    address or a log): the calls narrowed, and what the page shows about the search."""
    phone = request.POST.get("phone", "").strip() if request.method == "POST" else ""
    text = request.POST.get("text", "").strip()[:100] if request.method == "POST" else ""
    index = services.caller_phone_index(phone)
    if phone or text:
        qs = qs & hotline_selectors.search_calls(_user(request), phone_index=index, text=text)
    return qs, {"searching": bool(phone or text), "text": text, "phone": phone,
                "phone_invalid": bool(phone) and not index}


def flag_labels(user: User, calls: Any) -> None:
    """Label each call of a page with the flag on its caller's number ("Abusive caller"), if any."""
    flags = hotline_selectors.flags_by_index(user, [c.caller_phone_index for c in calls])
    labels = dict(CallerFlagKind.choices)
    for c in calls:
        c.caller_flag_label = labels.get(flags.get(c.caller_phone_index, ""), "")
