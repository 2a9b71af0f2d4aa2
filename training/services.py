"""Every write in training: events, participants, attendance, tests, feedback, certificates,
courses, enrolments, quizzes. Each checks the capability and writes the audit event."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import record
from core import crypto

from .models import (
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Enrolment,
    EnrolmentStatus,
    EventStatus,
    Feedback,
    Lesson,
    LessonProgress,
    Participant,
    ParticipantStatus,
    QuizAttempt,
    TestKind,
    TestResult,
    TrainingEvent,
)

EVENT_FIELDS = [
    "title",
    "type",
    "activity",
    "status",
    "start_date",
    "end_date",
    "city",
    "venue",
    "language",
    "trainers",
    "organisers",
    "target_group",
    "capacity",
    "agenda",
    "country",
    "host_agencies",
    "programme",
    "hours",
    "certificate_valid_months",
]
PARTICIPANT_FIELDS = ["full_name", "email", "organisation_name", "position", "sex"]


def require(user: User, capability: str) -> None:
    if not user.is_authenticated or not user.has_capability(capability):
        raise PermissionDenied


def _require_event_manager(user: User, event: TrainingEvent) -> None:
    require(user, "training.manage")
    if event.organisation_id != user.organisation_id:
        raise PermissionDenied


def email_index(email: str) -> str:
    email = email.strip().lower()
    return crypto.blind_index("email", email) if email else ""


# --- events ------------------------------------------------------------------------------------


def _next_event_code(start: datetime.date) -> str:
    prefix = f"TR-{start.year}-"
    n = TrainingEvent.objects.filter(code__startswith=prefix).count() + 1
    while TrainingEvent.objects.filter(code=f"{prefix}{n:03d}").exists():
        n += 1
    return f"{prefix}{n:03d}"


def _check_event(data: dict[str, Any]) -> None:
    from .models import Activity, EventType, Language

    for name, allowed in (("type", EventType.values), ("activity", Activity.values), ("language", Language.values)):
        if name in data and data[name] not in allowed:
            raise ValidationError({name: _("Choose one of: %(values)s.") % {"values": ", ".join(allowed)}})
    if data["end_date"] < data["start_date"]:
        raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
    if data.get("type") == "study_visit" and not data.get("country"):
        raise ValidationError({"country": _("Enter the country of the study visit.")})
    # a five-day study visit must not count toward the one-day trainings target
    if data.get("type") and data.get("activity") not in (None, "", "none", data.get("type")):
        raise ValidationError({"activity": _("An event counts toward the activity of its own kind, or toward none.")})


def create_event(user: User, data: dict[str, Any], questions: Iterable[Any] = ()) -> TrainingEvent:
    require(user, "training.manage")
    _check_event(data)
    event = TrainingEvent(
        organisation=user.organisation, created_by=user, **{k: v for k, v in data.items() if k in EVENT_FIELDS}
    )
    event.code = _next_event_code(event.start_date)
    event.save()
    event.test_questions.set(list(questions))
    record(user, Action.CREATE, event, fields=[k for k in data if k in EVENT_FIELDS])
    return event


def update_event(
    user: User, event: TrainingEvent, data: dict[str, Any], questions: Iterable[Any] | None = None
) -> TrainingEvent:
    _require_event_manager(user, event)
    _check_event(data)
    changed = [k for k in EVENT_FIELDS if k in data and getattr(event, k) != data[k]]
    for k in changed:
        setattr(event, k, data[k])
    event.save()
    if questions is not None:
        event.test_questions.set(list(questions))
        changed.append("test_questions")
    record(user, Action.UPDATE, event, fields=changed)
    return event


# --- participants --------------------------------------------------------------------------------


def add_participant(
    user: User,
    event: TrainingEvent,
    *,
    staff_user: User | None = None,
    full_name: str = "",
    email: str = "",
    organisation_name: str = "",
    position: str = "",
    sex: str = "unknown",
    status: str = ParticipantStatus.INVITED,
) -> Participant:
    """Invite someone: a user account (name and organisation taken from it) or an external person."""
    _require_event_manager(user, event)
    if staff_user is not None:
        full_name = full_name or staff_user.get_full_name() or staff_user.get_username()
        email = email or staff_user.email
        organisation_name = organisation_name or str(staff_user.organisation)
        position = position or staff_user.position
    errors = {}
    if not full_name.strip():
        errors["full_name"] = _("Enter the participant's name.")
    if not organisation_name.strip():
        errors["organisation_name"] = _("Enter the participant's organisation.")
    index = email_index(email)
    if index and Participant.objects.filter(event=event, email_index=index).exists():
        errors["email"] = _("Someone with this e-mail is already on the list for this event.")
    if staff_user is not None and Participant.objects.filter(event=event, user=staff_user).exists():
        errors["full_name"] = _("This user is already on the list for this event.")
    if errors:
        raise ValidationError(errors)
    participant = Participant.objects.create(
        event=event,
        user=staff_user,
        full_name=full_name.strip(),
        email=email.strip(),
        email_index=index,
        organisation_name=organisation_name.strip(),
        position=position.strip(),
        sex=sex,
        status=status,
    )
    record(user, Action.CREATE, participant, fields=[*PARTICIPANT_FIELDS, "status"])
    if staff_user is not None and status == ParticipantStatus.INVITED:
        from notifications.models import Kind
        from notifications.services import notify

        notify([staff_user], Kind.TRAINING_INVITATION, event, actor=user)
    return participant


def set_participant_status(user: User, participant: Participant, status: str) -> Participant:
    """Invited -> registered (or declined) by hand; attended/completed follow from attendance."""
    _require_event_manager(user, participant.event)
    if status not in (ParticipantStatus.INVITED, ParticipantStatus.REGISTERED, ParticipantStatus.DECLINED):
        raise ValidationError({"status": _("Attendance decides whether someone attended or completed.")})
    if participant.status in (ParticipantStatus.ATTENDED, ParticipantStatus.COMPLETED):
        # their attendance stands, and so do the project's counts: change the attendance instead
        raise ValidationError({"status": _("This person's attendance is recorded: change the attendance instead.")})
    participant.status = status
    participant.save(update_fields=["status"])
    record(user, Action.UPDATE, participant, fields=["status"])
    return participant


def completion_status(participant: Participant, days: list[datetime.date]) -> str | None:
    """The completion rule: present on every day of the event -> completed; on some -> attended.

    None when the participant was present on no day (their invited/registered status stands).
    """
    present = set(participant.attendance.filter(present=True).values_list("day", flat=True))
    if not present:
        return None
    return ParticipantStatus.COMPLETED if all(d in present for d in days) else ParticipantStatus.ATTENDED


def mark_attendance(user: User, participant: Participant, day: datetime.date, present: bool) -> Participant:
    event = participant.event
    _require_event_manager(user, event)
    days = event.days()
    if day not in days:
        raise ValidationError({"day": _("This day is not one of the event's days.")})
    if present and day > timezone.localdate():
        raise ValidationError({"day": _("Attendance can be marked only on or after the day itself.")})
    Attendance.objects.update_or_create(
        participant=participant, day=day, defaults={"present": present, "marked_by": user}
    )
    new_status = completion_status(participant, days)
    if new_status is None:
        if participant.status in (ParticipantStatus.ATTENDED, ParticipantStatus.COMPLETED):
            new_status = ParticipantStatus.REGISTERED
        else:
            new_status = participant.status
    if new_status != participant.status:
        participant.status = new_status
        participant.save(update_fields=["status"])
    record(user, Action.UPDATE, participant, fields=["attendance", "status"])
    return participant


def online_tests_open(participant: Participant, today: datetime.date | None = None) -> set[str]:
    """Which tests the participant may take online now: each once; the pre-test until the event ends and only
    before the post-test; the post-test from the event's first day."""
    today = today or timezone.localdate()
    taken = {r.kind for r in participant.test_results.all()}  # uses a prefetch when the caller made one
    event = participant.event
    open_: set[str] = set()
    if TestKind.PRE not in taken and TestKind.POST not in taken and today <= event.end_date:
        open_.add(TestKind.PRE)
    if TestKind.POST not in taken and today >= event.start_date:
        open_.add(TestKind.POST)
    return open_


