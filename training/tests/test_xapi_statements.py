"""A learning record store takes completions, passes, scores and attendance as xAPI statements, page by page;
only trainers, M&E officers and administrators of the organisation read them, and actors carry no names."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from training import course_content, services
from training.models import TrainingEvent

pytestmark = pytest.mark.django_db


def test_statements_for_attendance_completion_pass_and_score(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    iom: Organisation,
    login_as: Callable[[User], Client],
    settings: object,
) -> None:
    settings.CTIMS_PUBLIC_BASE_URL = "https://ctims.example.org"  # type: ignore[attr-defined]
    event = make_event()
    p = services.add_participant(
        trainer, event, full_name="Anna Nowak", organisation_name="SG", email="Anna@SG.invalid"
    )
    services.mark_attendance(trainer, p, event.start_date, True)
    course = course_content.create_course("en", iom)
    learner = make_user(Role.LEARNER, iom)
    enrolment = services.enrol(learner, course)
    for lesson in course.lessons():
        services.complete_lesson(learner, enrolment, lesson)
    right = {q.pk: {c.pk for c in q.choices.all() if c.is_correct} for q in course.questions.all()}
    services.submit_quiz(learner, enrolment, right)

    answer = login_as(trainer).get("/api/v1/training/xapi/statements?limit=2")
    assert answer.status_code == 200
    body = answer.json()
    assert len(body["statements"]) == 2 and body["more"].endswith("limit=2&offset=2")
    everything = login_as(trainer).get("/api/v1/training/xapi/statements?limit=50").json()["statements"]
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[1] for s in everything)
    assert verbs == ["attended", "completed", "completed", "passed", "scored"]
    attended = next(s for s in everything if s["verb"]["id"].endswith("attended"))
    digest = hashlib.sha1(b"mailto:anna@sg.invalid").hexdigest()  # noqa: S324
    assert attended["actor"] == {"objectType": "Agent", "mbox_sha1sum": digest}
    assert attended["object"]["id"] == f"https://ctims.example.org/xapi/activities/event/{event.code}/2026-10-05"
    passed = next(s for s in everything if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed")
    assert passed["actor"]["account"] == {"homePage": "https://ctims.example.org/", "name": f"user-{learner.pk}"}
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1.0
    assert "Anna" not in answer.content.decode() and "Nowak" not in str(everything)

    assert login_as(learner).get("/api/v1/training/xapi/statements").status_code == 403
