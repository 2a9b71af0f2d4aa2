"""Counts of hotline calls for statistics (stats/), and the voivodeship a record came from.

National figures across every organisation, read here so that the statistics module never queries
intake tables itself. No contact, no notes: the hotline, the month and the length of the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from audit.models import Action
from audit.services import record

from .models import FieldObservation, HotlineCall, Place, PlaceType

STATS_CAPABILITIES = ("stats.view", "stats.release")


@dataclass(frozen=True)
class CallFact:
    hotline: str  # the voivodeship's name
    month: str  # YYYY-MM
    minutes: int  # whole minutes, 0 when the end time is not recorded


def _check(user: Any) -> None:
    if not any(user.has_capability(c) for c in STATS_CAPABILITIES):
        raise PermissionDenied


def voivodeship_names() -> list[str]:
    """The 16 voivodeships (reference data), in alphabetical order."""
    return list(Place.objects.filter(type=PlaceType.VOIVODESHIP).order_by("name").values_list("name", flat=True))


def call_facts(user: Any, year_from: int, year_to: int) -> Iterator[CallFact]:
    _check(user)
    record(user, Action.VIEW, object_type="intake.hotlinecall", object_id="aggregate",
           fields=["hotline", "started_at", "ended_at"])
    qs = (HotlineCall.objects.filter(started_at__year__gte=year_from, started_at__year__lte=year_to)
          .order_by().values_list("hotline__name", "started_at", "ended_at"))
    for hotline, started, ended in qs.iterator(chunk_size=5000):
        minutes = int((ended - started).total_seconds() // 60) if ended and ended > started else 0
        yield CallFact(hotline, f"{started:%Y-%m}", minutes)


def source_voivodeships(user: Any, calls: Iterable[int], observations: Iterable[int]) -> dict[tuple[str, int], str]:
    """{("intake.hotlinecall", id) or ("intake.fieldobservation", id): voivodeship name} for records that have one."""
    _check(user)
    out: dict[tuple[str, int], str] = {}
    for pk, name in HotlineCall.objects.filter(pk__in=list(calls)).values_list("pk", "hotline__name"):
        out[("intake.hotlinecall", pk)] = name
    rows = FieldObservation.objects.filter(pk__in=list(observations)).values_list(
        "pk", "place__type", "place__name", "place__voivodeship__name")
    for pk, type_, name, voivodeship in rows:
        found = name if type_ == PlaceType.VOIVODESHIP else voivodeship
        if found:
            out[("intake.fieldobservation", pk)] = found
    return out
