"""Training figures for a reporting period (programme/ donor reports): aggregates only, plus the ids of the
events counted so a report can link each figure to its records.

The rules are activity_figures' (training.selectors): an event counts as held when it is marked held or its
last day has passed without it being cancelled; it belongs to the period its last day falls in. A participant
counts as trained once they completed (attended every day).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import (
    Enrolment,
    EnrolmentStatus,
    EventStatus,
    ExternalCompletion,
    Participant,
    ParticipantStatus,
    TrainingEvent,
)
from .selectors import event_gain


@dataclass
class PeriodFigures:
    events_held: int = 0
    participants: int = 0
    by_sex: dict[str, int] = field(default_factory=dict)
    by_organisation: dict[str, int] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    gains: list[float] = field(default_factory=list)
    event_ids: list[int] = field(default_factory=list)

    @property
    def average_gain(self) -> float | None:
        return sum(self.gains) / len(self.gains) if self.gains else None


def held_events(activities: list[str], start: datetime.date, end: datetime.date) -> QuerySet[TrainingEvent]:
    today = timezone.localdate()
    return (TrainingEvent.objects.filter(activity__in=activities, end_date__gte=start, end_date__lte=end)
            .exclude(status=EventStatus.CANCELLED)
            .filter(Q(status=EventStatus.HELD) | Q(end_date__lt=today)))


def period_figures(activities: list[str], start: datetime.date, end: datetime.date,
                   *, with_gains: bool = False) -> PeriodFigures:
    events = held_events(activities, start, end)
    trained = Participant.objects.filter(event__in=events, status=ParticipantStatus.COMPLETED)
    gains: list[float] = []
    if with_gains:
        for event in events.prefetch_related("participants__test_results"):
            gains += [r.gain for r in event_gain(event).rows if r.gain is not None]
    return PeriodFigures(
        events_held=events.count(),
        participants=trained.count(),
        by_sex=dict(trained.order_by().values_list("sex").annotate(n=Count("id")).values_list("sex", "n")),
        by_organisation=dict(trained.order_by().values_list("organisation_name").annotate(n=Count("id"))
                             .values_list("organisation_name", "n")),
        countries=sorted({c for c in events.values_list("country", flat=True) if c}),
        gains=gains,
        event_ids=list(events.order_by("start_date", "pk").values_list("pk", flat=True)),
    )


def elearning_completions(start: datetime.date, end: datetime.date) -> tuple[int, int, dict[str, int]]:
    """(completed here, imported from other platforms, {organisation: completions here}) in the period.
    A learner counts once per course family here, as in elearning_figures."""
    done = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, completed_at__date__gte=start,
                                    completed_at__date__lte=end)
    here = done.values("user_id", "course__family").distinct().count()
    elsewhere = ExternalCompletion.objects.filter(completed_on__gte=start, completed_on__lte=end).count()
    by_org = dict(done.order_by().values_list("user__organisation__name").annotate(n=Count("id"))
                  .values_list("user__organisation__name", "n"))
    return here, elsewhere, by_org


