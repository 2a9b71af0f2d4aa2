"""The links pages cost the same number of queries for a few records as for many, and the analyst's open-alert
count (navigation badge, cached per organisation) follows the alerts.

These use real hotline calls, so intake's own access checks (one query per source type for a page, not one per
record) are part of what is counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from intake import services as intake
from intake.models import Place, PlaceType
from links import services
from links.models import Alert, AlertStatus, Mention

LIST_QUERIES = 20
PAGE_QUERIES = 30


@pytest.fixture
def call(make_user: Callable[..., User], police: Organisation,
         report: Callable[..., None]) -> Iterator[Callable[..., int]]:
    """call(day, place, *mentions): a real hotline call of the police, and its mentions sent to links."""
    apps.get_app_config("intake").ready()  # intake's real access checks (the links conftest lifts them)
    operator = make_user(Role.HOTLINE_OPERATOR, police, username="pol_operator")
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie")

    def make(day: int, place: str, *items: tuple[Any, ...]) -> int:
        row = intake.log_call(operator, intake.CallInput(
            hotline=hotline, started_at=timezone.now(), language="uk", caller_type="witness", topic="offer_work"))
        report(row.pk, police, day, place, *items)
        return int(row.pk)

    yield make


def test_entity_list_queries_do_not_grow_with_entities(call: Callable[..., int], police_analyst: User,
                                                       login_as: Callable[[User], Client],
                                                       django_assert_max_num_queries: Any) -> None:
    for i in range(2):
        call(i, "Medyka", ("phone", f"+48 601 234 {100 + i}"))
    client = login_as(police_analyst)
    client.get("/links/")  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        response = client.get("/links/")
    assert response.status_code == 200
    for i in range(2, 12):
        call(i, "Medyka", ("phone", f"+48 601 234 {100 + i}"))
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/links/")
    page = response.content.decode()
    assert all(f"+48 601 234 {100 + i}" in page or f"+48601234{100 + i}" in page for i in range(12))


def _shared_phone(call: Callable[..., int], first: int, last: int) -> None:
    for i in range(first, last):
        call(i, f"Place {i}", ("phone", "+48 601 234 567"), ("vehicle", f"BC {1000 + i} AK", {"country": "UA"}))


def test_identity_page_and_network_queries_do_not_grow_with_records(call: Callable[..., int],
                                                                    police_analyst: User,
                                                                    login_as: Callable[[User], Client],
                                                                    django_assert_max_num_queries: Any) -> None:
    _shared_phone(call, 0, 2)
    phone = Mention.objects.filter(kind="phone").first()
    assert phone is not None and phone.entity_id is not None
    client = login_as(police_analyst)
    identity, network = f"/links/entities/{phone.entity_id}/", f"/links/entities/{phone.entity_id}/network/"
    client.get(identity)  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(PAGE_QUERIES) as few_identity:
        assert client.get(identity).status_code == 200
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(PAGE_QUERIES) as few_network:
        assert client.get(network).status_code == 200
    _shared_phone(call, 2, 12)
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few_identity.captured_queries)):
        page = client.get(identity).content.decode()
    assert all(f"BC {1000 + i} AK" in page for i in range(12))  # what else the 12 calls mention
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few_network.captured_queries)):
        page = client.get(network).content.decode()
    assert all(f"BC {1000 + i} AK" in page for i in range(12))


def test_the_alert_badge_follows_the_alerts(call: Callable[..., int], police: Organisation, police_analyst: User,
                                            login_as: Callable[[User], Client]) -> None:
    call(0, "Medyka", ("phone", "+48 601 234 567"))
    phone = Mention.objects.get(kind="phone")
    client = login_as(police_analyst)
    assert 'class="nav-badge"' not in client.get("/links/").content.decode()  # counted (0) and cached
    alert = Alert.objects.create(organisation=police, entity_id=phone.entity_id, record_count=2, place_count=2)
    assert '<span class="nav-badge">1</span>' in client.get("/links/").content.decode()
    services.close_alert(police_analyst, alert)
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.CLOSED
    assert 'class="nav-badge"' not in client.get("/links/").content.decode()
    Alert.objects.filter(pk=alert.pk).delete()
    other = Alert.objects.create(organisation=police, entity_id=phone.entity_id)
    assert '<span class="nav-badge">1</span>' in client.get("/links/").content.decode()
    other.delete()
    assert 'class="nav-badge"' not in client.get(f"/links/?at={datetime.date.today()}").content.decode()
