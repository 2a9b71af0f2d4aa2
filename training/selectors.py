"""Reads in training, scoped to the user: trainers and managers see their organisation's events
and participants; learners see their own enrolments and certificates. Also the knowledge-gain
arithmetic and the aggregate figures the programme dashboard reads (no personal data)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from audit.services import record_view

from .models import (
    Activity,
    Certificate,
    Course,
    Enrolment,
    EnrolmentStatus,
    EventStatus,
    ExternalCompletion,
    Participant,
    ParticipantStatus,
    TestKind,
    TrainingEvent,
)


def events_visible_to(user: User) -> QuerySet[TrainingEvent]:
    if not (user.has_capability("training.view") or user.has_capability("training.manage")):
        return TrainingEvent.objects.none()
    return TrainingEvent.objects.filter(organisation_id=user.organisation_id)


def get_event(user: User, pk: int) -> TrainingEvent:
    event = events_visible_to(user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def participants_visible_to(user: User) -> QuerySet[Participant]:
    return Participant.objects.filter(event__in=events_visible_to(user)).select_related("event")


def get_participant(user: User, pk: int, *, audit: bool = True) -> Participant:
    participant = participants_visible_to(user).filter(pk=pk).first()
    if participant is None:
        raise Http404
    if audit:
        record_view(user, participant, fields=["full_name", "email"])
    return participant


def my_participations(user: User) -> QuerySet[Participant]:
    """Events the signed-in user takes part in (for their own tests, feedback and certificates)."""
    return Participant.objects.filter(user=user).select_related("event")


def get_my_participation(user: User, pk: int) -> Participant:
    participant = my_participations(user).filter(pk=pk).first()
    if participant is None:
        raise Http404
    return participant


# --- knowledge gain ------------------------------------------------------------------------------


def normalised_gain(pre: int, post: int, max_score: int) -> float | None:
    """Hake's normalised gain (post - pre) / (max - pre): the share of what was left to learn
    that was learnt. None when the pre-test was already full marks (nothing left to gain)."""
    if max_score <= pre:
        return None
    return (post - pre) / (max_score - pre)


@dataclass
class ParticipantGain:
    participant: Participant
    pre: int | None
    post: int | None
    max_score: int | None
    raw_change: int | None
    gain: float | None


@dataclass
class EventGain:
    rows: list[ParticipantGain]
    average_gain: float | None
    average_raw_change: float | None
    average_pre_percent: float | None
    average_post_percent: float | None
    paired: int


def event_gain(event: TrainingEvent) -> EventGain:
    """Each participant's gain and the event's averages, over participants with both tests."""
    rows = []
    for p in event.participants.prefetch_related("test_results").order_by("id"):
        results = {r.kind: r for r in p.test_results.all()}
        pre, post = results.get(TestKind.PRE), results.get(TestKind.POST)
        if pre and post:
            max_score = max(pre.max_score, post.max_score)
            rows.append(
                ParticipantGain(
                    p,
                    pre.score,
                    post.score,
                    max_score,
                    post.score - pre.score,
                    normalised_gain(pre.score, post.score, max_score),
                )
            )
        else:
            rows.append(
                ParticipantGain(
                    p,
                    pre.score if pre else None,
                    post.score if post else None,
                    (pre.max_score if pre else post.max_score if post else None),
                    None,
                    None,
                )
            )  # type: ignore[union-attr]
    return summarise(rows)


def summarise(rows: list[ParticipantGain]) -> EventGain:
    paired = [r for r in rows if r.raw_change is not None]
    gains = [r.gain for r in paired if r.gain is not None]
    return EventGain(
        rows=rows,
        average_gain=sum(gains) / len(gains) if gains else None,
        average_raw_change=sum(r.raw_change or 0 for r in paired) / len(paired) if paired else None,
        average_pre_percent=(sum((r.pre or 0) / (r.max_score or 1) for r in paired) * 100 / len(paired))
        if paired
        else None,
        average_post_percent=(sum((r.post or 0) / (r.max_score or 1) for r in paired) * 100 / len(paired))
        if paired
        else None,
        paired=len(paired),
    )


# --- e-learning ----------------------------------------------------------------------------------


def courses_for_learner(user: User) -> QuerySet[Course]:
    if not user.has_capability("training.learn"):
        return Course.objects.none()
    return Course.objects.filter(is_published=True)


def courses_managed_by(user: User) -> QuerySet[Course]:
    if not user.has_capability("training.manage"):
        return Course.objects.none()
    return Course.objects.filter(organisation_id=user.organisation_id)


def get_course_for_learner(user: User, pk: int) -> Course:
    course = courses_for_learner(user).filter(pk=pk).first()
    if course is None:
        raise Http404
    return course


def get_managed_course(user: User, pk: int) -> Course:
    course = courses_managed_by(user).filter(pk=pk).first()
    if course is None:
        raise Http404
    return course


def my_enrolments(user: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user=user).select_related("course")


def get_my_enrolment(user: User, pk: int) -> Enrolment:
    enrolment = my_enrolments(user).filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    return enrolment


def enrolments_visible_to(user: User) -> QuerySet[Enrolment]:
    """Trainers see enrolments on their organisation's courses; everyone sees their own."""
    if user.has_capability("training.manage") or user.has_capability("training.view"):
        return Enrolment.objects.filter(Q(course__organisation_id=user.organisation_id) | Q(user=user)).select_related(
            "course", "user"
        )
    return my_enrolments(user)