def record_test_result(
    user: User, participant: Participant, kind: str, score: int, max_score: int, answers: dict[str, Any] | None = None
) -> TestResult:
    """A pre/post-test score: entered by the trainer, or from the participant's own online test."""
    if participant.user_id != user.pk:
        _require_event_manager(user, participant.event)
    if kind not in TestKind.values:
        raise ValidationError({"kind": _("Choose pre-test or post-test.")})
    if max_score <= 0 or score < 0 or score > max_score:
        raise ValidationError({"score": _("The score must be between 0 and the maximum score.")})
    if participant.user_id == user.pk and kind not in online_tests_open(participant):
        # a participant takes each test once, the pre-test before the post-test (trainers may still correct)
        raise ValidationError({"kind": _("This test is not open for you now.")})
    result, _created = TestResult.objects.update_or_create(
        participant=participant, kind=kind, defaults={"score": score, "max_score": max_score, "answers": answers or {}}
    )
    record(user, Action.UPDATE, participant, fields=[f"{kind}_test"])
    return result


def submit_feedback(
    user: User, participant: Participant, overall: int, relevance: int, trainers: int, comment: str = ""
) -> Feedback:
    if participant.user_id != user.pk:
        _require_event_manager(user, participant.event)
    for name, value in (("overall", overall), ("relevance", relevance), ("trainers", trainers)):
        if not 1 <= value <= 5:
            raise ValidationError({name: _("Choose a rating from 1 to 5.")})
    feedback, _created = Feedback.objects.update_or_create(
        participant=participant,
        defaults={"overall": overall, "relevance": relevance, "trainers": trainers, "comment": comment.strip()},
    )
    record(user, Action.UPDATE, participant, fields=["feedback"])
    return feedback


