"""A differentially private release over 1,000,000 case rows, and how accurate it is at ε = 1.

Builds a million synthetic case facts (year, sex, up to three types of exploitation, drawn with the
proportions of the demo) with polars, then runs the code path of a release (stats.tables.build counts the
facts into the table's fixed cells, stats.dp.release adds OpenDP noise) for two tables:

- cases by sex and year (sensitivity 1: Laplace scale 1/ε),
- cases by type of exploitation and year (a case counts in up to 3 types: sensitivity 3, scale 3/ε).

Prints the time of each step next to a baseline in the same run: the same counts by a polars group_by
(the fastest way to count on this machine, no privacy). Accuracy: the mean absolute error per cell of the
released counts against the true ones, over --repeats releases at ε = 1, next to the error the Laplace
distribution predicts (OpenDP adds discrete Laplace noise to integers: E|X| = 2p / (1 - p²), p = e^(-1/b)).

The database read (protection.aggregates.case_facts) is not in the timing: a million encrypted cases would
measure decryption, not the release; it is linear in the rows and measured by bench/protection_cases.py.

    .venv/bin/python bench/stats_dp.py [--rows 1000000] [--repeats 20]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--epsilon", type=float, default=1.0)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.test")
    import django

    django.setup()
    import numpy as np
    import polars as pl

    from stats import dp, tables

    rng = np.random.default_rng(20220614)
    n = args.rows
    genders = np.array(["Feminine", "Masculine", "TransgenderFeminine", "NonSpecifiedUnknown"])
    types = np.array(["ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedBegging", "ForcedMarriage",
                      "-99"])
    t0 = time.perf_counter()
    frame = pl.DataFrame({
        "year": rng.integers(2019, 2027, n).astype(str),
        "gender": genders[rng.choice(4, n, p=[0.55, 0.40, 0.01, 0.04])],
        "t1": types[rng.choice(6, n, p=[0.45, 0.35, 0.05, 0.07, 0.03, 0.05])],
        "t2": np.where(rng.random(n) < 0.2, types[rng.choice(5, n)], ""),
    })
    frame = frame.with_columns(pl.when(pl.col("t2") == pl.col("t1")).then(pl.lit("")).otherwise(pl.col("t2"))
                               .alias("t2"))  # a case has each type once
    print(f"{n:,} synthetic case rows built in {time.perf_counter() - t0:.2f} s (not part of the release)")
    q = tables.Query("cases_sex", 2019, 2026)

    for key, facts_of in (
        ("cases_sex", lambda: zip(frame["year"].to_list(), ((g,) for g in frame["gender"].to_list()),
                                  [1] * n, strict=True)),
        ("cases_exploitation", lambda: zip(frame["year"].to_list(),
                                           ((a, b) if b else (a,) for a, b in zip(frame["t1"].to_list(),
                                                                                  frame["t2"].to_list(), strict=True)),
                                           [1] * n, strict=True)),
    ):
        defn = tables.TABLES[key]
        query = tables.Query(key, q.year_from, q.year_to)
        t0 = time.perf_counter()
        table = tables.build(defn, query, facts_of())
        t_count = time.perf_counter() - t0
        flat = [v for row in table.cells for v in row]
        t0 = time.perf_counter()
        noisy = dp.release(flat, mechanism=dp.LAPLACE, sensitivity=defn.sensitivity, epsilon=args.epsilon)
        t_noise = time.perf_counter() - t0
        # baseline: the same counts with polars, no privacy
        t0 = time.perf_counter()
        if key == "cases_sex":
            base = frame.group_by(["gender", "year"]).len()
        else:
            long = pl.concat([frame.select("year", pl.col("t1").alias("t")),
                              frame.filter(pl.col("t2") != "").select("year", pl.col("t2").alias("t"))])
            base = long.group_by(["t", "year"]).len()
        t_base = time.perf_counter() - t0
        assert int(base["len"].sum()) == sum(flat), "the table and the baseline count the same rows"
        errors, errors_non_empty = [], []
        for _i in range(args.repeats):
            released = dp.release(flat, mechanism=dp.LAPLACE, sensitivity=defn.sensitivity, epsilon=args.epsilon)
            # error before the clamp at 0 is what the noise does; every cell here is far above 0
            errors += [abs(a - b) for a, b in zip(released.values, flat, strict=True)]
            errors_non_empty += [abs(a - b) for a, b in zip(released.values, flat, strict=True) if b > 0]
        mae = statistics.fmean(errors)
        p = math.exp(-1 / noisy.scale)
        predicted = 2 * p / (1 - p * p)
        print(f"\n{key}: {len(table.rows)} x {len(table.columns)} cells, sensitivity {defn.sensitivity}, "
              f"ε = {args.epsilon:g}, Laplace scale {noisy.scale:g}")
        print(f"  release: count {t_count:.2f} s + noise {t_noise * 1000:.1f} ms = {t_count + t_noise:.2f} s "
              f"(baseline polars group_by, no privacy: {t_base:.3f} s)")
        print(f"  mean absolute error per cell over {args.repeats} releases: {mae:.2f} over all "
              f"{len(flat)} cells (empty categories' noise is clamped at 0, so they err less), "
              f"{statistics.fmean(errors_non_empty):.2f} over the {sum(1 for v in flat if v)} non-empty cells "
              f"(discrete Laplace predicts {predicted:.2f}); relative to the mean non-empty cell "
              f"({statistics.fmean(v for v in flat if v):,.0f}): "
              f"{statistics.fmean(errors_non_empty) / statistics.fmean(v for v in flat if v):.5%}")


if __name__ == "__main__":
    main()
