"""Fixtures for protection stories: IOM and La Strada case workers, a Border Guard officer, a registered case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from protection import services
from protection.choices import CasePart, ConsentPurpose, Gender
from protection.models import Case, Consent

ALL_CHECKS = list(Consent.CHECKS)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def border_guard(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard")


@pytest.fixture
def iom_worker(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.CASE_WORKER, iom, username="iom.caseworker", first_name="Iryna", last_name="Melnyk")


@pytest.fixture
def ls_worker(make_user: Callable[..., User], lastrada: Organisation) -> User:
    return make_user(Role.CASE_WORKER, lastrada, username="lastrada.caseworker")


@pytest.fixture
def bg_officer(make_user: Callable[..., User], border_guard: Organisation) -> User:
    return make_user(Role.CASE_WORKER, border_guard, username="bg.officer")


@pytest.fixture
def make_case(iom_worker: User) -> Callable[..., Case]:
    def make(actor: User | None = None, **identity: Any) -> Case:
        ident = services.Identity(**{"first_name": "Olena", "second_name": "Kovalchuk", **identity})
        return services.register_person(actor or iom_worker, ident, gender=Gender.FEMININE,
                                        summary="Recruited for strawberry picking near Grójec.")
    return make


@pytest.fixture
def share(iom_worker: User) -> Callable[..., Consent]:
    """The person's consent to share parts of their case with an organisation."""

    def give(case: Case, organisation: Organisation, parts: list[str] | None = None,
             actor: User | None = None) -> Consent:
        return services.give_consent(actor or iom_worker, case.id, purpose=ConsentPurpose.SHARING, language="uk",
                                     checks=ALL_CHECKS, shared_with=organisation,
                                     parts=parts or [CasePart.IDENTITY, CasePart.SERVICES])
    return give