# --- certificates --------------------------------------------------------------------------------


def issue_event_certificates(user: User, event: TrainingEvent) -> list[Certificate]:
    """A certificate for every participant who completed (attended every day) and has none yet."""
    _require_event_manager(user, event)
    issued = []
    with transaction.atomic():
        for p in event.participants.filter(status=ParticipantStatus.COMPLETED, certificate__isnull=True):
            cert = Certificate.objects.create(
                participant=p,
                holder_name=p.full_name,
                title=event.title,
                completed_on=event.end_date,
                expires_on=expiry(event.end_date, event.certificate_valid_months),
            )
            record(user, Action.CREATE, cert, fields=["holder_name", "title", "completed_on"])
            issued.append(cert)
        if event.status == EventStatus.PLANNED:
            event.status = EventStatus.HELD
            event.save(update_fields=["status"])
    return issued


def expiry(completed_on: datetime.date, months: int | None) -> datetime.date | None:
    """The day a certificate stops being valid: `months` after completion (the last day of a shorter month)."""
    if not months:
        return None
    import calendar

    month0 = completed_on.month - 1 + months
    year, month = completed_on.year + month0 // 12, month0 % 12 + 1
    return completed_on.replace(year=year, month=month, day=min(completed_on.day, calendar.monthrange(year, month)[1]))


def revoke_certificate(user: User, certificate: Certificate) -> Certificate:
    require(user, "training.manage")
    if certificate.participant is not None:
        owner_org = certificate.participant.event.organisation_id
    else:
        assert certificate.enrolment is not None
        owner_org = certificate.enrolment.course.organisation_id
    if owner_org != user.organisation_id:
        raise PermissionDenied
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    record(user, Action.UPDATE, certificate, fields=["revoked_at"])
    return certificate


