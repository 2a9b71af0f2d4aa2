"""An immediate-danger call nobody takes within the limit brings the duty supervisor a notice, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from intake import services
from intake.models import FieldObservation, HotlineCall
from intake.tasks import overdue_triage_task
from notifications.models import Kind, Notification


def _call(operator, hotline, urgency: str = "immediate_danger", minutes_ago: int = 20) -> HotlineCall:
    call = services.log_call(operator, services.CallInput(
        hotline=hotline, started_at=timezone.now(), language="uk", caller_type="potential_victim",
        topic="exploitation_now", urgency=urgency))
    HotlineCall.objects.filter(pk=call.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return call


def _notices(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind=Kind.TRIAGE_OVERDUE)
                .values_list("reference", flat=True))


@pytest.fixture
def supervisors(make_user, police):
    return [make_user(Role.SUPERVISOR, police, username="duty1"), make_user(Role.SUPERVISOR, police, username="duty2")]


def test_each_duty_supervisor_is_told_once_and_nobody_else(operator, lublin, supervisors, analyst, make_user,
                                                           border_guard):
    call = _call(operator, lublin)
    other_supervisor = make_user(Role.SUPERVISOR, border_guard)
    call_command("notify_overdue_triage")
    call_command("notify_overdue_triage")
    assert overdue_triage_task.enqueue().return_value == 0, "the worker's run adds nothing either"
    for supervisor in supervisors:
        assert _notices(supervisor) == [call.code]
    assert _notices(analyst) == [] and _notices(operator) == []
    assert _notices(other_supervisor) == [], "another organisation's supervisor hears nothing of it"
    notice = Notification.objects.filter(recipient=supervisors[0]).get()
    assert notice.link() == f"/intake/calls/{call.pk}/"


def test_items_still_within_the_limit_assigned_or_less_urgent_bring_no_notice(operator, lublin, supervisors,
                                                                               analyst):
    _call(operator, lublin, minutes_ago=10)
    _call(operator, lublin, urgency="urgent", minutes_ago=60)
    taken = _call(operator, lublin, minutes_ago=60)
    services.assign(analyst, taken, analyst)
    call_command("notify_overdue_triage")
    assert _notices(supervisors[0]) == []


def test_the_limit_is_a_setting_and_observations_count_too(settings, operator, lublin, supervisors, field_officer,
                                                           medyka):
    settings.CTIMS_TRIAGE_UNASSIGNED_MINUTES = 5
    call = _call(operator, lublin, minutes_ago=10)
    obs = services.log_observation(field_officer, services.ObservationInput(
        place=medyka, observed_at=timezone.now(), risk_level="immediate"))
    FieldObservation.objects.filter(pk=obs.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    assert overdue_triage_task.enqueue().return_value == 4  # two items, two supervisors
    assert sorted(_notices(supervisors[1])) == sorted([call.code, obs.code])
