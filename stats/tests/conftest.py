from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from protection.models import Case, Person


@pytest.fixture
def admin(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.ADMINISTRATOR, iom)


@pytest.fixture
def me_officer(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.ME_OFFICER, iom)


@pytest.fixture
def add_cases(iom: Organisation) -> Callable[..., list[Case]]:
    """n cases opened in `year` for people of this gender (and citizenship), straight into the tables."""
    counter = {"n": 0}

    def add(n: int, *, year: int, gender: str = "Feminine", age_range: str = "24--26", citizenship: str = "UA",
            exploitation: str = "ForcedLabour", **kw: Any) -> list[Case]:
        out = []
        for _i in range(n):
            counter["n"] += 1
            person = Person.objects.create(organisation=iom, gender=gender, age_range=age_range,
                                           citizenship=citizenship)
            opened = timezone.make_aware(datetime.datetime(year, 3, 1, 12, 0))
            out.append(Case.objects.create(code=f"T-{year}-{counter['n']}", organisation=iom, person=person,
                                           opened_at=opened, next_review_due=datetime.date(year, 6, 1),
                                           exploitation_types=exploitation, **kw))
        return out

    return add


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages checked outside a request are English, whatever language an earlier request left active."""
    from django.utils import translation

    with translation.override("en"):
        yield