def _issue_course_certificate(enrolment: Enrolment) -> Certificate:
    user = enrolment.user
    cert, created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "holder_name": user.get_full_name() or user.get_username(),
            "title": enrolment.course.title,
            "completed_on": timezone.localdate(enrolment.completed_at),
            "expires_on": expiry(timezone.localdate(enrolment.completed_at), enrolment.course.certificate_valid_months),
        },
    )
    if created:
        record(user, Action.CREATE, cert, fields=["holder_name", "title", "completed_on"])
    return cert


# --- native courses ------------------------------------------------------------------------------


def create_course(
    user: User,
    *,
    family: str,
    language: str,
    title: str,
    summary: str = "",
    kind: str = "native",
    pass_mark: int = 80,
    is_published: bool = False,
) -> Course:
    require(user, "training.manage")
    if Course.objects.filter(family=family, language=language).exists():
        raise ValidationError({"language": _("This course already has a version in this language.")})
    if not 0 < pass_mark <= 100:
        raise ValidationError({"pass_mark": _("The pass mark is a percentage from 1 to 100.")})
    course = Course.objects.create(
        family=family,
        language=language,
        title=title,
        summary=summary,
        kind=kind,
        pass_mark=pass_mark,
        is_published=is_published,
        organisation=user.organisation,
    )
    record(user, Action.CREATE, course, fields=["family", "language", "title", "summary", "kind", "pass_mark"])
    return course


def _require_course_manager(user: User, course: Course) -> None:
    require(user, "training.manage")
    if course.organisation_id != user.organisation_id:
        raise PermissionDenied


def set_course_published(user: User, course: Course, published: bool) -> Course:
    _require_course_manager(user, course)
    course.is_published = published
    course.save(update_fields=["is_published"])
    record(user, Action.UPDATE, course, fields=["is_published"])
    return course


COURSE_SETTINGS = [
    "pass_mark",
    "quiz_max_attempts",
    "quiz_wait_hours",
    "quiz_pool_size",
    "hours",
    "certificate_valid_months",
]


def update_course_settings(user: User, course: Course, data: dict[str, Any]) -> Course:
    """The quiz rules (attempts, wait between them, questions drawn per attempt) and what certificates say."""
    _require_course_manager(user, course)
    if not 0 < int(data.get("pass_mark", course.pass_mark)) <= 100:
        raise ValidationError({"pass_mark": _("The pass mark is a percentage from 1 to 100.")})
    changed = [k for k in COURSE_SETTINGS if k in data and getattr(course, k) != data[k]]
    for k in changed:
        setattr(course, k, data[k])
    course.save(update_fields=changed or None)
    record(user, Action.UPDATE, course, fields=changed)
    return course


def add_lesson(user: User, course: Course, module_title: str, title: str, body: str, video_url: str = "") -> Lesson:
    _require_course_manager(user, course)
    module = CourseModule.objects.filter(course=course, title=module_title).first()
    if module is None:
        module = CourseModule.objects.create(course=course, title=module_title, order=course.modules.count() + 1)
    lesson = Lesson.objects.create(
        module=module, title=title, body=body, video_url=video_url, order=module.lessons.count() + 1
    )
    record(user, Action.CREATE, lesson, fields=["title", "body", "video_url"])
    return lesson


def enrol(user: User, course: Course) -> Enrolment:
    require(user, "training.learn")
    if not course.is_published:
        raise PermissionDenied
    enrolment, created = Enrolment.objects.get_or_create(user=user, course=course)
    if created:
        record(user, Action.CREATE, enrolment, fields=["course"])
    return enrolment


def complete_lesson(user: User, enrolment: Enrolment, lesson: Lesson) -> Enrolment:
    """Progress is saved lesson by lesson, so a learner can stop on a phone and carry on later."""
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    if lesson.module.course_id != enrolment.course_id:
        raise ValidationError(_("This lesson belongs to another course."))
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson"])
    _maybe_complete(enrolment)
    return enrolment


