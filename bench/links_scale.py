"""Scale: resolve 1,000,000 person mentions (cross-script generator) on this machine; wall time and peak memory.

Stages timed: generating the mentions, computing match features (name keys, given-name groups),
scoring candidate pairs with Splink on DuckDB (in process), clustering into identities. The
baseline in the same run is a plain Splink configuration on the raw first/last words (skip it
with --no-baseline). Database writes are not included (see docs/benchmarks.md).

    .venv/bin/python bench/links_scale.py [mentions]        # default 1000000
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import links_crossscript as cross

from links import matching


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def clusters(n: int, pairs: list[tuple[int, int, float]], threshold: float) -> int:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, p in pairs:
        if p >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra
    return len({find(i) for i in range(n)})


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.ERROR)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = int(args[0]) if args else 1_000_000
    t0 = time.perf_counter()
    mentions, person_of = cross.generate(int(target / 2.17))
    mentions, person_of = mentions[:target], person_of[:target]
    t1 = time.perf_counter()
    print(f"generated {len(mentions)} mentions of {len(set(person_of))} persons in {t1 - t0:.1f}s", flush=True)
    rows = [matching.features(m["unique_id"], m["value"], m["extra"]) for m in mentions]
    t2 = time.perf_counter()
    print(f"features: {t2 - t1:.1f}s", flush=True)
    pairs = matching.splink_pairs(rows, threshold=0.5)
    t3 = time.perf_counter()
    print(f"Splink (DuckDB) scoring: {t3 - t2:.1f}s, {len(pairs)} pairs >= 0.5", flush=True)
    n_clusters = clusters(len(rows), pairs, matching.auto_threshold())
    t4 = time.perf_counter()
    truth = cross.truth_pairs(person_of)
    predicted = {(min(a, b), max(a, b)) for a, b, _ in pairs}
    p, r, f1 = cross.scores(predicted, truth)
    print(f"clustering: {t4 - t3:.1f}s, {n_clusters} identities (true persons {len(set(person_of))})")
    print(f"links matcher: resolve {len(rows)} mentions in {t4 - t1:.1f}s (features + scoring + clustering), "
          f"pairwise P {p:.4f} R {r:.4f} F1 {f1:.4f}; peak memory {peak_mb():.0f} MB", flush=True)
    if "--no-baseline" not in sys.argv:
        t5 = time.perf_counter()
        base = cross.plain_splink(mentions)
        t6 = time.perf_counter()
        p, r, f1 = cross.scores(base, truth)
        print(f"plain Splink baseline: {t6 - t5:.1f}s, pairwise P {p:.4f} R {r:.4f} F1 {f1:.4f}; "
              f"peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
