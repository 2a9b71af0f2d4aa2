"""A learner opens a SCORM 1.2 course: the package plays in the browser through the runtime, and
its completion and score reach the server."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import services
from training.models import Enrolment

from .scorm_packages import scorm12

pytestmark = pytest.mark.browser


def test_a_scorm_package_plays_and_reports_completion(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, screenshot: Any, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    course, _warnings = services.upload_scorm_package(
        trainer, family="outsourced", language="en", title="", summary="", data=scorm12()
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/")
    page.click("main form button[type=submit]")
    frame = page.frame_locator("#sco")
    frame.locator("h1").wait_for()
    assert frame.locator("h1").inner_text() == "Tiny SCORM 1.2 lesson"
    screenshot(page, "training-scorm-player")
    frame.locator("#finish").click()
    page.wait_for_url(f"**/training/courses/{course.pk}/")
    assert "You completed this course." in page.locator("main").inner_text()

    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == "completed" and enrolment.score == 90
    assert enrolment.scorm.cmi["cmi.suspend_data"] == "seen=all"
    assert enrolment.scorm.cmi["cmi.core.lesson_status"] == "passed"
