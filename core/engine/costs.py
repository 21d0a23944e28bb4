"""Every figure of every strategy in one vectorised call: the cost components, their totals,
latency, accuracy and staleness, for one scenario or a million variations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from core.engine import components, drivers, performance
from core.engine.columns import Columns, column
from core.model.strategies import DAYS_PER_MONTH, MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS


@dataclass(frozen=True)
class Costs:
    """Per-strategy results, each array (N, 4).

    The totals and the figures the hard constraints read are computed at once; the rest (the
    components one by one, the accuracy interval, staleness, ...) on first use, so a sweep that
    only needs the decision does not pay for them. The first six fields are in the engine's
    (4, N) layout (``core.engine.columns``); every figure is handed out as a (N, 4) view."""

    columns: dict[str, np.ndarray]  # the scenario's columns, (1, N) each
    parts: dict[str, np.ndarray]  # component -> its (4, N) array, before broadcasting
    rate: np.ndarray  # retrains/month, (4, N) before broadcasting
    moves: np.ndarray  # migrations/month, (4, N) before broadcasting
    run: np.ndarray  # USD per training run, (1, N) or (1, 1)
    prompt_tokens: np.ndarray  # input tokens per query, (4, N) or (4, 1)
    monthly_cost_usd: np.ndarray
    one_off_cost_usd: np.ndarray
    horizon_cost_usd: np.ndarray
    latency_ms: np.ndarray
    expected_accuracy: np.ndarray
    weeks_to_production: np.ndarray  # weeks from the start of work to a live system

    @property
    def shape(self) -> tuple[int, int]:
        return self.horizon_cost_usd.shape

    def _full(self, value: np.ndarray) -> np.ndarray:
        """A (4, N) engine array, broadcast if need be, as its (N, 4) view."""
        return _handed_out(value, self.shape[::-1])

    @cached_property
    def monthly(self) -> dict[str, np.ndarray]:
        """USD/month by component, averaged over the horizon."""
        return {k: self._full(self.parts[k]) for k in MONTHLY_COMPONENTS}

    @cached_property
    def one_off(self) -> dict[str, np.ndarray]:
        """USD by component."""
        return {k: self._full(self.parts[k]) for k in ONE_OFF_COMPONENTS}

    @cached_property
    def recurring_usd(self) -> np.ndarray:
        """USD/month before retraining and migrations."""
        return self.monthly_cost_usd - self.monthly["retraining"] - self.monthly["migration"]

    @cached_property
    def run_cost_usd(self) -> np.ndarray:
        """USD per training run, (N, 1)."""
        return np.broadcast_to(self.run, (1, self.shape[0])).T

    @cached_property
    def retrain_rate(self) -> np.ndarray:
        """Retrains/month (0 for strategies that never train)."""
        return self._full(self.rate)

    @cached_property
    def migration_cost_usd(self) -> np.ndarray:
        """USD per base-model migration in people, (N, 1)."""
        c = self.columns
        return np.broadcast_to(
            c["migration_person_weeks"] * c["loaded_cost_per_person_week_usd"], (1, self.shape[0])
        ).T

    @cached_property
    def migration_rate(self) -> np.ndarray:
        """Migrations/month (0 for strategies that never train)."""
        return self._full(self.moves)

    @cached_property
    def cost_per_query_usd(self) -> np.ndarray:
        queries = self.columns["queries_per_day"] * DAYS_PER_MONTH
        return (self.horizon_cost_usd.T / (queries * self.columns["horizon_months"])).T

    @cached_property
    def stale_days(self) -> np.ndarray:
        return self._full(performance.stale_days(self.columns, self.rate))

    @cached_property
    def _interval(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        low, high, measured = performance.accuracy(self.columns, self.rate)[1:]
        return self._full(low), self._full(high), self._full(measured)

    @property
    def accuracy_low(self) -> np.ndarray:
        """Fraction: Wilson 95% of eval results, else gains x0.5 to x1.5."""
        return self._interval[0]

    @property
    def accuracy_high(self) -> np.ndarray:
        return self._interval[1]

    @property
    def accuracy_measured(self) -> np.ndarray:
        """Bool: from the team's eval results."""
        return self._interval[2]


