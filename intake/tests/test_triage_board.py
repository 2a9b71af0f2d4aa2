"""The triage board puts immediate danger first, whatever its age, then the newest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from accounts.models import User


def test_an_urgent_call_reaches_the_top_of_the_board(login_as: Callable[[User], Client], operator: User,
                                                     analyst: User, log_call: Callable[..., Any],
                                                     log_observation: Callable[..., Any], field_officer: User) -> None:
    now = timezone.now()
    routine = log_call(operator, started_at=now - timedelta(minutes=5))
    log_observation(field_officer, observed_at=now - timedelta(minutes=1), risk_level="medium")
    danger = log_call(operator, started_at=now - timedelta(hours=3), urgency="immediate_danger",
                      topic="exploitation_now")

    page = login_as(analyst).get("/intake/triage/").content.decode()

    assert page.index(danger.code) < page.index("OBS-") < page.index(routine.code)
    assert "Immediate danger" in page


def test_the_board_filters_by_place(login_as: Callable[[User], Client], operator: User, analyst: User,
                                    log_call: Callable[..., Any], log_observation: Callable[..., Any],
                                    field_officer: User, podkarpackie: Any) -> None:
    lublin_call = log_call(operator)
    medyka_obs = log_observation(field_officer)

    page = login_as(analyst).get("/intake/triage/", {"place": podkarpackie.pk}).content.decode()

    assert medyka_obs.code in page
    assert lublin_call.code not in page


def test_a_hotline_operator_cannot_open_the_board(login_as: Callable[[User], Client], operator: User) -> None:
    assert login_as(operator).get("/intake/triage/").status_code == 403
