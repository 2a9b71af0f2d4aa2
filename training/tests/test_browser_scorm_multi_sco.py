"""A two-SCO SCORM 2004 package plays both SCOs in order and rolls up completion to the course."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import services
from training.models import Enrolment

from .scorm_packages import zip_of
from .test_scorm_multi_sco import SCO

pytestmark = pytest.mark.browser

TWO = """<?xml version="1.0"?>
<manifest identifier="two" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Two parts</title>
    <item identifier="part1" identifierref="r1"><title>Part one</title></item>
    <item identifier="part2" identifierref="r2"><title>Part two</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="two.html"><file href="two.html"/></resource>
  </resources>
</manifest>"""


def test_a_two_sco_package_plays_both_in_order_and_rolls_up_completion(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    data = zip_of(
        {
            "imsmanifest.xml": TWO,
            "one.html": SCO.format(name="Part one", score="0.8"),
            "two.html": SCO.format(name="Part two", score="0.6"),
        }
    )
    course, _w = services.upload_scorm_package(trainer, family="two", language="en", title="", summary="", data=data)
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    frame = page.frame_locator("#sco")
    assert frame.locator("h1").inner_text() == "Part one"
    assert page.locator(".scorm-toc li").count() == 2
    frame.locator("#done").click()
    page.wait_for_url("**/play/?sco=part2")
    assert frame.locator("h1").inner_text() == "Part two"
    frame.locator("#done").click()
    page.wait_for_url(f"**/training/courses/{course.pk}/")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    for _ in range(100):  # the last SCO's terminate commit is a beacon: wait for it, not for a time
        if enrolment.status == "completed":
            break
        page.wait_for_timeout(100)
        enrolment.refresh_from_db()
    assert enrolment.status == "completed" and enrolment.passed is True
    assert enrolment.score == 70  # the average of 80 and 60
    assert set(enrolment.scorm.sco_cmi) == {"part1", "part2"}
