"""The triage board and the two saves cost the same number of queries however many rows are behind them.

An N+1 (a query per board row for its place or assignee, or per mention of a save) would make the second
count grow; the bench (bench/cpu_per_request.py) measures what each costs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.test import Client

from accounts.models import User
from intake.models import Place

BOARD_QUERIES = 24
SAVE_QUERIES = 24


def test_triage_board_queries_do_not_grow_with_open_items(login_as: Callable[[User], Client], operator: User,
                                                          field_officer: User, analyst: User, log_call: Any,
                                                          log_observation: Any,
                                                          django_assert_max_num_queries: Any) -> None:
    for _ in range(2):
        log_call(operator, urgency="urgent")
        log_observation(field_officer, risk_level="high")
    client = login_as(analyst)
    client.get("/intake/triage/")  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(BOARD_QUERIES) as few:
        response = client.get("/intake/triage/")
    assert response.status_code == 200
    for _ in range(10):
        log_call(operator, urgency="urgent")
        log_observation(field_officer, risk_level="high")
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/intake/triage/")
    page = response.content.decode()
    assert page.count("/intake/calls/") >= 12 and page.count("/intake/observations/") >= 12


def _call(lublin: Place, mentions: int) -> dict[str, Any]:
    return {"hotline_id": lublin.pk, "started_at": "2026-11-28T10:00:00+01:00", "language": "uk",
            "caller_type": "witness", "topic": "offer_transport", "caller_contact": "+48 601 111 222",
            "mentions": [{"kind": "phone", "value": f"+48 601 234 {100 + i}"} for i in range(mentions)]}


def _observation(medyka: Place, mentions: int, first: int) -> dict[str, Any]:
    return {"place_id": medyka.pk, "observed_at": "2026-11-28T10:00:00+01:00", "offer_types": ["work"],
            "risk_level": "high",
            "mentions": [{"kind": "vehicle", "value": f"BC {first + i} AK", "country": "UA"} for i in range(mentions)]}


def test_a_call_save_costs_the_same_queries_with_one_mention_or_eight(login_as: Callable[[User], Client],
                                                                      operator: User, lublin: Place,
                                                                      django_assert_max_num_queries: Any) -> None:
    client = login_as(operator)
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(SAVE_QUERIES) as few:
        response = client.post("/api/v1/intake/calls", _call(lublin, 1), content_type="application/json")
    assert response.status_code == 201, response.content
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.post("/api/v1/intake/calls", _call(lublin, 8), content_type="application/json")
    assert response.status_code == 201, response.content
    detail = client.get(f"/api/v1/intake/calls/{response.json()['id']}").json()
    assert len(detail["mentions"]) == 8


def test_an_observation_save_costs_the_same_queries_with_one_mention_or_eight(
        login_as: Callable[[User], Client], field_officer: User, medyka: Place,
        django_assert_max_num_queries: Any) -> None:
    client = login_as(field_officer)
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(SAVE_QUERIES) as few:
        response = client.post("/api/v1/intake/observations", _observation(medyka, 1, 1000),
                               content_type="application/json")
    assert response.status_code == 201, response.content
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.post("/api/v1/intake/observations", _observation(medyka, 8, 2000),
                               content_type="application/json")
    assert response.status_code == 201, response.content
    assert client.get("/api/v1/intake/observations").json()["count"] == 2
