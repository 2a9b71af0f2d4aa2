"""A supervisor assigns several cases or calls at once, through the same services as one at a time: every row is
audited, and a batch holding one record the user may not change is refused whole."""

from __future__ import annotations

from accounts.roles import Role
from audit.models import AuditEvent
from protection.models import Case


def _updates(model: str, ids: list[int]) -> int:
    return AuditEvent.objects.filter(action="update", object_type=model, object_id__in=[str(i) for i in ids]).count()


def test_three_cases_are_assigned_with_three_audit_events(login_as, make_user, iom, iom_worker, make_case):
    supervisor = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    cases = [make_case(second_name=f"Kovalchuk{i}") for i in range(3)]
    ids = [c.id for c in cases]
    before = _updates("protection.case", ids)
    response = login_as(supervisor).post("/worklists/cases/bulk/", {
        "ids": ids, "action": "assign", "assignee": iom_worker.pk, "back": "/protection/?status=active"},
        follow=True)
    assert response.redirect_chain[-1][0] == "/protection/?status=active"
    assert "3 records were assigned." in response.content.decode()
    assert _updates("protection.case", ids) - before == 3
    assert set(Case.objects.filter(pk__in=ids).values_list("case_worker_id", flat=True)) == {iom_worker.pk}


def test_a_batch_with_another_organisations_case_is_refused_whole(login_as, make_user, iom, ls_worker, make_case):
    supervisor = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    colleague = make_user(Role.CASE_WORKER, iom, username="iom.colleague")
    ours = [make_case(second_name=f"Kovalchuk{i}") for i in range(2)]
    theirs = make_case(actor=ls_worker, second_name="Shevchenko")
    ids = [ours[0].id, theirs.id, ours[1].id]
    before = _updates("protection.case", ids)
    response = login_as(supervisor).post("/worklists/cases/bulk/", {
        "ids": ids, "action": "assign", "assignee": colleague.pk}, follow=True)
    assert "Nothing was done: 1 of the selected records is not yours to change." in response.content.decode()
    assert _updates("protection.case", ids) == before, "no case of the batch was changed"
    assert not Case.objects.filter(pk__in=ids, case_worker=colleague).exists()
    assert AuditEvent.objects.filter(action="permission_denied", actor=supervisor, object_type="protection.case",
                                     object_id=str(theirs.id)).exists()


def test_calls_are_assigned_in_bulk_and_a_foreign_call_refuses_the_batch(login_as, make_user, police, analyst,
                                                                          operator, log_call, make_org):
    from intake.models import HotlineCall

    calls = [log_call(operator) for _ in range(2)]
    other = make_user(Role.HOTLINE_OPERATOR, make_org("SG"), username="sg.operator")
    foreign = log_call(other)
    client = login_as(analyst)
    response = client.post("/worklists/calls/bulk/", {
        "ids": [calls[0].pk, foreign.pk], "action": "assign", "assignee": analyst.pk}, follow=True)
    assert "Nothing was done" in response.content.decode()
    assert HotlineCall.objects.filter(assigned_to=analyst).count() == 0
    response = client.post("/worklists/calls/bulk/", {
        "ids": [c.pk for c in calls], "action": "assign", "assignee": analyst.pk}, follow=True)
    assert "2 records were assigned." in response.content.decode()
    assert HotlineCall.objects.filter(assigned_to=analyst).count() == 2
    assert _updates("intake.hotlinecall", [c.pk for c in calls]) >= 2


def test_a_case_worker_of_another_organisation_cannot_be_the_assignee(make_user, iom, lastrada, make_case):
    import pytest
    from django.core.exceptions import ValidationError

    from worklists import services

    supervisor = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    stranger = make_user(Role.CASE_WORKER, lastrada, username="ls.worker2")
    case = make_case()
    with pytest.raises(ValidationError):
        services.assign_cases(supervisor, [case.id], stranger)
    case.refresh_from_db()
    assert case.case_worker_id != stranger.pk
