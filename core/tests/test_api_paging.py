"""Paging and ids out of range are a 422 with the error shape, never a server error (found by schemathesis)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from accounts.roles import Role

MakeUser = Callable[..., User]

TOO_BIG = 2**63  # one past the largest 64-bit key: SQLite raised OverflowError on it

LISTS = [
    (Role.HOTLINE_OPERATOR, "/api/v1/intake/calls"),
    (Role.HOTLINE_OPERATOR, "/api/v1/intake/observations"),
    (Role.INVESTIGATOR, "/api/v1/investigations/cases"),
    (Role.ANALYST, "/api/v1/links/entities"),
    (Role.ANALYST, "/api/v1/links/alerts"),
    (Role.ANALYST, "/api/v1/directory/concerns"),
    (None, "/api/v1/directory/services"),
]


def _error(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return dict(body["error"])


@pytest.mark.parametrize(("role", "path"), LISTS)
@pytest.mark.parametrize("query", ["offset=-1", f"offset={TOO_BIG}", f"offset={TOO_BIG * 4}", "limit=0", "limit=-5",
                                   f"limit={TOO_BIG}"])
def test_a_page_out_of_range_is_refused_naming_the_parameter(client: Client, make_user: MakeUser, role: str | None,
                                                           path: str, query: str) -> None:
    if role:
        client.force_login(make_user(role))
    error = _error(client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE="en"))
    assert error["code"] == "validation_error"
    assert [f["field"] for f in error["fields"]] == [query.split("=")[0]]


@pytest.mark.parametrize(("role", "path"), LISTS)
def test_a_page_in_range_still_works(client: Client, make_user: MakeUser, role: str | None, path: str) -> None:
    if role:
        client.force_login(make_user(role))
    response = client.get(f"{path}?offset=1000000&limit=5000")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize(("role", "path"), [
    (Role.HOTLINE_OPERATOR, "/api/v1/intake/calls/{}"),
    (Role.INVESTIGATOR, "/api/v1/investigations/cases/{}"),
    (Role.CASE_WORKER, "/api/v1/protection/cases/{}"),
    (Role.ANALYST, "/api/v1/links/entities/{}"),
    (Role.ADMINISTRATOR, "/api/v1/users/{}"),
    (None, "/api/v1/directory/services/{}"),
])
def test_an_id_past_64_bits_in_the_path_is_refused(client: Client, make_user: MakeUser, role: str | None,
                                                   path: str) -> None:
    if role:
        client.force_login(make_user(role))
    assert _error(client.get(path.format(TOO_BIG)))["code"] == "validation_error"
    assert _error(client.get(path.format(0)))["code"] == "validation_error"
    assert _error(client.get(path.format(TOO_BIG - 1)), 404)["code"] == "not_found"


def test_an_id_past_64_bits_in_a_body_is_refused(client: Client, make_user: MakeUser) -> None:
    client.force_login(make_user(Role.HOTLINE_OPERATOR))
    response = client.post("/api/v1/intake/calls", {
        "hotline_id": TOO_BIG, "started_at": "2026-11-28T10:00:00+01:00", "language": "uk",
        "caller_type": "witness", "topic": "offer_transport"}, content_type="application/json")
    error = _error(response)
    assert [f["field"] for f in error["fields"]] == ["hotline_id"]
    client.force_login(make_user(Role.ANALYST))
    error = _error(client.post("/api/v1/links/decisions", {"pair_id": TOO_BIG, "decision": "confirmed"},
                               content_type="application/json"))
    assert [f["field"] for f in error["fields"]] == ["pair_id"]


def test_a_number_the_database_cannot_hold_is_a_422_even_past_the_types(rf: Any, db: None) -> None:
    """The safety net behind the types: OverflowError (SQLite) and DataError (PostgreSQL) are a 422, not a 500."""
    from django.db import DataError

    from ctims.api import api

    for exc in (OverflowError("Python int too large to convert to SQLite INTEGER"), DataError("integer out of range")):
        response = api.on_exception(rf.get("/api/v1/intake/calls/1"), exc)
        assert response.status_code == 422
        assert b'"code": "out_of_range"' in response.content
