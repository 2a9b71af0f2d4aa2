"""An event's page costs the same number of queries for 3 participants as for 30, and a SCORM commit the same
for one interaction as for twenty (bench/cpu_per_request.py measures what each costs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from training import services
from training.models import Enrolment, TrainingEvent

from .scorm_packages import scorm12

EVENT_QUERIES = 20
COMMIT_QUERIES = 16


def _invite(trainer: User, event: TrainingEvent, first: int, last: int) -> None:
    for i in range(first, last):
        services.add_participant(trainer, event, full_name=f"Participant {i}", organisation_name="Border Guard",
                                 email=f"p{i}@example.org", position="Officer")


def test_event_page_queries_do_not_grow_with_participants(trainer: User, make_event: Callable[..., TrainingEvent],
                                                          login_as: Callable[[User], Client],
                                                          django_assert_max_num_queries: Any) -> None:
    event = make_event(days=2)
    _invite(trainer, event, 0, 3)
    client = login_as(trainer)
    client.get(f"/training/events/{event.pk}/")  # the first request after sign-in also records the session
    cache.clear()
    with django_assert_max_num_queries(EVENT_QUERIES) as few:
        assert client.get(f"/training/events/{event.pk}/").status_code == 200
    _invite(trainer, event, 3, 30)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/training/events/{event.pk}/").content.decode()
    assert "Participant 29" in page and "Participant 0" in page


def _commit(interactions: int) -> dict[str, str]:
    data = {"cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "slide-3",
            "cmi.core.session_time": "00:03:00", "cmi.suspend_data": "x" * 2000}
    for i in range(interactions):
        data[f"cmi.interactions.{i}.id"] = f"q{i}"
        data[f"cmi.interactions.{i}.result"] = "correct"
    return data


def test_a_scorm_commit_costs_the_same_queries_with_one_interaction_or_twenty(
        trainer: User, make_user: Callable[..., User], login_as: Callable[[User], Client],
        django_assert_max_num_queries: Any) -> None:
    course, _w = services.upload_scorm_package(trainer, family="q", language="en", title="", summary="",
                                               data=scorm12())
    services.set_course_published(trainer, course, True)
    client = login_as(make_user(Role.LEARNER))
    enrolment = client.post(f"/api/v1/training/courses/{course.pk}/enrol").json()
    url = f"/api/v1/training/enrolments/{enrolment['id']}/scorm"
    client.post(url, json.dumps(_commit(0)), content_type="application/json")  # the first commit creates the runtime
    with django_assert_max_num_queries(COMMIT_QUERIES) as few:
        assert client.post(url, json.dumps(_commit(1)), content_type="application/json").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.post(url, json.dumps(_commit(20)), content_type="application/json").status_code == 200
    assert Enrolment.objects.get(pk=enrolment["id"]).scorm.cmi["cmi.interactions.19.result"] == "correct"
