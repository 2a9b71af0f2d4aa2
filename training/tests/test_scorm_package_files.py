"""Every HTML document of a SCORM package starts with the runtime bridge (the learner's resume values,
scorm-again's CrossFrameAPI and CTIMS's frame script) before any script of the package's own; other
files are served as uploaded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from training import package_files, services

from .scorm_packages import scorm12

pytestmark = pytest.mark.django_db


def test_the_launch_page_gets_the_bridge_first_with_the_attempt_to_resume(
    trainer: User, make_user: Callable[..., User]
) -> None:
    package = scorm12(files={"sco1/app.js": "var x = 1;"})
    course, _warnings = services.upload_scorm_package(
        trainer, family="tiny", language="en", title="", summary="", data=package
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, first_name="Michał", last_name="Pawlak")
    enrolment = services.enrol(learner, course)
    suspended = {"cmi.core.exit": "suspend", "cmi.suspend_data": "p=3", "cmi.core.lesson_status": "incomplete"}
    services.save_scorm_data(learner, enrolment, suspended)
    token = package_files.files_token(course.scorm_package, learner, "http://testserver")

    page = Client().get(reverse("training:scorm_file", args=[course.scorm_package.pk, token, "sco1/index.html"]))
    html = page.content.decode()
    bridge = html.index('<script id="ctims-scorm-bridge"')
    assert bridge < html.index("cross-frame-api") < html.index("training/scorm-frame.js") < html.index("<script>\n")
    assert html.index("<head>") < bridge and page["Cache-Control"] == "no-store, private"
    data = json.loads(html[bridge:].split(">", 1)[1].split("</script>")[0])
    assert data["origin"] == "http://testserver" and data["version"] == "1.2"
    assert data["initial"]["cmi.suspend_data"] == "p=3" and data["initial"]["cmi.core.entry"] == "resume"
    assert data["initial"]["cmi.core.student_name"] == "Michał Pawlak"
    assert "Michał" not in html  # written as \\u escapes, whatever the package's own encoding

    script = Client().get(reverse("training:scorm_file", args=[course.scorm_package.pk, token, "sco1/app.js"]))
    assert script.getvalue() == b"var x = 1;"
    assert "sandbox" in script["Content-Security-Policy"]


def test_the_bridge_goes_where_the_browser_runs_it_first() -> None:
    tags = b"<script>B</script>"
    assert package_files.inject(b"<!DOCTYPE html><HTML lang=en><Head ><title>t</title>", tags) == (
        b"<!DOCTYPE html><HTML lang=en><Head >" + tags + b"<title>t</title>"
    )
    assert package_files.inject(b"<!doctype html><html><body>x", tags) == b"<!doctype html><html>" + tags + b"<body>x"
    assert package_files.inject(b"\xef\xbb\xbf<p>x</p>", tags) == b"\xef\xbb\xbf" + tags + b"<p>x</p>"
    assert package_files.inject(b"<header>not a head</header>", tags).startswith(tags)


def test_with_a_content_origin_the_files_come_only_from_that_host(
    trainer: User, make_user: Callable[..., User], login_as: Callable[[User], Client], settings: Any
) -> None:
    settings.CTIMS_SCORM_CONTENT_ORIGIN = "https://scorm.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "scorm.example.org"]
    course, _warnings = services.upload_scorm_package(
        trainer, family="tiny", language="en", title="", summary="", data=scorm12()
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER)
    player = login_as(learner).get(reverse("training:scorm_player", args=[course.pk]))
    html = player.content.decode()
    config = json.loads(html.split('id="scorm-config" type="application/json">')[1].split("</script>")[0])
    assert config["launchUrl"].startswith("https://scorm.example.org/training/scorm/")
    assert config["frameOrigin"] == "https://scorm.example.org"
    assert "https://scorm.example.org" in player["Content-Security-Policy"].split("frame-src")[1].split(";")[0]
    assert "allow-same-origin" in html  # its own origin, foreign to CTIMS: the package may keep its storage

    path = config["launchUrl"].removeprefix("https://scorm.example.org")
    assert Client().get(path).status_code == 404  # not from CTIMS's own host
    on_content_host = Client().get(path, HTTP_HOST="scorm.example.org", secure=True)
    assert on_content_host.status_code == 200
    assert "allow-same-origin" in on_content_host["Content-Security-Policy"]
    bridge = on_content_host.content.decode().split('id="ctims-scorm-bridge" type="application/json">')[1]
    assert json.loads(bridge.split("</script>")[0])["origin"] == "http://testserver"  # the player's page
