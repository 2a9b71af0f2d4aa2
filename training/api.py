"""API for training: events, participants, attendance, courses, enrolments and progress, SCORM
runtime commits, and the public certificate check. Same services and selectors as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema
from pydantic import Field

from accounts.models import User
from audit.models import Action
from audit.services import record
from core.api import ApiError, Error, Id, Limit, Offset, page

from . import selectors, services
from .models import CourseKind, Enrolment, Participant, TrainingEvent

router = Router(tags=["training"])
public_router = Router(tags=["certificates"])


def _me(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _need(user: User, *caps: str) -> None:
    if not any(user.has_capability(c) for c in caps):
        raise PermissionDenied


class EventOut(Schema):
    id: int
    code: str
    title: str
    type: str
    activity: str
    status: str
    start_date: datetime.date
    end_date: datetime.date
    city: str
    venue: str
    language: str
    trainers: str
    organisers: str
    target_group: str
    capacity: int
    country: str
    host_agencies: str


class EventIn(Schema):
    title: str
    type: str
    activity: str
    start_date: datetime.date
    end_date: datetime.date
    city: str
    venue: str = ""
    language: str = "pl"
    trainers: str = ""
    organisers: str = ""
    target_group: str = ""
    capacity: Annotated[int, Field(ge=0, le=2_147_483_647)] = 20  # the model's PositiveIntegerField
    agenda: str = ""
    country: str = ""
    host_agencies: str = ""
    programme: str = ""


class ParticipantOut(Schema):
    id: int
    event_id: int
    full_name: str
    organisation_name: str
    position: str
    sex: str
    status: str
    days_present: list[datetime.date]

    @staticmethod
    def resolve_days_present(obj: Participant) -> list[datetime.date]:
        return sorted(a.day for a in obj.attendance.all() if a.present)


class ParticipantIn(Schema):
    username: str = ""
    full_name: str = ""
    email: str = ""
    organisation_name: str = ""
    position: str = ""
    sex: str = "unknown"
    status: str = "invited"


class AttendanceIn(Schema):
    participant_id: Id
    day: datetime.date
    present: bool = True


class CourseOut(Schema):
    id: int
    family: str
    language: str
    title: str
    summary: str
    kind: str
    pass_mark: int


class EnrolmentOut(Schema):
    id: int
    course_id: int
    status: str
    score: Decimal | None
    passed: bool | None
    lessons_done: int
    lessons_total: int
    completed_at: datetime.datetime | None

    @staticmethod
    def resolve_lessons_done(obj: Enrolment) -> int:
        return obj.lesson_progress.count()

    @staticmethod
    def resolve_lessons_total(obj: Enrolment) -> int:
        return len(obj.course.lessons())


class ScormOut(Schema):
    completion_status: str
    success_status: str
    score_percent: Decimal | None
    location: str
    enrolment_status: str


class TrainingEventList(Schema):
    items: list[EventOut]
    count: int


class TrainingParticipantList(Schema):
    items: list[ParticipantOut]
    count: int


class CourseList(Schema):
    items: list[CourseOut]
    count: int


class EnrolmentList(Schema):
    items: list[EnrolmentOut]
    count: int


class ScormState(Schema):
    cmi: dict[str, Any]


class CertificateOut(Schema):
    code: str
    holder_name: str
    title: str
    completed_on: datetime.date


def _validation(exc: ValidationError) -> ApiError:
    """One message naming each field in error, e.g. "type: Choose one of: ..."."""
    if hasattr(exc, "error_dict"):
        text = " ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    else:
        text = " ".join(exc.messages)
    return ApiError(422, "validation_error", text)


# --- events --------------------------------------------------------------------------------------


@router.get("/events", response=TrainingEventList, summary="Events of your organisation")
def list_events(request: HttpRequest) -> dict[str, Any]:
    user = _me(request)
    _need(user, "training.view", "training.manage")
    events = list(selectors.events_visible_to(user))
    return {"items": events, "count": len(events)}


@router.get("/events/{event_id}", response=EventOut)
def get_event(request: HttpRequest, event_id: Id) -> TrainingEvent:
    user = _me(request)
    _need(user, "training.view", "training.manage")
    return selectors.get_event(user, event_id)


@router.post("/events", response={201: EventOut})
def create_event(request: HttpRequest, payload: EventIn) -> tuple[int, TrainingEvent]:
    try:
        return 201, services.create_event(_me(request), payload.dict())
    except ValidationError as exc:
        raise _validation(exc) from exc


@router.get("/events/{event_id}/participants", response=TrainingParticipantList)
def list_participants(request: HttpRequest, event_id: Id) -> dict[str, Any]:
    user = _me(request)
    event = selectors.get_event(user, event_id)
    items = list(selectors.participants_visible_to(user).filter(event=event).prefetch_related("attendance"))
    record(user, Action.VIEW, event, fields=["participants"])
    return {"items": items, "count": len(items)}


@router.get("/participants", response=TrainingParticipantList, summary="Participants of your organisation's events")
def all_participants(request: HttpRequest) -> dict[str, Any]:
    user = _me(request)
    items = list(selectors.participants_visible_to(user).prefetch_related("attendance"))
    record(user, Action.VIEW, object_type="training.participant", object_id="list", fields=["full_name"])
    return {"items": items, "count": len(items)}


@router.get("/participants/{participant_id}", response=ParticipantOut)
def get_participant(request: HttpRequest, participant_id: Id) -> Participant:
    return selectors.get_participant(_me(request), participant_id)


@router.post("/events/{event_id}/participants", response={201: ParticipantOut})
def add_participant(request: HttpRequest, event_id: Id, payload: ParticipantIn) -> tuple[int, Participant]:
    user = _me(request)
    event = selectors.get_event(user, event_id)
    staff = None
    if payload.username:
        staff = User.objects.filter(username=payload.username, is_active=True).first()
        if staff is None:
            raise ApiError(422, "unknown_user", _("There is no active user with this username."))
    try:
        return 201, services.add_participant(
            user,
            event,
            staff_user=staff,
            full_name=payload.full_name,
            email=payload.email,
            organisation_name=payload.organisation_name,
            position=payload.position,
            sex=payload.sex,
            status=payload.status,
        )
    except ValidationError as exc:
        raise _validation(exc) from exc


@router.post("/events/{event_id}/attendance", response=ParticipantOut, summary="Mark one participant on one day")
def mark_attendance(request: HttpRequest, event_id: Id, payload: AttendanceIn) -> Participant:
    user = _me(request)
    event = selectors.get_event(user, event_id)
    participant = selectors.participants_visible_to(user).filter(event=event, pk=payload.participant_id).first()
    if participant is None:
        raise Http404
    try:
        return services.mark_attendance(user, participant, payload.day, payload.present)
    except ValidationError as exc:
        raise _validation(exc) from exc


# --- e-learning ----------------------------------------------------------------------------------


@router.get("/courses", response=CourseList, summary="Published courses (every language version)")
def list_courses(request: HttpRequest) -> dict[str, Any]:
    items = list(selectors.courses_for_learner(_me(request)))
    return {"items": items, "count": len(items)}


@router.get("/courses/{course_id}", response=CourseOut)
def get_course(request: HttpRequest, course_id: Id) -> Any:
    return selectors.get_course_for_learner(_me(request), course_id)


@router.post("/courses/{course_id}/enrol", response={201: EnrolmentOut})
def enrol(request: HttpRequest, course_id: Id) -> tuple[int, Enrolment]:
    user = _me(request)
    return 201, services.enrol(user, selectors.get_course_for_learner(user, course_id))


@router.get("/enrolments", response=EnrolmentList, summary="Your enrolments (trainers: also their courses')")
def list_enrolments(request: HttpRequest) -> dict[str, Any]:
    items = list(selectors.enrolments_visible_to(_me(request)))
    return {"items": items, "count": len(items)}


@router.get("/enrolments/{enrolment_id}", response=EnrolmentOut)
def get_enrolment(request: HttpRequest, enrolment_id: Id) -> Enrolment:
    enrolment = selectors.enrolments_visible_to(_me(request)).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    return enrolment


@router.post("/enrolments/{enrolment_id}/lessons/{lesson_id}/complete", response=EnrolmentOut)
def complete_lesson(request: HttpRequest, enrolment_id: Id, lesson_id: Id) -> Enrolment:
    user = _me(request)
    enrolment = selectors.get_my_enrolment(user, enrolment_id)
    lesson = next((x for x in enrolment.course.lessons() if x.pk == lesson_id), None)
    if lesson is None:
        raise Http404
    return services.complete_lesson(user, enrolment, lesson)


@router.get("/enrolments/{enrolment_id}/scorm", response=ScormState, summary="SCORM runtime: stored cmi values")
def scorm_get(request: HttpRequest, enrolment_id: Id) -> dict[str, Any]:
    enrolment = selectors.get_my_enrolment(_me(request), enrolment_id)
    runtime = getattr(enrolment, "scorm", None)
    return {"cmi": runtime.cmi if runtime else {}}


@router.post(
    "/enrolments/{enrolment_id}/scorm",
    response={200: ScormOut, 409: Error},
    summary="SCORM runtime commit: cmi values (flattened or nested JSON)",
)
def scorm_commit(request: HttpRequest, enrolment_id: Id, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    user = _me(request)
    enrolment = selectors.get_my_enrolment(user, enrolment_id)
    if enrolment.course.kind != CourseKind.SCORM:
        raise ApiError(409, "not_scorm", _("This course is not a SCORM package."))
    try:
        runtime = services.save_scorm_data(user, enrolment, payload)
    except ValidationError as exc:
        raise _validation(exc) from exc
    enrolment.refresh_from_db()
    return {
        "completion_status": runtime.completion_status,
        "success_status": runtime.success_status,
        "score_percent": runtime.score_percent,
        "location": runtime.location,
        "enrolment_status": enrolment.status,
    }


# --- public --------------------------------------------------------------------------------------


@public_router.get("/verify/{code}", auth=None, response=CertificateOut, summary="Check a certificate (public)")
def verify_certificate(request: HttpRequest, code: str) -> Any:
    cert = selectors.verify_certificate(code)
    if cert is None:
        raise Http404
    record(None, Action.VIEW, cert, fields=["holder_name"], reason="public certificate check")
    return cert


# --- xAPI out ------------------------------------------------------------------------------------


@router.get(
    "/xapi/statements",
    response=dict[str, Any],
    summary="Completions, passes, scores and attendance as xAPI statements (StatementResult)",
)
def xapi_statements(request: HttpRequest, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """xAPI 1.0.3 StatementResult: `statements` (oldest first) and `more`, the address of the next page or ""."""
    from core.public_address import public_base_url

    from . import xapi

    user = _me(request)
    _need(user, "training.manage", "training.view")
    statements = xapi.statements_for(user, public_base_url(request))
    chosen = page(statements, limit, offset, maximum=500)
    size = max(1, min(limit, 500))
    more = ""
    if offset + size < len(statements):
        more = f"{request.path}?limit={size}&offset={offset + size}"
    record(user, Action.EXPORT, object_type="training.xapi", object_id="statements", fields=["actor", "result"])
    return {"statements": chosen, "more": more}
