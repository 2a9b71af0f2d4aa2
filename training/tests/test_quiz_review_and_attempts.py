"""An honest quiz: questions drawn from the pool for each attempt, a review of what was right and wrong with
the lesson to reread, a limited number of attempts spaced in time, and the certificate only after passing."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from training import course_content, services
from training.models import Certificate, Course, QuizAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(iom: Organisation) -> Course:
    course: Course = course_content.create_course("en", iom)
    course.quiz_max_attempts = 2
    course.quiz_pool_size = 4
    course.save()
    first = course.questions.order_by("order").first()
    assert first is not None
    first.lesson = course.lessons()[0]
    first.save()
    return course


def _drawn(page: str) -> list[int]:
    return [int(n) for n in dict.fromkeys(re.findall(r'name="q(\d+)"', page))]


def _answer(client: Client, course: Course, page: str, right: bool) -> str:
    from training.models import Question

    draw = re.search(r'name="draw" value="([^"]+)"', page)
    assert draw is not None
    data: dict[str, object] = {"draw": draw.group(1)}
    for qid in _drawn(page):
        q = Question.objects.get(pk=qid)
        wanted = [c.pk for c in q.choices.all() if c.is_correct == right] or [q.choices.first().pk]  # type: ignore[union-attr]
        data[f"q{qid}"] = wanted[:1] if q.kind != "multiple" else wanted
    return client.post(reverse("training:quiz", args=[course.pk]), data).content.decode()


def test_a_quiz_shows_its_review_and_refuses_a_third_attempt_when_two_are_allowed(
    course: Course, make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client]
) -> None:
    learner = make_user(Role.LEARNER, iom)
    services.enrol(learner, course)
    client = login_as(learner)
    page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
    assert len(_drawn(page)) == 4  # four drawn from the ten in the pool
    assert "You have 2 attempts left." in page

    for _ in range(2):
        page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
        reviewed = _answer(client, course, page, right=False)
        assert "Your answers" in reviewed
        assert reviewed.count("quiz-review__question--wrong") == 4
        assert "Your answer:" in reviewed and "— wrong" in reviewed
    page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
    assert "You have used every attempt this quiz allows." in page
    assert 'name="draw"' not in page
    with pytest.raises(Exception, match="every attempt"):
        services.submit_quiz(learner, learner.enrolments.get(), {}, None)
    assert QuizAttempt.objects.filter(enrolment__user=learner).count() == 2
    assert not Certificate.objects.filter(enrolment__user=learner).exists()  # never passed: no certificate


def test_the_review_names_the_lesson_to_reread_and_attempts_are_spaced(
    course: Course, make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client]
) -> None:
    course.quiz_pool_size = 0  # every question, so the one with a lesson is asked
    course.quiz_wait_hours = 24
    course.save()
    learner = make_user(Role.LEARNER, iom)
    services.enrol(learner, course)
    client = login_as(learner)
    page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
    reviewed = _answer(client, course, page, right=False)
    lesson = course.lessons()[0]
    assert f'Reread: <a href="/training/courses/{course.pk}/lessons/{lesson.pk}/">{lesson.title}</a>' in reviewed
    page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
    assert "You can try again from" in page and 'name="draw"' not in page

    QuizAttempt.objects.update(submitted_at=timezone.now() - datetime.timedelta(hours=25))
    page = client.get(reverse("training:quiz", args=[course.pk])).content.decode()
    passed = _answer(client, course, page, right=True)
    assert "You passed." in passed and "quiz-review__question--wrong" not in passed