def _percent(correct: int, total: int) -> Decimal:
    if total == 0:
        return Decimal("0")
    return (Decimal(correct) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class QuizState:
    """Whether the learner may take the quiz now, and if not, why (attempts used up, or wait until)."""

    used: int
    allowed: int  # 0: no limit
    may_attempt: bool
    next_at: datetime.datetime | None = None

    @property
    def left(self) -> int | None:
        return None if not self.allowed else max(self.allowed - self.used, 0)


def quiz_state(enrolment: Enrolment, now: datetime.datetime | None = None) -> QuizState:
    course = enrolment.course
    now = now or timezone.now()
    attempts = list(enrolment.quiz_attempts.order_by("-submitted_at").values_list("submitted_at", flat=True))
    used = len(attempts)
    if course.quiz_max_attempts and used >= course.quiz_max_attempts:
        return QuizState(used, course.quiz_max_attempts, False)
    if attempts and course.quiz_wait_hours:
        next_at = attempts[0] + datetime.timedelta(hours=course.quiz_wait_hours)
        if now < next_at:
            return QuizState(used, course.quiz_max_attempts, False, next_at)
    return QuizState(used, course.quiz_max_attempts, True)


def draw_questions(course: Course) -> list[int]:
    """The questions of one attempt: all of them, or `quiz_pool_size` drawn at random (in the course's order)."""
    ids = list(course.questions.values_list("pk", flat=True))
    if course.quiz_pool_size and course.quiz_pool_size < len(ids):
        chosen = set(random.SystemRandom().sample(ids, course.quiz_pool_size))
        ids = [i for i in ids if i in chosen]
    return ids


def submit_quiz(
    user: User, enrolment: Enrolment, answers: dict[int, set[int]], question_ids: list[int] | None = None
) -> QuizAttempt:
    """Mark the course quiz. The best score stands; passing (with all lessons done) completes the course.

    `question_ids` are the questions drawn for this attempt (all of the course's when None). Refused when the
    course's attempts are used up or the learner must still wait."""
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()  # one attempt at a time
        state = quiz_state(enrolment)
        if not state.may_attempt:
            if state.next_at is not None:
                raise ValidationError(
                    _("You can try again from %(when)s.")
                    % {"when": formats.date_format(timezone.localtime(state.next_at), "DATETIME_FORMAT")}
                )
            raise ValidationError(_("You have used every attempt this quiz allows."))
        questions = list(enrolment.course.questions.prefetch_related("choices"))
        if question_ids is not None:
            by_id = {q.pk: q for q in questions}
            if not question_ids or any(i not in by_id for i in question_ids):
                raise ValidationError(_("The quiz changed while you were answering: open it again."))
            questions = [by_id[i] for i in question_ids]
        correct = sum(1 for q in questions if q.is_answered_correctly(answers.get(q.pk, set())))
        percent = _percent(correct, len(questions))
        passed = percent >= enrolment.course.pass_mark
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            correct=correct,
            total=len(questions),
            percent=percent,
            passed=passed,
            answers={str(q.pk): sorted(answers.get(q.pk, set())) for q in questions},
            question_ids=[q.pk for q in questions],
        )
        if enrolment.score is None or percent > enrolment.score:
            enrolment.score = percent
        enrolment.passed = bool(enrolment.passed) or passed
        enrolment.save(update_fields=["score", "passed"])
        record(user, Action.CREATE, attempt, fields=["answers", "percent", "passed"])
    _maybe_complete(enrolment)
    return attempt


@dataclass
class ReviewedChoice:
    text: str
    chosen: bool
    correct: bool


@dataclass
class ReviewedQuestion:
    text: str
    right: bool
    choices: list[ReviewedChoice]
    lesson: Lesson | None


