"""Pages for trainers (events, attendance, results, certificates, courses) and for learners
(courses on a phone, SCORM player, own tests, feedback and certificates). Thin: the work is in
services and selectors."""

from __future__ import annotations

import datetime
import json
import mimetypes
import secrets
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.models import Action
from audit.services import record
from core import csp
from core.permissions import capability_required
from core.uploads import upload_limit

from . import export, package_files, pdf, richtext, scorm, selectors, services
from .forms import (
    MAX_IMAGE_BYTES,
    BankQuestionForm,
    CourseForm,
    CourseQuestionForm,
    CourseSettingsForm,
    EventForm,
    FeedbackForm,
    ImageForm,
    ImportForm,
    LessonForm,
    ParticipantForm,
    ScormUploadForm,
    StatusForm,
    TestScoreForm,
)
from .models import (
    Certificate,
    CourseKind,
    EnrolmentStatus,
    ParticipantStatus,
    ScormPackage,
    TestKind,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


@capability_required("training.view", "training.manage", "training.learn")
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.has_capability("training.manage") or user.has_capability("training.view"):
        return redirect("training:event_list")
    return redirect("training:my_learning")


# --- events --------------------------------------------------------------------------------------


@capability_required("training.view", "training.manage")
def event_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    events = selectors.events_visible_to(user)
    activity = request.GET.get("activity", "")
    if activity:
        events = events.filter(activity=activity)
    from django.db.models import Count, Q

    events = events.annotate(
        n_participants=Count("participants"),
        n_completed=Count("participants", filter=Q(participants__status=ParticipantStatus.COMPLETED)),
    )
    from .models import Activity

    return render(
        request, "training/event_list.html", {"events": events, "activity": activity, "activities": Activity.choices}
    )


@capability_required("training.manage")
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "test_questions"}
        try:
            event = services.create_event(_user(request), data, form.cleaned_data["test_questions"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Event created."))
            return redirect("training:event_detail", event.pk)
    return render(request, "training/event_form.html", {"form": form})


@capability_required("training.manage")
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event(_user(request), pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "test_questions"}
        event.refresh_from_db()
        try:
            services.update_event(_user(request), event, data, form.cleaned_data["test_questions"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect("training:event_detail", event.pk)
    return render(request, "training/event_form.html", {"form": form, "event": event})


@capability_required("training.view", "training.manage")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = selectors.get_event(user, pk)
    # the table shows names, organisations and certificate codes: e-mails, positions and the certificate holder
    # names stay encrypted (one decryption each per participant otherwise)
    participants = list(event.participants.select_related("certificate").prefetch_related("attendance")
                        .defer("email", "position", "certificate__holder_name").order_by("id"))
    days = event.days()
    for p in participants:
        present = {a.day for a in p.attendance.all() if a.present}
        p.days_present = [d in present for d in days]  # type: ignore[attr-defined]
        p.cert = getattr(p, "certificate", None)  # type: ignore[attr-defined]
    record(user, Action.VIEW, event, fields=["participants"])
    counts = {s: sum(1 for p in participants if p.status == s) for s in ParticipantStatus.values}
    return render(
        request,
        "training/event_detail.html",
        {
            "event": event,
            "participants": participants,
            "days": days,
            "counts": counts,
            "can_manage": user.has_capability("training.manage"),
            "statuses": ParticipantStatus,
        },
    )


@capability_required("training.manage")
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = selectors.get_event(user, pk)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = None
        if data["username"]:
            staff = User.objects.filter(username=data["username"], is_active=True).first()
            if staff is None:
                form.add_error("username", _("There is no active user with this username."))
        if not form.errors:
            try:
                services.add_participant(
                    user,
                    event,
                    staff_user=staff,
                    full_name=data["full_name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    position=data["position"],
                    sex=data["sex"],
                    status=data["status"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Participant added."))
                if "add_another" in request.POST:
                    return redirect("training:participant_add", event.pk)
                return redirect("training:event_detail", event.pk)
    return render(request, "training/participant_form.html", {"form": form, "event": event})


@capability_required("training.view", "training.manage")
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    participant = selectors.get_participant(user, pk)
    status_form = StatusForm(initial={"status": participant.status}, prefix="status")
    score_form = TestScoreForm(initial={"max_score": participant.event.max_test_score or 10}, prefix="score")
    feedback_form = FeedbackForm(prefix="fb")
    if request.method == "POST":
        try:
            if "status-status" in request.POST:
                status_form = StatusForm(request.POST, prefix="status")
                if status_form.is_valid():
                    services.set_participant_status(user, participant, status_form.cleaned_data["status"])
                    messages.success(request, _("Status saved."))
                    return redirect("training:participant_detail", participant.pk)
            elif "score-kind" in request.POST:
                score_form = TestScoreForm(request.POST, prefix="score")
                if score_form.is_valid():
                    d = score_form.cleaned_data
                    services.record_test_result(user, participant, d["kind"], d["score"], d["max_score"])
                    messages.success(request, _("Test score saved."))
                    return redirect("training:participant_detail", participant.pk)
            elif "fb-overall" in request.POST:
                feedback_form = FeedbackForm(request.POST, prefix="fb")
                if feedback_form.is_valid():
                    d = feedback_form.cleaned_data
                    services.submit_feedback(
                        user, participant, d["overall"], d["relevance"], d["trainers"], d["comment"]
                    )
                    messages.success(request, _("Feedback saved."))
                    return redirect("training:participant_detail", participant.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    results = {r.kind: r for r in participant.test_results.all()}
    return render(
        request,
        "training/participant_detail.html",
        {
            "p": participant,
            "status_form": status_form,
            "score_form": score_form,
            "feedback_form": feedback_form,
            "pre": results.get(TestKind.PRE),
            "post": results.get(TestKind.POST),
            "feedback": getattr(participant, "feedback", None),
            "can_manage": user.has_capability("training.manage"),
        },
    )


@capability_required("training.manage")
def attendance(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    """Tablet page: one big toggle per participant for one day; each tap saves at once."""
    user = _user(request)
    event = selectors.get_event(user, pk)
    try:
        the_day = datetime.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404 from exc
    days = event.days()
    if the_day not in days:
        raise Http404
    if request.method == "POST":
        participant = (
            selectors.participants_visible_to(user).filter(event=event, pk=request.POST.get("participant", "0")).first()
        )
        if participant is None:
            raise Http404
        present = request.POST.get("present") == "1"
        services.mark_attendance(user, participant, the_day, present)
        if request.headers.get("HX-Request"):
            participant.refresh_from_db()
            return render(
                request,
                "training/_attendance_row.html",
                {"p": participant, "present": present, "event": event, "day": the_day},
            )
        return redirect("training:attendance", event.pk, day)
    participants = list(event.participants.exclude(status=ParticipantStatus.DECLINED).order_by("id"))
    present_ids = set(
        event.participants.filter(attendance__day=the_day, attendance__present=True).values_list("id", flat=True)
    )
    record(user, Action.VIEW, event, fields=["participants", "attendance"])
    rows = [{"p": p, "present": p.pk in present_ids} for p in participants]
    return render(
        request,
        "training/attendance.html",
        {"event": event, "day": the_day, "days": days, "rows": rows, "present_count": len(present_ids)},
    )


@capability_required("training.manage")
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = selectors.get_event(user, pk)
    rows = [
        (p.full_name, p.organisation_name, p.position)
        for p in event.participants.exclude(status=ParticipantStatus.DECLINED).order_by("id")
    ]
    record(user, Action.EXPORT, event, fields=["full_name", "organisation_name", "position"])
    response = HttpResponse(pdf.sign_in_sheet_pdf(event, rows), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sign-in-{event.code}.pdf"'
    return response


@capability_required("training.view", "training.manage")
def event_results(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = selectors.get_event(user, pk)
    gain = selectors.event_gain(event)
    from django.db.models import Avg, Count

    from .models import Feedback

    fb = Feedback.objects.filter(participant__event=event).aggregate(
        n=Count("id"), overall=Avg("overall"), relevance=Avg("relevance"), trainers=Avg("trainers")
    )
    comments = list(
        Feedback.objects.filter(participant__event=event).exclude(comment="").values_list("comment", flat=True)
    )
    record(user, Action.VIEW, event, fields=["test_results", "feedback"])
    return render(
        request, "training/event_results.html", {"event": event, "gain": gain, "fb": fb, "comments": comments}
    )


@require_POST
@capability_required("training.manage")
def issue_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event(_user(request), pk)
    issued = services.issue_event_certificates(_user(request), event)
    messages.success(request, ngettext("%(n)d certificate issued.", "%(n)d certificates issued.",
                                       len(issued)) % {"n": len(issued)})
    return redirect("training:event_detail", event.pk)


@require_POST
@capability_required("training.manage")
def revoke_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    cert = Certificate.objects.filter(pk=pk, participant__event__in=selectors.events_visible_to(user)).first()
    if cert is None:
        raise Http404
    services.revoke_certificate(user, cert)
    messages.success(request, _("Certificate revoked: its code no longer verifies."))
    return redirect("training:event_detail", cert.participant.event_id)  # type: ignore[union-attr]


@capability_required("training.view", "training.manage", "training.learn")
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder downloads their own; a trainer downloads those of their organisation's events."""
    user = _user(request)
    cert = selectors.certificates_of(user).filter(pk=pk).first()
    if cert is None and user.has_capability("training.manage"):
        cert = Certificate.objects.filter(pk=pk, participant__event__in=selectors.events_visible_to(user)).first()
    if cert is None or not cert.is_valid:
        raise Http404
    record(user, Action.EXPORT, cert, fields=["holder_name"])
    from core.public_address import public_base_url

    response = HttpResponse(pdf.certificate_pdf(cert, public_base_url(request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{cert.code}.pdf"'
    return response


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirms holder, title and date for a valid code; a plain not-found otherwise."""
    cert = selectors.verify_certificate(code)
    if cert is None:
        from core.views import error_404

        return error_404(request)  # the site's ordinary not-found page: nothing about the code
    record(None, Action.VIEW, cert, fields=["holder_name"], reason="public certificate check")
    from django.utils import timezone

    expired = cert.expires_on is not None and cert.expires_on < timezone.localdate()
    return render(request, "training/certificate_verify.html", {"cert": cert, "expired": expired})


# --- participant's own pages ---------------------------------------------------------------------


@capability_required("training.learn", "training.view", "training.manage")
def my_learning(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    enrolments = list(selectors.my_enrolments(user))
    participations = list(selectors.my_participations(user).select_related("feedback").prefetch_related("test_results"))
    for p in participations:
        p.tests_open = services.online_tests_open(p)  # type: ignore[attr-defined]
        p.tests_taken = {r.kind: r for r in p.test_results.all()}  # type: ignore[attr-defined]
    certificates = list(selectors.certificates_of(user).filter(revoked_at__isnull=True))
    return render(
        request,
        "training/my_learning.html",
        {"enrolments": enrolments, "participations": participations, "certificates": certificates},
    )


@capability_required("training.learn", "training.view", "training.manage")
def my_test(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A participant takes the event's pre- or post-test online."""
    user = _user(request)
    participant = selectors.get_my_participation(user, pk)
    if kind not in TestKind.values:
        raise Http404
    questions = list(participant.event.test_questions.prefetch_related("choices"))
    if kind not in services.online_tests_open(participant):
        messages.info(request, _("This test is not open for you now."))
        return redirect("training:my_learning")
    if request.method == "POST" and questions:
        answers = {q.pk: {int(v) for v in request.POST.getlist(f"q{q.pk}") if v.isdigit()} for q in questions}
        score = sum(1 for q in questions if q.is_answered_correctly(answers[q.pk]))
        services.record_test_result(
            user, participant, kind, score, len(questions), {str(k): sorted(v) for k, v in answers.items()}
        )
        messages.success(request, _("Thank you: your answers are saved."))
        return redirect("training:my_learning")
    return render(
        request, "training/my_test.html", {"participant": participant, "questions": questions, "kind": TestKind(kind)}
    )


@capability_required("training.learn", "training.view", "training.manage")
def my_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    participant = selectors.get_my_participation(user, pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.submit_feedback(user, participant, d["overall"], d["relevance"], d["trainers"], d["comment"])
        messages.success(request, _("Thank you for your feedback."))
        return redirect("training:my_learning")
    return render(request, "training/my_feedback.html", {"participant": participant, "form": form})


# --- e-learning: learner -------------------------------------------------------------------------


@capability_required("training.learn")
def course_catalogue(request: HttpRequest) -> HttpResponse:
    """One card per course; the learner picks the language version."""
    user = _user(request)
    families: dict[str, list[Any]] = {}
    for course in selectors.courses_for_learner(user):
        families.setdefault(course.family, []).append(course)
    enrolled = {e.course_id: e for e in selectors.my_enrolments(user)}
    lang = request.LANGUAGE_CODE
    cards = []
    for versions in families.values():
        enrolment = next((enrolled[c.pk] for c in versions if c.pk in enrolled), None)
        # a course the learner has started opens in the language they started it in, where their progress is
        preferred = (enrolment.course if enrolment else None) or next(
            (c for c in versions if c.language == lang), versions[0]
        )
        cards.append({"course": preferred, "versions": versions, "enrolment": enrolment})
    return render(request, "training/course_catalogue.html", {"cards": cards})


@capability_required("training.learn")
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    course = selectors.get_course_for_learner(user, pk)
    if request.method == "POST":
        enrolment = services.enrol(user, course)
        if course.kind == CourseKind.SCORM:
            return redirect("training:scorm_player", course.pk)
        first = next(iter(course.lessons()), None)
        if enrolment.last_lesson_id:
            return redirect("training:lesson", course.pk, enrolment.last_lesson_id)
        if first is not None:
            return redirect("training:lesson", course.pk, first.pk)
        return redirect("training:course_detail", course.pk)
    existing = selectors.my_enrolments(user).filter(course=course).first()
    lessons = course.lessons()
    done = set(existing.lesson_progress.values_list("lesson_id", flat=True)) if existing else set()
    versions = selectors.courses_for_learner(user).filter(family=course.family).exclude(pk=course.pk)
    started_elsewhere = (
        None
        if existing
        else (
            selectors.my_enrolments(user)
            .filter(course__family=course.family)
            .exclude(course=course)
            .select_related("course")
            .first()
        )
    )
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "enrolment": existing,
            "lessons": lessons,
            "done": done,
            "versions": versions,
            "done_count": len(done),
            "has_quiz": course.questions.exists(),
            "certificate": getattr(existing, "certificate", None) if existing else None,
            "started_elsewhere": started_elsewhere,
        },
    )


def _image_url(course_id: int) -> Any:
    def url(n: int) -> str | None:
        from .models import CourseImage

        if CourseImage.objects.filter(pk=n, course_id=course_id).exists():
            return reverse("training:course_image", args=[course_id, n])
        return None

    return url


@capability_required("training.learn")
@csp.csp_update(frame_src=csp.VIDEO_FRAME_SOURCES)  # the lesson's embedded video, if any
def lesson(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    user = _user(request)
    course = selectors.get_course_for_learner(user, pk)
    enrolment = selectors.my_enrolments(user).filter(course=course).first()
    if enrolment is None:
        return redirect("training:course_detail", course.pk)
    lessons = course.lessons()
    current = next((x for x in lessons if x.pk == lesson_pk), None)
    if current is None:
        raise Http404
    index = lessons.index(current)
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    if request.method == "POST":
        services.complete_lesson(user, enrolment, current)
        if following is not None:
            return redirect("training:lesson", course.pk, following.pk)
        if course.questions.exists() and not enrolment.passed:
            return redirect("training:quiz", course.pk)
        return redirect("training:course_detail", course.pk)
    if enrolment.last_lesson_id != current.pk:
        enrolment.last_lesson = current
        enrolment.save(update_fields=["last_lesson"])
    return render(
        request,
        "training/lesson.html",
        {
            "course": course,
            "lesson": current,
            "number": index + 1,
            "total": len(lessons),
            "previous": lessons[index - 1] if index > 0 else None,
            "following": following,
            "body": richtext.render(current.body, _image_url(course.pk)),
            "video": richtext.video_embed_url(current.video_url),
        },
    )


@capability_required("training.learn", "training.manage")
def course_image(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    from .models import CourseImage

    image = CourseImage.objects.filter(pk=image_pk, course_id=pk).first()
    user = _user(request)
    if image is None or not (
        selectors.courses_for_learner(user).filter(pk=pk).exists()
        or selectors.courses_managed_by(user).filter(pk=pk).exists()
    ):
        raise Http404
    with image.file.open("rb") as fh:
        return HttpResponse(fh.read(), content_type=mimetypes.guess_type(str(image.file.name))[0])


def _draw_token(enrolment_id: int, used: int, ids: list[int]) -> str:
    return signing.dumps([enrolment_id, used, ids], salt="training.quiz.draw")


@capability_required("training.learn")
def quiz(request: HttpRequest, pk: int) -> HttpResponse:
    """The course quiz: questions drawn for this attempt, then the review of what was right and wrong."""
    from .models import Question, QuizAttempt

    user = _user(request)
    course = selectors.get_course_for_learner(user, pk)
    enrolment = selectors.my_enrolments(user).filter(course=course).first()
    if enrolment is None:
        return redirect("training:course_detail", course.pk)
    state = services.quiz_state(enrolment)
    attempt = None
    chosen: dict[int, set[int]] = {}
    ids: list[int] = []
    if request.method == "POST":
        try:
            e_id, used, ids = signing.loads(request.POST.get("draw", ""), salt="training.quiz.draw", max_age=86400)
            if e_id != enrolment.pk or used != state.used:
                raise signing.BadSignature
        except (signing.BadSignature, ValueError, TypeError):
            messages.error(request, _("The quiz changed while you were answering: open it again."))
            return redirect("training:quiz", course.pk)
        chosen = {i: {int(v) for v in request.POST.getlist(f"q{i}") if v.isdigit()} for i in ids}
        unanswered = [n + 1 for n, i in enumerate(ids) if not chosen[i]]
        if unanswered:
            messages.error(
                request,
                _("Answer every question before submitting (missing: %(list)s).")
                % {"list": ", ".join(map(str, unanswered))},
            )
        else:
            try:
                attempt = services.submit_quiz(user, enrolment, chosen, ids)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("training:quiz", course.pk)
            enrolment.refresh_from_db()
            state = services.quiz_state(enrolment)
    elif request.GET.get("attempt", "").isdigit():
        attempt = QuizAttempt.objects.filter(enrolment=enrolment, pk=int(request.GET["attempt"])).first()
    if not ids and state.may_attempt:
        ids = services.draw_questions(course)
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=ids).prefetch_related("choices")}
    questions = [by_id[i] for i in ids if i in by_id]
    for q in questions:
        q.chosen_ids = chosen.get(q.pk, set())  # type: ignore[attr-defined]
    return render(
        request,
        "training/quiz.html",
        {
            "course": course,
            "questions": questions,
            "draw": _draw_token(enrolment.pk, state.used, ids),
            "attempt": attempt,
            "review": services.review_attempt(attempt) if attempt else None,
            "state": state,
            "attempts": enrolment.quiz_attempts.order_by("-submitted_at"),
            "enrolment": enrolment,
            "certificate": Certificate.objects.filter(enrolment=enrolment).first() if enrolment.passed else None,
        },
    )


# --- SCORM player --------------------------------------------------------------------------------


def _commit_token(enrolment_id: int, user_id: int, session_key: str = "", sco: str = "") -> str:
    return signing.dumps([enrolment_id, user_id, session_key, sco], salt="training.scorm.commit")


def _commit_values(request: HttpRequest) -> tuple[dict[str, Any], float | None]:
    """The posted cmi values (JSON, whatever content type a beacon gave it) and the seconds the player or the
    package document was open (`ctims.elapsed`, added by training/static/training/*.js)."""
    values = json.loads(request.body.decode("utf-8") or "{}")
    if not isinstance(values, dict):
        raise ValueError
    elapsed = values.pop("ctims.elapsed", None)
    try:
        seconds = float(elapsed) if elapsed is not None else None
    except (TypeError, ValueError):
        seconds = None
    if seconds is not None and not 0 <= seconds <= 24 * 3600:
        seconds = None
    return values, seconds


@capability_required("training.learn")
def scorm_player(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    course = selectors.get_course_for_learner(user, pk)
    package = ScormPackage.objects.filter(course=course).first()
    if package is None:
        raise Http404
    enrolment = services.enrol(user, course)
    runtime = getattr(enrolment, "scorm", None)
    scos = package.scos if len(package.scos) > 1 else []
    ids = [s["identifier"] for s in scos]
    sco = request.GET.get("sco", "")
    if scos and sco not in ids:
        sco = runtime.current_sco if runtime is not None and runtime.current_sco in ids else ids[0]
    if not scos:
        sco = ""
    launch = scos[ids.index(sco)]["href"] if scos else package.launch_path
    cmi = (runtime.sco_cmi.get(sco, {}) if sco else runtime.cmi) if runtime else {}
    initial = scorm.resume_values(package.version, cmi, str(user.pk), user.get_full_name() or user.get_username())
    path, _sep, query = launch.partition("?")
    session_key = secrets.token_urlsafe(9)  # one learning session: its time is added into total time
    token = package_files.files_token(package, user, f"{request.scheme}://{request.get_host()}", session_key, sco)
    files_origin = package_files.content_origin()
    play = reverse("training:scorm_player", args=[course.pk])
    toc = []
    for s in scos:
        st = scorm.interpret(package.version, runtime.sco_cmi.get(s["identifier"], {}) if runtime else {})
        toc.append(
            {
                **s,
                "url": f"{play}?sco={s['identifier']}",
                "current": s["identifier"] == sco,
                "done": st.completion_status == "completed",
            }
        )
    position = ids.index(sco) if scos else 0
    next_url = toc[position + 1]["url"] if scos and position + 1 < len(toc) else ""
    config = {
        "version": package.version,
        "initial": initial,
        "launchUrl": files_origin
        + reverse("training:scorm_file", args=[package.pk, token, path])
        + ("?" + query if query else ""),
        "frameOrigin": files_origin or package_files.SANDBOXED_ORIGIN,
        "commitUrl": reverse(
            "training:scorm_commit", args=[enrolment.pk, _commit_token(enrolment.pk, user.pk, session_key, sco)]
        ),
        "doneUrl": reverse("training:course_detail", args=[course.pk]),
        "nextUrl": next_url,
    }
    response = render(
        request,
        "training/scorm_player.html",
        {
            "course": course,
            "package": package,
            "config": config,
            "sandbox": " ".join(package_files.sandbox_flags()),
            "toc": toc,
            "previous_url": toc[position - 1]["url"] if scos and position > 0 else "",
            "next_url": next_url,
        },
    )
    if files_origin:
        response.csp_extra = {"frame-src": [files_origin]}  # type: ignore[attr-defined]
    return response


@csrf_exempt
@require_POST
def scorm_commit(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The runtime's LMSCommit/Commit target. The signed token binds the URL to this enrolment and
    this signed-in user, which is why CSRF is not needed (a beacon on unload cannot send headers)."""
    try:
        enrolment_id, user_id, *rest = signing.loads(token, salt="training.scorm.commit", max_age=24 * 3600)
    except (signing.BadSignature, ValueError, TypeError):
        return JsonResponse({"result": False, "errorCode": 101}, status=403)
    if not request.user.is_authenticated or request.user.pk != user_id or enrolment_id != pk:
        return JsonResponse({"result": False, "errorCode": 101}, status=403)
    enrolment = selectors.get_my_enrolment(_user(request), pk)
    try:
        values, elapsed = _commit_values(request)
        services.save_scorm_data(
            _user(request),
            enrolment,
            values,
            str(rest[0]) if rest else "",
            elapsed,
            str(rest[1]) if len(rest) > 1 else "",
        )
    except (ValueError, ValidationError):
        return JsonResponse({"result": False, "errorCode": 391}, status=400)
    return JsonResponse({"result": True, "errorCode": 0})


@csrf_exempt
@require_POST
def scorm_exit(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """What a package document's SCO set, sent by a beacon as the document is unloaded
    (training/static/training/scorm-frame.js). The beacon comes from the package's opaque origin and carries no
    cookie: the signed token names the enrolment, the learner and the session, and allows nothing else."""
    from .models import Enrolment

    signed = package_files.read_exit_token(token)
    if signed is None or signed[0] != pk:
        return JsonResponse({"result": False, "errorCode": 101}, status=403)
    enrolment = Enrolment.objects.filter(pk=pk, user_id=signed[1], user__is_active=True).select_related("user").first()
    if enrolment is None or not hasattr(enrolment.course, "scorm_package"):
        return JsonResponse({"result": False, "errorCode": 101}, status=403)
    try:
        values, elapsed = _commit_values(request)
        services.save_scorm_data(enrolment.user, enrolment, values, signed[2], elapsed, signed[3])
    except (ValueError, ValidationError):
        return JsonResponse({"result": False, "errorCode": 391}, status=400)
    return JsonResponse({"result": True, "errorCode": 0})


def scorm_file(request: HttpRequest, pk: int, token: str, path: str) -> HttpResponseBase:
    """Package files, sandboxed, for the enrolled learner (or course manager) the token names."""
    return package_files.serve(request, pk, token, path)


# --- e-learning: trainer -------------------------------------------------------------------------


@capability_required("training.manage")
def course_admin(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    from django.db.models import Count, Q

    courses = selectors.courses_managed_by(user).annotate(
        n_enrolled=Count("enrolments", distinct=True),
        n_completed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED), distinct=True),
    )
    return render(request, "training/course_admin.html", {"courses": courses})


@require_POST
@capability_required("training.manage")
def course_publish(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_managed_course(_user(request), pk)
    services.set_course_published(_user(request), course, not course.is_published)
    return redirect("training:course_admin")


@upload_limit(scorm.MAX_UPLOAD_BYTES)
@capability_required("training.manage")
def scorm_upload(request: HttpRequest) -> HttpResponse:
    form = ScormUploadForm(request.POST or None, request.FILES or None)
    package_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            _course, warnings = services.upload_scorm_package(
                _user(request),
                family=d["family"],
                language=d["language"],
                title=d["title"],
                summary=d["summary"],
                data=d["package"],
                pass_mark=d["pass_mark"],
            )
        except scorm.PackageError as exc:
            package_errors = exc.errors
            form.add_error("package", _("The package cannot be used: see the problems listed above."))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Package uploaded. Publish the course when you have tried it."))
            for w in warnings:
                messages.warning(request, w)
            return redirect("training:course_admin")
    return render(request, "training/scorm_upload.html", {"form": form, "package_errors": package_errors})


@capability_required("training.manage")
def course_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    course = selectors.get_managed_course(user, pk)
    if course.kind != CourseKind.NATIVE:
        raise Http404
    record(user, Action.EXPORT, course, fields=["lessons", "questions"])
    response = HttpResponse(export.scorm12_package(course), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{course.family}-{course.language}-scorm12.zip"'
    return response


@capability_required("training.manage")
def completions_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[tuple[int, str, str]] = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            form.add_error("file", _("Save the file as CSV in UTF-8 and upload it again."))
        else:
            count, row_errors = services.import_completions(_user(request), text)
            if not row_errors:
                messages.success(request, ngettext("%(n)d completion imported.", "%(n)d completions imported.",
                                                          count) % {"n": count})
                return redirect("training:course_admin")
            form.add_error("file", _("Nothing was imported: correct the rows listed and upload the whole file again."))
    return render(request, "training/completions_import.html", {"form": form, "row_errors": row_errors})


@capability_required("training.manage")
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            course = services.create_course(
                _user(request),
                family=d["family"],
                language=d["language"],
                title=d["title"],
                summary=d["summary"],
                pass_mark=d["pass_mark"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Course created. Add its lessons and quiz questions."))
            return redirect("training:course_edit", course.pk)
    return render(request, "training/course_form.html", {"form": form})


@upload_limit(MAX_IMAGE_BYTES)
@capability_required("training.manage")
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One page to build a native course: lessons, images to use in them, quiz questions."""
    user = _user(request)
    course = selectors.get_managed_course(user, pk)
    if course.kind != CourseKind.NATIVE:
        raise Http404
    lesson_form = LessonForm(prefix="lesson")
    image_form = ImageForm(prefix="image")
    question_form = CourseQuestionForm(prefix="question", course=course)
    if request.method == "POST":
        if "lesson-title" in request.POST:
            lesson_form = LessonForm(request.POST, prefix="lesson")
            if lesson_form.is_valid():
                d = lesson_form.cleaned_data
                services.add_lesson(user, course, d["module_title"], d["title"], d["body"], d["video_url"])
                messages.success(request, _("Lesson added."))
                return redirect("training:course_edit", course.pk)
        elif "image-alt" in request.POST:
            image_form = ImageForm(request.POST, request.FILES, prefix="image")
            if image_form.is_valid():
                image = services.add_course_image(
                    user, course, image_form.cleaned_data["image"], image_form.cleaned_data["alt"]
                )
                messages.success(
                    request,
                    _("Image uploaded: write ![description](image:%(n)d) in a lesson to show it.") % {"n": image.pk},
                )
                return redirect("training:course_edit", course.pk)
        elif "question-text" in request.POST:
            question_form = CourseQuestionForm(request.POST, prefix="question", course=course)
            if question_form.is_valid():
                d = question_form.cleaned_data
                services.add_question(user, course, d["kind"], d["text"], d["parsed_choices"], lesson=d["lesson"])
                messages.success(request, _("Question added."))
                return redirect("training:course_edit", course.pk)
    return render(
        request,
        "training/course_edit.html",
        {
            "course": course,
            "lessons": course.lessons(),
            "images": course.images.all(),
            "questions": course.questions.prefetch_related("choices"),
            "lesson_form": lesson_form,
            "image_form": image_form,
            "question_form": question_form,
        },
    )


@capability_required("training.manage")
def course_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Quiz rules and certificate details of a course (native or SCORM)."""
    user = _user(request)
    course = selectors.get_managed_course(user, pk)
    form = CourseSettingsForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course.refresh_from_db()
        try:
            services.update_course_settings(user, course, form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("training:course_admin")
    return render(request, "training/course_settings.html", {"form": form, "course": course})


@capability_required("training.manage")
def question_bank(request: HttpRequest) -> HttpResponse:
    """Questions for event pre/post tests; an event picks its test from here."""
    from .models import Question

    form = BankQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.add_question(
            _user(request), None, d["kind"], d["text"], d["parsed_choices"], language=d["language"], topic=d["topic"]
        )
        messages.success(request, _("Question added."))
        return redirect("training:question_bank")
    questions = Question.objects.filter(course__isnull=True).prefetch_related("choices")
    return render(request, "training/question_bank.html", {"form": form, "questions": questions})


# --- bulk work for trainers ----------------------------------------------------------------------


@capability_required("training.manage")
def participants_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Add many participants at once: a pasted or uploaded list, staff accounts, or another event's list."""
    from accounts.models import Organisation
    from protection.imports.readers import UnreadableFile

    from . import bulk
    from .forms import ParticipantListForm

    user = _user(request)
    event = selectors.get_event(user, pk)
    action = request.POST.get("action", "")
    list_form = ParticipantListForm(
        request.POST if action == "list" else None, request.FILES if action == "list" else None
    )
    row_errors: list[bulk.RowError] = []
    if request.method == "POST":
        if action == "list" and list_form.is_valid():
            try:
                upload = list_form.cleaned_data.get("file")
                if upload:
                    rows = bulk.read_upload(upload.read(), upload.name)
                else:
                    rows = bulk.split_pasted(list_form.cleaned_data["pasted"])
            except UnreadableFile as exc:
                list_form.add_error("file", exc.message)
            else:
                n, row_errors = bulk.import_participants(user, event, rows)
                if not row_errors:
                    messages.success(
                        request,
                        ngettext("%(n)d participant added.", "%(n)d participants added.", n) % {"n": n},
                    )
                    return redirect("training:event_detail", event.pk)
        elif action == "staff":
            ids = [int(v) for v in request.POST.getlist("user") if v.isdigit()]
            staff = list(selectors.staff_to_invite(user).filter(pk__in=ids))
            n = bulk.add_staff(user, event, staff)
            messages.success(request, ngettext("%(n)d participant added.", "%(n)d participants added.", n) % {"n": n})
            return redirect("training:event_detail", event.pk)
        elif action == "copy":
            source = selectors.events_visible_to(user).filter(pk=request.POST.get("source", "0") or 0).first()
            if source is None or source.pk == event.pk:
                messages.error(request, _("Choose another event of your organisation."))
            else:
                n = bulk.copy_from_event(user, event, source)
                messages.success(
                    request, ngettext("%(n)d participant added.", "%(n)d participants added.", n) % {"n": n}
                )
                return redirect("training:event_detail", event.pk)
    org_filter = request.GET.get("organisation", "")
    staff_list = (
        list(selectors.staff_to_invite(user, int(org_filter)))
        if org_filter.isdigit()
        else list(selectors.staff_to_invite(user, user.organisation_id))
    )
    on_list = set(event.participants.filter(user__isnull=False).values_list("user_id", flat=True))
    other_events = selectors.events_visible_to(user).exclude(pk=event.pk).order_by("-start_date")[:100]
    return render(
        request,
        "training/participants_bulk.html",
        {
            "event": event,
            "form": list_form,
            "row_errors": row_errors,
            "staff": staff_list,
            "on_list": on_list,
            "organisations": Organisation.objects.filter(is_active=True).order_by("name"),
            "organisation_filter": int(org_filter) if org_filter.isdigit() else user.organisation_id,
            "other_events": other_events,
        },
    )


@capability_required("training.manage")
def score_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """Every participant's pre- and post-test score on one page, saved in one request (or from a file)."""
    from protection.imports.readers import UnreadableFile

    from . import bulk
    from .forms import ScoreFileForm

    user = _user(request)
    event = selectors.get_event(user, pk)
    participants = list(event.participants.prefetch_related("test_results").order_by("id"))
    row_errors: list[bulk.RowError] = []
    file_form = ScoreFileForm(
        request.POST if "upload" in request.POST else None, request.FILES if "upload" in request.POST else None
    )
    typed: dict[str, str] = {}
    if request.method == "POST" and "upload" in request.POST:
        if file_form.is_valid():
            upload = file_form.cleaned_data["file"]
            try:
                rows = bulk.read_upload(upload.read(), upload.name)
            except UnreadableFile as exc:
                file_form.add_error("file", exc.message)
            else:
                n, row_errors = bulk.import_scores(user, event, rows)
                if not row_errors:
                    messages.success(request, ngettext("%(n)d score saved.", "%(n)d scores saved.", n) % {"n": n})
                    return redirect("training:score_grid", event.pk)
    elif request.method == "POST":
        cells: dict[tuple[int, str], str] = {}
        for key in request.POST:
            value = request.POST.get(key, "")
            kind, _sep, pid = key.partition("-")
            if kind in TestKind.values and pid.isdigit():
                cells[(int(pid), kind)] = value
                typed[key] = value
        maxima: dict[str, str] = {k: request.POST.get(f"max-{k}", "") for k in TestKind.values}
        typed.update({f"max-{k}": v for k, v in maxima.items()})
        n, row_errors = bulk.save_score_grid(user, event, cells, maxima)
        if not row_errors:
            messages.success(request, ngettext("%(n)d score saved.", "%(n)d scores saved.", n) % {"n": n})
            return redirect("training:score_grid", event.pk)
    record(user, Action.VIEW, event, fields=["participants", "test_results"])
    rows_out = []
    maxima_now: dict[str, int] = {}
    for n, p in enumerate(participants, start=1):
        results = {r.kind: r for r in p.test_results.all()}
        for k, r in results.items():
            maxima_now.setdefault(k, r.max_score)
        rows_out.append(
            {
                "n": n,
                "p": p,
                "pre": typed.get(f"pre-{p.pk}", results[TestKind.PRE].score if TestKind.PRE in results else ""),
                "post": typed.get(f"post-{p.pk}", results[TestKind.POST].score if TestKind.POST in results else ""),
            }
        )
    default_max = event.max_test_score or ""
    return render(
        request,
        "training/score_grid.html",
        {
            "event": event,
            "rows": rows_out,
            "row_errors": row_errors,
            "file_form": file_form,
            "max_pre": typed.get("max-pre", maxima_now.get(TestKind.PRE, default_max)),
            "max_post": typed.get("max-post", maxima_now.get(TestKind.POST, default_max)),
        },
    )


@capability_required("training.manage")
def certificates_expiring(request: HttpRequest) -> HttpResponse:
    """Certificates expiring within three months (or expired): who to invite for re-certification."""
    from django.utils import timezone

    user = _user(request)
    certificates = list(selectors.certificates_expiring(user))
    for c in certificates:
        record(user, Action.VIEW, c, fields=["holder_name"])
    return render(
        request,
        "training/certificates_expiring.html",
        {"certificates": certificates, "today": timezone.localdate()},
    )


# --- check-in by QR ------------------------------------------------------------------------------


@capability_required("training.manage")
def checkin_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainer's screen: today's QR code (a new one every 30 s) and who has checked in, refreshed by HTMX."""
    import segno
    from django.utils import timezone

    from . import checkin

    user = _user(request)
    event = selectors.get_event(user, pk)
    today = timezone.localdate()
    if today not in event.days():
        messages.error(request, _("Check-in by QR code is open only on the days of the event."))
        return redirect("training:event_detail", event.pk)
    from core.public_address import public_base_url

    url = public_base_url(request) + reverse("training:checkin", args=[checkin.token(event, today)])
    qr = segno.make(url, error="m").svg_inline(scale=8, border=2, title=_("Check-in code"))
    present = list(
        event.participants.filter(attendance__day=today, attendance__present=True).order_by("attendance__marked_at")
    )
    record(user, Action.VIEW, event, fields=["participants", "attendance"])
    context = {"event": event, "day": today, "qr": qr, "present": present, "total": event.participants.count()}
    if request.headers.get("HX-Request"):
        return render(request, "training/_checkin_live.html", context)
    return render(request, "training/checkin_screen.html", context)


def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """A participant's phone after scanning: a signed-in participant is checked in at once; anyone else confirms
    their name as it is on the list (training.checkin says why this is safe enough)."""
    from . import checkin as qr

    found = qr.read(token)
    if found is None:
        return render(request, "training/checkin_done.html", {"expired": True}, status=410)
    event, day = found
    user = request.user if request.user.is_authenticated else None
    if isinstance(user, User):
        participant = qr.for_user(event, user)
        if participant is not None:
            qr.check_in(participant, day, user)
            return render(request, "training/checkin_done.html", {"event": event, "name": participant.full_name})
    not_found = False
    if request.method == "POST":
        participant = qr.find_by_name(event, request.POST.get("name", ""), day)
        if participant is not None:
            qr.check_in(participant, day, None)
            return render(request, "training/checkin_done.html", {"event": event, "name": participant.full_name})
        not_found = True
    return render(request, "training/checkin_name.html", {"event": event, "not_found": not_found})
