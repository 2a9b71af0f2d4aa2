"""A trainer builds the test from the question bank; a participant with an account takes the pre-
and post-test online, and the scores feed the knowledge-gain report."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from training import services
from training.models import Question, TrainingEvent

pytestmark = pytest.mark.django_db


def test_a_participant_takes_the_pre_and_post_test_from_the_bank(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    login_as: Callable[[User], Client],
) -> None:
    client = login_as(trainer)
    for text, choices in (
        ("Is debt bondage an ILO indicator?", "*Yes\nNo"),
        ("Which centre helps victims?", "*KCIK\nZUS\nGUS"),
    ):
        client.post(
            reverse("training:question_bank"),
            {"kind": "single", "text": text, "choices": choices, "language": "en", "topic": "forced labour"},
        )
    bank = list(Question.objects.filter(course__isnull=True))
    assert len(bank) == 2
    event = make_event(start_date=timezone.localdate())
    services.update_event(
        trainer,
        event,
        {"title": event.title, "start_date": event.start_date, "end_date": event.end_date, "type": event.type},
        bank,
    )
    officer = make_user(Role.LEARNER, first_name="Paweł", last_name="Szymański")
    participant = services.add_participant(trainer, event, staff_user=officer)

    officer_client = login_as(officer)
    assert "Take the pre-test" in officer_client.get(reverse("training:my_learning")).content.decode()
    url = reverse("training:my_test", args=[participant.pk, "pre"])
    wrong = {f"q{q.pk}": str(q.choices.get(is_correct=False, order=1).pk) for q in bank}
    officer_client.post(url, wrong)
    page = officer_client.get(reverse("training:my_learning")).content.decode()
    assert "Pre-test: 0 of 2" in page and "Take the pre-test" not in page and "Take the post-test" in page
    right = {f"q{q.pk}": str(q.choices.get(is_correct=True).pk) for q in bank}
    officer_client.post(url, right)  # a second go at the pre-test is refused
    officer_client.post(reverse("training:my_test", args=[participant.pk, "post"]), right)
    page = officer_client.get(reverse("training:my_learning")).content.decode()
    assert "Post-test: 2 of 2" in page and "Take the" not in page

    results = {r.kind: (r.score, r.max_score) for r in participant.test_results.all()}
    assert results == {"pre": (0, 2), "post": (2, 2)}
    report = login_as(trainer).get(reverse("training:event_results", args=[event.pk])).content.decode()
    assert "100%" in report  # normalised gain (2 - 0) / (2 - 0)


def test_someone_else_cannot_take_a_participants_test(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    login_as: Callable[[User], Client],
) -> None:
    event = make_event()
    participant = services.add_participant(trainer, event, staff_user=make_user(Role.LEARNER))
    stranger = login_as(make_user(Role.LEARNER))
    assert stranger.get(reverse("training:my_test", args=[participant.pk, "pre"])).status_code == 404



def test_each_test_is_open_once_the_pre_test_until_the_event_ends_and_the_post_test_from_its_start(
    trainer: User, make_event: Callable[..., TrainingEvent], make_user: Callable[..., User],
) -> None:
    event = make_event(days=2, start_date=datetime.date(2026, 10, 5))
    participant = services.add_participant(trainer, event, staff_user=make_user(Role.LEARNER))
    day = datetime.timedelta(days=1)
    assert services.online_tests_open(participant, today=event.start_date - day) == {"pre"}
    assert services.online_tests_open(participant, today=event.start_date) == {"pre", "post"}
    assert services.online_tests_open(participant, today=event.end_date + day) == {"post"}, "a finished event"
    services.record_test_result(trainer, participant, "post", 1, 2)  # entered from paper by the trainer
    assert services.online_tests_open(participant, today=event.start_date) == set(), "no pre-test after the post"