def columns_of(cols: Columns) -> dict[str, np.ndarray]:
    """Every column as a (1, N) float array (``columns.column``), once per evaluation."""
    return {name: column(cols, name) for name in cols}


def _rows(c: dict[str, np.ndarray]) -> int:
    """N: the length the (1, N) columns broadcast to (1 when every column is one value)."""
    lengths = {v.shape[1] for v in c.values()} - {1}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths do not broadcast: {sorted(lengths)}")
    return lengths.pop() if lengths else 1


def _handed_out(value: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A (4, N) engine array (broadcast to ``shape`` if need be) as the (N, 4) view callers get."""
    return (value if value.shape == shape else np.broadcast_to(value, shape)).T


def _add_up(parts: list[np.ndarray]) -> np.ndarray:
    """parts[0] + parts[1] + ..., left to right (the same rounding as ``sum``), adding in place
    once the total has its full shape instead of broadcasting every part to (N, 4) first."""
    total = parts[0] + parts[1]
    for part in parts[2:]:
        if np.broadcast(total, part).shape == total.shape:
            np.add(total, part, out=total)
        else:
            total = total + part
    return total


def compute_costs(cols: Columns) -> Costs:
    """Every cost, latency, accuracy and staleness figure for each strategy.

    Equation:
        monthly_cost_usd = generation + cache_writes + retrieval + vector_store + reembedding
                           + retraining + migration + hosting + maintenance + engineering + errors
        one_off_cost_usd = labelling + training + index_build + build
        horizon_cost_usd = one_off_cost_usd + monthly_cost_usd * horizon_months
        cost_per_query_usd = horizon_cost_usd / (queries_per_day * DAYS_PER_MONTH * horizon_months)

    Shapes: columns, scalars or (N,) arrays -> (N, 4) for every figure.

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Total Cost of Customization, made explicit
    month by month); ScaledByDesign, "Fine-Tuning vs. RAG" (a month is 30 days).
    """
    return costs_of(columns_of(cols))


def costs_of(c: dict[str, np.ndarray]) -> Costs:
    """``compute_costs`` on columns already shaped (1, N) by ``columns_of``."""
    horizon = c["horizon_months"]
    queries = c["queries_per_day"] * DAYS_PER_MONTH
    in_tokens = drivers.input_tokens(c)
    rate = drivers.retrain_rate(c)
    accuracy = performance.expected_accuracy(c, rate)
    run = drivers.run_cost(c)
    moves = drivers.migration_rate(c)
    prices = drivers.token_prices(c)
    parts = {
        "generation": components.generation(c, queries, in_tokens, prices),
        "cache_writes": components.cache_writes(c, prices),
        "retrieval": components.retrieval(c, queries),
        "vector_store": components.vector_store(c),
        "reembedding": components.reembedding(c),
        "retraining": components.retraining(c, rate, run),
        "migration": components.migration(c, moves),
        "hosting": components.hosting(c),
        "maintenance": components.maintenance(c),
        "engineering": components.engineering(c),
        "errors": components.errors(c, queries, accuracy),
        "labelling": components.labelling(c),
        "training": components.training(c, run),
        "index_build": components.index_build(c),
        "build": components.build(c),
    }
    # Every output has one row per scenario, even when the varied column touches no cost.
    shape = (4, _rows(c))  # the engine's (4, N)
    monthly_total = _add_up([parts[k] for k in MONTHLY_COMPONENTS])
    one_off_total = _add_up([parts[k] for k in ONE_OFF_COMPONENTS])
    horizon_total = one_off_total + monthly_total * horizon
    full = [_handed_out(v, shape) for v in (monthly_total, one_off_total, horizon_total)]
    return Costs(
        columns=c,
        parts=parts,
        rate=rate,
        moves=moves,
        run=run,
        prompt_tokens=in_tokens,
        monthly_cost_usd=full[0],
        one_off_cost_usd=full[1],
        horizon_cost_usd=full[2],
        latency_ms=_handed_out(performance.latency(c, in_tokens), shape),
        expected_accuracy=_handed_out(accuracy, shape),
        weeks_to_production=_handed_out(performance.weeks_to_production(c), shape),
    )
