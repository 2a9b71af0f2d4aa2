"""SCORM 1.2 and 2004: every cmi value the package sets is stored, and completion, success and
score are read the way each standard defines them; a suspended attempt resumes."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from training import package_files, scorm, services
from training.models import Certificate, Course, Enrolment

from .scorm_packages import scorm12, scorm2004

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEARNER, first_name="Michał", last_name="Pawlak")


def _course(trainer: User, data: bytes, family: str) -> Course:
    course, _warnings = services.upload_scorm_package(
        trainer, family=family, language="en", title="", summary="", data=data, pass_mark=80
    )
    services.set_course_published(trainer, course, True)
    return course


def _player_commit_url(client: Client, course: Course) -> str:
    page = client.get(reverse("training:scorm_player", args=[course.pk]))
    config = json.loads(
        page.content.decode().split('id="scorm-config" type="application/json">')[1].split("</script>")[0]
    )
    return config["commitUrl"]


def test_a_scorm_12_attempt_is_stored_suspended_resumed_and_completed(
    trainer: User, learner: User, login_as: Callable[[User], Client]
) -> None:
    course = _course(trainer, scorm12(), "tiny-12")
    assert course.title == "Tiny 1.2" and course.scorm_package.version == "1.2"
    client = login_as(learner)
    commit = _player_commit_url(client, course)

    first = client.post(
        commit,
        json.dumps(
            {
                "cmi.core.lesson_status": "incomplete",
                "cmi.core.lesson_location": "page-3",
                "cmi.core.exit": "suspend",
                "cmi.suspend_data": "answers=1,0,1",
                "cmi.interactions.0.id": "q1",
                "cmi.interactions.0.result": "correct",
            }
        ),
        content_type="text/plain;charset=UTF-8",
    )
    assert first.json() == {"result": True, "errorCode": 0}
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.scorm.cmi["cmi.interactions.0.result"] == "correct"
    assert enrolment.scorm.completion_status == "incomplete" and enrolment.status == "in_progress"

    resumed = client.get(reverse("training:scorm_player", args=[course.pk])).content.decode()
    assert '"cmi.core.entry": "resume"' in resumed and '"cmi.suspend_data": "answers=1,0,1"' in resumed
    assert '"cmi.core.lesson_location": "page-3"' in resumed

    client.post(
        commit,
        json.dumps(
            {
                "cmi.core.lesson_status": "passed",
                "cmi.core.score.raw": "45",
                "cmi.core.score.min": "0",
                "cmi.core.score.max": "50",
            }
        ),
        content_type="application/json",
    )
    enrolment.refresh_from_db()
    assert enrolment.status == "completed" and enrolment.passed is True
    assert enrolment.score == 90  # 45 of 50
    assert Certificate.objects.filter(enrolment=enrolment).exists()
    assert enrolment.scorm.cmi["cmi.suspend_data"] == "answers=1,0,1"  # earlier values kept


def test_scorm_12_failed_means_completed_but_not_passed() -> None:
    state = scorm.interpret("1.2", {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "40"})
    assert (state.completion_status, state.success_status, state.score_percent) == ("completed", "failed", 40)
    browsed = scorm.interpret("1.2", {"cmi.core.lesson_status": "browsed"})
    assert (browsed.completion_status, browsed.success_status) == ("incomplete", "unknown")


def test_a_scorm_2004_attempt_reads_completion_and_success_separately_through_the_api(
    trainer: User, learner: User, login_as: Callable[[User], Client]
) -> None:
    course = _course(trainer, scorm2004(), "tiny-2004")
    assert course.scorm_package.version == "2004"
    client = login_as(learner)
    enrolment = client.post(f"/api/v1/training/courses/{course.pk}/enrol").json()
    url = f"/api/v1/training/enrolments/{enrolment['id']}/scorm"

    failed = client.post(
        url,
        {
            "cmi": {
                "completion_status": "completed",
                "success_status": "failed",
                "score": {"scaled": "0.4"},
                "location": "slide-9",
            }
        },
        content_type="application/json",
    ).json()
    assert failed == {
        "completion_status": "completed",
        "success_status": "failed",
        "score_percent": "40.0",
        "location": "slide-9",
        "enrolment_status": "in_progress",
    }

    passed = client.post(
        url, {"cmi.success_status": "passed", "cmi.score.scaled": "0.85"}, content_type="application/json"
    ).json()
    assert passed["enrolment_status"] == "completed" and passed["score_percent"] == "85.0"
    stored = client.get(url).json()["cmi"]
    assert stored["cmi.location"] == "slide-9" and stored["cmi.completion_status"] == "completed"


def test_someone_elses_attempt_cannot_be_written(
    trainer: User, learner: User, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    course = _course(trainer, scorm2004(), "tiny-2004")
    enrolment = services.enrol(learner, course)
    other = login_as(make_user(Role.LEARNER))
    response = other.post(
        f"/api/v1/training/enrolments/{enrolment.pk}/scorm",
        {"cmi.completion_status": "completed"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not hasattr(Enrolment.objects.get(pk=enrolment.pk), "scorm")


def test_package_files_are_served_only_to_enrolled_learners(
    trainer: User, learner: User, make_user: Callable[..., User]
) -> None:
    """The URL carries the right to the files (a sandboxed package sends no session): a token made
    for one learner and one package, honoured only while she is enrolled."""
    course = _course(trainer, scorm12(), "tiny-12")
    package = course.scorm_package
    token = package_files.files_token(package, learner, "http://testserver")
    url = reverse("training:scorm_file", args=[package.pk, token, "sco1/index.html"])
    assert Client().get(url).status_code == 404
    services.enrol(learner, course)
    response = Client().get(url)
    assert response.status_code == 200 and b"Tiny SCORM 1.2 lesson" in response.content
    def status(package_id: int, token: str, path: str = "sco1/index.html") -> int:
        return Client().get(reverse("training:scorm_file", args=[package_id, token, path])).status_code

    assert status(package.pk, token, "../../../etc/passwd") == 404
    assert status(package.pk, token[:-2] + "xx") == 404
    other = _course(trainer, scorm12(), "tiny-12-other")
    services.enrol(learner, other)
    assert status(other.scorm_package.pk, token) == 404
    User.objects.filter(pk=learner.pk).update(is_active=False)
    assert Client().get(url).status_code == 404
