"""A package that saves only as its page unloads keeps its score when the learner leaves the player."""

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

SAVES_AT_EXIT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>SCO</title></head><body>
<h1>Saves only at exit</h1>
<script>
var api = window.API || window.parent.API;
api.LMSInitialize("");
window.addEventListener("unload", function () {
  api.LMSSetValue("cmi.core.score.raw", "77");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSSetValue("cmi.core.session_time", "00:03:20");
  api.LMSFinish("");
});
</script></body></html>"""


def test_a_package_whose_only_commit_is_at_unload_keeps_its_score(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    course, _warnings = services.upload_scorm_package(
        trainer, family="exit", language="en", title="", summary="", data=scorm12(page=SAVES_AT_EXIT)
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    page.frame_locator("#sco").locator("h1").wait_for()
    page.goto(live_server.url + "/training/my/")  # the learner leaves: the whole player page goes away
    page.wait_for_selector("main h1")
    for _ in range(100):  # the beacon is on its way: wait for it, not for a time
        enrolment = Enrolment.objects.get(user=learner, course=course)
        if enrolment.score is not None:
            break
        page.wait_for_timeout(100)
    assert enrolment.score == 77 and enrolment.status == "completed"
    assert enrolment.scorm.cmi["cmi.core.total_time"] == "0000:03:20.00"
