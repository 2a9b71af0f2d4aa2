"""Escalating a call or observation opens the linked record in one action and keeps the link both ways."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from investigations.models import Investigation, Offence


def test_an_analyst_escalates_a_call_to_an_investigation(login_as: Callable[[User], Client], operator: User,
                                                         analyst: User, log_call: Callable[..., Any]) -> None:
    call = log_call(operator, topic="exploitation_now", urgency="urgent")
    offence = Offence.objects.get(article="189a")

    client = login_as(analyst)
    response = client.post(f"/intake/triage/call/{call.pk}/", {
        "action": "investigation", "offence": offence.pk, "summary": "Workers held at a farm"}, follow=True)

    inv = Investigation.objects.get()
    call.refresh_from_db()
    assert call.investigation == inv and call.status == "escalated"
    assert f"Investigation {inv.code} was opened." in response.content.decode()
    assert inv.links.get().object_id == call.pk
    assert inv.organisation == analyst.organisation and inv.offence == offence
    investigator = User.objects.create(username="inv", role=Role.INVESTIGATOR, organisation=analyst.organisation)
    case_page = login_as(investigator).get(f"/investigations/{inv.pk}/").content.decode()
    assert call.code in case_page
    assert f'href="/intake/calls/{call.pk}/"' in case_page


def test_an_escalated_observation_leaves_the_board(login_as: Callable[[User], Client], field_officer: User,
                                                   analyst: User, log_observation: Callable[..., Any]) -> None:
    obs = log_observation(field_officer, risk_level="high")
    client = login_as(analyst)
    client.post(f"/intake/triage/observation/{obs.pk}/", {
        "action": "investigation", "offence": Offence.objects.get(article="203").pk, "summary": "x"})

    board = client.get("/intake/triage/").content.decode()
    detail = client.get(f"/intake/observations/{obs.pk}/").content.decode()

    assert obs.code not in board
    assert Investigation.objects.get().code in detail


def test_escalating_to_a_protection_case_keeps_the_case_code(login_as: Callable[[User], Client], operator: User,
                                                             make_user: Callable[..., User],
                                                             log_call: Callable[..., Any]) -> None:
    services = pytest.importorskip("protection.services")
    if not hasattr(services, "open_case_from_intake"):
        pytest.skip("protection.services.open_case_from_intake is not there yet")
    duty_officer = make_user(Role.SUPERVISOR, operator.organisation)
    call = log_call(operator, caller_type="potential_victim", topic="exploitation_now")

    response = login_as(duty_officer).post(f"/intake/triage/call/{call.pk}/", {
        "action": "protection", "summary": "Woman kept in a flat"}, follow=True)

    call.refresh_from_db()
    assert call.protection_case_id and call.protection_case_code
    assert call.status == "escalated"
    assert call.protection_case_code in response.content.decode()


def test_a_record_of_another_organisation_cannot_be_escalated(login_as: Callable[[User], Client],
                                                              make_user: Callable[..., User], border_guard: Any,
                                                              log_call: Callable[..., Any]) -> None:
    their_operator = make_user(Role.HOTLINE_OPERATOR, border_guard)
    call = log_call(their_operator)
    police_analyst = make_user(Role.ANALYST)

    response = login_as(police_analyst).post(f"/intake/triage/call/{call.pk}/", {
        "action": "investigation", "offence": Offence.objects.first().pk})  # type: ignore[union-attr]

    assert response.status_code == 404
    assert not Investigation.objects.exists()
