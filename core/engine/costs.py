"""Every figure of every strategy in one vectorised call: the cost components, their totals,
latency, accuracy and staleness, for one scenario or a million variations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.engine import components, drivers, performance
from core.engine.columns import Columns, column
from core.model.strategies import DAYS_PER_MONTH, MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS


@dataclass(frozen=True)
class Costs:
    """Per-strategy results, each array (N, 4)."""

    monthly: dict[str, np.ndarray]  # USD/month by component, averaged over the horizon
    one_off: dict[str, np.ndarray]  # USD by component
    recurring_usd: np.ndarray  # USD/month before retraining and migrations
    run_cost_usd: np.ndarray  # USD per training run, (N, 1)
    retrain_rate: np.ndarray  # retrains/month (0 for strategies that never train)
    migration_cost_usd: np.ndarray  # USD per base-model migration in people, (N, 1)
    migration_rate: np.ndarray  # migrations/month (0 for strategies that never train)
    weeks_to_production: np.ndarray  # weeks from the start of work to a live system
    monthly_cost_usd: np.ndarray
    one_off_cost_usd: np.ndarray
    horizon_cost_usd: np.ndarray
    cost_per_query_usd: np.ndarray
    latency_ms: np.ndarray
    expected_accuracy: np.ndarray
    stale_days: np.ndarray
    accuracy_low: np.ndarray  # fraction: Wilson 95% of eval results, else gains x0.5 to x1.5
    accuracy_high: np.ndarray
    accuracy_measured: np.ndarray  # bool: from the team's eval results


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
    c = {name: column(cols, name) for name in cols}
    horizon = c["horizon_months"]
    queries = c["queries_per_day"] * DAYS_PER_MONTH
    in_tokens = drivers.input_tokens(c)
    rate = drivers.retrain_rate(c)
    accuracy, accuracy_low, accuracy_high, measured = performance.accuracy(c, rate)
    run = drivers.run_cost(c)
    moves = drivers.migration_rate(c)
    monthly = {
        "generation": components.generation(c, queries, in_tokens),
        "cache_writes": components.cache_writes(c),
        "retrieval": components.retrieval(c, queries),
        "vector_store": components.vector_store(c),
        "reembedding": components.reembedding(c),
        "retraining": components.retraining(c, rate, run),
        "migration": components.migration(c, moves),
        "hosting": components.hosting(c),
        "maintenance": components.maintenance(c),
        "engineering": components.engineering(c),
        "errors": components.errors(c, queries, accuracy),
    }
    one_off = {
        "labelling": components.labelling(c),
        "training": components.training(c, run),
        "index_build": components.index_build(c),
        "build": components.build(c),
    }
    # Every output has one row per scenario, even when the varied column touches no cost.
    shape = np.broadcast_shapes(*(v.shape for v in c.values()), (1, 4))
    monthly = {k: np.broadcast_to(monthly[k], shape) for k in MONTHLY_COMPONENTS}
    one_off = {k: np.broadcast_to(one_off[k], shape) for k in ONE_OFF_COMPONENTS}
    monthly_total = sum(monthly.values())
    one_off_total = sum(one_off.values())
    horizon_total = one_off_total + monthly_total * horizon
    return Costs(
        monthly=monthly,
        one_off=one_off,
        recurring_usd=monthly_total - monthly["retraining"] - monthly["migration"],
        run_cost_usd=np.broadcast_to(run, (shape[0], 1)),
        retrain_rate=np.broadcast_to(rate, shape),
        migration_cost_usd=np.broadcast_to(
            c["migration_person_weeks"] * c["loaded_cost_per_person_week_usd"], (shape[0], 1)
        ),
        migration_rate=np.broadcast_to(moves, shape),
        weeks_to_production=np.broadcast_to(performance.weeks_to_production(c), shape),
        monthly_cost_usd=monthly_total,
        one_off_cost_usd=one_off_total,
        horizon_cost_usd=horizon_total,
        cost_per_query_usd=horizon_total / (queries * horizon),
        latency_ms=np.broadcast_to(performance.latency(c, in_tokens), shape),
        expected_accuracy=np.broadcast_to(accuracy, shape),
        stale_days=np.broadcast_to(performance.stale_days(c, rate), shape),
        accuracy_low=np.broadcast_to(accuracy_low, shape),
        accuracy_high=np.broadcast_to(accuracy_high, shape),
        accuracy_measured=np.broadcast_to(measured, shape),
    )
