"""The results framework for a period: every indicator's figure, the previous period's, disaggregations,
and links to the records counted (only those the reader may open). Aggregates only; computed sources read
through the owning modules (training.aggregates, protection.aggregates), hand-entered ones from ManualValue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Indicator, ManualValue, Outcome, Project, Source


@dataclass
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def previous(self) -> Period:
        """The period of the same length just before this one."""
        days = (self.end - self.start).days + 1
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=days - 1), end)

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def quarter_of(day: datetime.date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    nxt = datetime.date(day.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return Period(start, nxt - datetime.timedelta(days=1))


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Figure:
    value: Decimal | None  # None: nothing to count in the period (a manual indicator with no entry)
    by_sex: dict[str, int] = field(default_factory=dict)
    by_organisation: dict[str, int] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    hidden: int = 0  # records counted that the reader may not open
    note: str = ""

    @property
    def by_sex_display(self) -> list[tuple[str, int]]:
        """The figures by sex with the sexes' labels in the reader's language (never "female 3")."""
        from training.models import Sex

        labels = dict(Sex.choices)
        return [(str(labels.get(k, k)), v) for k, v in self.by_sex.items()]


@dataclass
class IndicatorResult:
    indicator: Indicator
    current: Figure
    previous: Figure
    to_date: Figure  # from the project's start to the end of the period

    @property
    def change(self) -> Decimal | None:
        if self.current.value is None or self.previous.value is None:
            return None
        return self.current.value - self.previous.value

    @property
    def percent_of_target(self) -> int | None:
        if self.to_date.value is None or not self.indicator.target:
            return None
        return round(self.to_date.value * 100 / self.indicator.target)


@dataclass
class OutputResult:
    code: str
    title: str
    indicators: list[IndicatorResult]


@dataclass
class OutcomeResult:
    outcome: Outcome
    indicators: list[IndicatorResult]  # outcome-level
    outputs: list[OutputResult]

    def all_indicators(self) -> list[IndicatorResult]:
        return [*self.indicators, *(i for o in self.outputs for i in o.indicators)]


@dataclass
class Report:
    project: Project
    period: Period
    outcomes: list[OutcomeResult]

    def all_indicators(self) -> list[IndicatorResult]:
        return [i for o in self.outcomes for i in o.all_indicators()]


# --- computing one figure -------------------------------------------------------------------------------

TRAINING_SOURCES: dict[str, tuple[str, str]] = {  # source -> (activity, "events" | "participants")
    Source.TRAININGS_HELD: ("one_day_training", "events"),
    Source.WORKSHOPS_HELD: ("specialist_workshop", "events"),
    Source.OFFICERS_TRAINED: ("one_day_training", "participants"),
    Source.WORKSHOP_PARTICIPANTS: ("specialist_workshop", "participants"),
    Source.STUDY_VISITS: ("study_visit", "events"),
    Source.COMMUNITY_TRAININGS: ("community_training", "events"),
    Source.COMMUNITY_PARTICIPANTS: ("community_training", "participants"),
}


def _sex_labels(counts: dict[str, int], labels: dict[str, Any]) -> dict[str, int]:
    return {str(labels.get(k, k)): v for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}


def _event_links(user: Any, ids: list[int]) -> tuple[list[Link], int]:
    from training.selectors import events_visible_to

    if not ids:
        return [], 0
    visible = list(events_visible_to(user).filter(pk__in=ids).order_by("start_date", "pk"))
    links = [Link(f"{e.code} {e.title}", reverse("training:event_detail", args=[e.pk])) for e in visible]
    return links, len(ids) - len(visible)


def _case_links(user: Any, ids: list[int]) -> tuple[list[Link], int]:
    from protection.selectors import cases_visible_to

    if not ids:
        return [], 0
    visible = list(cases_visible_to(user).filter(pk__in=ids).only("pk", "code"))
    return [Link(c.code, reverse("protection:case", args=[c.pk])) for c in visible], len(set(ids)) - len(visible)


def figure(user: Any, ind: Indicator, period: Period, *, links: bool = True) -> Figure:
    from training import aggregates as training
    from training.models import Sex

    source = ind.source
    if source in TRAINING_SOURCES:
        activity, what = TRAINING_SOURCES[source]
        f = training.period_figures([activity], period.start, period.end)
        value = f.events_held if what == "events" else f.participants
        out = Figure(Decimal(value))
        if what == "participants":
            out.by_sex = _sex_labels(f.by_sex, dict(Sex.choices))
            out.by_organisation = dict(sorted(f.by_organisation.items(), key=lambda kv: -kv[1]))
        if source == Source.STUDY_VISITS and f.countries:
            out.note = _("Visited: %(list)s") % {"list": ", ".join(f.countries)}
        if links:
            out.links, out.hidden = _event_links(user, f.event_ids)
        return out
    if source == Source.KNOWLEDGE_GAIN:
        f = training.period_figures(["one_day_training", "specialist_workshop"], period.start, period.end,
                                    with_gains=True)
        gain = f.average_gain
        out = Figure(None if gain is None else Decimal(str(round(gain * 100, 1))))
        if links:
            out.links, out.hidden = _event_links(user, f.event_ids)
        return out
    if source == Source.ELEARNING:
        here, elsewhere, by_org = training.elearning_completions(period.start, period.end)
        out = Figure(Decimal(here + elsewhere), by_organisation=by_org)
        out.note = _("here: %(here)d; imported from other platforms: %(elsewhere)d") % {"here": here,
                                                                                      "elsewhere": elsewhere}
        return out
    if source == Source.SAFE_RETURNS:
        from protection.aggregates import safe_returns_between
        from protection.choices import Gender

        r = safe_returns_between(period.start, period.end)
        out = Figure(Decimal(r.returned), by_sex=_sex_labels(r.by_sex, dict(Gender.choices)))
        if links:
            out.links, out.hidden = _case_links(user, r.case_ids)
        return out
    if source == Source.MONITORING:
        from protection.aggregates import monitoring_visits_between

        n, case_ids = monitoring_visits_between(period.start, period.end)
        out = Figure(Decimal(n))
        if links:
            out.links, out.hidden = _case_links(user, case_ids)
        return out
    # entered by hand: the entries whose period lies inside this one
    entries = ManualValue.objects.filter(indicator=ind, period_start__gte=period.start, period_end__lte=period.end)
    if not entries.exists():
        return Figure(None)
    total = entries.aggregate(v=Sum("value"))["v"]
    by_sex: dict[str, int] = {}
    for e in entries:
        for k, v in (e.by_sex or {}).items():
            by_sex[str(dict(Sex.choices).get(k, k))] = by_sex.get(str(dict(Sex.choices).get(k, k)), 0) + int(v)
    out = Figure(total, by_sex=by_sex)
    if links:
        out.links = [Link(_("Evidence for %(start)s – %(end)s") % {"start": e.period_start, "end": e.period_end},
                          reverse("programme:evidence", args=[e.pk])) for e in entries]
    return out


def report(user: Any, project: Project, period: Period) -> Report:
    if not user.has_capability("programme.view"):
        raise PermissionDenied
    to_date = Period(project.starts_on, period.end)
    outcomes = []
    for outcome in project.outcomes.prefetch_related("outputs", "indicators"):
        def result(ind: Indicator) -> IndicatorResult:
            return IndicatorResult(ind, figure(user, ind, period), figure(user, ind, period.previous, links=False),
                                   figure(user, ind, to_date, links=False))

        inds = list(outcome.indicators.all())
        outcomes.append(OutcomeResult(
            outcome,
            [result(i) for i in inds if i.output_id is None],
            [OutputResult(o.code, o.title, [result(i) for i in inds if i.output_id == o.pk])
             for o in outcome.outputs.all()],
        ))
    return Report(project, period, outcomes)


def projects() -> list[Project]:
    return list(Project.objects.all())
