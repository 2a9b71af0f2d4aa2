"""The results framework, computed: each target next to what the training (and protection)
records say has been achieved. Aggregates only, no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from training import selectors as training
from training.models import Activity, Sex

from .models import Measure, Target

SAFE_RETURN = "safe_return"


@dataclass
class Row:
    """One line of the framework: an activity's measure, its target and what was achieved."""

    activity: str
    activity_label: str
    measure: str
    measure_label: str
    target: int
    achieved: int | None  # None: the source is not available yet
    detail: str = ""
    note: str = ""

    @property
    def percent(self) -> int | None:
        if self.achieved is None or not self.target:
            return None
        return round(self.achieved * 100 / self.target)

    @property
    def bar(self) -> int:
        return min(self.percent or 0, 100)


@dataclass
class Framework:
    rows: list[Row]
    figures: dict[str, training.ActivityFigures]
    elearning: training.ElearningFigures
    by_sex: list[tuple[str, int]]
    by_organisation: list[tuple[str, int]]
    by_month: list[tuple[str, int, int]]
    average_gain: float | None


def safe_returns() -> int:
    """Victims assisted to return safely, as the protection module counts them."""
    from protection.selectors import count_safe_returns

    return count_safe_returns()


def framework(user: User) -> Framework:
    if not user.has_capability("programme.view"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    labels = dict(Activity.choices) | {SAFE_RETURN: _("Safe return and reintegration")}
    measures = dict(Measure.choices)
    activities = [a for a in Activity.values if a not in (Activity.ELEARNING, Activity.NONE)]
    figures = {a: training.activity_figures(a) for a in activities}
    elearning = training.elearning_figures()
    returns = safe_returns()
    rows = []
    for t in Target.objects.all():
        achieved: int | None
        note = ""
        if t.activity == SAFE_RETURN:
            achieved = returns
        elif t.activity == Activity.ELEARNING:
            achieved = elearning.completed
            note = _("here: %(here)d; imported from other platforms: %(elsewhere)d") % {
                "here": elearning.completed_here,
                "elsewhere": elearning.completed_elsewhere,
            }
        elif t.activity in figures:
            f = figures[t.activity]
            if t.measure == Measure.EVENTS:
                achieved = f.events_held
            elif t.measure == Measure.PARTICIPANTS:
                achieved = f.participants
            elif t.measure == Measure.COUNTRIES:
                wanted = [c.strip() for c in t.detail.split(",") if c.strip()]
                visited = {c.lower() for c in f.countries}
                achieved = sum(1 for c in wanted if c.lower() in visited) if wanted else len(f.countries)
                note = _("Visited: %(list)s") % {"list": ", ".join(f.countries) or "—"}
            else:
                achieved = None
        else:
            achieved = None
        rows.append(
            Row(
                t.activity,
                str(labels.get(t.activity, t.activity)),
                t.measure,
                str(measures.get(t.measure, t.measure)),
                t.value,
                achieved,
                t.detail,
                note,
            )
        )
    sex: dict[str, int] = {}
    orgs: dict[str, int] = {}
    gains: list[float] = []
    for f in figures.values():
        for k, v in f.by_sex.items():
            sex[k] = sex.get(k, 0) + v
        for k, v in f.by_organisation.items():
            orgs[k] = orgs.get(k, 0) + v
        gains += f.gains
    sex_labels = dict(Sex.choices)
    return Framework(
        rows=rows,
        figures=figures,
        elearning=elearning,
        by_sex=[(str(sex_labels[s]), sex.get(s, 0)) for s in Sex.values],
        by_organisation=sorted(orgs.items(), key=lambda kv: -kv[1]),
        by_month=training.events_by_month(),
        average_gain=sum(gains) / len(gains) if gains else None,
    )


def bars(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Label, value and a width in percent of the largest value, for inline SVG/CSS bars."""
    top = max((v for _k, v in pairs), default=0) or 1
    return [{"label": k, "value": v, "width": round(v * 100 / top)} for k, v in pairs]
