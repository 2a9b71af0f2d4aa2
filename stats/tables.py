"""The aggregate tables statistics can show or release, computed from the owning modules' aggregate reads.

Every table is categories (rows) by period or stage (columns). The categories and periods come from
reference lists and the query (public knowledge), never from the data, so a released table's shape
says nothing about who is in it. Cells count records: cases, calls or investigations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CASES = "cases"
CALLS = "calls"
INVESTIGATIONS = "investigations"
DATASETS: dict[str, Promise] = {
    CASES: _("Protection cases"),
    CALLS: _("Hotline calls"),
    INVESTIGATIONS: _("Investigations"),
}
UNKNOWN = "-99"
# A case with several types of exploitation counts in each (up to this many), so one case changes at most
# this many cells: the sensitivity of the table.
MAX_EXPLOITATION_TYPES = 3
CALL_MINUTES_CAP = 60  # a call counts for at most an hour in the minutes table (the sum's sensitivity)


@dataclass(frozen=True)
class Query:
    table: str
    year_from: int
    year_to: int

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "year_from": self.year_from, "year_to": self.year_to}


@dataclass
class Table:
    key: str
    title: str
    row_heading: str
    rows: list[tuple[str, str]]  # (value, label)
    columns: list[tuple[str, str]]
    cells: list[list[int]]
    measure: str = "count"
    unit: str = ""

    @property
    def row_totals(self) -> list[int]:
        return [sum(r) for r in self.cells]

    @property
    def column_totals(self) -> list[int]:
        return [sum(r[c] for r in self.cells) for c in range(len(self.columns))]


Facts = Iterable[tuple[str, Iterable[str], int]]  # (column value, row values, weight)


@dataclass(frozen=True)
class TableDef:
    key: str
    title: Promise
    dataset: str
    row_heading: Promise
    rows: Callable[[], list[tuple[str, str]]]
    columns: Callable[[Query], list[tuple[str, str]]]
    facts: Callable[[Any, Query], Facts]
    measure: str = "count"
    sensitivity: int = 1  # how much one record can change the table (L1)
    unit: Promise | str = field(default="")


# --- reference lists ----------------------------------------------------------------------------------


def _years(q: Query) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in range(q.year_from, q.year_to + 1)]


def _months(q: Query) -> list[tuple[str, str]]:
    return [(f"{y}-{m:02d}", f"{y}-{m:02d}") for y in range(q.year_from, q.year_to + 1) for m in range(1, 13)]


def _choices(items: Iterable[tuple[str, Any]], unknown: Promise | None = None) -> list[tuple[str, str]]:
    out = [(str(v), str(label)) for v, label in items]
    if unknown is not None and UNKNOWN not in {v for v, _l in out}:
        out.append((UNKNOWN, str(unknown)))
    return out


def _genders() -> list[tuple[str, str]]:
    from protection.choices import Gender

    return _choices(Gender.choices)


def _ages() -> list[tuple[str, str]]:
    from protection.choices import AgeRange

    return _choices(AgeRange.choices)


def _countries() -> list[tuple[str, str]]:
    from protection.choices import COUNTRIES

    return _choices(COUNTRIES)


def _exploitation() -> list[tuple[str, str]]:
    from protection.choices import ExploitationType

    return _choices(ExploitationType.choices, _("Not recorded"))


def _voivodeships() -> list[tuple[str, str]]:
    from intake.aggregates import voivodeship_names

    return [*((n, n) for n in voivodeship_names()), (UNKNOWN, str(_("Not known")))]


def _hotlines() -> list[tuple[str, str]]:
    from intake.aggregates import voivodeship_names

    return [(n, n) for n in voivodeship_names()]


def _offences() -> list[tuple[str, str]]:
    from investigations.aggregates import offence_labels

    return [*offence_labels(), ("", str(_("No offence recorded")))]


def _stages(_q: Query) -> list[tuple[str, str]]:
    from investigations.models import Stage

    return _choices(Stage.choices)


# --- facts from the owning modules ----------------------------------------------------------------------


def _case_facts(user: Any, q: Query, pick: Callable[[Any], Iterable[str]]) -> Facts:
    from protection.aggregates import case_facts

    for f in case_facts(user, q.year_from, q.year_to):
        yield str(f.year), pick(f), 1


def _cases_by(attr: str) -> Callable[[Any, Query], Facts]:
    def facts(user: Any, q: Query) -> Facts:
        if attr == "exploitation":
            return _case_facts(user, q, lambda f: f.exploitation[:MAX_EXPLOITATION_TYPES])
        if attr == "citizenship":
            return _case_facts(user, q, lambda f: f.citizenship[:1])  # the first citizenship: one cell per case
        return _case_facts(user, q, lambda f: (getattr(f, attr),))

    return facts


def _cases_by_voivodeship(user: Any, q: Query) -> Facts:
    from intake.aggregates import source_voivodeships
    from protection.aggregates import case_facts

    facts = list(case_facts(user, q.year_from, q.year_to))
    calls = [f.source_id for f in facts if f.source_type == "intake.hotlinecall" and f.source_id]
    observations = [f.source_id for f in facts if f.source_type == "intake.fieldobservation" and f.source_id]
    where = source_voivodeships(user, calls, observations)
    for f in facts:
        yield str(f.year), (where.get((f.source_type, f.source_id or 0), UNKNOWN),), 1


def _calls(user: Any, q: Query) -> Facts:
    from intake.aggregates import call_facts

    for f in call_facts(user, q.year_from, q.year_to):
        yield f.month, (f.hotline,), 1


def _call_minutes(user: Any, q: Query) -> Facts:
    from intake.aggregates import call_facts

    for f in call_facts(user, q.year_from, q.year_to):
        yield f.month, (f.hotline,), min(f.minutes, CALL_MINUTES_CAP)


def _investigations(user: Any, q: Query) -> Facts:
    from investigations.aggregates import investigation_facts

    for f in investigation_facts(user, q.year_from, q.year_to):
        yield f.stage, (f.offence,), 1


TABLES: dict[str, TableDef] = {t.key: t for t in [
    TableDef("cases_exploitation", _("Cases by type of exploitation and year"), CASES,
             _("Type of exploitation"), _exploitation, _years, _cases_by("exploitation"),
             sensitivity=MAX_EXPLOITATION_TYPES),
    TableDef("cases_sex", _("Cases by sex and year"), CASES, pgettext_lazy("statistics", "Sex"), _genders, _years,
             _cases_by("gender")),
    TableDef("cases_age", _("Cases by age range and year"), CASES, _("Age range"), _ages, _years,
             _cases_by("age_range")),
    TableDef("cases_citizenship", _("Cases by citizenship and year"), CASES, _("Citizenship"), _countries, _years,
             _cases_by("citizenship")),
    TableDef("cases_voivodeship", _("Cases by voivodeship and year"), CASES, _("Voivodeship"), _voivodeships,
             _years, _cases_by_voivodeship),
    TableDef("calls_line_month", _("Hotline calls by line and month"), CALLS, _("Hotline"), _hotlines, _months,
             _calls),
    TableDef("call_minutes_line_month", _("Minutes on hotline calls by line and month"), CALLS, _("Hotline"),
             _hotlines, _months, _call_minutes, measure="sum", sensitivity=CALL_MINUTES_CAP,
             unit=_("minutes (a call counts for at most 60)")),
    TableDef("investigations_offence_stage", _("Investigations by offence and stage"), INVESTIGATIONS,
             _("Offence"), _offences, _stages, _investigations),
]}


def build(defn: TableDef, q: Query, facts: Facts) -> Table:
    """Count (or sum) the facts into the table's fixed rows and columns; values outside them are ignored."""
    rows = defn.rows()
    columns = defn.columns(q)
    r_index = {v: i for i, (v, _l) in enumerate(rows)}
    c_index = {v: i for i, (v, _l) in enumerate(columns)}
    cells = [[0] * len(columns) for _r in rows]
    for column, row_values, weight in facts:
        c = c_index.get(column)
        if c is None:
            continue
        for value in row_values:
            r = r_index.get(value)
            if r is not None:
                cells[r][c] += weight
    return Table(defn.key, str(defn.title), str(defn.row_heading), rows, columns, cells, defn.measure,
                 str(defn.unit))


def compute(user: Any, q: Query) -> Table:
    """The true table (before suppression or noise), read through the owning modules."""
    defn = TABLES[q.table]
    return build(defn, q, defn.facts(user, q))
