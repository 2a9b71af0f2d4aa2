"""Fixtures for intake stories: police and Border Guard staff, and a few places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from intake import services
from intake.models import Place, PlaceType


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE, name="Police HQ")


@pytest.fixture
def border_guard(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard HQ")


@pytest.fixture
def operator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.HOTLINE_OPERATOR, police, username="operator")


@pytest.fixture
def analyst(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.ANALYST, police, username="analyst")


@pytest.fixture
def field_officer(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.FIELD_OFFICER, police, username="field")


@pytest.fixture
def lublin(db: None) -> Place:
    return Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)


@pytest.fixture
def podkarpackie(db: None) -> Place:
    return Place.objects.create(type=PlaceType.VOIVODESHIP, name="Podkarpackie", latitude=50.04, longitude=22.0)


@pytest.fixture
def medyka(podkarpackie: Place) -> Place:
    return Place.objects.create(type=PlaceType.BCP, name="Medyka", voivodeship=podkarpackie, latitude=49.8,
                                longitude=22.94)


@pytest.fixture
def rp_lublin(lublin: Place) -> Place:
    return Place.objects.create(type=PlaceType.RP, name="RP Lublin", voivodeship=lublin, latitude=51.24,
                                longitude=22.56)


@pytest.fixture
def log_call(lublin: Place) -> Callable[..., Any]:
    """File a call as `user` with sensible defaults; keyword arguments override."""

    def log(user: User, **kw: Any) -> Any:
        data: dict[str, Any] = {"hotline": lublin, "started_at": timezone.now(), "language": "uk",
                                "caller_type": "potential_victim", "topic": "offer_work"}
        data.update(kw)
        return services.log_call(user, services.CallInput(**data))

    return log


@pytest.fixture
def log_observation(medyka: Place) -> Callable[..., Any]:
    def log(user: User, **kw: Any) -> Any:
        data: dict[str, Any] = {"place": medyka, "observed_at": timezone.now(), "offer_types": ["transport"]}
        data.update(kw)
        return services.log_observation(user, services.ObservationInput(**data))

    return log


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))
