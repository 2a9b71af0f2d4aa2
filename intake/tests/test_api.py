"""A mobile client files calls and observations through the API and reads back only its organisation's."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from intake.models import Place


def test_a_call_filed_through_the_api_is_listed_and_readable(login_as: Callable[[User], Client], operator: User,
                                                             lublin: Place) -> None:
    client = login_as(operator)
    created = client.post("/api/v1/intake/calls", {
        "hotline_id": lublin.pk, "started_at": "2026-11-28T10:00:00+01:00", "language": "uk",
        "caller_type": "witness", "topic": "offer_transport", "caller_contact": "+48 601 111 222",
        "mentions": [{"kind": "vehicle", "value": "BC 1234 AK", "country": "UA"}]}, content_type="application/json")

    assert created.status_code == 201, created.content
    call_id = created.json()["id"]
    listing = client.get("/api/v1/intake/calls").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == call_id
    detail = client.get(f"/api/v1/intake/calls/{call_id}").json()
    assert detail["caller_contact"] == "+48 601 111 222"
    assert detail["mentions"][0]["value"] == "BC 1234 AK"


def test_an_observation_filed_through_the_api(login_as: Callable[[User], Client], field_officer: User,
                                              medyka: Place) -> None:
    client = login_as(field_officer)
    created = client.post("/api/v1/intake/observations", {
        "place_id": medyka.pk, "observed_at": "2026-11-28T10:00:00+01:00", "offer_types": ["work"],
        "risk_level": "high"}, content_type="application/json")

    assert created.status_code == 201, created.content
    assert client.get("/api/v1/intake/observations").json()["items"][0]["code"] == created.json()["code"]


def test_another_organisation_gets_404_for_our_records(login_as: Callable[[User], Client], operator: User,
                                                       field_officer: User, log_call: Callable[..., object],
                                                       log_observation: Callable[..., object],
                                                       make_user: Callable[..., User],
                                                       border_guard: Organisation) -> None:
    call, obs = log_call(operator), log_observation(field_officer)
    client = login_as(make_user(Role.ANALYST, border_guard))

    assert client.get("/api/v1/intake/calls").json()["count"] == 0
    assert client.get("/api/v1/intake/observations").json()["count"] == 0
    assert client.get(f"/api/v1/intake/calls/{call.pk}").status_code == 404  # type: ignore[attr-defined]
    assert client.get(f"/api/v1/intake/observations/{obs.pk}").status_code == 404  # type: ignore[attr-defined]
    assert client.get(f"/intake/calls/{call.pk}/").status_code == 404  # type: ignore[attr-defined]
    assert client.get(f"/intake/observations/{obs.pk}/").status_code == 404  # type: ignore[attr-defined]


def test_places_are_listed_for_the_app(login_as: Callable[[User], Client], field_officer: User,
                                       medyka: Place) -> None:
    body = login_as(field_officer).get("/api/v1/intake/places", {"type": "bcp"}).json()
    assert body["count"] == 1 and body["items"][0]["name"] == "Medyka"


def test_a_learner_cannot_read_intake(login_as: Callable[[User], Client], make_user: Callable[..., User]) -> None:
    assert login_as(make_user(Role.LEARNER)).get("/api/v1/intake/calls").status_code == 403
