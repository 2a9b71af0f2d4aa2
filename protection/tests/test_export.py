"""Exports are anonymous by default with HTCDS column names; an identified export needs a permission and a reason."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from accounts.roles import Role
from audit.models import Action, AuditEvent


def test_the_anonymous_export_has_htcds_columns_and_no_names(login_as, iom_worker, make_case):
    make_case(mobile_phone="+48 600 100 200")
    response = login_as(iom_worker).post("/protection/export/", {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[:2] == ["cas_Status", "prs_Gender"] and "vic_MethodsOfControl" in header
    assert "Kovalchuk" not in text and "600" not in text and "prs_FirstName" not in header
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert "anonymous" in event.reason


def test_a_case_worker_cannot_export_identified_data(login_as, iom_worker, make_case):
    make_case()
    response = login_as(iom_worker).post("/protection/export/", {"format": "csv", "identified": "on",
                                                                  "reason": "Court"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_a_supervisor_exports_names_only_with_a_reason_and_it_is_audited(login_as, make_user, iom, make_case):
    make_case()
    supervisor = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    client = login_as(supervisor)
    refused = client.post("/protection/export/", {"format": "xlsx", "identified": "on", "reason": ""})
    assert "Say why you need names and contacts" in refused.content.decode()
    response = client.post("/protection/export/", {"format": "xlsx", "identified": "on",
                                                   "reason": "Court hearing on 3 December"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "prs_SecondName" in rows[0] and "Kovalchuk" in rows[1]
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.actor_username == "iom.supervisor" and "Court hearing" in event.reason
    assert "prs_SecondName" in event.fields
