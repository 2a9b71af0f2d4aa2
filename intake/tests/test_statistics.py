"""Statistics show counts for the user's own organisation only, never a record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role


def test_counts_per_voivodeship_language_topic_and_place(login_as: Callable[[User], Client], operator: User,
                                                         field_officer: User, analyst: User,
                                                         log_call: Callable[..., Any],
                                                         log_observation: Callable[..., Any]) -> None:
    log_call(operator, language="ru", topic="missing_person")
    log_call(operator, language="ru", topic="missing_person")
    log_observation(field_officer, offer_types=["work", "accommodation"])

    page = login_as(analyst).get("/intake/statistics/").content.decode()

    assert "calls: 2; observations: 1." in page
    assert "Russian" in page and "Missing person" in page and "Medyka" in page and "Accommodation" in page


def test_another_organisations_calls_are_not_counted(login_as: Callable[[User], Client], operator: User,
                                                     log_call: Callable[..., Any], make_user: Callable[..., User],
                                                     border_guard: Organisation) -> None:
    log_call(operator)

    page = login_as(make_user(Role.ANALYST, border_guard)).get("/intake/statistics/").content.decode()

    assert "calls: 0; observations: 0." in page
