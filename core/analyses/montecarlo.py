"""Monte Carlo over the uncertain inputs: how sure is the recommendation?

The accuracy of a strategy with eval results is drawn from its Beta posterior (``sample_accuracy``).
Each uncertain input follows a PERT distribution (a beta scaled to low..high with its mode at
``likely`` and shape weight 4, the usual three-point estimate), from the editable ranges of
``core.analyses.ranges``. Every input draws from its own stream, seeded by (seed, the input's position
in ``FIELDS``), so the same seed gives the same samples and editing one range leaves the
others' draws as they were. A zero-width range is its likely value exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from core.analyses.ranges import check_ranges, default_ranges, is_int
from core.engine.chunks import decide, split
from core.engine.columns import to_columns
from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 1_000_000  # evaluated in chunks; the draws themselves make most of the ~0.46 GB peak
PERT_WEIGHT = 4.0
QUANTILES = (10, 25, 50, 75, 90)
_FIELD_INDEX = {name: i for i, name in enumerate(FIELDS)}


def pert(low: float, likely: float, high: float, n: int, seed: int, stream: int) -> np.ndarray:
    """``n`` PERT samples on low..high with mode ``likely`` (all ``likely`` if low == high), from the
    stream seeded by (seed, stream)."""
    width = high - low
    if width <= 0:
        return np.full(n, float(likely))
    alpha = 1 + PERT_WEIGHT * (likely - low) / width
    beta = 1 + PERT_WEIGHT * (high - likely) / width
    return low + width * beta_draws(seed, stream, alpha, beta, n)


# Beta draws kept per process: a slider move changes one input's range at most, and a range that
# scales with its value keeps its shape, so a rerun of the Uncertainty page draws nothing new
# (drawing ~50 streams of 10,000 was ~30 ms of its ~60 ms simulation). At most
# CACHED_STREAMS x MAX_CACHED_SAMPLES x 8 bytes (51 MB); larger runs draw afresh.
CACHED_STREAMS = 128
MAX_CACHED_SAMPLES = 50_000


def beta_draws(seed: int, stream: int, a: float, b: float, n: int) -> np.ndarray:
    """The first ``n`` draws of Beta(a, b) from the generator seeded by (seed, stream), read-only:
    exactly ``np.random.default_rng([seed, stream]).beta(a, b, n)``."""
    return (_cached_draws if n <= MAX_CACHED_SAMPLES else _draws)(seed, stream, float(a), float(b), n)


def _draws(seed: int, stream: int, a: float, b: float, n: int) -> np.ndarray:
    draws = np.random.default_rng([seed, stream]).beta(a, b, n)
    draws.flags.writeable = False  # shared by every caller of the cache
    return draws


_cached_draws = lru_cache(maxsize=CACHED_STREAMS)(_draws)


def check_run(samples: Any, seed: Any) -> tuple[int, int]:
    """(samples, seed) as whole numbers in range, or a ScenarioError."""
    if (
        isinstance(samples, bool)
        or not isinstance(samples, int | np.integer)
        or not 1 <= samples <= MAX_SAMPLES
    ):
        raise ScenarioError(
            f"samples = {quoted(samples)} is not allowed: expected a whole number from 1 to {MAX_SAMPLES:,}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed < 2**63:
        raise ScenarioError(
            f"seed = {quoted(seed)} is not allowed: expected a whole number from 0 to 2**63 - 1"
        )
    return int(samples), int(seed)


def sample_accuracy(flat: dict[str, Any], samples: int, seed: int) -> dict[str, np.ndarray]:
    """``<strategy>_eval_correct`` -> ``samples`` draws of total x p, p ~ Beta(correct + 1,
    total - correct + 1) (the posterior under a uniform prior), for each strategy with eval
    results: the engine then reads each sample's accuracy as p. One stream per field, as above."""
    drawn = {}
    for s in STRATEGIES:
        total, correct = flat[f"{s}_eval_total"], flat[f"{s}_eval_correct"]
        if total > 0:
            stream = _FIELD_INDEX[f"{s}_eval_correct"]
            drawn[f"{s}_eval_correct"] = total * beta_draws(
                seed, stream, correct + 1, total - correct + 1, samples
            )
    return drawn


def sample_inputs(ranges: pd.DataFrame, samples: int, seed: int) -> dict[str, np.ndarray]:
    """Input name -> ``samples`` draws, one independent stream per input."""
    drawn = {}
    for name, low, likely, high in ranges[["input", "low", "likely", "high"]].itertuples(index=False):
        values = pert(low, likely, high, samples, seed, _FIELD_INDEX[name])
        drawn[name] = np.round(values) if is_int(name) else values
    return drawn


@dataclass(frozen=True)
class MonteCarlo:
    samples: int
    seed: int
    winner: np.ndarray  # (samples,) index into STRATEGIES, or -1 where no strategy passes every rule
    horizon_cost_usd: np.ndarray  # (samples, 4) USD

    def probability(self) -> dict[str, float]:
        """Share of samples in which each strategy is the recommendation (with ``no_strategy``,
        the samples where none passes every rule, they sum to 1)."""
        counts = np.bincount(self.winner[self.winner >= 0], minlength=len(STRATEGIES))
        return {s: float(c / self.samples) for s, c in zip(STRATEGIES, counts, strict=True)}

    def no_strategy(self) -> float:
        """Share of samples in which no strategy passes every rule."""
        return float((self.winner < 0).mean())

    def summary(self) -> pd.DataFrame:
        """One row per strategy: probability, then p10, p25, p50, p75, p90 of horizon cost (USD)."""
        q = np.percentile(self.horizon_cost_usd, QUANTILES, axis=0)
        frame = pd.DataFrame({"strategy": STRATEGIES, "probability": list(self.probability().values())})
        for i, p in enumerate(QUANTILES):
            frame[f"p{p}"] = q[i]
        return frame

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``python -m core montecarlo``."""
        rows = self.summary().set_index("strategy")
        return {
            "samples": self.samples,
            "seed": self.seed,
            "probability": self.probability() | {"none": self.no_strategy()},
            "horizon_cost_usd": {
                s: {k: float(rows.loc[s, k]) for k in ("p10", "p50", "p90")} for s in STRATEGIES
            },
        }


def simulate(
    scenario: Scenario, ranges: pd.DataFrame | None = None, *, samples: int = DEFAULT_SAMPLES, seed: int = 0
) -> MonteCarlo:
    """Sample the uncertain inputs around ``scenario`` and evaluate the samples chunk by chunk."""
    samples, seed = check_run(samples, seed)
    ranges = check_ranges(default_ranges(scenario, uncertain_only=True) if ranges is None else ranges)
    flat = scenario.flat()
    cols = to_columns(flat)
    cols["horizon_months"] = np.full(samples, float(cols["horizon_months"][0]))  # full-length rows
    cols |= sample_inputs(ranges, samples, seed) | sample_accuracy(flat, samples, seed)
    decided = decide(split(cols), samples, keep_costs=True)  # in chunks: bounded memory
    return MonteCarlo(samples, seed, decided.verdict, decided.horizon_cost_usd)
