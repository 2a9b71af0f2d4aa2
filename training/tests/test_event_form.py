"""The event form offers the bank's questions as one labelled group, each question in full."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from training.models import Question

pytestmark = pytest.mark.django_db

LONG = "Which of these should you do when you suspect forced labour? Choose all that apply."


def test_a_trainer_chooses_test_questions_from_a_group_that_shows_each_question_whole(
    trainer: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(trainer)
    client.post(reverse("training:question_bank"),
                {"kind": "multiple", "text": LONG, "choices": "*Interview the worker alone\nAsk the employer",
                 "language": "en", "topic": "forced labour"})
    question = Question.objects.get(course__isnull=True)
    html = client.get(reverse("training:event_create")).content.decode()
    assert '<legend class="field__label">Pre/post test questions' in html
    assert f'<label class="checkbox" for="id_test_questions_0"><input type="checkbox" name="test_questions" ' \
           f'value="{question.pk}"' in html
    assert f"{LONG}</label>" in html


def test_a_study_visit_cannot_count_toward_one_day_trainings(trainer, make_event) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make_event(days=5, type="study_visit", activity="one_day_training", country="Norway")
    assert "activity" in refused.value.message_dict
    visit = make_event(days=5, type="study_visit", activity="study_visit", country="Norway")
    assert visit.activity == "study_visit"
    assert make_event(type="one_day_training", activity="none").activity == "none"
