"""Fixtures for training tests: a trainer at IOM, an event, participants."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from training import services
from training.models import TrainingEvent


@pytest.fixture
def trainer(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.TRAINER, iom, first_name="Paweł", last_name="Barabasz")


@pytest.fixture
def make_event(trainer: User) -> Callable[..., TrainingEvent]:
    def make(days: int = 1, **kw: Any) -> TrainingEvent:
        start = kw.pop("start_date", datetime.date(2026, 10, 5))
        data = {
            "title": "Identifying forced labour",
            "type": "one_day_training",
            "activity": "one_day_training",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=days - 1),
            "city": "Lublin",
            "capacity": 20,
            **kw,
        }
        return services.create_event(kw.pop("by", trainer), data)

    return make


@pytest.fixture
def border_guard(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard HQ")
