"""The mapping engine: find the header row, propose a field for each column and a code for each distinct value,
then convert and check every row. Generic over a Target (targets.py).

Matching is on a normalised form (case, accents, spaces and punctuation folded): exact names, the toolkit's own
aliases and misspellings, labels in English, Polish, Ukrainian and Russian, then the closest name (difflib).
Countries match by ISO 3166 alpha-2, alpha-3, name, official and common name, in the four languages (pycountry).
"""

from __future__ import annotations

import datetime
import difflib
import functools
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from core.crypto import normalise_phone

from .readers import Table
from .targets import Target, TargetField

LANGS = ("en", "pl", "uk", "ru")
IGNORE = "ignore"
HEADER_SCAN_ROWS = 12
TRUE_WORDS = {"1", "true", "yes", "y", "x", "tak", "так", "да", "prawda", "правда", "истина"}
FALSE_WORDS = {"0", "false", "no", "n", "nie", "ні", "нет", "fałsz", "fasz", "хибність", "ложь"}
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


@functools.lru_cache(maxsize=65_536)
def norm(text: str) -> str:
    """Case-, accent-, space- and punctuation-free form for matching ("Viet Nam" == "viet-nam" == "VietNam")."""
    text = unicodedata.normalize("NFKD", str(text).casefold().replace("ł", "l"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


# --- indexes -------------------------------------------------------------------------------------


def _labels(label: Any) -> list[str]:
    out = []
    for lang in LANGS:
        with translation.override(lang):
            out.append(str(label))
    return out


@functools.cache
def country_index() -> dict[str, str]:
    """Every way to write a country (codes, names, official and common names, in four languages) -> alpha-2."""
    import gettext

    import pycountry

    index: dict[str, str] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in LANGS[1:]]
    for c in pycountry.countries:
        names = [getattr(c, a, None) for a in ("name", "official_name", "common_name")]
        spelled = [n for n in names if n]
        for t in translations:
            spelled += [t.gettext(n) for n in names if n]
        for key in (c.alpha_2, c.alpha_3, *spelled):
            index.setdefault(norm(key), c.alpha_2)
        # "Moldova, Republic of" -> also "Republic of Moldova"
        for n in spelled:
            if ", " in n:
                head, tail = n.split(", ", 1)
                index.setdefault(norm(f"{tail} {head}"), c.alpha_2)
    for extra, code in (("UK", "GB"), ("England", "GB"), ("Great Britain", "GB"), ("Russia", "RU"),
                        ("Kosovo", "XK"), ("Unknown", "XX"), ("Other", "XX"), ("XX", "XX")):
        index.setdefault(norm(extra), code)
    return index


_FIELD_TARGET: dict[int, str] = {}


@dataclass
class FieldIndex:
    target: Target
    by_name: dict[str, set[str]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    not_stored: dict[str, str] = field(default_factory=dict)
    not_stored_exact: set[str] = field(default_factory=set)
    _cache: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of_target_of(cls, f: TargetField) -> FieldIndex:
        return cls.of(_FIELD_TARGET[id(f)])

    @classmethod
    @functools.cache
    def of(cls, target_key: str) -> FieldIndex:
        from .targets import get_target

        target = get_target(target_key)
        idx = cls(target)
        for name in target.extra.get("not_stored", {}):
            idx.not_stored_exact.add(name)
            for k in (name, name.split("_", 1)[-1]):
                idx.not_stored.setdefault(norm(k), name)
        for f in target.fields:
            _FIELD_TARGET[id(f)] = target_key
            keys = {f.name, *f.aliases, *_labels(f.label)}
            if "_" in f.name:
                keys.add(f.name.split("_", 1)[1])
            for k in keys:
                if norm(k):
                    idx.by_name.setdefault(norm(k), set()).add(f.name)
            if f.choices:
                vals: dict[str, str] = {}
                for ch in f.choices:
                    for k in (ch.code, *ch.aliases, *_labels(ch.label)):
                        vals.setdefault(norm(k), ch.code)
                idx.values[f.name] = vals
        return idx

    def resolve_header(self, text: str) -> tuple[str, str, list[str]]:
        """(field, confidence "exact"|"close"|"ambiguous"|"none", candidates) for a column header."""
        text = text.strip()
        if "/" in text:  # Kobo/ODK group paths: "group_x/field"
            text = text.rsplit("/", 1)[1]
        key = norm(text)
        if not key:
            return "", "none", []
        if text in self.not_stored_exact:  # e.g. Kobo's "_status", before it reads as the alias "Status"
            return IGNORE, "not_stored", [text]
        found = self.by_name.get(key)
        if found and len(found) == 1:
            return next(iter(found)), "exact", []
        if found:
            return "", "ambiguous", sorted(found)
        if key in self.not_stored:  # a field of the standard CTIMS deliberately does not keep
            return IGNORE, "not_stored", [self.not_stored[key]]
        close = difflib.get_close_matches(key, list(self.by_name), n=3, cutoff=0.84)
        fields = sorted({f for k in close for f in self.by_name[k]})
        if len(fields) == 1:
            return fields[0], "close", fields
        if fields:
            return "", "ambiguous", fields
        return "", "none", []

    def option_column(self, text: str) -> tuple[str, str]:
        """(field, code) for a header naming one value of a multi-select field, as the toolkit's Field Definitions
        do ("MethodsOfControlDebtBondage", "vic_MethodsOfControl/TakesEarnings"): a yes/no column per value."""
        key = norm("".join(text.split("/")[-2:]))
        for f in self.target.fields:
            if f.kind != "multichoice":
                continue
            for prefix in {norm(f.name), norm(f.name.split("_", 1)[-1])}:
                if key.startswith(prefix) and len(key) > len(prefix):
                    code = self.values.get(f.name, {}).get(key[len(prefix):], "")
                    if not code:  # "MethodsOfControl" + "Threats": the value's own alias under the prefix
                        code = self.values.get(f.name, {}).get(key, "")
                    if code:
                        return f.name, code
        return "", ""

    def exact_value(self, f: TargetField, raw: str) -> str:
        """The code `raw` names exactly (no closest-match guess), or ""."""
        key = norm(raw)
        if f.kind == "country":
            return country_index().get(key, "")
        return self.values.get(f.name, {}).get(key, "")

    def resolve_value(self, f: TargetField, raw: str) -> tuple[str, str]:
        """(code, confidence) for one value of a picklist or country column (cached: values repeat)."""
        cache_key = (f.name, raw)
        found = self._cache.get(cache_key)
        if found is None:
            if len(self._cache) > 20_000:
                self._cache.clear()
            found = self._cache[cache_key] = self._resolve_value(f, raw)
        return found

    def _resolve_value(self, f: TargetField, raw: str) -> tuple[str, str]:
        key = norm(raw)
        if not key:
            return "", "exact"
        if f.kind == "country":
            code = country_index().get(key, "")
            if code:
                return code, "exact"
            close = difflib.get_close_matches(key, list(country_index()), n=1, cutoff=0.88)
            return (country_index()[close[0]], "close") if close else ("", "none")
        vals = self.values.get(f.name, {})
        if key in vals:
            return vals[key], "exact"
        close = difflib.get_close_matches(key, list(vals), n=1, cutoff=0.85)
        return (vals[close[0]], "close") if close else ("", "none")


# --- analysis: header row, columns, values -------------------------------------------------------


@dataclass
class Column:
    index: int
    header: str  # the field-name row's text (or the label row's where that is empty)
    label: str  # the label row's text, if the file has one
    field: str
    confidence: str
    candidates: list[str]
    option: str = ""  # a yes/no column for one value of a multi-select field ("MethodsOfControlDebtBondage")

    @property
    def key(self) -> str:
        """How a mapping refers to this column: its header text, or its position for an unnamed column."""
        return self.header or self.label or f"#{self.index + 1}"


@dataclass
class Analysis:
    header_row: int  # 0-based
    data_start: int  # 0-based first data row
    columns: list[Column]


def _score(idx: FieldIndex, row: list[str]) -> int:
    return sum(1 for cell in row if cell and idx.resolve_header(cell)[1] == "exact")


def analyse(table: Table, target_key: str) -> Analysis:
    """Find the header row among the first rows (hidden rows count) and propose a field per column."""
    idx = FieldIndex.of(target_key)
    scan = table.rows[:HEADER_SCAN_ROWS]
    scores = [_score(idx, r) for r in scan]
    header_row = max(range(len(scores)), key=lambda i: (scores[i], -i)) if scores else 0
    data_start = header_row + 1
    label_row: list[str] = []
    # The toolkit's layout: a (often hidden) row of field names, then a row of human labels under it.
    if data_start < len(scan) and scores[header_row] and scores[data_start] >= max(2, scores[header_row] // 2):
        label_row = table.rows[data_start]
        data_start += 1
    header = table.rows[header_row] if table.rows else []
    width = max((len(r) for r in table.rows[: data_start + 50]), default=0)
    columns = []
    for i in range(width):
        name = header[i] if i < len(header) else ""
        label = label_row[i] if i < len(label_row) else ""
        option = ""
        fld, conf, cands = idx.resolve_header(name) if name else ("", "none", [])
        if not fld and label:
            fld, conf, cands = idx.resolve_header(label)
        if conf != "exact" and name:
            opt_field, option = idx.option_column(name)
            if opt_field:
                fld, conf, cands = opt_field, "exact", []
        if not name and not label and not any(i < len(r) and r[i] for r in table.rows[data_start:data_start + 200]):
            continue  # an empty column
        columns.append(Column(i, name, label, fld, conf, cands, option))
    # Two columns proposing one field: keep the exact one, flag the rest.
    counts = Counter(c.field for c in columns if c.field and c.field != IGNORE)
    for c in columns:
        if c.field and counts[c.field] > 1 and c.confidence != "exact":
            c.candidates, c.field, c.confidence = [c.field], "", "ambiguous"
    return Analysis(header_row, data_start, columns)


def distinct_values(table: Table, analysis: Analysis, columns: dict[str, str], target_key: str,
                    limit: int = 300) -> dict[str, list[dict[str, Any]]]:
    """For each mapped picklist/country column: its distinct values with counts and proposed codes."""
    idx = FieldIndex.of(target_key)
    out: dict[str, list[dict[str, Any]]] = {}
    for col in analysis.columns:
        fname = columns.get(col.key, "")
        f = idx.target.field(fname) if fname and fname != IGNORE else None
        if f is None or f.kind not in ("choice", "multichoice", "country") or (col.option and fname == col.field):
            continue
        counter: Counter[str] = Counter()
        for r in table.rows[analysis.data_start:]:
            cell = r[col.index] if col.index < len(r) else ""
            for v in _split(f, cell, idx):
                counter[v] += 1
        entries = out.setdefault(f.name, [])
        seen = {e["value"] for e in entries}
        for value, n in counter.most_common(limit):
            if value in seen:
                continue
            code, conf = idx.resolve_value(f, value)
            entries.append({"value": value, "count": n, "code": code, "confidence": conf})
    return out


def _split(f: TargetField, cell: str, idx: FieldIndex | None = None) -> list[str]:
    """The values in one cell. Multi-select cells are split on ";" (and "," or Kobo's spaces), but a value whose
    own name holds the separator ("Moldova, Republic of") stays whole: the longest run of parts that names a
    value wins."""
    cell = cell.strip()
    if not cell:
        return []
    if not (f.kind == "multichoice" or (f.kind == "country" and f.multi)):
        return [cell]
    idx = idx or FieldIndex.of_target_of(f)

    def known(text: str) -> bool:
        return bool(text) and bool(idx.exact_value(f, text))

    if known(cell):
        return [cell]

    def greedy(parts: list[str], joiner: str, fallback: Any) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                joined = joiner.join(parts[i:j])
                if j - i > 1 and known(joined):
                    out.append(joined)
                    i = j
                    break
            else:
                out += fallback(parts[i])
                i += 1
        return out

    def by_comma(part: str) -> list[str]:
        if known(part) or "," not in part:
            return [part]
        return greedy([p.strip() for p in part.split(",") if p.strip()], ", ", lambda p: [p])

    parts = [p.strip() for p in re.split(r"[;\n|]", cell) if p.strip()]
    values = greedy(parts, "; ", by_comma)
    # Kobo select_multiple: space-separated value names (or country codes)
    if len(values) == 1 and " " in cell and not known(cell):
        words = cell.split()
        if all(known(w) for w in words):
            return words
    return values


# --- conversion and checks -----------------------------------------------------------------------


@dataclass
class Problem:
    row: int  # 1-based row number in the file, as a spreadsheet shows it
    column: str  # the column's header (or letter) in the file
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def parse_date(raw: str) -> datetime.date | None:
    raw = raw.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", raw):
        return parse_date(raw[:10])
    raise ValueError(raw)


@dataclass
class Converted:
    rows: list[dict[str, Any]]
    problems: list[Problem]
    ignored_columns: list[str]
    unmapped_columns: list[str]
    unmapped_values: list[dict[str, Any]]
    skipped_blank: int = 0


def row_hash(cells: list[str]) -> str:
    return "h:" + hashlib.sha256("\x1f".join(c.strip() for c in cells).encode()).hexdigest()[:40]


# Messages about identity fields never repeat the cell (problems are kept on the job, unencrypted).
def convert(table: Table, analysis: Analysis, mapping: dict[str, Any], target_key: str) -> Converted:
    """Every data row as {field: value} with '_row' (file row number) and '_key' (idempotence key); every
    problem by row and column. `mapping` = {"columns": {column key: field|""|"ignore"},
    "values": {field: {raw value: code|"ignore"}}}."""
    idx = FieldIndex.of(target_key)
    target = idx.target
    col_map: dict[str, str] = mapping.get("columns", {})
    val_map: dict[str, dict[str, str]] = mapping.get("values", {})
    used: list[tuple[Column, TargetField]] = []
    ignored, unmapped = [], []
    for col in analysis.columns:
        fname = col_map.get(col.key, col.field)
        if fname == IGNORE:
            ignored.append(col.key)
        elif not fname:
            unmapped.append(col.key)
        elif (f := target.field(fname)) is not None:
            used.append((col, f))
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    unknown: dict[tuple[str, str], int] = {}
    blank = 0
    today = datetime.date.today()
    for number0 in range(analysis.data_start, len(table.rows)):
        raw = table.rows[number0]
        number = number0 + 1
        if not any(c.strip() for c in raw):
            blank += 1
            continue
        row: dict[str, Any] = {"_row": number}
        for col, f in used:
            cell = raw[col.index].strip() if col.index < len(raw) else ""
            if not cell:
                continue
            where = col.key

            def bad(code: str, message: str, where: str = where, number: int = number) -> None:
                problems.append(Problem(number, where, code, message))

            if col.option and f.name == col.field:  # a yes/no column for one value
                if norm(cell) in TRUE_WORDS:
                    chosen_codes = row.setdefault(f.name, [])
                    if col.option not in chosen_codes:
                        chosen_codes.append(col.option)
                elif norm(cell) not in FALSE_WORDS:
                    bad("not_yes_no", _("Write yes or no (or leave the cell empty)."))
                continue
            if f.kind in ("choice", "multichoice", "country"):
                codes = []
                for v in _split(f, cell, idx):
                    chosen = val_map.get(f.name, {}).get(v)
                    if chosen is None:
                        code, conf = idx.resolve_value(f, v)
                        chosen = code if conf == "exact" else ""
                    if chosen == IGNORE:
                        continue
                    if not chosen:
                        unknown[(f.name, v)] = unknown.get((f.name, v), 0) + 1
                        bad("unknown_value", _("'%(value)s' is not a value of %(field)s: choose what it means on the "
                                               "mapping page.") % {"value": v, "field": f.name})
                        continue
                    if chosen not in codes:
                        codes.append(chosen)
                if codes:
                    multi = f.kind == "multichoice" or (f.kind == "country" and f.multi)
                    if multi and isinstance(row.get(f.name), list):
                        codes = [*row[f.name], *[c for c in codes if c not in row[f.name]]]
                    row[f.name] = codes if multi else codes[0]
                    if not multi and len(codes) > 1:
                        bad("one_value", _("%(field)s takes one value; this cell has %(count)d.") % {
                            "field": f.name, "count": len(codes)})
            elif f.kind == "date":
                try:
                    day = parse_date(cell)
                except ValueError:
                    bad("invalid_date", _("This is not a date: write it as YYYY-MM-DD."))
                    continue
                if day is None or not (DATE_MIN <= day <= DATE_MAX):
                    bad("date_out_of_range", _("The date is outside the years CTIMS accepts (1900-2100)."))
                    continue
                if f.name.endswith("Birthdate") and day > today:
                    bad("future_birth_date", _("The date of birth is in the future."))
                    continue
                row[f.name] = day
            elif f.kind == "email":
                try:
                    validate_email(cell)
                except ValidationError:
                    bad("invalid_email", _("This is not an e-mail address."))
                    continue
                row[f.name] = cell
            elif f.kind == "phone":
                if normalise_phone(cell) is None:
                    bad("invalid_phone", _("This is not a phone number we can read; include the country code."))
                    continue
                row[f.name] = cell
            elif f.kind == "integer":
                try:
                    row[f.name] = int(float(cell))
                except ValueError:
                    bad("invalid_number", _("'%(value)s' is not a whole number.") % {"value": cell})
            elif f.kind == "boolean":
                row[f.name] = norm(cell) in TRUE_WORDS
            else:
                row[f.name] = cell
        if target.check_row is not None:
            columns_of = {f.name: c.key for c, f in used}
            for fname, message in target.check_row(row):
                problems.append(Problem(number, columns_of.get(fname, fname), "invalid_row", message))
        row["_key"] = target.natural_key(row) or row_hash(raw)
        rows.append(row)
    unmapped_values = [{"field": f, "value": v, "count": n} for (f, v), n in unknown.items()]
    return Converted(rows, problems, ignored, unmapped, unmapped_values, blank)
