"""Reads of releases (no personal data: noisy aggregates) and their labels in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from . import tables
from .models import Release


@dataclass
class ReleasedRow:
    value: str
    label: str
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass
class ReleasedTable:
    release: Release
    title: str
    row_heading: str
    columns: list[str]
    rows: list[ReleasedRow]
    unit: str

    @property
    def column_totals(self) -> list[int]:
        return [sum(r.cells[c] for r in self.rows) for c in range(len(self.columns))]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)


def public_releases() -> QuerySet[Release]:
    return Release.objects.filter(is_public=True).order_by("-released_at", "-id")


def releases(user: Any) -> QuerySet[Release]:
    """Every release, for staff with statistics rights (public or not); none for others."""
    if not (user.has_capability("stats.view") or user.has_capability("stats.release")):
        return Release.objects.none()
    return Release.objects.select_related("released_by").order_by("-released_at", "-id")


def released_table(rel: Release, *, hide_empty_rows: bool = False) -> ReleasedTable:
    """The frozen numbers with today's labels. Hiding rows whose released numbers are all 0 is post-processing
    of the noisy output, so it reveals nothing more."""
    defn = tables.TABLES.get(rel.table)
    labels: dict[str, str] = {}
    column_labels: dict[str, str] = {}
    if defn is not None:
        labels = dict(defn.rows())
        column_labels = dict(defn.columns(tables.Query(**rel.query)))
    rows = [ReleasedRow(str(v), labels.get(str(v), str(v)), [int(x) for x in cells])
            for v, cells in zip(rel.rows, rel.values, strict=True)]
    if hide_empty_rows:
        rows = [r for r in rows if r.total > 0]
    return ReleasedTable(
        release=rel,
        title=str(defn.title) if defn else rel.table,
        row_heading=str(defn.row_heading) if defn else "",
        columns=[column_labels.get(str(c), str(c)) for c in rel.columns],
        rows=rows,
        unit=str(defn.unit) if defn else "",
    )
