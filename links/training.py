"""The person matcher's stored model: trained from the mentions with Splink, versioned, loaded at match time.

`links_retrain` trains with Splink's own estimation (u by random sampling, m by expectation maximisation)
starting from the preset probabilities in links.matching.COMPARISONS, and stores the result as a new
MatchModel version. Every matching path (full and incremental runs, the waterfall, resolve_people) uses
`current()`: the newest stored version, or the preset model while none has been trained.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min

from audit.models import Action
from audit.services import record

from . import matching
from .matching import COMPARISONS, Comparison, Level
from .models import MatchModel, Mention

# A level's probability is kept inside these bounds: 0 or 1 would make one comparison decide alone. A true
# match lands in any level at least one time in 200 (a sex or date typed wrong), however rare in the data
# trained on: EM otherwise gives m ~ 0 to a level it saw no true match in, and one slip would veto a link.
FLOOR, CEILING = 1e-6, 1 - 1e-6
M_FLOOR = 0.005
CACHE_KEY = "links:model-version"
CACHE_SECONDS = 300  # where the cache is per process, another process sees a new version within this time


@dataclass(frozen=True)
class StoredModel:
    version: int  # 0: the preset model, never trained
    comparisons: tuple[Comparison, ...]
    mentions: int = 0
    trained_at: datetime.datetime | None = None


PRESET = StoredModel(0, COMPARISONS)
_loaded: StoredModel = PRESET


def parameters_of(comparisons: tuple[Comparison, ...]) -> dict[str, Any]:
    """The m/u probabilities of a model, one [m, u] per level and the last for the ELSE level."""
    return {"comparisons": {c.column: [[lv.m, lv.u] for lv in c.levels] + [[c.else_m, c.else_u]]
                            for c in comparisons}}


def _usable(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and 0 < value < 1


def with_parameters(comparisons: tuple[Comparison, ...], parameters: dict[str, Any]) -> tuple[Comparison, ...]:
    """The comparisons with the stored m/u put in; a level without a usable stored value keeps its own."""
    stored = parameters.get("comparisons", {})
    out = []
    for comp in comparisons:
        values = stored.get(comp.column)
        if not isinstance(values, list) or len(values) != len(comp.levels) + 1:
            out.append(comp)  # the comparison changed shape since training: keep the preset one
            continue
        levels = []
        for level, (m, u) in zip(comp.levels, values[:-1], strict=True):
            levels.append(dataclasses.replace(level, m=_clip(m, level.m, M_FLOOR), u=_clip(u, level.u)))
        else_m, else_u = values[-1]
        out.append(dataclasses.replace(comp, levels=tuple(levels), else_m=_clip(else_m, comp.else_m, M_FLOOR),
                                       else_u=_clip(else_u, comp.else_u)))
    return tuple(out)


def _clip(value: Any, fallback: float, floor: float = FLOOR) -> float:
    return min(CEILING, max(floor, float(value))) if _usable(value) else fallback


def current() -> StoredModel:
    """The model matching uses now: the newest stored version (one cached number per request path)."""
    global _loaded
    version = cache.get(CACHE_KEY)
    if version is None:
        version = MatchModel.objects.aggregate(v=Max("version"))["v"] or 0
        cache.set(CACHE_KEY, version, CACHE_SECONDS)
    if version != _loaded.version:
        row = MatchModel.objects.filter(version=version).first()
        _loaded = PRESET if row is None else StoredModel(row.version, with_parameters(COMPARISONS, row.parameters),
                                                         row.mentions, row.trained_at)
    return _loaded


def train(rows: list[dict[str, Any]], start: tuple[Comparison, ...] = COMPARISONS) -> dict[str, Any]:
    """Estimate the model's m/u from feature rows with Splink, starting from `start` (the priors).

    A level the data never shows (no pair lands in it) keeps its starting value.
    """
    if len(rows) < 2:
        return parameters_of(start)
    with matching.splink_linker(rows, comparisons=start) as (linker, columns, _comps, _tf):
        matching.train_linker(linker, columns)
        trained = linker.misc.save_model_to_json()
    found: dict[str, list[list[float | None]]] = {}
    for comp in trained["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        found[comp["output_column_name"]] = [[lv.get("m_probability"), lv.get("u_probability")] for lv in levels]
    return parameters_of(with_parameters(start, {"comparisons": found}))


@dataclass(frozen=True)
class Change:
    comparison: str
    level: str
    old_m: float
    new_m: float
    old_u: float
    new_u: float

    @property
    def old_weight(self) -> float:
        return math.log2(self.old_m / self.old_u)

    @property
    def new_weight(self) -> float:
        return math.log2(self.new_m / self.new_u)


def changes(old: tuple[Comparison, ...], new: tuple[Comparison, ...]) -> list[Change]:
    """Every level's m, u and weight (log2 of m/u) before and after, in the model's order."""
    out = []
    for a, b in zip(old, new, strict=True):
        for la, lb in zip(a.levels, b.levels, strict=True):
            out.append(Change(a.column, _level_name(la), la.m, lb.m, la.u, lb.u))
        out.append(Change(a.column, "else", a.else_m, b.else_m, a.else_u, b.else_u))
    return out


def _level_name(level: Level) -> str:
    return level.label or level.kind


def retrain(*, save: bool = True) -> tuple[StoredModel, StoredModel, list[Change]]:
    """Train on every person mention, from the preset priors (so the same data gives the same model whatever
    was trained before); store it as the next version. Returns (model before, model after, changes to the
    model before). With save=False nothing is stored.
    """
    before = current()
    rows = matching.person_rows()
    # every person mention is decrypted in memory to train: the audit log says so (field names only)
    record(None, Action.VIEW, object_type="links.mention", object_id="all", fields=["value", "extra"],
           reason="links_retrain")
    parameters = train(rows, COMPARISONS)
    after = StoredModel(before.version, with_parameters(COMPARISONS, parameters), len(rows))
    if save:
        span = Mention.objects.filter(kind="person").aggregate(first=Min("occurred_at"), last=Max("occurred_at"))
        row = store(parameters, mentions=len(rows), data_from=span["first"], data_to=span["last"])
        after = StoredModel(row.version, after.comparisons, row.mentions, row.trained_at)
    return before, after, changes(before.comparisons, after.comparisons)


def restore(version: int) -> MatchModel:
    """Store an earlier version's parameters (0: the preset model) as the next version, which becomes current."""
    if version == 0:
        return store(parameters_of(COMPARISONS))
    row = MatchModel.objects.filter(version=version).first()
    if row is None:
        raise MatchModel.DoesNotExist(version)
    return store(row.parameters, mentions=row.mentions, data_from=row.data_from, data_to=row.data_to)


def store(parameters: dict[str, Any], *, mentions: int = 0, data_from: datetime.datetime | None = None,
          data_to: datetime.datetime | None = None) -> MatchModel:
    """Save parameters as the next model version and make it current (this process at once, others within
    CACHE_SECONDS where the cache is per process)."""
    with transaction.atomic():
        version = (MatchModel.objects.aggregate(v=Max("version"))["v"] or 0) + 1  # unique: a race fails
        row = MatchModel.objects.create(version=version, parameters=parameters, mentions=mentions,
                                        data_from=data_from, data_to=data_to)
        record(None, Action.CREATE, row, fields=["parameters"])
    cache.set(CACHE_KEY, row.version, CACHE_SECONDS)
    return row