def certificates_of(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(Q(participant__user=user) | Q(enrolment__user=user))


def get_my_certificate(user: User, pk: int) -> Certificate:
    cert = certificates_of(user).filter(pk=pk).first()
    if cert is None:
        raise Http404
    return cert


def verify_certificate(code: str) -> Certificate | None:
    """Public lookup: a valid (not revoked) certificate for the code, or None, whatever the reason."""
    code = code.strip().upper()
    if not code.isalnum() or len(code) > 16:
        return None
    return Certificate.objects.filter(code=code, revoked_at__isnull=True).first()


# --- figures for the results framework (aggregates only) -----------------------------------------


@dataclass
class ActivityFigures:
    activity: str
    events_held: int
    participants: int
    by_sex: dict[str, int]
    by_organisation: dict[str, int]
    countries: list[str]
    gains: list[float]

    @property
    def average_gain(self) -> float | None:
        return sum(self.gains) / len(self.gains) if self.gains else None

    @property
    def label(self) -> str:
        return str(dict(Activity.choices).get(self.activity, self.activity))


def activity_figures(activity: str) -> ActivityFigures:
    """Events held and participants trained for one activity, project-wide.

    A participant counts as trained once they completed (attended every day); an event counts
    as held when it is marked held or its last day has passed without it being cancelled.
    """
    today = timezone.localdate()
    events = (
        TrainingEvent.objects.filter(activity=activity)
        .exclude(status=EventStatus.CANCELLED)
        .filter(Q(status=EventStatus.HELD) | Q(end_date__lt=today))
    )
    trained = Participant.objects.filter(event__in=events, status=ParticipantStatus.COMPLETED)
    by_sex = dict(trained.values_list("sex").annotate(n=Count("id")).values_list("sex", "n"))
    by_org = dict(
        trained.values_list("organisation_name").annotate(n=Count("id")).values_list("organisation_name", "n")
    )
    gains = []
    for event in events.prefetch_related("participants__test_results"):
        gains += [r.gain for r in event_gain(event).rows if r.gain is not None]
    return ActivityFigures(
        activity=activity,
        events_held=events.count(),
        participants=trained.count(),
        by_sex=by_sex,
        by_organisation=dict(sorted(by_org.items(), key=lambda kv: -kv[1])),
        countries=sorted({c for c in events.values_list("country", flat=True) if c}),
        gains=gains,
    )


def events_by_month(activity: str | None = None) -> list[tuple[str, int, int]]:
    """(YYYY-MM, events held, participants completed) per month, oldest first."""
    from django.db.models.functions import TruncMonth

    today = timezone.localdate()
    events = (
        TrainingEvent.objects.exclude(status=EventStatus.CANCELLED)
        .filter(Q(status=EventStatus.HELD) | Q(end_date__lt=today))
        .exclude(activity=Activity.NONE)
    )
    if activity:
        events = events.filter(activity=activity)
    rows = (
        events.annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(
            n=Count("id", distinct=True),
            p=Count("participants", filter=Q(participants__status=ParticipantStatus.COMPLETED)),
        )
        .order_by("month")
    )
    return [(r["month"].strftime("%Y-%m"), r["n"], r["p"]) for r in rows]


@dataclass
class ElearningFigures:
    enrolled: int
    completed_here: int
    completed_elsewhere: int
    by_month: list[tuple[str, int]]
    by_course: list[tuple[str, int]]

    @property
    def completed(self) -> int:
        return self.completed_here + self.completed_elsewhere


def elearning_figures() -> ElearningFigures:
    """Learners who completed an e-learning course here or (imported) on another platform.

    A learner counts once per course family, whichever language version they took.
    """
    from django.db.models.functions import TruncMonth

    done = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    completed_here = done.values("user_id", "course__family").distinct().count()
    elsewhere = ExternalCompletion.objects.count()
    months: dict[str, int] = {}
    for r in done.annotate(m=TruncMonth("completed_at")).values("m").annotate(n=Count("id")):
        if r["m"]:
            months[r["m"].strftime("%Y-%m")] = months.get(r["m"].strftime("%Y-%m"), 0) + r["n"]
    for r in ExternalCompletion.objects.annotate(m=TruncMonth("completed_on")).values("m").annotate(n=Count("id")):
        months[r["m"].strftime("%Y-%m")] = months.get(r["m"].strftime("%Y-%m"), 0) + r["n"]
    by_course: dict[str, int] = {}
    for title, n in done.values_list("course__title").annotate(n=Count("id")):
        by_course[title] = by_course.get(title, 0) + n
    for title, n in ExternalCompletion.objects.values_list("course__title").annotate(n=Count("id")):
        by_course[title] = by_course.get(title, 0) + n
    return ElearningFigures(
        enrolled=Enrolment.objects.count(),
        completed_here=completed_here,
        completed_elsewhere=elsewhere,
        by_month=sorted(months.items()),
        by_course=sorted(by_course.items()),
    )


def staff_to_invite(user: User, organisation_id: int | None = None) -> QuerySet[User]:
    """Active staff accounts a trainer may invite (names and organisations only), optionally of one organisation."""
    if not user.has_capability("training.manage"):
        return User.objects.none()
    qs = User.objects.filter(is_active=True, organisation__isnull=False).select_related("organisation")
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.order_by("organisation__name", "last_name", "first_name", "username")


def certificates_expiring(user: User, within_days: int = 90) -> QuerySet[Any]:
    """Valid certificates of the user's organisation's events and courses that expire within `within_days` (or
    have expired): the people to invite for re-certification."""
    from django.db.models import Q

    from .models import Certificate

    if not user.has_capability("training.manage"):
        return Certificate.objects.none()
    until = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        Certificate.objects.filter(revoked_at__isnull=True, expires_on__isnull=False, expires_on__lte=until)
        .filter(
            Q(participant__event__organisation_id=user.organisation_id)
            | Q(enrolment__course__organisation_id=user.organisation_id)
        )
        .select_related("participant__event", "enrolment__course")
        .order_by("expires_on")
    )
