"""A package of several SCOs: SCOs counted as distinct resources, what CTIMS does not apply is said on upload,
each SCO keeps its own cmi data, and the course's status rolls up by SCORM 2004's default rules."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from training import scorm, services
from training.models import Enrolment

from .scorm_packages import zip_of

MANIFEST = """<?xml version="1.0"?>
<manifest identifier="two" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Two parts</title>
    <item identifier="part1" identifierref="r1"><title>Part one</title></item>
    <item identifier="part2" identifierref="r2"><title>Part two</title></item>
    <item identifier="part1-again" identifierref="r1"><title>Part one, once more</title></item>
    <imsss:sequencing><imsss:controlMode choice="true" flow="true"/>{extra}</imsss:sequencing>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="two.html"><file href="two.html"/></resource>
  </resources>
</manifest>"""

SCO = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head><body><h1>{name}</h1>
<button id="done" onclick="done()">Done</button><script>
var api = window.API_1484_11;
api.Initialize("");
function done() {{
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.score.scaled", "{score}");
  api.Terminate("");
}}
</script></body></html>"""


def package(extra: str = "") -> bytes:
    return zip_of(
        {
            "imsmanifest.xml": MANIFEST.format(extra=extra),
            "one.html": SCO.format(name="Part one", score="0.8"),
            "two.html": SCO.format(name="Part two", score="0.6"),
        }
    )


def test_scos_are_counted_as_resources_and_unsupported_sequencing_is_named() -> None:
    info = scorm.inspect_package(package())
    assert info.sco_count == 2  # three items, two SCO resources
    assert [s["identifier"] for s in info.scos] == ["part1", "part2", "part1-again"]
    assert info.scos[1] == {"identifier": "part2", "title": "Part two", "href": "two.html"}
    assert info.warnings == []
    ruled = scorm.inspect_package(package("<imsss:rollupRules><imsss:rollupRule/></imsss:rollupRules>"))
    assert any("rollup rules other than the default" in w for w in ruled.warnings)


def test_default_rollup() -> None:
    def st(c: str, s: str, score: str | None) -> scorm.RuntimeState:
        return scorm.RuntimeState(c, s, Decimal(score) if score else None, "", "")

    r = scorm.rollup([st("completed", "passed", "80"), st("completed", "passed", "60")])
    assert (r.completion_status, r.success_status, r.score_percent) == ("completed", "passed", Decimal("70.0"))
    r = scorm.rollup([st("completed", "passed", "80"), st("unknown", "unknown", None)])
    assert (r.completion_status, r.success_status, r.score_percent) == ("incomplete", "unknown", Decimal("40.0"))
    r = scorm.rollup([st("completed", "failed", "20"), st("completed", "passed", "90")])
    assert (r.completion_status, r.success_status) == ("completed", "failed")


@pytest.mark.django_db
def test_each_sco_keeps_its_data_and_the_course_completes_when_all_do(
    make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client]
) -> None:
    trainer = make_user(Role.TRAINER, iom)
    course, _w = services.upload_scorm_package(
        trainer, family="two", language="en", title="", summary="", data=package(), pass_mark=40
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, iom)
    client = login_as(learner)

    def play(sco: str) -> dict[str, str]:
        page = client.get(reverse("training:scorm_player", args=[course.pk]), {"sco": sco}).content.decode()
        assert "Part one" in page and "Part two" in page  # the table of contents
        m = re.search(r'<script id="scorm-config" type="application/json">(.*?)</script>', page, re.S)
        assert m is not None
        return dict(json.loads(m.group(1)))

    first = play("part1")
    assert first["launchUrl"].endswith("/one.html") and first["nextUrl"].endswith("?sco=part2")
    client.post(
        first["commitUrl"],
        json.dumps({"cmi.completion_status": "completed", "cmi.score.scaled": "0.8", "cmi.suspend_data": "p1"}),
        content_type="text/plain",
    )
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.status == "in_progress"  # one of the parts is not done
    second = play("part2")
    assert second["initial"].get("cmi.suspend_data") is None  # part two has data of its own
    client.post(
        second["commitUrl"],
        json.dumps({"cmi.completion_status": "completed", "cmi.score.scaled": "0.6"}),
        content_type="text/plain",
    )
    third = play("part1-again")
    client.post(third["commitUrl"], json.dumps({"cmi.completion_status": "completed"}), content_type="text/plain")
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert enrolment.scorm.sco_cmi["part1"]["cmi.suspend_data"] == "p1"
    assert play("part1")["initial"]["cmi.suspend_data"] == "p1"
