"""The retention page for administrators: what goes next, past runs, holds and erasure requests. Thin: every
write is a service call, every list a scoped selector."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.permissions import capability_required

from . import selectors, services
from .forms import ReasonForm, RecordForm
from .models import RecordKind

CAPABILITY = services.CAPABILITY


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _add_errors(form: RecordForm | ReasonForm, exc: ValidationError) -> None:
    """A service's error beside the field it names, or at the top when the form has no such field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _labelled(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Non-zero counts by record type in the schedule's order, with the type's name in the reader's language."""
    return [(str(label), counts[kind]) for kind, label in RecordKind.choices if counts.get(kind)]


def _page(request: HttpRequest, *, hold_form: RecordForm | None = None, erase_form: RecordForm | None = None,
          reason_form: ReasonForm | None = None, lift_form_for: int | None = None,
          refuse_form_for: int | None = None, status: int = 200) -> HttpResponse:
    user = _user(request)
    totals = None if user.is_superuser else user.organisation_id  # a system administrator sees all counts
    pending, decided = selectors.erasure_requests_for(user)
    upcoming = selectors.upcoming_for(user)
    kinds = [kind for kind, _label in RecordKind.choices if kind != RecordKind.AUDIT]
    context: dict[str, Any] = {
        "upcoming": upcoming,
        "due_counts": _labelled(upcoming.counts),
        "record_labels": [label for kind, label in RecordKind.choices if kind in kinds],
        "per_organisation": [(row.organisation, [row.counts.get(k, 0) for k in kinds])
                             for row in selectors.counts_per_organisation(user)],
        # held records are named only to their own organisation
        "runs": [(run, _labelled(run.counts_for(totals)), run.held_for(user.organisation_id))
                 for run in selectors.runs_for(user)],
        "holds": selectors.active_holds_for(user),
        "pending": pending,
        "decided": decided,
        "hold_form": hold_form or RecordForm(prefix="hold"),
        "erase_form": erase_form or RecordForm(prefix="erase", erasure=True),
        "reason_form": reason_form,
        "lift_form_for": lift_form_for,
        "refuse_form_for": refuse_form_for,
    }
    return render(request, "retention/overview.html", context, status=status)


@capability_required(CAPABILITY)
def overview(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _record_action(request: HttpRequest, prefix: str, action: Any, done: str) -> HttpResponse:
    form = RecordForm(request.POST, prefix=prefix, erasure=prefix == "erase")
    if form.is_valid():
        try:
            action(_user(request), kind=form.cleaned_data["kind"], reference=form.cleaned_data["reference"],
                   reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("retention:overview")
    if prefix == "hold":
        return _page(request, hold_form=form, status=422)
    return _page(request, erase_form=form, status=422)


@require_POST
@capability_required(CAPABILITY)
def place_hold(request: HttpRequest) -> HttpResponse:
    return _record_action(request, "hold", services.place_hold,
                          _("The record is on legal hold: retention and erasure will skip it until the hold is "
                            "lifted."))


@require_POST
@capability_required(CAPABILITY)
def request_erasure(request: HttpRequest) -> HttpResponse:
    return _record_action(request, "erase", services.request_erasure,
                          _("Erasure requested. Another administrator of your organisation must confirm it."))


def _reason_action(request: HttpRequest, target: str, action: Any, object_id: int, done: str) -> HttpResponse:
    form = ReasonForm(request.POST, prefix=f"{target}-{object_id}")
    if form.is_valid():
        try:
            action(_user(request), object_id, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("retention:overview")
    if target == "lift":
        return _page(request, reason_form=form, lift_form_for=object_id, status=422)
    return _page(request, reason_form=form, refuse_form_for=object_id, status=422)


@require_POST
@capability_required(CAPABILITY)
def lift_hold(request: HttpRequest, hold_id: int) -> HttpResponse:
    return _reason_action(request, "lift", services.lift_hold, hold_id,
                          _("The hold is lifted. The record's retention applies again from the next run."))


@require_POST
@capability_required(CAPABILITY)
def refuse_erasure(request: HttpRequest, request_id: int) -> HttpResponse:
    return _reason_action(request, "refuse", services.refuse_erasure, request_id,
                          _("The erasure request is refused. Tell the person why, in writing."))


@require_POST
@capability_required(CAPABILITY)
def confirm_erasure(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        req = services.confirm_erasure(_user(request), request_id)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not confirm this request."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(record)s is erased, with everything derived from it.")
                         % {"record": req.reference})
    return redirect("retention:overview")
