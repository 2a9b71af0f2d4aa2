"""Person matching: one Fellegi-Sunter model, run by Splink (full runs) or in Python (incremental).

Features come from `links.names`: script-independent surname key, given-name group
(diminutives and cross-language forms folded), birth date, sex. The model's levels and
starting m/u probabilities are defined once in `COMPARISONS`; Splink builds its settings
from them (DuckDB in-process by default, Spark when settings.LINKS_ENGINE == "spark"), and the
incremental path scores a handful of candidates with the same levels in plain Python so a
saved record does not pay Splink's start-up cost.

Mention values are decrypted only in memory, inside the matching task. Pairs above
LINKS_PROPOSE_THRESHOLD are kept; above LINKS_AUTO_THRESHOLD they link automatically.
Analysts' decisions always win: a rejected pair never links or comes back as a proposal.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import names
from .models import Alert, AlertStatus, Entity, MatchPair, MatchRun, MatchStatus, Mention, NameKey, RunStatus

log = logging.getLogger("ctims.links")


def auto_threshold() -> float:
    return float(getattr(settings, "LINKS_AUTO_THRESHOLD", 0.99))


def propose_threshold() -> float:
    return float(getattr(settings, "LINKS_PROPOSE_THRESHOLD", 0.5))


def engine() -> str:
    return str(getattr(settings, "LINKS_ENGINE", "duckdb"))


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    kind: str  # "exact" | "jw" (Jaro-Winkler >= param) | "lev"/"dl" ((Damerau-)Levenshtein <= param)
    #            | "year" (same first 4)
    #            | "dmswap" (ISO dates with day and month swapped) | "overlap" (space-separated sets intersect)
    param: float
    m: float
    u: float
    column: str = ""  # compare this column instead of the comparison's own (e.g. the plain Latin surname)
    tf: bool = False  # exact match weighed by how common the value is (term frequency), not by u alone
    label: str = ""


@dataclass(frozen=True)
class Comparison:
    column: str
    levels: tuple[Level, ...]  # in order; then an implicit ELSE level with the remaining mass
    else_m: float
    else_u: float


COMPARISONS: tuple[Comparison, ...] = (
    # m: how often true matches land in a level (typos in about one mention in seven);
    # u: how often two different people do (surname keys ~1 in 700, given-name groups ~1 in 30)
    # surname: same sound key in any script/convention (weighed by the surname's frequency); one typed letter
    # off in the plain Latin spelling; else close in Jaro-Winkler on that spelling (Зайченко/Савченко,
    # 0.85, and Юрченко/Ющенко, 0.88, are not)
    Comparison("surname", (Level("exact", 0, 0.75, 0.0015, tf=True, label="same"),
                           Level("dl", 1, 0.15, 0.0005, column="surname_plain", label="one letter off"),
                           Level("jw", 0.93, 0.05, 0.004, column="surname_plain", label="similar")), 0.05, 0.994),
    # given name: same key (weighed by frequency); forms of one name (rigour's symbols, CTIMS's own
    # diminutives: Гриша/Hryhorii, Sasha/Oleksandr); a typo
    Comparison("given", (Level("exact", 0, 0.75, 0.03, tf=True, label="same"),
                         Level("overlap", 0, 0.15, 0.01, column="given_syms", label="forms of one name"),
                         Level("jw", 0.88, 0.06, 0.02, label="similar")), 0.04, 0.94),
    # birth date: a true match rarely has two dates further apart than a slip (swap, one digit)
    Comparison("birth_date", (Level("exact", 0, 0.80, 0.0001, label="same"),
                              Level("dmswap", 0, 0.04, 0.00005, label="day and month swapped"),
                              Level("lev", 1, 0.12, 0.001, label="one digit off"),
                              Level("year", 0, 0.02, 0.02, label="same year")), 0.02, 0.97885),
    Comparison("sex", (Level("exact", 0, 0.98, 0.5),), 0.02, 0.5),
    # relational evidence: the two mentions share a phone, vehicle, account or document in their records
    Comparison("linked", (Level("overlap", 0, 0.5, 0.0005),), 0.5, 0.9995),
)
# optional comparisons, used when a data set carries these columns (the FEBRL benchmark does)
OPTIONAL_COMPARISONS: tuple[Comparison, ...] = (
    Comparison("document", (Level("exact", 0, 0.8, 0.0001), Level("lev", 2, 0.1, 0.001)), 0.1, 0.9989),
    Comparison("address", (Level("exact", 0, 0.7, 0.001), Level("jw", 0.88, 0.2, 0.01)), 0.1, 0.989),
    Comparison("locality", (Level("exact", 0, 0.8, 0.01), Level("jw", 0.88, 0.1, 0.02)), 0.1, 0.97),
    Comparison("postcode", (Level("exact", 0, 0.8, 0.005), Level("lev", 1, 0.1, 0.02)), 0.1, 0.975),
)
PRIOR = 0.001  # probability that two random mentions are the same person


jaro_winkler = names.jaro_winkler


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _level_holds(level: Level, a: str, b: str) -> bool:
    if level.kind == "exact":
        return a == b
    if level.kind == "jw":
        return jaro_winkler(a, b) >= level.param
    if level.kind == "lev":
        return levenshtein(a, b) <= level.param
    if level.kind == "dl":
        return damerau_levenshtein(a, b) <= level.param
    if level.kind == "year":
        return a[:4] == b[:4]
    if level.kind == "dmswap":
        return len(a) == len(b) == 10 and a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]
    if level.kind == "overlap":
        return bool(set(a.split()) & set(b.split()))
    raise ValueError(level.kind)


# column -> value -> share of mentions with that value; "name_dates": full name -> the birth dates it is seen with
TermFrequencies = dict[str, dict[str, Any]]
TF_SMOOTHING = 1000  # pseudo-mentions at the model's own u: a small register does not make every name common
TF_MINIMUM = {"surname": 0.00005, "given": 0.0005}


def term_frequencies(rows: Iterable[dict[str, Any]],
                     comparisons: Iterable[Comparison] = COMPARISONS) -> TermFrequencies:
    """How common each surname and given name is among the mentions (smoothed towards the model's u)."""
    rows = list(rows)
    out: TermFrequencies = {}
    for comp in comparisons:
        level = next((lv for lv in comp.levels if lv.tf), None)
        if level is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for r in rows:
            v = r.get(comp.column)
            if v:
                counts[v] += 1
        n = sum(counts.values())
        floor = TF_MINIMUM.get(comp.column, 0.0)
        out[comp.column] = {v: max(floor, (c + TF_SMOOTHING * level.u) / (n + TF_SMOOTHING))
                            for v, c in counts.items()}
    out["name_dates"] = name_dates(rows)
    out["n"] = {"": len(rows)}
    return out


def name_dates(rows: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """The birth dates each full name (both parts) is seen with: distinct dates are distinct people."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.get("name_pair") and r.get("birth_date"):
            out[str(r["name_pair"])].add(str(r["birth_date"]))
    return dict(out)


def _others_frequency(a: dict[str, Any], b: dict[str, Any], tf: TermFrequencies,
                      comparisons: Iterable[Comparison] = COMPARISONS) -> float | None:
    """Share of other people (distinct birth dates, the two compared mentions' own left out) with this full name."""
    dates = tf.get("name_dates", {}).get(str(a["name_pair"]))
    if dates is None:
        return None
    others = len(set(dates) - {a.get("birth_date"), b.get("birth_date")})
    n = int(tf.get("n", {}).get("", 0))
    comparisons = tuple(comparisons)
    u = _exact_u("surname", comparisons) * _exact_u("given", comparisons)
    return (others + TF_SMOOTHING * u) / (n + TF_SMOOTHING)


def _exact_u(column: str, comparisons: Iterable[Comparison] = COMPARISONS) -> float:
    return next((lv.u for c in comparisons if c.column == column for lv in c.levels if lv.tf),
                next(lv.u for c in COMPARISONS if c.column == column for lv in c.levels if lv.tf))


def full_name_factor(a: dict[str, Any], b: dict[str, Any], parts: list[Contribution],
                     tf: TermFrequencies | None, comparisons: Iterable[Comparison] = COMPARISONS) -> float:
    """A full name many other people carry is weak evidence even if each part alone is not common: when
    surname and given name are both the same, the product of their frequencies is replaced by the share of
    other people (other birth dates) with the two together, if that is higher (never raises a score)."""
    if tf is None or not a.get("name_pair") or a.get("name_pair") != b.get("name_pair"):
        return 1.0
    levels = {p.column: p for p in parts}
    if levels.get("surname", Contribution("", "", 1)).level != "same" or \
            levels.get("given", Contribution("", "", 1)).level != "same":
        return 1.0
    comparisons = tuple(comparisons)
    together = _others_frequency(a, b, tf, comparisons)
    if together is None:
        return 1.0
    u_surname = _exact_m("surname", comparisons) / levels["surname"].bayes_factor
    u_given = _exact_m("given", comparisons) / levels["given"].bayes_factor
    return min(1.0, u_surname * u_given / together)


def _exact_m(column: str, comparisons: Iterable[Comparison] = COMPARISONS) -> float:
    return next((lv.m for c in comparisons if c.column == column for lv in c.levels if lv.tf),
                next(lv.m for c in COMPARISONS if c.column == column for lv in c.levels if lv.tf))


# Names are compared as a set of parts: when a mention's surname is closer to the other's given name (and
# its given name to the other's surname) than straight across, the parts are compared crossed. So no
# decision rests on which word was taken for the surname (Шевчнеко Петро / Petro Shevchenko).
NAME_PARTNER = {"surname": "given", "given": "surname", "surname_plain": "given_plain", "given_plain": "surname_plain",
                "surname_syms": "given_syms", "given_syms": "surname_syms"}


def crossed(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, ga, sb, gb = a.get("surname"), a.get("given"), b.get("surname"), b.get("given")
    if not (sa and ga and sb and gb):
        return False
    return jaro_winkler(sa, gb) + jaro_winkler(ga, sb) > jaro_winkler(sa, sb) + jaro_winkler(ga, gb)


def _cross_sql() -> str:
    cols = ("surname_l", "given_l", "surname_r", "given_r")
    return ("(" + " and ".join(f"{c} is not null" for c in cols)
            + " and jaro_winkler_similarity(surname_l, given_r) + jaro_winkler_similarity(given_l, surname_r)"
            " > jaro_winkler_similarity(surname_l, surname_r) + jaro_winkler_similarity(given_l, given_r))")


def stored_term_frequencies(rows: Iterable[dict[str, Any]],
                            comparisons: Iterable[Comparison] = COMPARISONS) -> TermFrequencies:
    """Term frequencies of the rows' surnames and given names among all stored person mentions, counted
    from the keyed hashes of their name keys (no decryption), smoothed as `term_frequencies` does."""
    from core import crypto

    rows, comparisons = list(rows), tuple(comparisons)
    n = Mention.objects.filter(kind="person").count()
    out: TermFrequencies = {}
    for column, prefix in (("surname", "s"), ("given", "g")):
        comp = next(c for c in comparisons if c.column == column)
        u = next(lv.u for lv in comp.levels if lv.tf)
        values = {str(r[column]) for r in rows if r.get(column)}
        hashed = {crypto.blind_index("links.namekey", f"{prefix}:{v}"): v for v in values}
        counts: dict[str, int] = defaultdict(int)
        for key in NameKey.objects.filter(key__in=list(hashed)).values_list("key", flat=True):
            counts[hashed[key]] += 1
        out[column] = {v: max(TF_MINIMUM.get(column, 0.0), (counts[v] + TF_SMOOTHING * u) / (n + TF_SMOOTHING))
                       for v in values}
    # the rows are the candidate pool: every mention sharing a full name with the new ones is in it
    out["name_dates"] = name_dates(rows)
    out["n"] = {"": n}
    return out


@dataclass(frozen=True)
class Contribution:
    column: str
    level: str  # the level's label ("same", "one letter off", ...), "different" or "" (missing: no evidence)
    bayes_factor: float


def explain(a: dict[str, Any], b: dict[str, Any], comparisons: Iterable[Comparison] = COMPARISONS,
            prior: float = PRIOR, tf: TermFrequencies | None = None) -> tuple[float, list[Contribution]]:
    """Match probability and what each comparison added (Splink's waterfall: Bayes factors per comparison)."""
    log_bf = 0.0
    parts: list[Contribution] = []
    comparisons = tuple(comparisons)
    b_orig = b
    if crossed(a, b):
        b = {**b, **{k: b.get(v) for k, v in NAME_PARTNER.items()}}
    for comp in comparisons:
        hit: Level | None = None
        for level in comp.levels:
            col = level.column or comp.column
            x, y = a.get(col) or "", b.get(col) or ""
            if not (a.get(comp.column) and b.get(comp.column)):
                break
            if x and y and _level_holds(level, str(x), str(y)):
                hit = level
                break
        if not (a.get(comp.column) and b.get(comp.column)):
            parts.append(Contribution(comp.column, "", 1.0))
            continue
        if hit is None:
            bf = comp.else_m / comp.else_u
            label = "different"
        else:
            u = hit.u
            if hit.tf and tf is not None:  # as Splink: the larger frequency of the two mentions' own values
                freqs = [tf.get(comp.column, {}).get(str(v)) for v in (a.get(comp.column), b_orig.get(comp.column))]
                known = [f for f in freqs if f is not None]
                if known:
                    u = max(*known, TF_MINIMUM.get(comp.column, 0.0))
            bf = hit.m / u
            label = hit.label or hit.kind
        log_bf += math.log(bf)
        parts.append(Contribution(comp.column, label, bf))
    factor = full_name_factor(a, b_orig, parts, tf, comparisons)
    if factor < 1.0:
        log_bf += math.log(factor)
        parts.append(Contribution("name_pair", "common full name", factor))
    log_odds = math.log(prior / (1 - prior)) + log_bf
    p = 1 / (1 + math.exp(-log_odds)) if log_odds > -700 else 0.0
    return p, parts


def score(a: dict[str, Any], b: dict[str, Any], comparisons: Iterable[Comparison] = COMPARISONS,
          prior: float = PRIOR, tf: TermFrequencies | None = None) -> float:
    """Match probability of two feature records under the model (nulls carry no evidence)."""
    return explain(a, b, comparisons, prior, tf)[0]


def _name_pair(surname: str | None, given: str | None) -> str | None:
    return "|".join(sorted((surname, given))) if surname and given else None


def _given_syms(word: str) -> str | None:
    return " ".join(sorted(names.name_symbols(word))) or None if word else None


def features(unique_id: int, value: str, extra: dict[str, str], linked: Iterable[int] = ()) -> dict[str, Any]:
    parsed = names.parse_name(value)
    return {
        "unique_id": unique_id,
        "surname": parsed.surname_key or None,
        "surname_plain": names.plain_latin(parsed.surname_word) or None,
        "surname_syms": _given_syms(parsed.surname_word),
        "given": parsed.given_key or None,
        "given_plain": names.plain_latin(parsed.given_word) or None,
        "given_syms": _given_syms(parsed.given_word),
        "name_pair": _name_pair(parsed.surname_key, parsed.given_key),
        "birth_date": extra.get("birth_date") or None,
        "sex": (extra.get("sex") or "")[:1].lower() or None,
        "linked": " ".join(str(i) for i in sorted(set(linked))) or None,
    }


def features_from_parts(unique_id: int, given: str, surname: str, extra: dict[str, str]) -> dict[str, Any]:
    """Features when given name and surname come in separate fields (imports, benchmarks)."""
    given_word = (names.tokens(given) or [""])[0]
    surname_words = names.tokens(surname)
    surname_word = max(surname_words, key=len) if surname_words else ""
    group = names.given_group(given_word) if given_word else ""
    surname_key = names.word_key(surname_word) if surname_word else None
    given_key = (names.GROUP_KEY[group] if group else names.word_key(given_word)) if given_word else None
    return {
        "unique_id": unique_id,
        "surname": surname_key or None,
        "surname_plain": names.plain_latin(surname_word) or None,
        "surname_syms": _given_syms(surname_word),
        "given": given_key or None,
        "given_plain": names.plain_latin(given_word) or None,
        "given_syms": _given_syms(given_word),
        "name_pair": _name_pair(surname_key, given_key),
        "birth_date": extra.get("birth_date") or None,
        "sex": (extra.get("sex") or "")[:1].lower() or None,
    }


EXACT_KINDS = ("phone", "vehicle", "account", "document")


def linked_identifiers(sources: set[tuple[str, int]] | None) -> dict[tuple[str, int], set[int]]:
    """Exact-identifier entities (phone, plate, account, document) mentioned in each source record."""
    qs = Mention.objects.filter(kind__in=EXACT_KINDS).exclude(entity=None)
    if sources is not None:
        if not sources:
            return {}
        types = {t for t, _ in sources}
        qs = qs.filter(source_type__in=types, source_id__in={i for _, i in sources})
    out: dict[tuple[str, int], set[int]] = defaultdict(set)
    for st, sid, eid in qs.values_list("source_type", "source_id", "entity_id").iterator(chunk_size=5000):
        out[(st, sid)].add(eid)
    return out


def _mention_features(m: Mention, linked: dict[tuple[str, int], set[int]]) -> dict[str, Any]:
    extra = json.loads(m.extra) if m.extra else {}
    return features(m.pk, m.value, extra, linked.get((m.source_type, m.source_id), ()))


# --- Splink ---------------------------------------------------------------------------------


def _splink_comparison(comp: Comparison) -> Any:
    import splink.comparison_level_library as cll
    from splink.comparison_library import CustomComparison

    levels: list[Any] = [cll.NullLevel(comp.column)]
    for lv in comp.levels:
        creator: Any
        col = lv.column or comp.column
        if col in NAME_PARTNER:  # name parts: compared straight or crossed (see `crossed`)
            left, right = f"{col}_l", f"(CASE WHEN {_cross_sql()} THEN {NAME_PARTNER[col]}_r ELSE {col}_r END)"
            sql = {"exact": f"{left} = {right}", "jw": f"jaro_winkler_similarity({left}, {right}) >= {lv.param}",
                   "dl": f"damerau_levenshtein({left}, {right}) <= {int(lv.param)}",
                   "lev": f"levenshtein({left}, {right}) <= {int(lv.param)}",
                   "overlap": f"len(list_intersect(string_split({left}, ' '), string_split({right}, ' '))) > 0",
                   }[lv.kind]
            if lv.kind == "overlap" and engine() == "spark":  # pragma: no cover (spark)
                sql = f"size(array_intersect(split({left}, ' '), split({right}, ' '))) > 0"
            creator = cll.CustomLevel(sql, f"{comp.column} {lv.label or lv.kind}", base_dialect_str="duckdb")
            if lv.tf:
                creator = creator.configure(tf_adjustment_column=col, tf_adjustment_weight=1.0,
                                            tf_minimum_u_value=TF_MINIMUM.get(col, 0.0),
                                            disable_tf_exact_match_detection=True)
            levels.append(creator.configure(m_probability=lv.m, u_probability=lv.u))
            continue
        if lv.kind == "exact":
            creator = cll.ExactMatchLevel(col)
        elif lv.kind == "jw":
            creator = cll.JaroWinklerLevel(col, lv.param)
        elif lv.kind == "lev":
            creator = cll.LevenshteinLevel(col, int(lv.param))
        elif lv.kind == "dl":
            creator = cll.DamerauLevenshteinLevel(col, int(lv.param))
        elif lv.kind == "dmswap":
            creator = cll.CustomLevel(
                f"substr({col}_l, 1, 4) = substr({col}_r, 1, 4) and substr({col}_l, 6, 2) = substr({col}_r, 9, 2)"
                f" and substr({col}_l, 9, 2) = substr({col}_r, 6, 2)", f"{col} day and month swapped")
        elif lv.kind == "overlap":
            condition = f"len(list_intersect(string_split({col}_l, ' '), string_split({col}_r, ' '))) > 0"
            if engine() == "spark":  # pragma: no cover (spark: no list_intersect/string_split in Spark SQL)
                condition = f"size(array_intersect(split({col}_l, ' '), split({col}_r, ' '))) > 0"
            creator = cll.CustomLevel(condition, f"{col} shares an element")
        else:
            creator = cll.CustomLevel(f"substr({col}_l, 1, 4) = substr({col}_r, 1, 4)", f"{col} same year")
        if lv.tf:
            creator = creator.configure(tf_adjustment_column=col, tf_adjustment_weight=1.0,
                                        tf_minimum_u_value=TF_MINIMUM.get(col, 0.0))
        levels.append(creator.configure(m_probability=lv.m, u_probability=lv.u))
    levels.append(cll.ElseLevel().configure(m_probability=comp.else_m, u_probability=comp.else_u))
    return CustomComparison(levels, output_column_name=comp.column)


def blocking_rules(columns: set[str]) -> list[Any]:
    """Candidate pairs: tight enough for a million mentions, loose enough for typos in one field."""
    from splink import block_on

    # (typos: a surname key shares its first three sounds, a given name its first one)
    rules: list[Any] = [block_on("surname", "given"), block_on("given", "surname_prefix"),
                        block_on("surname", "given_initial")]
    if "birth_date" in columns:
        rules.append(block_on("given", "birth_year", "surname_initial"))
    rules.append(block_on("given", "surname_suffix", "surname_length"))
    if "birth_date" in columns:
        rules += [block_on("surname", "birth_date"), block_on("given", "birth_date"),
                  block_on("surname", "birth_year", "given_initial")]
    # the same two name parts read the other way round (surname taken for the given name), with or
    # without a typo in one of them
    rules += ["l.surname = r.given and l.given = r.surname",
              "l.surname = r.given and l.given_prefix = r.surname_prefix",
              "l.given = r.surname and l.surname_prefix = r.given_prefix"]
    if "birth_date" in columns:
        rules += ["l.surname = r.given and l.birth_date = r.birth_date",
                  "l.given = r.surname and l.birth_date = r.birth_date"]
    # a mention with a surname only (common in hotline calls) still meets the same surname
    rules += ["l.surname_alone = r.surname", "l.surname = r.surname_alone"]
    if "linked" in columns:
        rules.append("l.linked = r.linked and l.surname_initial = r.surname_initial")
    if "document" in columns:
        rules.append(block_on("document"))
    if "postcode" in columns:
        rules += [block_on("given", "postcode"), block_on("surname", "postcode")]
    return rules


def comparisons_for(columns: set[str], model: Iterable[Comparison] = COMPARISONS) -> list[Comparison]:
    """The model's comparisons (and the optional ones) whose column the data carries."""
    return [c for c in (*model, *OPTIONAL_COMPARISONS) if c.column in columns]


def db_api() -> Any:
    """DuckDB in process (default), or Spark when settings.LINKS_ENGINE == "spark" (needs pyspark and Java)."""
    if engine() == "spark":  # pragma: no cover (spark: pyspark and a JVM are not part of the project's install)
        return _spark_api()
    from splink import DuckDBAPI

    return DuckDBAPI()


def _spark_api() -> Any:  # pragma: no cover (spark)
    """Splink on the current Spark session, or a new one (master from PYSPARK_SUBMIT_ARGS, else local[*]).

    Splink's Spark SQL takes jaro_winkler and damerau_levenshtein from the jar it ships, which must be on
    the session's classpath: a session made here gets it; one made beforehand must have been built with
    spark.jars = splink.backends.spark.similarity_jar_location(). Intermediate tables are cached in the
    session ("persist") rather than written as parquet to a checkpoint directory (Splink's default, which
    fails when none is set), so decrypted features stay out of named files; splink_pairs clears the cache.
    """
    from pyspark.sql import SparkSession  # not installed by default: pip install pyspark (and Java 17+)
    from splink.backends.spark import SparkAPI, similarity_jar_location

    spark = SparkSession.builder.appName("ctims-links").config("spark.jars", similarity_jar_location()).getOrCreate()
    return SparkAPI(spark_session=spark, break_lineage_method="persist")


def prior_for(n: int) -> float:
    """Probability that two random mentions are the same person: about two duplicates per mention."""
    return min(PRIOR, 2.0 / max(n, 1))


def _with_helpers(frame: Any) -> Any:
    frame["birth_year"] = frame["birth_date"].str.slice(0, 4) if "birth_date" in frame else None
    frame["given_initial"] = frame["given"].str.slice(0, 1) if "given" in frame else None
    frame["surname_initial"] = frame["surname"].str.slice(0, 1) if "surname" in frame else None
    frame["surname_prefix"] = frame["surname"].str.slice(0, 3) if "surname" in frame else None
    frame["given_prefix"] = frame["given"].str.slice(0, 3) if "given" in frame else None
    frame["surname_suffix"] = frame["surname"].str.slice(-3) if "surname" in frame else None
    frame["surname_length"] = frame["surname"].str.len() if "surname" in frame else None
    # the surname of a mention without a given name: its blocking key against every same surname
    frame["surname_alone"] = frame["surname"].where(frame["given"].isna()) if "given" in frame else None
    return frame


def splink_pairs(rows: list[dict[str, Any]], *, train: bool = False, threshold: float | None = None,
                 progress: Callable[[str], None] | None = None, rows_b: list[dict[str, Any]] | None = None,
                 prior: float | None = None,
                 comparisons: Iterable[Comparison] = COMPARISONS) -> list[tuple[int, int, float]]:
    """Score every blocked pair of `rows` (feature dicts with unique_id) with Splink; pairs above threshold.

    With `rows_b`, links the two lists (link_only) instead of deduplicating one. `comparisons` is the model
    (the preset one unless given: the application passes its stored model, links.training.current()).
    """
    if len(rows) + len(rows_b or []) < 2:
        return []
    with splink_linker(rows, rows_b=rows_b, prior=prior, comparisons=comparisons) as (linker, columns, comps, tf):
        if train:
            if progress:
                progress("training")
            train_linker(linker, columns)
        if progress:
            progress("scoring")
        n = len(rows) + len(rows_b or [])
        chunks = max(1, -(-n // 250_000))  # bound memory on large runs: score in chunks of the input
        cutoff = threshold if threshold is not None else propose_threshold()
        if chunks > 1:
            result = linker.inference.predict(threshold_match_probability=cutoff, num_chunks_left=chunks,
                                              num_chunks_right=chunks)
        else:
            result = linker.inference.predict(threshold_match_probability=cutoff)
        out = result.as_pandas_dataframe()
    left = {r["unique_id"]: r for r in rows}
    right = {r["unique_id"]: r for r in rows_b} if rows_b else left
    found = []
    for a, b, p in zip(out["unique_id_l"], out["unique_id_r"], out["match_probability"], strict=True):
        ra, rb = left.get(a), right.get(b)
        if ra is not None and rb is not None and ra.get("name_pair") and ra.get("name_pair") == rb.get("name_pair"):
            # the full name's own frequency (full_name_factor), applied to Splink's odds as the Python path does
            factor = full_name_factor(ra, rb, explain(ra, rb, comps, tf=tf)[1], tf, comps)
            if factor < 1.0 and 0.0 < p < 1.0:
                odds = p / (1 - p) * factor
                p = odds / (1 + odds)
        if p >= cutoff:
            found.append((int(a), int(b), float(p)))
    return found


@contextlib.contextmanager
def splink_linker(rows: list[dict[str, Any]], *, rows_b: list[dict[str, Any]] | None = None,
                  prior: float | None = None, comparisons: Iterable[Comparison] = COMPARISONS,
                  ) -> Iterator[tuple[Any, set[str], list[Comparison], TermFrequencies]]:
    """A Splink linker over the rows with the model's comparisons and the rows' own term frequencies:
    (linker, columns present, comparisons used, term frequencies). Its tables are dropped on exit."""
    import logging as _logging

    import pandas as pd
    from splink import Linker, SettingsCreator

    _logging.getLogger("splink").setLevel(_logging.WARNING)
    frames = [_with_helpers(pd.DataFrame(rows))] + ([_with_helpers(pd.DataFrame(rows_b))] if rows_b else [])
    columns = {c for f in frames for c in f.columns if c != "unique_id" and f[c].notna().any()}
    comps = comparisons_for(columns, comparisons)
    tf = term_frequencies([*rows, *(rows_b or [])], comps)
    tf = {c: v for c, v in tf.items() if c in columns or c in ("name_dates", "n")}
    n = sum(len(f) for f in frames)
    settings_obj = SettingsCreator(
        link_type="link_only" if rows_b else "dedupe_only",
        comparisons=[_splink_comparison(c) for c in comps],
        blocking_rules_to_generate_predictions=blocking_rules(columns),
        probability_two_random_records_match=prior if prior is not None else prior_for(n),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    api = db_api()
    try:
        tables = []
        for i, frame in enumerate(frames):
            data = api.spark.createDataFrame(frame) if engine() == "spark" else frame  # pragma: no cover (spark)
            tables.append(api.register(data, table_name=f"mentions_{i}"))
        linker = Linker(tables if len(tables) > 1 else tables[0], settings_obj, log_level=None)
        for col, freqs in tf.items():  # the same smoothed frequencies as the Python path (term_frequencies)
            if col in ("name_dates", "n"):
                continue
            lookup = pd.DataFrame({col: list(freqs), f"tf_{col}": list(freqs.values())})
            linker.table_management.register_term_frequency_lookup(api.register(lookup, table_name=f"tf_in_{col}"),
                                                                   col)
        yield linker, columns, comps, tf
    finally:
        if engine() == "spark":  # pragma: no cover (spark)
            # A Spark session outlives the run (the task worker's): drop its tables (decrypted features), or the
            # next run could not register its own under the same names, and clear their cache.
            api.delete_tables_created_by_splink_from_db()
            for i in range(len(frames)):
                api.delete_table_from_database(f"mentions_{i}")
            api.spark.catalog.clearCache()


def train_linker(linker: Any, columns: set[str]) -> None:
    """Splink's own estimation, starting from the linker's current m/u: u from random pairs, then m by
    expectation maximisation, once blocked on the name (trains dates, sex, shared identifiers) and once
    on the birth date (trains the name comparisons)."""
    from splink import block_on

    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "given"))
    if "birth_date" in columns:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))


# --- runs ---------------------------------------------------------------------------------------


def _progress(run: MatchRun | None, **changes: Any) -> None:
    if run is None:
        return
    for k, v in changes.items():
        setattr(run, k, v)
    run.save(update_fields=list(changes))


def person_rows(run: MatchRun | None = None) -> list[dict[str, Any]]:
    """Feature rows of every person mention (values decrypted in memory only), with progress on `run`."""
    qs = Mention.objects.filter(kind="person").only("id", "value", "extra", "source_type", "source_id")
    total = qs.count()
    linked = linked_identifiers(None)
    _progress(run, status=RunStatus.RUNNING, stage="decrypting", total=total, done=0, started_at=timezone.now())
    rows: list[dict[str, Any]] = []
    for i, m in enumerate(qs.iterator(chunk_size=2000)):
        rows.append(_mention_features(m, linked))
        if run is not None and i % 5000 == 4999:
            _progress(run, done=i + 1)
    _progress(run, done=total)
    return rows


def run_full(run: MatchRun | None = None) -> int:
    """Score all person mentions with Splink under the stored model (links.training), store pairs,
    re-cluster, raise alerts. Returns pairs kept."""
    from . import training

    rows = person_rows(run)
    _progress(run, stage="scoring")
    model = training.current()
    pairs = splink_pairs(rows, progress=lambda s: _progress(run, stage=s), comparisons=model.comparisons)
    _progress(run, stage="linking", pairs_found=len(pairs))
    store_pairs(pairs)
    drop_stale_pairs(pairs)
    recluster(None)
    ids = [r["unique_id"] for r in rows]
    _progress(run, stage="alerts")
    check_alerts(ids)
    _progress(run, status=RunStatus.DONE, stage="", finished_at=timezone.now())
    return len(pairs)


CANDIDATE_CAP = 2000


def candidates_for(mention_ids: list[int]) -> list[Mention]:
    """Person mentions sharing a name key with the new ones, or a phone/plate/account/document with their records."""
    keys = NameKey.objects.filter(mention_id__in=mention_ids).values_list("key", flat=True)
    cand_ids = set(NameKey.objects.filter(key__in=list(keys)).values_list("mention_id", flat=True)[:CANDIDATE_CAP])
    new = Mention.objects.filter(pk__in=mention_ids)
    sources = {(m.source_type, m.source_id) for m in new.only("source_type", "source_id")}
    if sources:
        q = Q()
        for st, sid in sources:
            q |= Q(source_type=st, source_id=sid)
        shared = Mention.objects.filter(q, kind__in=EXACT_KINDS).exclude(entity=None).values_list("entity_id",
                                                                                                  flat=True)
        linked_sources = set(Mention.objects.filter(entity_id__in=list(shared)).values_list(
            "source_type", "source_id")[:CANDIDATE_CAP])
        if linked_sources:
            q = Q()
            for st, sid in linked_sources:
                q |= Q(source_type=st, source_id=sid)
            cand_ids |= set(Mention.objects.filter(q, kind="person").values_list("pk", flat=True)[:CANDIDATE_CAP])
    return list(Mention.objects.filter(pk__in=cand_ids | set(mention_ids), kind="person"))


def run_incremental(run: MatchRun | None, mention_ids: list[int]) -> int:
    """Match the new mentions of one saved record against candidates sharing a name key."""
    from . import training

    _progress(run, status=RunStatus.RUNNING, stage="scoring", started_at=timezone.now())
    new = list(Mention.objects.filter(pk__in=mention_ids, kind="person"))
    pairs: list[tuple[int, int, float]] = []
    if new:
        pool = candidates_for([m.pk for m in new])
        linked = linked_identifiers({(m.source_type, m.source_id) for m in pool})
        feats = {m.pk: _mention_features(m, linked) for m in pool}
        new_ids = {m.pk for m in new}
        threshold = propose_threshold()
        prior = prior_for(Mention.objects.filter(kind="person").count())
        model = training.current().comparisons
        tf = stored_term_frequencies(feats.values(), model)
        seen: set[tuple[int, int]] = set()
        for a in new_ids:
            for b in feats:
                if a == b or (min(a, b), max(a, b)) in seen:
                    continue
                seen.add((min(a, b), max(a, b)))
                p = score(feats[a], feats[b], model, prior=prior, tf=tf)
                if p >= threshold:
                    pairs.append((min(a, b), max(a, b), p))
        store_pairs(pairs)
        recluster(new_ids)
    _progress(run, stage="alerts", done=len(mention_ids), pairs_found=len(pairs))
    check_alerts(mention_ids)
    _progress(run, status=RunStatus.DONE, stage="", finished_at=timezone.now())
    return len(pairs)


@transaction.atomic
def store_pairs(pairs: list[tuple[int, int, float]]) -> None:
    """Upsert the matcher's view of each pair; analysts' decisions are left as they are."""
    if not pairs:
        return
    auto = auto_threshold()
    norm = {(min(a, b), max(a, b)): p for a, b, p in pairs}
    existing = {(p.left_id, p.right_id): p for p in
                MatchPair.objects.filter(left_id__in={a for a, _ in norm}, right_id__in={b for _, b in norm})}
    create, update = [], []
    for (a, b), p in norm.items():
        status = MatchStatus.AUTO if p >= auto else MatchStatus.PROPOSED
        row = existing.get((a, b))
        if row is None:
            create.append(MatchPair(left_id=a, right_id=b, probability=p, status=status, matcher_status=status))
        else:
            row.probability, row.matcher_status = p, status
            if not row.is_decided:
                row.status = status
            update.append(row)
    MatchPair.objects.bulk_create(create, batch_size=2000, ignore_conflicts=True)
    MatchPair.objects.bulk_update(update, ["probability", "matcher_status", "status"], batch_size=2000)


def drop_stale_pairs(found: list[tuple[int, int, float]]) -> int:
    """After a full run: forget the matcher's earlier view of pairs it no longer finds (a retrained model,
    changed mentions), so an old automatic link does not outlive the model that made it. Analysts'
    decisions stay. Returns the number of pairs dropped."""
    keep = {(min(a, b), max(a, b)) for a, b, _p in found}
    stale = [pk for pk, a, b in MatchPair.objects.filter(status__in=[MatchStatus.PROPOSED, MatchStatus.AUTO])
             .values_list("pk", "left_id", "right_id").iterator(chunk_size=5000) if (a, b) not in keep]
    for i in range(0, len(stale), 900):
        MatchPair.objects.filter(pk__in=stale[i:i + 900]).delete()
    return len(stale)


def recluster(seed_ids: set[int] | None) -> None:
    """Rebuild person entities from linked pairs (auto and confirmed), never joining a rejected pair.

    With seeds, only the connected part of the graph around them is rebuilt.
    """
    linked = [MatchStatus.AUTO, MatchStatus.CONFIRMED]
    if seed_ids is None:
        pairs = list(MatchPair.objects.filter(status__in=linked).values_list("left_id", "right_id", "status",
                                                                             "probability"))
        members = set(Mention.objects.filter(kind="person").values_list("pk", flat=True))
    else:
        members = set(seed_ids)
        frontier = set(seed_ids)
        pairs_by_id: dict[tuple[int, int], tuple[int, int, str, float]] = {}
        # previous entity-mates of the seeds must be re-examined too (a link may have been undone)
        prev_entities = set(Mention.objects.filter(pk__in=frontier).exclude(entity=None).values_list("entity_id",
                                                                                                    flat=True))
        frontier |= set(Mention.objects.filter(entity_id__in=prev_entities).values_list("pk", flat=True))
        members |= frontier
        while frontier:
            found = list(MatchPair.objects.filter(status__in=linked, left_id__in=frontier).values_list(
                "left_id", "right_id", "status", "probability")) + list(MatchPair.objects.filter(
                    status__in=linked, right_id__in=frontier).values_list("left_id", "right_id", "status",
                                                                          "probability"))
            frontier = set()
            for row in found:
                pairs_by_id[(row[0], row[1])] = row
                for x in row[:2]:
                    if x not in members:
                        members.add(x)
                        frontier.add(x)
        pairs = list(pairs_by_id.values())
    if not members:
        return
    rejected: dict[int, set[int]] = defaultdict(set)
    for a, b in MatchPair.objects.filter(status=MatchStatus.REJECTED, left_id__in=members).values_list(
            "left_id", "right_id"):
        rejected[a].add(b)
        rejected[b].add(a)
    parent = {m: m for m in members}
    groups: dict[int, set[int]] = {m: {m} for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # confirmed links first, then automatic ones by decreasing probability
    ordered = sorted(pairs, key=lambda r: (r[2] != MatchStatus.CONFIRMED, -r[3]))
    for a, b, _status, _p in ordered:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ga, gb = groups[ra], groups[rb]
        if any(rejected.get(x, set()) & gb for x in ga):
            continue
        if len(ga) < len(gb):
            ra, rb, ga, gb = rb, ra, gb, ga
        parent[rb] = ra
        ga |= gb
        del groups[rb]
    current = dict(Mention.objects.filter(pk__in=members).values_list("pk", "entity_id"))
    claimed: set[int] = set()
    updates: dict[int, list[int]] = defaultdict(list)
    new_groups: list[list[int]] = []
    for group in sorted(groups.values(), key=len, reverse=True):
        existing = sorted({current[m] for m in group if current.get(m)} - claimed)
        if existing:
            claimed.add(existing[0])
            updates[existing[0]] = [m for m in group if current.get(m) != existing[0]]
        else:
            new_groups.append(sorted(group))
    if new_groups:
        created = Entity.objects.bulk_create([Entity(kind="person") for _ in new_groups], batch_size=2000)
        for entity, new_group in zip(created, new_groups, strict=True):
            updates[entity.pk] = new_group
    for entity_id, mids in updates.items():
        if mids:
            for i in range(0, len(mids), 900):
                Mention.objects.filter(pk__in=mids[i:i + 900]).update(entity_id=entity_id)
    _enforce_rejections(rejected)


def _enforce_rejections(rejected: dict[int, set[int]]) -> None:
    """A rejection holds between identities: open pairs across two identities kept apart become rejected too."""
    if not rejected:
        return
    ids = set(rejected) | {b for bs in rejected.values() for b in bs}
    entity_of = dict(Mention.objects.filter(pk__in=ids).values_list("pk", "entity_id"))
    apart = {(entity_of[a], entity_of[b]) for a, bs in rejected.items() for b in bs
             if entity_of.get(a) and entity_of.get(b)}
    for ea, eb in apart:
        side_a = list(Mention.objects.filter(entity_id=ea).values_list("pk", flat=True))
        side_b = list(Mention.objects.filter(entity_id=eb).values_list("pk", flat=True))
        MatchPair.objects.filter(status__in=[MatchStatus.PROPOSED, MatchStatus.AUTO]).filter(
            Q(left_id__in=side_a, right_id__in=side_b) | Q(left_id__in=side_b, right_id__in=side_a),
        ).update(status=MatchStatus.REJECTED, updated_at=timezone.now())


# --- alerts -------------------------------------------------------------------------------------


def check_alerts(mention_ids: Iterable[int]) -> list[Alert]:
    """Raise (or refresh) an alert for the owning agency when a mention's entity was seen in other
    records nearby in time: at least LINKS_ALERT_MIN_RECORDS records within LINKS_ALERT_WINDOW_DAYS."""
    import datetime

    min_records = int(getattr(settings, "LINKS_ALERT_MIN_RECORDS", 3))
    window = datetime.timedelta(days=int(getattr(settings, "LINKS_ALERT_WINDOW_DAYS", 7)))
    alerts = []
    # alerts are about new calls and observations (intake); cases and investigations only add evidence
    prefixes = tuple(getattr(settings, "LINKS_ALERT_SOURCE_PREFIXES", ("intake.",)))
    # newest first: when a full run re-checks every mention, the alert describes the latest sightings
    triggers = [m for m in Mention.objects.filter(pk__in=list(mention_ids)).exclude(entity=None).order_by(
        "-occurred_at", "-id").only("id", "entity_id", "occurred_at", "owner_organisation_id", "source_type",
                                    "source_id")
        if m.source_type.startswith(prefixes)]
    seen: set[tuple[int, int]] = set()
    for trig in triggers:
        if trig.entity_id is None:
            continue
        key = (trig.owner_organisation_id, trig.entity_id)
        if key in seen:
            continue
        evidence = list(Mention.objects.filter(entity_id=trig.entity_id,
                                               occurred_at__gte=trig.occurred_at - window,
                                               occurred_at__lte=trig.occurred_at + window).only(
            "id", "source_type", "source_id", "place_index"))
        records = {(m.source_type, m.source_id) for m in evidence}
        if len(records) < min_records:
            continue
        seen.add(key)
        places = {m.place_index for m in evidence if m.place_index}
        alert, created = Alert.objects.get_or_create(organisation_id=trig.owner_organisation_id,
                                                     entity_id=trig.entity_id, defaults={"trigger": trig})
        if not created and not {m.pk for m in evidence} - set(alert.evidence.values_list("id", flat=True)):
            continue  # nothing new (a full run re-checking old reports): a closed alert stays closed
        alert.trigger = trig
        alert.record_count = len(records)
        alert.place_count = len(places)
        alert.status = AlertStatus.OPEN
        alert.save()
        alert.evidence.add(*evidence)
        alerts.append(alert)
        from notifications.models import Kind
        from notifications.services import notify, users_with

        notify(users_with(alert.organisation_id, "links.analyse"), Kind.ALERT_NEW, alert,
               key=f"alert{alert.pk}:{len(records)}")
    return alerts
