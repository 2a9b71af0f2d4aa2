"""Fixtures for retention stories: IOM and La Strada administrators and supervisors, cases, calls."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from intake import services as intake_services
from intake.models import HotlineCall, Place, PlaceType
from protection import services as protection_services
from protection.choices import CaseStatus, Gender
from protection.models import Case


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def iom_admin(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.ADMINISTRATOR, iom, username="iom.admin")


@pytest.fixture
def iom_supervisor(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.SUPERVISOR, iom, username="iom.supervisor")


@pytest.fixture
def ls_admin(make_user: Callable[..., User], lastrada: Organisation) -> User:
    return make_user(Role.ADMINISTRATOR, lastrada, username="lastrada.admin")


@pytest.fixture
def ls_worker(make_user: Callable[..., User], lastrada: Organisation) -> User:
    return make_user(Role.CASE_WORKER, lastrada, username="lastrada.caseworker")


@pytest.fixture
def iom_worker(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.CASE_WORKER, iom, username="iom.caseworker")


@pytest.fixture
def make_case(iom_worker: User) -> Callable[..., Case]:
    """Register a person and open a case; `closed_days_ago` closes it that long ago."""

    def make(actor: User | None = None, closed_days_ago: int | None = None, **identity: Any) -> Case:
        actor = actor or iom_worker
        ident = protection_services.Identity(**{"first_name": "Olena", "second_name": "Kovalchuk",
                                                "mobile_phone": "+48 601 234 567", **identity})
        case = protection_services.register_person(actor, ident, gender=Gender.FEMININE,
                                                   summary="Recruited for strawberry picking near Grójec.")
        protection_services.add_note(actor, case.id, "Met her at the station with an interpreter.")
        if closed_days_ago is not None:
            protection_services.set_case_status(actor, case.id, CaseStatus.CLOSED, "Needs met; safe work found.")
            Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - datetime.timedelta(days=closed_days_ago))
        return Case.objects.get(pk=case.pk)

    return make


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE, name="Police HQ")


@pytest.fixture
def operator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.HOTLINE_OPERATOR, police, username="operator")


@pytest.fixture
def police_admin(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.ADMINISTRATOR, police, username="police.admin")


@pytest.fixture
def log_call(db: None) -> Callable[..., HotlineCall]:
    """A call taken `days_ago` days ago by `user`."""
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)

    def log(user: User, days_ago: int = 0, **kw: Any) -> HotlineCall:
        data: dict[str, Any] = {"hotline": hotline, "started_at": timezone.now() - datetime.timedelta(days=days_ago),
                                "language": "uk", "caller_type": "potential_victim", "topic": "offer_work",
                                "caller_contact": "+48 601 234 567"}
        data.update(kw)
        return intake_services.log_call(user, intake_services.CallInput(**data))

    return log