def review_attempt(attempt: QuizAttempt) -> list[ReviewedQuestion]:
    """What the learner answered, question by question: right or wrong, and the lesson to reread when wrong.

    Each chosen answer says whether it was right; the correct answers of a wrong question are not given away
    (the lesson is)."""
    from .models import Question

    ids = attempt.question_ids or [int(k) for k in attempt.answers]
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=ids).prefetch_related("choices").select_related("lesson")}
    out = []
    for qid in ids:
        q = by_id.get(qid)
        if q is None:
            continue
        chosen = set(attempt.answers.get(str(qid), []))
        right = q.is_answered_correctly(chosen)
        choices = [ReviewedChoice(c.text, c.pk in chosen, c.is_correct) for c in q.choices.all()]
        out.append(ReviewedQuestion(q.text, right, choices, None if right else q.lesson))
    return out


def _maybe_complete(enrolment: Enrolment) -> None:
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return
    course = enrolment.course
    lessons_total = Lesson.objects.filter(module__course=course).count()
    lessons_done = enrolment.lesson_progress.count()
    quiz_ok = enrolment.passed or not course.questions.exists()
    if lessons_done >= lessons_total and quiz_ok:
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["status", "completed_at"])
        record(enrolment.user, Action.UPDATE, enrolment, fields=["status", "completed_at"])
        _issue_course_certificate(enrolment)


def complete_from_runtime(enrolment: Enrolment, score: Decimal | None, passed: bool | None) -> None:
    """A SCORM package reported completion: the enrolment completes and the certificate is issued."""
    changed = []
    if passed is None and score is not None:
        # a package that reports a score but no success status passes by the course's pass mark
        passed = score >= enrolment.course.pass_mark
    if score is not None and (enrolment.score is None or score > enrolment.score):
        enrolment.score = score
        changed.append("score")
    if passed is not None and enrolment.passed is not True:
        enrolment.passed = passed
        changed.append("passed")
    if passed is not False and enrolment.status != EnrolmentStatus.COMPLETED:
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        changed += ["status", "completed_at"]
    if changed:
        enrolment.save(update_fields=changed)
        record(enrolment.user, Action.UPDATE, enrolment, fields=changed)
    if enrolment.status == EnrolmentStatus.COMPLETED:
        _issue_course_certificate(enrolment)


# --- SCORM ---------------------------------------------------------------------------------------


def upload_scorm_package(
    user: User, *, family: str, language: str, title: str, summary: str, data: bytes | IO[bytes], pass_mark: int = 80
) -> tuple[Course, list[str]]:
    """Validate, store and register a SCORM package as a course. Returns the course and any warnings.

    `data` is the zip, or an open file holding it: an upload is read from its temporary file
    as it unpacks, never whole into memory.

    Raises scorm.PackageError (nothing written) when the manifest or files are not usable.
    """
    import shutil

    from django.conf import settings

    from . import scorm
    from .models import ScormPackage

    require(user, "training.manage")
    info = scorm.inspect_package(data)
    with transaction.atomic():
        course = create_course(
            user,
            family=family,
            language=language,
            title=title or info.title,
            summary=summary,
            kind="scorm",
            pass_mark=pass_mark,
        )
        package = ScormPackage.objects.create(
            course=course,
            version=info.version,
            launch_path=info.launch_path,
            sco_count=info.sco_count,
            scos=info.scos,
            unsupported=info.unsupported,
            uploaded_by=user,
        )
        target = settings.MEDIA_ROOT / package.storage_dir
        if target.exists():
            shutil.rmtree(target)
        package.file_count = scorm.unpack(data, target)
        package.save(update_fields=["file_count"])
        record(user, Action.CREATE, package, fields=["version", "launch_path", "sco_count", "files"])
    return course, info.warnings


