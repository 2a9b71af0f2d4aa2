"""An observation without a place or a time is refused with a message naming the field; nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from accounts.models import User
from intake.models import FieldObservation, Place


def test_the_form_refuses_an_observation_without_place_or_time(login_as: Callable[[User], Client],
                                                               field_officer: User, medyka: Place) -> None:
    response = login_as(field_officer).post("/intake/observations/new/", {
        "place": "", "observed_at": "", "risk_level": "low", "description": "A van offering lifts",
        "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "0",
        "vehicle-INITIAL_FORMS": "0",
    })

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose the reception point or border crossing where you saw this." in page
    assert "Enter the date and time you saw this." in page
    assert FieldObservation.objects.count() == 0


def test_a_complete_observation_from_the_form_is_saved_with_people_and_vehicles(
        login_as: Callable[[User], Client], field_officer: User, medyka: Place) -> None:
    response = login_as(field_officer).post("/intake/observations/new/", {
        "place": medyka.pk, "observed_at": "2026-11-28T10:15", "risk_level": "high", "offer_types": ["transport"],
        "description": "Driver offering lifts to Berlin", "phones": "+48 601 234 567",
        "person-TOTAL_FORMS": "1", "person-INITIAL_FORMS": "0", "person-0-name": "Shevchenko",
        "person-0-sex": "male", "person-0-approximate_age": "45",
        "vehicle-TOTAL_FORMS": "1", "vehicle-INITIAL_FORMS": "0", "vehicle-0-plate": "BC 1234 AK",
        "vehicle-0-country": "UA",
    }, follow=True)

    page = response.content.decode()
    obs = FieldObservation.objects.get()
    assert obs.code in page and "Shevchenko" in page and "BC 1234 AK" in page
    assert {m.kind for m in obs.mentions.all()} == {"person", "phone", "vehicle"}


def test_the_api_refuses_an_observation_without_place_or_time(login_as: Callable[[User], Client],
                                                              field_officer: User) -> None:
    response = login_as(field_officer).post("/api/v1/intake/observations", {"offer_types": ["work"]},
                                            content_type="application/json")

    body = response.json()
    assert response.status_code == 422
    fields = {f["field"]: f["message"] for f in body["error"]["fields"]}
    assert "reception point or border crossing" in fields["place"]
    assert "date and time" in fields["observed_at"]
    assert FieldObservation.objects.count() == 0


def test_a_hotline_operator_cannot_file_observations(login_as: Callable[[User], Client], operator: User,
                                                     log_observation: Callable[..., Any]) -> None:
    assert login_as(operator).get("/intake/observations/new/").status_code == 403
