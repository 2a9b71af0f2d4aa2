"""Session time accumulates into total time per the standard (SCORM 1.2 cmi.core.session_time ->
cmi.core.total_time, SCORM 2004 cmi.session_time -> cmi.total_time), and a package document's last values
sent by a beacon while it unloads are kept."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from training import package_files, scorm, services
from training.models import Enrolment

from .scorm_packages import scorm12

pytestmark = pytest.mark.django_db


def test_time_formats_of_both_versions() -> None:
    assert scorm.timespan_seconds("0001:02:03.5") == 3723.5
    assert scorm.timespan_seconds("PT1H2M3.5S") == 3723.5
    assert scorm.timespan_seconds("P1DT1S") == 86401
    assert scorm.timespan_seconds("00:00:00") == 0 and scorm.timespan_seconds("rubbish") == 0
    assert scorm.format_timespan("1.2", 3723.5) == "0001:02:03.50"
    assert scorm.format_timespan("2004", 3723.5) == "PT1H2M3.5S"


def _player(client: Client, course_pk: int) -> dict[str, object]:
    page = client.get(reverse("training:scorm_player", args=[course_pk])).content.decode()
    match = re.search(r'<script id="scorm-config" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return dict(json.loads(match.group(1)))


def test_total_time_grows_across_sessions_and_is_given_back_to_the_sco(
    make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client]
) -> None:
    trainer = make_user(Role.TRAINER, iom)
    course, _w = services.upload_scorm_package(trainer, family="t", language="en", title="", summary="", data=scorm12())
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, iom)
    client = login_as(learner)

    first = _player(client, course.pk)
    client.post(
        str(first["commitUrl"]),
        json.dumps({"cmi.core.session_time": "00:00:00", "ctims.elapsed": 30}),
        content_type="text/plain",
    )
    client.post(str(first["commitUrl"]), json.dumps({"cmi.core.session_time": "00:10:00"}), content_type="text/plain")
    runtime = Enrolment.objects.get(user=learner).scorm
    assert runtime.cmi["cmi.core.session_time"] == "0000:10:00.00"  # not 00:00:00
    assert runtime.cmi["cmi.core.total_time"] == "0000:10:00.00"

    second = _player(client, course.pk)
    assert second["initial"]["cmi.core.total_time"] == "0000:10:00.00"  # type: ignore[index]
    # this SCO reports no time: the player's measure of the session counts
    client.post(
        str(second["commitUrl"]),
        json.dumps({"cmi.core.lesson_status": "incomplete", "ctims.elapsed": 125}),
        content_type="text/plain",
    )
    runtime.refresh_from_db()
    assert runtime.cmi["cmi.core.total_time"] == "0000:12:05.00"
    assert len(runtime.sessions) == 2


def test_a_beacon_from_the_unloading_package_keeps_its_score_without_a_cookie(
    make_user: Callable[..., User], iom: Organisation, login_as: Callable[[User], Client], client: Client
) -> None:
    trainer = make_user(Role.TRAINER, iom)
    course, _w = services.upload_scorm_package(trainer, family="t", language="en", title="", summary="", data=scorm12())
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, iom)
    enrolment = services.enrol(learner, course)
    token = package_files.exit_token(enrolment.pk, learner.pk, "s1")
    anonymous = Client()
    body = json.dumps({"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "85", "ctims.elapsed": 60})
    answer = anonymous.post(reverse("training:scorm_exit", args=[enrolment.pk, token]), body, content_type="text/plain")
    assert answer.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.status == "completed" and enrolment.score == 85
    other = make_user(Role.LEARNER, iom)
    other_enrolment = services.enrol(other, course)
    refused = anonymous.post(
        reverse("training:scorm_exit", args=[other_enrolment.pk, token]), body, content_type="text/plain"
    )
    assert refused.status_code == 403
    forged = anonymous.post(
        reverse("training:scorm_exit", args=[enrolment.pk, token + "x"]), body, content_type="text/plain"
    )
    assert forged.status_code == 403
