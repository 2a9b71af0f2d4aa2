"""A learner opens a SCORM 1.2 course: the package plays in the browser through the runtime, and
its completion and score reach the server."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import course_content, export, services
from training.models import Enrolment

from .scorm_packages import MANIFEST_2004, SCO_12_PAGE, scorm12, zip_of

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


NESTED_LAUNCH = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Course</title></head><body>
<iframe id="content" src="content/lesson.html" title="Lesson"></iframe></body></html>"""


def test_a_package_whose_lesson_sits_in_a_frame_of_its_own_still_reports(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    """Some authoring tools (Articulate Rise, for one) put the lesson in an iframe of the launch page."""
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    package = scorm12(page=NESTED_LAUNCH, files={"sco1/content/lesson.html": SCO_12_PAGE})
    course, _warnings = services.upload_scorm_package(
        trainer, family="nested", language="en", title="", summary="", data=package
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    lesson = page.frame_locator("#sco").frame_locator("#content")
    lesson.locator("#finish").click()
    page.wait_for_url(f"**/training/courses/{course.pk}/")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == "completed" and enrolment.score == 90


def test_the_demo_scorm_course_starts_and_resumes_where_the_learner_left(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    """The demo's SCORM course is CTIMS's own SCORM 1.2 export of the forced-labour course."""
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    native = course_content.create_course("en", iom)
    course, _warnings = services.upload_scorm_package(
        trainer, family="demo-scorm", language="en", title="", summary="", data=export.scorm12_package(native)
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    package = page.frame_locator("#sco")
    package.locator('section[data-page="0"] button[data-show="1"]').click()
    second = package.locator('section[data-page="1"] h1')
    second.wait_for()
    title = second.inner_text()
    for _ in range(100):  # the location is committed at each page turn
        runtime = getattr(Enrolment.objects.get(user=learner, course=course), "scorm", None)
        if runtime is not None and runtime.cmi.get("cmi.core.lesson_location") == "1":
            break
        page.wait_for_timeout(100)
    assert runtime is not None and runtime.cmi["cmi.core.lesson_status"] == "incomplete"

    page.goto(live_server.url + f"/training/courses/{course.pk}/")
    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    resumed = page.frame_locator("#sco").locator('section[data-page="1"] h1')
    resumed.wait_for()
    assert resumed.inner_text() == title


def test_a_package_served_from_a_content_origin_of_its_own_plays_and_reports(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    """CTIMS_SCORM_CONTENT_ORIGIN: here the same server under another host name (127.0.0.1, not localhost)."""
    settings.CTIMS_DEMO_MODE = True
    settings.CTIMS_SCORM_CONTENT_ORIGIN = live_server.url.replace("localhost", "127.0.0.1")
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
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

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    assert page.locator("#sco").get_attribute("src").startswith(settings.CTIMS_SCORM_CONTENT_ORIGIN)
    page.frame_locator("#sco").locator("#finish").click()
    page.wait_for_url(f"**/training/courses/{course.pk}/")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == "completed" and enrolment.score == 90


SCO_2004_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>SCO</title></head><body>
<h1>Tiny SCORM 2004 lesson</h1><p id="entry"></p>
<button id="finish" onclick="finish()">I have read it</button>
<script>
function findAPI(win) {
  for (var i = 0; win && i < 10; i++) {
    if (win.API_1484_11) { return win.API_1484_11; }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var api = findAPI(window);
api.Initialize("");
document.getElementById("entry").textContent = api.GetValue("cmi.entry") + " " + api.GetValue("cmi.learner_name");
function finish() {
  api.SetValue("cmi.score.scaled", "0.85");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.completion_status", "completed");
  api.Commit("");
  api.Terminate("");
}
</script></body></html>"""


def test_a_scorm_2004_package_plays_and_reports_through_the_bridge(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    course, _warnings = services.upload_scorm_package(
        trainer, family="tiny-2004", language="en", title="", summary="",
        data=zip_of({"imsmanifest.xml": MANIFEST_2004, "index.html": SCO_2004_PAGE}),
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena", last_name="Kovalenko")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    package = page.frame_locator("#sco")
    assert package.locator("#entry").inner_text() == "ab-initio Olena Kovalenko"
    package.locator("#finish").click()
    page.wait_for_url(f"**/training/courses/{course.pk}/")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == "completed" and enrolment.score == 85
    assert enrolment.scorm.cmi["cmi.success_status"] == "passed"