def save_scorm_data(
    user: User,
    enrolment: Enrolment,
    values: dict[str, Any],
    session_key: str = "",
    elapsed: float | None = None,
    sco: str = "",
) -> Any:
    """A runtime commit: every cmi value is kept (merged over earlier commits), and completion,
    success, score, suspend data and location are read from them per the package's standard.

    `session_key` names the learning session (one visit of the player) and `elapsed` the seconds the player has
    been open: the session's time is added into total time (`scorm.accumulate_time`)."""
    from . import scorm
    from .models import ScormRuntime

    if enrolment.user_id != user.pk:
        raise PermissionDenied
    package = enrolment.course.scorm_package
    flat = scorm.flatten(values)
    cmi_values = {k: v for k, v in flat.items() if k.startswith("cmi.")}
    if not cmi_values:
        raise ValidationError(_("No cmi values were sent."))
    with transaction.atomic():
        runtime, _created = ScormRuntime.objects.select_for_update().get_or_create(enrolment=enrolment)
        session_name, total_name = scorm.time_keys(package.version)
        multi = len(package.scos) > 1 and sco in {s["identifier"] for s in package.scos}
        if multi:
            # one SCO of several: its own cmi data and time; the course's status is rolled up from all of them
            own = {**runtime.sco_cmi.get(sco, {}), **cmi_values}
            mine = {k[len(sco) + 1 :]: v for k, v in runtime.sessions.items() if k.startswith(sco + ":")}
            total = scorm.accumulate_time(package.version, mine, session_key, cmi_values, elapsed)
            if session_key:
                runtime.sessions[f"{sco}:{session_key}"] = mine[session_key]
                own[session_name] = scorm.format_timespan(package.version, mine[session_key])
            own[total_name] = scorm.format_timespan(package.version, total)
            runtime.sco_cmi = {**runtime.sco_cmi, sco: own}
            runtime.current_sco = sco
            runtime.cmi = own
            state = scorm.rollup(
                [scorm.interpret(package.version, runtime.sco_cmi.get(s["identifier"], {})) for s in package.scos]
            )
            own_state = scorm.interpret(package.version, own)
            state.suspend_data, state.location = own_state.suspend_data, own_state.location
        else:
            runtime.cmi = {**runtime.cmi, **cmi_values}
            total = scorm.accumulate_time(package.version, runtime.sessions, session_key, cmi_values, elapsed)
            if session_key:
                runtime.cmi[session_name] = scorm.format_timespan(package.version, runtime.sessions[session_key])
            runtime.cmi[total_name] = scorm.format_timespan(package.version, total)
            state = scorm.interpret(package.version, runtime.cmi)
        runtime.completion_status = state.completion_status
        runtime.success_status = state.success_status
        runtime.score_percent = state.score_percent
        runtime.suspend_data = state.suspend_data
        runtime.location = state.location
        runtime.commit_count += 1
        runtime.save()
        done = state.completion_status == "completed" or state.success_status == "passed"
        if done:
            passed = {"passed": True, "failed": False}.get(state.success_status)
            complete_from_runtime(enrolment, state.score_percent, passed)
        elif state.score_percent is not None and (enrolment.score is None or state.score_percent > enrolment.score):
            enrolment.score = state.score_percent
            enrolment.save(update_fields=["score"])
    # Commits arrive every few seconds: audit the first and each status change, not each heartbeat.
    if runtime.commit_count == 1 or done:
        record(user, Action.UPDATE, runtime, fields=sorted({k.split(".")[1] for k in cmi_values}))
    return runtime


# --- completions from other platforms ------------------------------------------------------------


