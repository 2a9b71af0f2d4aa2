"""Closing a case needs an HTCDS reason for closure."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from protection import services
from protection.choices import CaseStatus


def test_closing_without_a_reason_is_refused_and_says_why(login_as, iom_worker, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/status/", {"status": CaseStatus.CLOSED})
    assert "Give the reason for closing the case." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_closing_with_a_reason_closes_the_case(login_as, iom_worker, make_case, make_user):
    """A supervisor's closure goes through at once (a case worker's waits for approval: approvals/tests)."""
    from accounts.roles import Role

    case = make_case()
    login_as(make_user(Role.SUPERVISOR, iom_worker.organisation)).post(f"/protection/cases/{case.id}/status/", {
        "status": CaseStatus.CLOSED, "closure_reason": "Returned home; reintegration completed."})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None
    assert case.closure_reason == "Returned home; reintegration completed."


def test_the_service_refuses_a_blank_reason(iom_worker, make_case):
    with pytest.raises(ValidationError):
        services.set_case_status(iom_worker, make_case().id, CaseStatus.CLOSED_REFERRED, "   ")
