"""Counts of investigations for statistics (stats/): offence and stage of each, across all agencies.

Read here so that the statistics module never queries investigation tables itself; no names, no summaries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from audit.models import Action
from audit.services import record

from .models import Investigation, Offence, offence_key

STATS_CAPABILITIES = ("stats.view", "stats.release")


@dataclass(frozen=True)
class InvestigationFact:
    offence: str  # the main offence's key (Offence.key), e.g. "189a"; "" when none is recorded
    stage: str


def offence_labels() -> list[tuple[str, str]]:
    """(key, "art. 189a — name") for every offence on the list, in use or not."""
    return [(o.key, str(o)) for o in Offence.objects.order_by("act", "article")]


def investigation_facts(user: Any, year_from: int, year_to: int) -> Iterator[InvestigationFact]:
    if not any(user.has_capability(c) for c in STATS_CAPABILITIES):
        raise PermissionDenied
    record(user, Action.VIEW, object_type="investigations.investigation", object_id="aggregate",
           fields=["offence", "stage"])
    qs = (Investigation.objects.filter(opened_on__year__gte=year_from, opened_on__year__lte=year_to)
          .order_by().values_list("offence__act", "offence__article", "stage"))
    for act, article, stage in qs.iterator(chunk_size=5000):
        yield InvestigationFact(offence_key(act, article) if article else "", stage)