def import_completions(user: User, text: str) -> tuple[int, list[tuple[int, str, str]]]:
    """Import CSV rows `learner,course,completion_date,score`. All or nothing: any bad row and
    nothing is written; the errors name the row (counting the header as row 1) and the column."""
    import csv
    import uuid

    from .models import ExternalCompletion

    require(user, "training.manage")
    errors: list[tuple[int, str, str]] = []
    reader = csv.DictReader(io_lines(text))
    expected = ["learner", "course", "completion_date", "score"]
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in expected if c not in header]
    if missing:
        return 0, [
            (1, ", ".join(missing), _("The header row must name the columns: learner, course, completion_date, score."))
        ]
    courses = {c.family: c for c in Course.objects.filter(organisation=user.organisation).order_by("language")}
    courses.update({str(c.pk): c for c in Course.objects.filter(organisation=user.organisation)})
    rows: list[ExternalCompletion] = []
    seen: set[tuple[str, int]] = set()
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        learner = row.get("learner", "")
        if not learner:
            errors.append((n, "learner", _("Enter the learner (username, e-mail or identifier).")))
        course = courses.get(row.get("course", ""))
        if course is None:
            errors.append(
                (
                    n,
                    "course",
                    _(
                        "No course with this code: use the course family (for example "
                        "forced-labour-indicators) or its number."
                    ),
                )
            )
        try:
            completed_on = datetime.date.fromisoformat(row.get("completion_date", ""))
            if completed_on > timezone.localdate():
                errors.append((n, "completion_date", _("The completion date is in the future.")))
        except ValueError:
            completed_on = None
            errors.append((n, "completion_date", _("Write the date as YYYY-MM-DD.")))
        score: Decimal | None = None
        if row.get("score", ""):
            try:
                score = Decimal(row["score"].replace(",", "."))
                if not 0 <= score <= 100:
                    raise ValueError
            except (ArithmeticError, ValueError):
                errors.append((n, "score", _("The score must be a number from 0 to 100 (or empty).")))
        if learner and course is not None:
            index = crypto.blind_index("learner", learner.lower())
            if (index, course.pk) in seen:
                errors.append((n, "learner", _("This learner already appears for this course earlier in the file.")))
            seen.add((index, course.pk))
            if ExternalCompletion.objects.filter(learner_index=index, course=course).exists():
                errors.append((n, "learner", _("A completion for this learner and course was already imported.")))
            if completed_on is not None:
                rows.append(
                    ExternalCompletion(
                        learner=learner,
                        learner_index=index,
                        course=course,
                        completed_on=completed_on,
                        score=score,
                        imported_by=user,
                    )
                )
    if errors:
        return 0, errors
    if not rows:
        return 0, [(2, "learner", _("The file has no rows to import."))]
    batch = uuid.uuid4().hex
    with transaction.atomic():
        for r in rows:
            r.batch = batch
        ExternalCompletion.objects.bulk_create(rows)
        record(
            user,
            Action.CREATE,
            object_type="training.externalcompletion",
            object_id=batch,
            fields=["learner", "course", "completed_on", "score"],
        )
    return len(rows), []


def io_lines(text: str) -> list[str]:
    return text.lstrip("\ufeff").splitlines()


def add_course_image(user: User, course: Course, upload: Any, alt: str) -> Any:
    from .models import CourseImage

    _require_course_manager(user, course)
    image = CourseImage(course=course, alt=alt)
    image.file.save(upload.name, upload, save=True)
    record(user, Action.CREATE, image, fields=["file", "alt"])
    return image


def add_question(
    user: User,
    course: Course | None,
    kind: str,
    text: str,
    choices: list[tuple[str, bool]],
    *,
    language: str = "en",
    topic: str = "",
    lesson: Lesson | None = None,
) -> Any:
    """A quiz question of a course, or (course None) a question in the bank for event pre/post tests."""
    from .models import Choice, Question

    if course is not None:
        _require_course_manager(user, course)
        language = course.language
    else:
        require(user, "training.manage")
    siblings = Question.objects.filter(course=course)
    with transaction.atomic():
        question = Question.objects.create(
            course=course,
            kind=kind,
            text=text,
            language=language,
            topic=topic,
            order=siblings.count() + 1,
            lesson=(
                lesson if course is not None and lesson is not None and lesson.module.course_id == course.pk else None
            ),
        )
        Choice.objects.bulk_create(
            [Choice(question=question, text=t, is_correct=ok, order=i) for i, (t, ok) in enumerate(choices)]
        )
    record(user, Action.CREATE, question, fields=["text", "kind", "choices"])
    return question
