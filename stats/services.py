"""Releasing a differentially private table: check the capability and the budget, add noise, freeze, audit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from . import dp, tables
from .models import Mechanism, PrivacyBudget, Release

MAX_EPSILON = 10.0
MAX_DELTA = 1e-3
FIRST_YEAR = 2000


class OverBudget(ValidationError):
    """The release would spend more privacy than the dataset's budget has left."""


def default_budget() -> tuple[float, float]:
    """Total (ε, δ) per dataset until an administrator sets another: settings.CTIMS_STATS_BUDGET or (3, 1e-6)."""
    eps, delta = getattr(settings, "CTIMS_STATS_BUDGET", (3.0, 1e-6))
    return float(eps), float(delta)


def budget_of(dataset: str, *, lock: bool = False) -> PrivacyBudget:
    eps, delta = default_budget()
    qs = PrivacyBudget.objects.select_for_update() if lock else PrivacyBudget.objects
    budget, _created = qs.get_or_create(dataset=dataset, defaults={"epsilon": eps, "delta": delta})
    return budget


@dataclass(frozen=True)
class Spent:
    dataset: str
    epsilon: float
    delta: float
    budget_epsilon: float
    budget_delta: float
    releases: int

    @property
    def label(self) -> str:
        return str(tables.DATASETS.get(self.dataset, self.dataset))

    @property
    def epsilon_left(self) -> float:
        return max(0.0, self.budget_epsilon - self.epsilon)

    @property
    def delta_left(self) -> float:
        return max(0.0, self.budget_delta - self.delta)


def spent(dataset: str) -> Spent:
    budget = budget_of(dataset)
    agg = Release.objects.filter(dataset=dataset).aggregate(e=Sum("epsilon"), d=Sum("delta"))
    n = Release.objects.filter(dataset=dataset).count()
    return Spent(dataset, agg["e"] or 0.0, agg["d"] or 0.0, budget.epsilon, budget.delta, n)


def validate_query(table: str, year_from: int, year_to: int) -> tables.Query:
    if table not in tables.TABLES:
        raise ValidationError({"table": _("Choose one of the tables on the list.")})
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year_from <= this_year:
        raise ValidationError({"year_from": _("Enter a year between %(first)d and %(last)d.")
                               % {"first": FIRST_YEAR, "last": this_year}})
    if not year_from <= year_to <= this_year:
        raise ValidationError({"year_to": _("Enter a year from the first year up to %(last)d.") % {"last": this_year}})
    if year_to - year_from > 9:
        raise ValidationError({"year_to": _("A table covers at most ten years.")})
    return tables.Query(table, year_from, year_to)


def release(actor: Any, *, table: str, year_from: int, year_to: int, epsilon: float, delta: float = 0.0,
            mechanism: str = Mechanism.LAPLACE, public: bool = True) -> Release:
    """Release one table with noise, or refuse (OverBudget) when the dataset's budget does not cover it."""
    if not actor.has_capability("stats.release"):
        raise PermissionDenied
    q = validate_query(table, year_from, year_to)
    if mechanism not in Mechanism.values:
        raise ValidationError({"mechanism": _("Choose Laplace or Gaussian noise.")})
    if not (math.isfinite(epsilon) and 0 < epsilon <= MAX_EPSILON):
        raise ValidationError({"epsilon": _("ε must be more than 0 and at most %(max)s.") % {"max": MAX_EPSILON}})
    if mechanism == Mechanism.GAUSSIAN:
        if not (math.isfinite(delta) and 0 < delta <= MAX_DELTA):
            raise ValidationError({"delta": _("Gaussian noise needs δ more than 0 and at most %(max)s.")
                                   % {"max": MAX_DELTA}})
    else:
        delta = 0.0
    defn = tables.TABLES[q.table]
    with transaction.atomic():
        budget = budget_of(defn.dataset, lock=True)  # one release at a time per dataset
        used = spent(defn.dataset)
        if used.epsilon + epsilon > budget.epsilon + 1e-9 or used.delta + delta > budget.delta + 1e-15:
            raise OverBudget(
                _("Refused: this release needs ε = %(eps)s but only ε = %(left)s is left of the %(dataset)s "
                  "budget (ε = %(total)s, of which %(used)s is spent). Nothing was released.")
                % {"eps": f"{epsilon:g}", "left": f"{used.epsilon_left:g}", "total": f"{budget.epsilon:g}",
                   "used": f"{used.epsilon:g}", "dataset": tables.DATASETS[defn.dataset]},
                code="privacy_budget_exceeded",
            )
        true = tables.compute(actor, q)
        flat = [v for row in true.cells for v in row]
        noisy = dp.release(flat, mechanism=mechanism, sensitivity=defn.sensitivity, epsilon=epsilon, delta=delta)
        width = len(true.columns)
        values = [noisy.values[i * width:(i + 1) * width] for i in range(len(true.rows))]
        rel = Release.objects.create(
            dataset=defn.dataset, table=q.table, query=q.as_dict(), mechanism=mechanism, epsilon=epsilon,
            delta=noisy.delta, sensitivity=defn.sensitivity, scale=noisy.scale,
            rows=[v for v, _l in true.rows], columns=[v for v, _l in true.columns], values=values,
            is_public=public, released_by=actor, released_by_name=actor.get_username(),
        )
        record(actor, Action.EXPORT, rel, fields=[q.table])
    return rel


def suppressed_table(actor: Any, *, table: str, year_from: int, year_to: int,
                     threshold: int | None = None) -> tuple[tables.Table, Any]:
    """The true table with small cells hidden (primary and complementary suppression)."""
    from .suppression import suppress

    if not actor.has_capability("stats.view"):
        raise PermissionDenied
    q = validate_query(table, year_from, year_to)
    k = threshold or int(getattr(settings, "CTIMS_STATS_SUPPRESSION_THRESHOLD", 11))
    t = tables.compute(actor, q)
    return t, suppress(t.cells, k)


def default_years() -> tuple[int, int]:
    y = timezone.localdate().year
    return y - 1, y


