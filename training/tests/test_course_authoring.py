"""A trainer writes a short native course in the browser: lessons, an image, quiz questions."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import User
from training.models import Course

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_trainer_builds_a_course_and_a_learner_sees_the_lesson_safely(
    trainer: User, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    client = login_as(trainer)
    response = client.post(
        reverse("training:course_create"),
        {"family": "referral-basics", "language": "en", "title": "Referral basics", "pass_mark": 50},
        follow=True,
    )
    assert "Course created" in response.content.decode()
    course = Course.objects.get(family="referral-basics")
    edit = reverse("training:course_edit", args=[course.pk])

    page = client.post(
        edit,
        {"image-alt": "Referral map", "image-image": SimpleUploadedFile("map.png", _png(), content_type="image/png")},
        follow=True,
    ).content.decode()
    image = course.images.get()
    assert f"image:{image.pk}" in page
    client.post(
        edit,
        {
            "lesson-module_title": "Basics",
            "lesson-title": "Who to call",
            "lesson-body": f"## Call KCIK\n\n<script>alert(1)</script> **now**\n\n![Map](image:{image.pk})",
            "lesson-video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
    )
    bad = client.post(
        edit, {"question-kind": "single", "question-text": "Which number?", "question-choices": "112\n997"}
    ).content.decode()
    assert "Mark at least one answer as correct with *." in bad
    client.post(edit, {"question-kind": "single", "question-text": "Which number?", "question-choices": "*112\n997"})
    assert course.questions.get().choices.filter(is_correct=True).get().text == "112"
    client.post(reverse("training:course_publish", args=[course.pk]))

    learner = make_user("learner")
    learner_client = login_as(learner)
    learner_client.post(reverse("training:course_detail", args=[course.pk]))
    lesson = course.lessons()[0]
    html = learner_client.get(reverse("training:lesson", args=[course.pk, lesson.pk])).content.decode()
    assert "<h2>Call KCIK</h2>" in html and "<strong>now</strong>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert f'src="/training/courses/{course.pk}/images/{image.pk}/"' in html
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert learner_client.get(f"/training/courses/{course.pk}/images/{image.pk}/")["Content-Type"] == "image/png"
