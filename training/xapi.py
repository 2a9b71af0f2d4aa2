"""Completions, passes, scores and attendance as xAPI statements (xAPI 1.0.3 Statement and StatementResult JSON),
so a learning record store (the Border Guard's) can take them.

Actors carry no names: a CTIMS user is an account on CTIMS's public address (its id), an external participant is
the SHA-1 of their `mailto:` e-mail (mbox_sha1sum) or, without an e-mail, an account named by the participant's
id. Activity ids are IRIs under the configured public address. Statement ids are derived from what they state
(UUID 5), so the same completion is always the same statement and paging is stable."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from typing import Any

from django.utils import timezone

from accounts.models import User

from .models import Attendance, Enrolment, EnrolmentStatus, Participant, ParticipantStatus, QuizAttempt

VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "scored": "http://adlnet.gov/expapi/verbs/scored",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
}
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
MEETING_TYPE = "http://adlnet.gov/expapi/activities/meeting"
ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment"
NAMESPACE = uuid.UUID("6f1d3c1e-2f7a-4c55-9a43-1c0e1b7f0a18")


def _time(value: datetime.datetime | datetime.date) -> str:
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(12), tzinfo=timezone.get_current_timezone())
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _user_actor(user: User, base: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": base + "/", "name": f"user-{user.pk}"}}


def _participant_actor(p: Participant, base: str) -> dict[str, Any]:
    if p.user_id is not None:
        return {"objectType": "Agent", "account": {"homePage": base + "/", "name": f"user-{p.user_id}"}}
    if p.email:
        digest = hashlib.sha1(f"mailto:{p.email.strip().lower()}".encode()).hexdigest()  # noqa: S324 - xAPI's own
        return {"objectType": "Agent", "mbox_sha1sum": digest}
    return {"objectType": "Agent", "account": {"homePage": base + "/", "name": f"participant-{p.pk}"}}


def _activity(base: str, kind: str, key: str, name: str, language: str, type_: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": f"{base}/xapi/activities/{kind}/{key}",
        "definition": {"name": {language: name}, "type": type_},
    }


def _statement(
    key: str, actor: dict[str, Any], verb: str, obj: dict[str, Any], when: Any, result: dict[str, Any] | None = None
) -> dict[str, Any]:
    st: dict[str, Any] = {
        "id": str(uuid.uuid5(NAMESPACE, key)),
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "timestamp": _time(when),
        "version": "1.0.3",
    }
    if result:
        st["result"] = result
    return st


def _scaled(percent: Any) -> dict[str, Any]:
    value = float(percent)
    return {"scaled": round(value / 100, 4), "raw": value, "min": 0, "max": 100}


def statements_for(user: User, base: str) -> list[dict[str, Any]]:
    """Every statement about the user's organisation's events and courses, oldest first."""
    org = user.organisation_id
    out: list[dict[str, Any]] = []
    enrolments = Enrolment.objects.filter(course__organisation_id=org).select_related("course", "user")
    for e in enrolments:
        activity = _activity(
            base, "course", f"{e.course.family}/{e.course.language}", e.course.title, e.course.language, COURSE_TYPE
        )
        actor = _user_actor(e.user, base)
        if e.status == EnrolmentStatus.COMPLETED and e.completed_at:
            result: dict[str, Any] = {"completion": True}
            if e.passed is not None:
                result["success"] = bool(e.passed)
            if e.score is not None:
                result["score"] = _scaled(e.score)
            out.append(_statement(f"enrolment-completed-{e.pk}", actor, "completed", activity, e.completed_at, result))
            if e.passed:
                out.append(
                    _statement(
                        f"enrolment-passed-{e.pk}",
                        actor,
                        "passed",
                        activity,
                        e.completed_at,
                        {"success": True, **({"score": _scaled(e.score)} if e.score is not None else {})},
                    )
                )
    for a in QuizAttempt.objects.filter(enrolment__course__organisation_id=org).select_related(
        "enrolment__course", "enrolment__user"
    ):
        quiz_course = a.enrolment.course
        quiz = _activity(
            base,
            "quiz",
            f"{quiz_course.family}/{quiz_course.language}",
            quiz_course.title,
            quiz_course.language,
            ASSESSMENT_TYPE,
        )
        out.append(
            _statement(
                f"quiz-{a.pk}",
                _user_actor(a.enrolment.user, base),
                "scored",
                quiz,
                a.submitted_at,
                {"score": _scaled(a.percent), "success": a.passed, "completion": True},
            )
        )
    participants = Participant.objects.filter(event__organisation_id=org).select_related("event")
    by_id = {p.pk: p for p in participants}
    for p in participants:
        if p.status == ParticipantStatus.COMPLETED:
            ev = p.event
            obj = _activity(base, "event", ev.code, ev.title, ev.language, MEETING_TYPE)
            out.append(
                _statement(
                    f"participant-completed-{p.pk}",
                    _participant_actor(p, base),
                    "completed",
                    obj,
                    ev.end_date,
                    {"completion": True},
                )
            )
    for att in Attendance.objects.filter(participant__event__organisation_id=org, present=True):
        p = by_id[att.participant_id]
        ev = p.event
        obj = _activity(base, "event", f"{ev.code}/{att.day.isoformat()}", ev.title, ev.language, MEETING_TYPE)
        out.append(_statement(f"attendance-{att.pk}", _participant_actor(p, base), "attended", obj, att.day))
    out.sort(key=lambda s: (s["timestamp"], s["id"]))
    return out
