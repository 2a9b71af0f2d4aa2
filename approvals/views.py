"""Approvals pages: what waits for a supervisor, transfers offered to the organisation, and a case worker's own
requests with the supervisor's answer. Thin: scoped selectors, services for every write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organisation, User
from audit.models import Action
from audit.services import record
from core.permissions import capability_required
from protection import services as protection_services
from protection.models import SupportPlanItem, TransferStatus
from protection.selectors import transfers_visible_to

from . import selectors, services
from .forms import DecisionForm, PolicyForm, TransferAnswerForm
from .models import ApprovalKind, ApprovalRequest


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _what(req: ApprovalRequest) -> str:
    """What the request asks, in the reader's language."""
    if req.kind == ApprovalKind.CLOSURE:
        from protection.choices import CaseStatus

        return _("Close the case (%(status)s): %(reason)s") % {
            "status": dict(CaseStatus.choices).get(str(req.info.get("status")), ""), "reason": req.info.get("reason")}
    if req.kind == ApprovalKind.TRANSFER:
        org = Organisation.objects.filter(pk=int(req.info.get("to_organisation") or 0)).first()
        return _("Transfer the case to %(organisation)s: %(reason)s") % {"organisation": org or "—",
                                                                         "reason": req.info.get("reason")}
    item = SupportPlanItem.objects.filter(pk=int(req.info.get("item_id") or 0), case_id=req.case_id).first()
    return _("Support plan: %(type)s") % {"type": item.get_type_display() if item else "—"}


@capability_required("protection.view")
def approval_list(request: HttpRequest, forms_for: dict[int, Any] | None = None, status: int = 200) -> HttpResponse:
    user = _user(request)
    to_decide = list(selectors.to_decide(user)[:100])
    mine = list(selectors.requests_visible_to(user).filter(requested_by=user)[:50])
    decided = list(selectors.requests_visible_to(user).exclude(status="pending")[:50]) \
        if user.has_capability("protection.supervise") else []
    offered = list(transfers_visible_to(user, "incoming").filter(status=TransferStatus.PENDING)) \
        if user.has_capability("protection.supervise") else []
    for req in {r.pk: r for r in [*to_decide, *mine, *decided]}.values():
        record(user, Action.VIEW, req, fields=["details", "comment"])
    for transfer in offered:
        record(user, Action.VIEW, transfer, fields=["reason"])
    forms_for = forms_for or {}
    return render(request, "approvals/list.html", {
        "to_decide": [(r, _what(r), forms_for.get(r.pk) or DecisionForm(prefix=f"r{r.pk}")) for r in to_decide],
        "mine": [(r, _what(r)) for r in mine],
        "decided": [(r, _what(r)) for r in decided],
        "offered": [(t, forms_for.get(-t.pk) or TransferAnswerForm(prefix=f"t{t.pk}")) for t in offered],
        "is_supervisor": user.has_capability("protection.supervise"),
    }, status=status)


@require_POST
@capability_required("protection.supervise")
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    form = DecisionForm(request.POST, prefix=f"r{request_id}")
    if form.is_valid():
        try:
            req = services.decide(_user(request), request_id, approve=form.cleaned_data["decision"] == "approve",
                                  comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            from protection.forms import apply_errors

            apply_errors(form, exc)
        else:
            done = (_("Approved: case %(code)s.") if req.status == "approved"
                    else _("Returned to the case worker with your comment: case %(code)s."))
            messages.success(request, done % {"code": req.case.code})
            return redirect("approvals:list")
    return approval_list(request, {request_id: form}, status=400)


@require_POST
@capability_required("protection.supervise")
def answer_transfer(request: HttpRequest, transfer_id: int) -> HttpResponse:
    form = TransferAnswerForm(request.POST, prefix=f"t{transfer_id}")
    if form.is_valid():
        try:
            transfer = protection_services.answer_transfer(
                _user(request), transfer_id, accept=form.cleaned_data["answer"] == "accept",
                reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            from protection.forms import apply_errors

            apply_errors(form, exc)
        else:
            if transfer.status == TransferStatus.ACCEPTED:
                messages.success(request, _("Case %(code)s is now held by your organisation. Assign a case worker.")
                                 % {"code": transfer.case.code})
                return redirect("protection:case", transfer.case_id)
            messages.success(request, _("Transfer of case %(code)s refused.") % {"code": transfer.case.code})
            return redirect("approvals:list")
    return approval_list(request, {-transfer_id: form}, status=400)


@capability_required("protection.supervise")
def policy(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = services.policy_for(user.organisation_id)
    form = PolicyForm(request.POST or None, initial={"case_plan": current.case_plan, "closure": current.closure,
                                                     "transfer": current.transfer})
    if request.method == "POST" and form.is_valid():
        services.set_policy(user, **form.cleaned_data)
        messages.success(request, _("Saved: what needs a supervisor's approval in your organisation."))
        return redirect("approvals:list")
    return render(request, "approvals/policy.html", {"form": form})
