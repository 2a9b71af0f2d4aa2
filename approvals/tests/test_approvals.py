"""A case worker's closure, plan and transfer wait for a supervisor of her organisation; a transfer moves the
case only when the receiving organisation accepts it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from approvals import services
from approvals.models import ApprovalKind, ApprovalStatus
from notifications.models import Kind, Notification
from protection import services as protection
from protection.choices import CaseStatus, SupportType
from protection.models import Case, Transfer, TransferStatus


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def iom_supervisor(make_user, iom):
    return make_user(Role.SUPERVISOR, iom, username="iom.supervisor")


@pytest.fixture
def ls_supervisor(make_user, lastrada):
    return make_user(Role.SUPERVISOR, lastrada, username="ls.supervisor")


def test_a_closure_waits_for_approval_then_closes(login_as, iom_worker, iom_supervisor, ls_supervisor, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/status/", {
        "status": CaseStatus.CLOSED, "closure_reason": "Needs met; safe work found."}, follow=True)
    assert "sent to a supervisor for approval" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE, "still open until approved"
    assert _kinds(iom_supervisor) == [Kind.APPROVAL_REQUESTED]
    assert _kinds(ls_supervisor) == [], "no supervisor of another organisation"

    page = login_as(iom_supervisor).get("/approvals/").content.decode()
    assert case.code in page and "Needs met; safe work found." in page
    (req,) = case.approval_requests.all()
    login_as(iom_supervisor).post(f"/approvals/{req.id}/decide/", {f"r{req.id}-decision": "approve"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closure_reason == "Needs met; safe work found."
    assert _kinds(iom_worker) == [Kind.APPROVAL_DECIDED]


def test_a_returned_plan_goes_back_with_its_comment(login_as, iom_worker, iom_supervisor, make_case):
    case = make_case()
    protection.add_plan_item(iom_worker, case.id, type=SupportType.values[0], objectives="Find a shelter place.")
    (req,) = case.approval_requests.all()
    assert req.kind == ApprovalKind.CASE_PLAN and req.status == ApprovalStatus.PENDING
    response = login_as(iom_supervisor).post(f"/approvals/{req.id}/decide/", {f"r{req.id}-decision": "return"})
    assert response.status_code == 400 and "Say what to change" in response.content.decode()
    login_as(iom_supervisor).post(f"/approvals/{req.id}/decide/", {
        f"r{req.id}-decision": "return", f"r{req.id}-comment": "Add the date of the first visit."})
    req.refresh_from_db()
    assert req.status == ApprovalStatus.RETURNED
    page = login_as(iom_worker).get("/approvals/").content.decode()
    assert "Add the date of the first visit." in page and "Returned" in page


def test_a_supervisor_cannot_approve_for_another_organisation(iom_worker, ls_supervisor, make_case):
    case = make_case()
    req = services.request_closure(iom_worker, case.id, CaseStatus.CLOSED, "Needs met.")
    from django.http import Http404

    with pytest.raises(Http404):
        services.decide(ls_supervisor, req.id, approve=True)


def test_a_transfer_moves_ownership_only_after_acceptance(login_as, iom_worker, iom_supervisor, ls_supervisor,
                                                          ls_worker, lastrada, make_case, share):
    case = make_case()
    share(case, lastrada)
    req = services.request_transfer(iom_worker, case.id, to_organisation=lastrada, reason="She moved to Warsaw.")
    assert req is not None and not Transfer.objects.exists(), "first her own supervisor"
    services.decide(iom_supervisor, req.id, approve=True)
    (transfer,) = Transfer.objects.all()
    assert transfer.status == TransferStatus.PENDING
    assert Case.objects.get(pk=case.pk).organisation_id != lastrada.pk, "not moved before La Strada accepts"
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/").status_code == 404
    assert _kinds(ls_supervisor) == [Kind.TRANSFER_REQUESTED]
    assert _kinds(ls_worker) == []

    page = login_as(ls_supervisor).get("/approvals/").content.decode()
    assert case.code in page and "She moved to Warsaw." in page
    login_as(ls_supervisor).post(f"/approvals/transfers/{transfer.id}/answer/", {f"t{transfer.id}-answer": "accept"})
    case.refresh_from_db()
    assert case.organisation_id == lastrada.pk and case.case_worker is None
    assert login_as(iom_worker).get(f"/protection/cases/{case.id}/").status_code == 404
    assert Kind.TRANSFER_ANSWERED in _kinds(iom_supervisor)


def test_a_refused_transfer_leaves_the_case_where_it_was(iom_supervisor, ls_supervisor, lastrada, iom, make_case,
                                                         share):
    case = make_case()
    share(case, lastrada)
    transfer = protection.transfer_case(iom_supervisor, case.id, to_organisation=lastrada, reason="Moved.")
    with pytest.raises(ValidationError):
        protection.answer_transfer(ls_supervisor, transfer.id, accept=False, reason=" ")
    protection.answer_transfer(ls_supervisor, transfer.id, accept=False, reason="No capacity in Warsaw.")
    case.refresh_from_db()
    assert case.organisation_id == iom.pk
    assert Transfer.objects.get().refuse_reason == "No capacity in Warsaw."
    assert _kinds(iom_supervisor) == [Kind.TRANSFER_ANSWERED]


def test_an_organisation_can_turn_closure_approval_off(iom_worker, iom_supervisor, make_case):
    services.set_policy(iom_supervisor, case_plan=True, closure=False, transfer=True)
    case = make_case()
    assert services.request_closure(iom_worker, case.id, CaseStatus.CLOSED, "Needs met.") is None
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
