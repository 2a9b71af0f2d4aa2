"""Fixtures for the directory: the receiving organisation (Police HQ), a small directory, a valid form time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing

from accounts.models import Organisation, OrganisationType
from directory.forms import TOKEN_SALT
from directory.models import Service, ServiceType


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE, name="Police Headquarters")


@pytest.fixture
def form_started() -> str:
    """The hidden 'form shown at' value of a form opened a minute ago (a person, not a bot)."""
    return signing.dumps(time.time() - 60, salt=TOKEN_SALT)


@pytest.fixture
def make_service(db: None) -> Callable[..., Service]:
    def make(name: str, type: str = ServiceType.SHELTER, languages: tuple[str, ...] = ("pl",),
             audiences: tuple[str, ...] = ("everyone",), **kw: Any) -> Service:
        kw.setdefault("provider", "Test Foundation")
        if not kw.get("nationwide"):
            kw.setdefault("voivodeship", "lubelskie")
        service = Service(name=name, type=type, **kw)
        service.language_list = list(languages)
        service.audience_list = list(audiences)
        service.save()
        return service

    return make


@pytest.fixture
def seed_helplines(db: None) -> list[Service]:
    """The helplines from the working group's note, as the demo loads them."""
    from directory.demo import REAL_SERVICES, _service

    services = [_service(fields, {}) for fields in REAL_SERVICES]
    Service.objects.bulk_create(services)
    return services
