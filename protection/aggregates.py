"""Counts of cases for statistics (stats/): one small fact per case, nothing that names anyone.

National figures across every organisation, read here so that the statistics module never queries
protection tables itself. The caller must hold a statistics capability; every read is audited (the
citizenship column is encrypted, so it is decrypted here and only the country codes leave).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from audit.models import Action
from audit.services import record

from . import choices
from .models import Case

if TYPE_CHECKING:
    from accounts.models import User

UNKNOWN = "-99"  # the CTDC missing-value code
STATS_CAPABILITIES = ("stats.view", "stats.release")


@dataclass(frozen=True)
class CaseFact:
    """What a statistics table may know of one case."""

    year: int
    gender: str
    age_range: str
    citizenship: tuple[str, ...]
    exploitation: tuple[str, ...]
    source_type: str
    source_id: int | None


def _allowed(user: User) -> bool:
    return any(user.has_capability(c) for c in STATS_CAPABILITIES)


def case_facts(user: User, year_from: int, year_to: int) -> Iterator[CaseFact]:
    """One fact per case opened in [year_from, year_to], across all organisations. Audited once."""
    if not _allowed(user):
        raise PermissionDenied
    record(user, Action.VIEW, object_type="protection.case", object_id="aggregate",
           fields=["opened_at", "gender", "age_range", "citizenship", "exploitation_types"])
    qs = (Case.objects.filter(opened_at__year__gte=year_from, opened_at__year__lte=year_to)
          .select_related("person").only("opened_at", "exploitation_types", "source_type", "source_id",
                                         "person__gender", "person__age_range", "person__citizenship")
          .order_by("pk"))
    for case in qs.iterator(chunk_size=2000):
        person = case.person
        yield CaseFact(
            year=case.opened_at.year,
            gender=person.gender or choices.Gender.UNKNOWN,
            age_range=person.age_range or choices.AgeRange.UNKNOWN,
            citizenship=tuple(c for c in (person.citizenship or "").split(";") if c) or ("XX",),
            exploitation=tuple(sorted(case.exploitation_list)) or (UNKNOWN,),
            source_type=case.source_type,
            source_id=case.source_id,
        )


# --- programme results (donor reports): counts in a period, and the cases counted -------------------------


@dataclass(frozen=True)
class ReturnFigures:
    returned: int
    by_sex: dict[str, int]
    case_ids: list[int]


def safe_returns_between(start: datetime.date, end: datetime.date) -> ReturnFigures:
    """Victims who arrived home through a voluntary-return plan with the arrival date in [start, end]
    (count_safe_returns' rule, in a period), by sex, and the cases they belong to (for links the reader
    may or may not be allowed to open: the caller filters them through cases_visible_to)."""
    from .models import ReturnAndReintegration

    plans = ReturnAndReintegration.objects.filter(returned_on__gte=start, returned_on__lte=end)
    by_sex: dict[str, int] = {}
    for gender in plans.values_list("case__person__gender", flat=True):
        by_sex[gender] = by_sex.get(gender, 0) + 1
    return ReturnFigures(plans.count(), by_sex, list(plans.order_by("case_id").values_list("case_id", flat=True)))


def monitoring_visits_between(start: datetime.date, end: datetime.date) -> tuple[int, list[int]]:
    """Post-return reintegration monitoring visits done in [start, end], and the cases they belong to."""
    from .models import MonitoringVisit

    visits = MonitoringVisit.objects.filter(done_on__gte=start, done_on__lte=end)
    return visits.count(), sorted(set(visits.values_list("plan__case_id", flat=True)))
