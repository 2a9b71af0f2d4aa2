"""A Border Guard officer takes the forced-labour course on a phone, in Polish: reads every lesson,
passes the quiz and downloads the certificate."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import course_content
from training.models import Enrolment

pytestmark = pytest.mark.browser


def test_a_learner_takes_the_course_on_a_phone_passes_the_quiz_and_gets_a_certificate(
    live_server: Any, phone_page: Any, make_user: Any, iom: Organisation, screenshot: Any, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    course_content.create_course("en", iom)
    polish = course_content.create_course("pl", iom)
    learner = make_user(Role.LEARNER, username="michal", is_demo=True, first_name="Michał", last_name="Pawlak")
    page = phone_page
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "michal")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + "/training/courses/")
    page.click("a[lang=pl]")  # picks the Polish version of the course
    assert page.locator("h1").inner_text() == "Praca przymusowa: jak rozpoznać wskaźniki"
    page.click("main form button[type=submit]")  # start
    lessons = len(polish.lessons())
    for n in range(lessons):
        page.wait_for_selector("article.lesson h1")
        if n == 2:
            screenshot(page, "training-lesson-phone")
        page.click(".lesson-nav button[type=submit]")
    page.wait_for_url(f"**/training/courses/{polish.pk}/quiz/")
    for question in polish.questions.prefetch_related("choices"):
        for choice in question.choices.all():
            if choice.is_correct:
                page.check(f"input[name=q{question.pk}][value='{choice.pk}']")
    screenshot(page, "training-quiz-phone")
    page.click("main form button[type=submit]")
    page.wait_for_selector("a[href$='certificate.pdf']")
    assert "10" in page.locator(".quiz-result").inner_text()
    with page.expect_download() as download:
        page.click("a[href$='certificate.pdf']")
    with open(download.value.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.status == "completed" and enrolment.course == polish and enrolment.score == 100
