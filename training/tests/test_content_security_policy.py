"""The SCORM player and lessons under the Content-Security-Policy: the player page keeps the strict
policy; package files get the package policy (inline scripts inside a sandbox with an opaque origin); a lesson
may frame the video hosts and nothing else; CTIMS's own export needs no inline code."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from core import csp
from training import course_content, export, services
from training.models import Lesson

from .scorm_packages import scorm12

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def test_player_is_strict_and_package_files_get_the_package_policy(
    trainer: User, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    course, _warnings = services.upload_scorm_package(
        trainer, family="tiny", language="en", title="", summary="", data=scorm12())
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER)
    client = login_as(learner)
    services.enrol(learner, course)

    player = client.get(reverse("training:scorm_player", args=[course.pk]))
    strict = _directives(player["Content-Security-Policy"])
    assert strict["script-src"] == ["'self'"] and strict["frame-ancestors"] == ["'none'"]
    assert strict["frame-src"] == ["'self'"]

    config = player.content.decode().split('id="scorm-config" type="application/json">')[1].split("</script>")[0]
    package_file = client.get(json.loads(config)["launchUrl"])
    assert package_file["Content-Security-Policy"] == csp.package_policy()
    loose = _directives(package_file["Content-Security-Policy"])
    assert "'unsafe-inline'" in loose["script-src"]
    # sandboxed without allow-same-origin: the package's documents get an opaque origin
    assert "allow-scripts" in loose["sandbox"] and "allow-same-origin" not in loose["sandbox"]
    assert 'sandbox="allow-scripts' in player.content.decode() and "allow-same-origin" not in player.content.decode()


def test_only_lesson_pages_may_frame_the_video_hosts(
    trainer: User, iom: Organisation, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    course = course_content.create_course("en", iom)
    services.set_course_published(trainer, course, True)
    lesson = course.lessons()[0]
    Lesson.objects.filter(pk=lesson.pk).update(video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    learner = make_user(Role.LEARNER)
    client = login_as(learner)
    client.post(reverse("training:course_detail", args=[course.pk]))
    response = client.get(reverse("training:lesson", args=[course.pk, lesson.pk]))
    assert "youtube-nocookie.com/embed/" in response.content.decode()
    assert _directives(response["Content-Security-Policy"])["frame-src"] == ["'self'", *csp.VIDEO_FRAME_SOURCES]
    other = client.get(reverse("training:course_detail", args=[course.pk]))
    assert _directives(other["Content-Security-Policy"])["frame-src"] == ["'self'"]


def test_the_exported_package_has_no_inline_handlers(iom: Organisation) -> None:
    course = course_content.create_course("en", iom)
    archive = zipfile.ZipFile(io.BytesIO(export.scorm12_package(course)))
    html = archive.read("index.html").decode()
    assert not re.search(r"\son[a-z]+=", html) and "<script>" not in html
    assert "data-show=" in html and "data-pass-mark=" in html
    assert 'addEventListener("click"' in archive.read("scorm.js").decode()
