"""The training API answers with the same scope as the pages: lists and details agree, and a
trainer of another organisation gets 404 for an event id they cannot list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from training import services
from training.models import TrainingEvent

pytestmark = pytest.mark.django_db


def test_a_trainer_lists_events_and_participants_and_marks_attendance(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event = make_event()
    p = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG", sex="female")
    client = login_as(trainer)
    events = client.get("/api/v1/training/events").json()
    assert events["count"] == 1 and events["items"][0]["id"] == event.pk
    marked = client.post(
        f"/api/v1/training/events/{event.pk}/attendance",
        {"participant_id": p.pk, "day": event.start_date.isoformat()},
        content_type="application/json",
    ).json()
    assert marked["status"] == "completed" and marked["days_present"] == [event.start_date.isoformat()]
    listed = client.get(f"/api/v1/training/events/{event.pk}/participants").json()
    assert listed["count"] == 1 and listed["items"][0]["full_name"] == "Anna Nowak"


def test_another_organisations_trainer_sees_neither_the_event_nor_its_participants(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    lastrada: Organisation,
    login_as: Callable[[User], Client],
) -> None:
    event = make_event()
    p = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG")
    other = login_as(make_user(Role.TRAINER, lastrada))
    assert other.get("/api/v1/training/events").json() == {"items": [], "count": 0}
    assert other.get(f"/api/v1/training/events/{event.pk}").status_code == 404
    assert other.get(f"/api/v1/training/participants/{p.pk}").status_code == 404
    response = other.post(
        f"/api/v1/training/events/{event.pk}/attendance",
        {"participant_id": p.pk, "day": event.start_date.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_learner_cannot_list_events(make_user: Callable[..., User], login_as: Callable[[User], Client]) -> None:
    response = login_as(make_user(Role.LEARNER)).get("/api/v1/training/events")
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"


def test_an_event_with_an_unknown_type_is_refused_with_the_field_named(
    trainer: User, login_as: Callable[[User], Client]
) -> None:
    response = login_as(trainer).post(
        "/api/v1/training/events",
        {
            "title": "Workshop",
            "type": "picnic",
            "activity": "specialist_workshop",
            "start_date": "2026-12-01",
            "end_date": "2026-12-02",
            "city": "Lublin",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("type: Choose one of: one_day_training")
    assert not TrainingEvent.objects.exists()
