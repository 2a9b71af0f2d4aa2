"""Differentially private counts and sums with OpenDP (the core library, no polars needed).

A table is a vector of cells; one record (a case, a call, an investigation) changes at most
`contributions` cells by one (a count) or one cell by at most `bound` (a sum), which is the
sensitivity OpenDP's measurement is built for. Laplace noise gives pure ε-DP; Gaussian noise is
zero-concentrated DP converted to (ε, δ) and its scale found by OpenDP's binary search.
Negative noisy counts are shown as 0 (post-processing, which costs no privacy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# OpenDP's own modules, not `opendp.prelude`: the prelude also loads its scikit-learn/pandas extras when they
# are installed (splink brings them), about 8 s of CPU at the first request of every process.
import opendp.combinators as dp_c
import opendp.domains as dp_domains
import opendp.measurements as dp_m
import opendp.metrics as dp_metrics
import opendp.mod as dp_mod

dp_mod.enable_features("contrib")

LAPLACE = "laplace"
GAUSSIAN = "gaussian"


@dataclass(frozen=True)
class Noisy:
    values: list[int]
    scale: float
    epsilon: float
    delta: float


def _gaussian(scale: float, delta: float) -> Any:
    space = (dp_domains.vector_domain(dp_domains.atom_domain(T=int)), dp_metrics.l2_distance(T=int))
    return dp_c.make_fix_delta(dp_c.make_zCDP_to_approxDP(dp_m.make_gaussian(*space, scale=scale)), delta)


def measurement(mechanism: str, sensitivity: int, epsilon: float, delta: float = 0.0) -> tuple[Any, float]:
    """The OpenDP measurement that releases an integer vector with this sensitivity at (ε, δ), and its scale."""
    if mechanism == LAPLACE:
        scale = sensitivity / epsilon
        space = (dp_domains.vector_domain(dp_domains.atom_domain(T=int)), dp_metrics.l1_distance(T=int))
        meas = dp_m.make_laplace(*space, scale=scale)
        assert meas.map(sensitivity) <= epsilon * (1 + 1e-9)
        return meas, scale
    if mechanism == GAUSSIAN:
        if not 0 < delta < 1:
            raise ValueError("delta")
        scale = dp_mod.binary_search_param(lambda s: _gaussian(s, delta), d_in=sensitivity, d_out=(epsilon, delta))
        return _gaussian(scale, delta), float(scale)
    raise ValueError(mechanism)


def release(values: list[int], *, mechanism: str, sensitivity: int, epsilon: float, delta: float = 0.0) -> Noisy:
    meas, scale = measurement(mechanism, sensitivity, epsilon, delta)
    noisy = meas([int(v) for v in values])
    return Noisy([max(0, int(v)) for v in noisy], scale, epsilon, delta if mechanism == GAUSSIAN else 0.0)
