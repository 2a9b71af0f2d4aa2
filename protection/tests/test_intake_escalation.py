"""A hotline call escalated to protection opens an Active case with no identity yet."""

from __future__ import annotations

from audit.models import Action, AuditEvent
from protection import services
from protection.choices import CaseStatus


def test_an_escalated_call_opens_an_active_case_in_the_callers_organisation(iom_worker):
    case = services.open_case_from_intake(iom_worker, source_type="intake.hotlinecall", source_id=42,
                                          summary="Caller says her sister's passport was taken at a farm.")
    assert case.status == CaseStatus.ACTIVE and case.organisation_id == iom_worker.organisation_id
    assert not case.person.has_identity
    assert (case.source_type, case.source_id) == ("intake.hotlinecall", 42)
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="protection.case").exists()
