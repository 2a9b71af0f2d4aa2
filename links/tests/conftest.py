"""Fixtures for links tests: two agencies with analysts, and a helper that records a report."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from links.services import Mention, record_mentions

BASE = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 0))


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE, name="Police HQ")


@pytest.fixture
def border(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard")


@pytest.fixture
def police_analyst(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.ANALYST, police, username="pol_analyst")


@pytest.fixture
def border_analyst(make_user: Callable[..., User], border: Organisation) -> User:
    return make_user(Role.ANALYST, border, username="sg_analyst")


@pytest.fixture
def report() -> Callable[..., None]:
    """report(source_id, org, day, place, ("person", "Шевченко Олександр"), ("phone", "+48..."), ...)"""

    def make(source_id: int, org: Organisation, day: int, place: str, *items: tuple[Any, ...],
             source_type: str = "intake.hotlinecall") -> None:
        mentions = [Mention(i[0], i[1], i[2] if len(i) > 2 else {}) for i in items]
        record_mentions(source_type=source_type, source_id=source_id, owner_organisation_id=org.pk,
                        occurred_at=BASE + datetime.timedelta(days=day), place=place, mentions=mentions)

    return make


@pytest.fixture(autouse=True)
def _fake_reports_are_not_real_intake_records() -> Any:
    """These tests record reports with made-up intake ids, so intake's own access check (which looks
    the record up) is lifted for them; the registry is restored afterwards for other modules' tests."""
    from links import sources

    saved = dict(sources._REGISTRY)
    for source_type in ("intake.hotlinecall", "intake.fieldobservation"):
        sources._REGISTRY.pop(source_type, None)
    yield
    sources._REGISTRY.clear()
    sources._REGISTRY.update(saved)
