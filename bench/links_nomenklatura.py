"""nomenklatura's explainable matcher (LogicV2, OpenSanctions) as a re-scorer of the links matcher's pairs, on
the cross-script set of bench/links_crossscript.py: does it separate the pairs our Splink model gets wrong?

nomenklatura (and followthemoney, rigour) are not project dependencies; measure in a scratch venv:

    python3 -m venv /tmp/nkvenv && /tmp/nkvenv/bin/pip install -r requirements/lock.txt nomenklatura
    /tmp/nkvenv/bin/python bench/links_nomenklatura.py [persons] [--always-dob]    # default 3000 persons

Every pair the links matcher's blocking finds (Splink probability at threshold 0) is scored by LogicV2
(each mention as a followthemoney Person: name, birthDate when it parses, gender), and compared with the
truth. Printed: the links matcher at 0.5 (as in production); LogicV2 alone on the same pairs at several
thresholds; and two combinations (LogicV2 as a veto on our pairs, and the mean of both scores). The best
threshold of each is chosen with the labels, so those figures are optimistic upper bounds, not a
matcher. Also prints LogicV2's scores for the issue's own example (Шевченко, Shevchenko, Szewczenko,
Schewtschenko) and the time it takes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from followthemoney import model as ftm_model
    from nomenklatura.matching.logic_v2.model import LogicV2
    from nomenklatura.matching.types import ScoringConfig
except ImportError:
    sys.exit("nomenklatura is not installed here (it is not a project dependency): see this script's docstring.")

import links_crossscript as cs  # sets up Django

from links import matching

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def entity(mention: dict[str, Any]) -> Any:
    e = ftm_model.make_entity("Person")
    e.id = f"m{mention['unique_id']}"
    e.add("name", mention["value"])
    dob = mention["extra"].get("birth_date")
    if dob:
        e.add("birthDate", dob, quiet=True)
    sex = mention["extra"].get("sex")
    if sex:
        e.add("gender", "female" if sex == "f" else "male")
    return e


def f1_of(predicted: set[tuple[int, int]], truth: set[tuple[int, int]]) -> str:
    p, r, f1 = cs.scores(predicted, truth)
    return f"P {p:.4f}  R {r:.4f}  F1 {f1:.4f}  ({len(predicted)} pairs)"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    cs.ALWAYS_DOB = "--always-dob" in sys.argv
    n = int(args[0]) if args else 3000
    mentions, person_of = cs.generate(n)
    truth = cs.truth_pairs(person_of)
    rows = [matching.features(m["unique_id"], m["value"], m["extra"]) for m in mentions]
    blocked = {(min(a, b), max(a, b)): p for a, b, p in matching.splink_pairs(rows, threshold=0.0)}
    found = len(set(blocked) & truth)
    print(f"cross-script set{' (every mention with a birth date)' if cs.ALWAYS_DOB else ''}: {len(mentions)} "
          f"mentions, {len(truth)} true pairs; {len(blocked)} blocked pairs, of which {found} true "
          f"(recall ceiling of the blocking {found / len(truth):.4f})")

    config = ScoringConfig.defaults()
    start = time.perf_counter()
    entities = {m["unique_id"]: entity(m) for m in mentions}
    nk = {pair: LogicV2.compare(entities[pair[0]], entities[pair[1]], config).score for pair in blocked}
    took = time.perf_counter() - start
    print(f"LogicV2 scored {len(nk)} pairs in {took:.1f} s ({1e6 * took / max(len(nk), 1):.0f} µs a pair)\n")

    ours = {pair for pair, p in blocked.items() if p >= 0.5}
    print(f"{'links matcher, 0.5 (production)':44s} {f1_of(ours, truth)}")
    for t in THRESHOLDS:
        print(f"{f'LogicV2 alone >= {t}':44s} {f1_of({pair for pair, s in nk.items() if s >= t}, truth)}")
    best: dict[str, tuple[float, str]] = {}
    for t in (x / 20 for x in range(1, 20)):
        for name, chosen in (
            ("links >= 0.5 and LogicV2 >= t (veto)", {pair for pair in ours if nk[pair] >= t}),
            ("mean of links and LogicV2 >= t", {pair for pair in blocked if (blocked[pair] + nk[pair]) / 2 >= t}),
            ("LogicV2 alone >= t", {pair for pair, s in nk.items() if s >= t}),
        ):
            f1 = cs.scores(chosen, truth)[2]
            if name not in best or f1 > best[name][0]:
                best[name] = (f1, f"t={t:.2f}: {f1_of(chosen, truth)}")
    print("\nbest threshold chosen with the labels (optimistic):")
    for name, (_, text) in best.items():
        print(f"  {name:40s} {text}")

    print("\nthe issue's example, LogicV2 score against 'Шевченко Олександр':")
    base = entity({"unique_id": 0, "value": "Шевченко Олександр", "extra": {}})
    for i, other in enumerate(("Shevchenko Oleksandr", "Szewczenko Aleksander", "Schewtschenko Alexander",
                               "Шевченко Александр", "Ševčenko Oleksandr", "Шевчук Олександр"), start=1):
        score = LogicV2.compare(base, entity({"unique_id": i, "value": other, "extra": {}}), config).score
        print(f"  {other:28s} {score:.3f}")


if __name__ == "__main__":
    main()
