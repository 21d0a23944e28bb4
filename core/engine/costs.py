"""The vectorised cost engine: one function for one scenario or a million variations.

Inputs are *columns*: a mapping from field name (see ``core.model.scenario.FIELDS``) to a scalar or a
1-D array; arrays broadcast against each other. Outputs are arrays of shape (N, 4), one column
per strategy in ``STRATEGIES`` order, in USD, ms, days or fractions as their names say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.model.scenario import CHOICES, FIELDS
from core.model.strategies import (
    DAYS_PER_MONTH,
    FINE_TUNED,
    MONTHLY_COMPONENTS,
    ONE_OFF_COMPONENTS,
    STRATEGIES,
    USES_RETRIEVAL,
)

Columns = Mapping[str, Any]
_EPS = 1e-9  # keeps floor(rate * months) exact when the product is a whole number


def to_columns(flat: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Numeric columns from a flat scenario (choices become codes, text is dropped)."""
    cols: dict[str, np.ndarray] = {}
    for name, value in flat.items():
        if name in CHOICES:
            cols[name] = _encode(name, value)
        elif FIELDS[name][1].annotation is not str:
            cols[name] = np.atleast_1d(np.asarray(value, dtype=float))
    return cols


def _encode(name: str, value: Any) -> np.ndarray:
    options = CHOICES[name]
    values = np.atleast_1d(np.asarray(value))
    if values.dtype.kind in "fiu":
        return values.astype(float)
    return np.array([options.index(v) for v in values], dtype=float)


def retrains_through(rate: np.ndarray, months: Any) -> np.ndarray:
    """Retrains done by the end of ``months``, for a retrain rate in retrains/month.

    The single schedule behind both the month-by-month timeline and the horizon total.
    """
    return np.floor(rate * months + _EPS)


@dataclass(frozen=True)
class Costs:
    """Per-strategy results, each array (N, 4)."""

    monthly: dict[str, np.ndarray]  # USD/month by component, averaged over the horizon
    one_off: dict[str, np.ndarray]  # USD by component
    recurring_usd: np.ndarray  # USD/month before retraining
    run_cost_usd: np.ndarray  # USD per training run, (N, 1)
    retrain_rate: np.ndarray  # retrains/month (0 for strategies that never train)
    monthly_cost_usd: np.ndarray
    one_off_cost_usd: np.ndarray
    horizon_cost_usd: np.ndarray
    cost_per_query_usd: np.ndarray
    latency_ms: np.ndarray
    expected_accuracy: np.ndarray
    stale_days: np.ndarray


def per_strategy(*values: np.ndarray) -> np.ndarray:
    """Four (N, 1) or (1, 1) arrays side by side as one (N, 4) array, in strategy order."""
    return np.concatenate(np.broadcast_arrays(*values), axis=1)


def _col(cols: Columns, name: str) -> np.ndarray:
    """A column as a (N, 1) float array so it broadcasts against the 4 strategies."""
    return np.asarray(cols[name], dtype=float).reshape(-1, 1)


def compute_costs(cols: Columns) -> Costs:
    """Every cost, latency, accuracy and staleness figure for each strategy."""
    c = {name: _col(cols, name) for name in cols}
    ret, ft = USES_RETRIEVAL, FINE_TUNED
    horizon = c["horizon_months"]
    queries = c["queries_per_day"] * DAYS_PER_MONTH

    in_tokens = _input_tokens(c)
    per_query = c["price_basis"] == 1
    hosted = c["dedicated_hosting"] > 0
    token_cost = _token_generation_cost(c, in_tokens, hosted)
    listed = per_strategy(*(c[f"{s}_generation_cost_per_query_usd"] for s in STRATEGIES))
    listed = np.where(ft & hosted, 0.0, listed)
    generation = np.where(per_query, listed, token_cost)
    embed_mtok = c["embedding_price_per_mtok_usd"] / 1e6
    embed_query = np.where(per_query, c["embedding_cost_per_query_usd"], c["query_tokens"] * embed_mtok)

    accuracy = _accuracy(c)
    rate = _retrain_rate(c)
    run_cost = _run_cost(c)
    reembed = c["updates_per_month"] * c["corpus_tokens"] * c["changed_fraction_per_update"]
    monthly = {
        "generation": queries * generation,
        "retrieval": ret
        * (
            queries * (embed_query + c["vector_search_cost_per_query_usd"])
            + c["vector_store_monthly_usd"]
            + reembed * embed_mtok
        ),
        "retraining": retrains_through(rate, horizon) * run_cost / horizon,
        "hosting": ft * hosted * c["gpus"] * c["gpu_hour_usd"] * 24 * DAYS_PER_MONTH,
        "maintenance": per_strategy(*(c[f"{s}_maintenance_usd_per_month"] for s in STRATEGIES)),
        "errors": queries * (1 - accuracy) * c["cost_per_error_usd"],
    }
    one_off = {
        "labelling": ft * c["labeled_examples"] * c["labeling_cost_per_example_usd"],
        "training": ft * run_cost,
        "index_build": ret * c["corpus_tokens"] * embed_mtok,
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
        recurring_usd=monthly_total - monthly["retraining"],
        run_cost_usd=np.broadcast_to(run_cost, (shape[0], 1)),
        retrain_rate=np.broadcast_to(rate, shape),
        monthly_cost_usd=monthly_total,
        one_off_cost_usd=one_off_total,
        horizon_cost_usd=horizon_total,
        cost_per_query_usd=horizon_total / (queries * horizon),
        latency_ms=np.broadcast_to(_latency(c, in_tokens), shape),
        expected_accuracy=np.broadcast_to(accuracy, shape),
        stale_days=np.broadcast_to(_stale_days(c, rate), shape),
    )


def _input_tokens(c: dict[str, np.ndarray]) -> np.ndarray:
    """Prompt tokens per query: instructions + few-shots, retrieved context, or a short prompt."""
    q, ctx = c["query_tokens"], c["retrieved_tokens"]
    base, ftp = c["system_prompt_tokens"], c["fine_tuned_prompt_tokens"]
    return per_strategy(base + c["few_shot_tokens"] + q, base + ctx + q, ftp + q, ftp + ctx + q)


def _token_generation_cost(c, in_tokens: np.ndarray, hosted: np.ndarray) -> np.ndarray:
    base_in, ft_in = c["input_price_per_mtok_usd"], c["fine_tuned_input_price_per_mtok_usd"]
    base_out, ft_out = c["output_price_per_mtok_usd"], c["fine_tuned_output_price_per_mtok_usd"]
    p_in = per_strategy(base_in, base_in, ft_in, ft_in)
    p_out = per_strategy(base_out, base_out, ft_out, ft_out)
    cost = (in_tokens * p_in + c["output_tokens"] * p_out) / 1e6
    return np.where(FINE_TUNED & hosted, 0.0, cost)


def _run_cost(c) -> np.ndarray:
    """USD per training run: per-token API price, or the fixed LoRA / full run cost."""
    tokens = c["labeled_examples"] * c["tokens_per_example"] * c["epochs"]
    api = c["training_price_per_mtok_usd"] * tokens / 1e6
    method = c["training_method"]
    return np.where(method == 0, api, np.where(method == 1, c["lora_run_cost_usd"], c["full_run_cost_usd"]))


def _retrain_rate(c) -> np.ndarray:
    """Retrains/month. fine_tune follows knowledge updates, hybrid only its behaviour schedule;
    both are capped by the policy, and a deprecation sets a floor (a retrain moves the model
    to the newest base, so it also answers the deprecation: assumption)."""
    cap, scheduled = c["max_retrains_per_month"], c["behaviour_retrains_per_month"]
    floor = 1 / c["deprecation_interval_months"]
    ft_rate = np.maximum(np.minimum(np.maximum(c["updates_per_month"], scheduled), cap), floor)
    hy_rate = np.maximum(np.minimum(scheduled, cap), floor)
    zero = np.zeros((1, 1))
    return per_strategy(zero, zero, ft_rate, hy_rate)


def _latency(c, in_tokens: np.ndarray) -> np.ndarray:
    base, tuned = c["generation_latency_ms"], c["fine_tuned_generation_latency_ms"]
    gen = per_strategy(base, base, tuned, tuned)
    return gen + c["prefill_ms_per_1k_tokens"] * in_tokens / 1000 + USES_RETRIEVAL * c["retrieval_latency_ms"]


def _accuracy(c) -> np.ndarray:
    """Expected accuracy: baseline, plus the additive gains of 004, less the gap penalties."""
    # fine-tuning gains nothing under 200 examples and its full gain from 1,000 (001)
    ramp = np.clip((c["labeled_examples"] - 200) / 800, 0, 1)
    knowledge_missing = (c["knowledge_gap"] > 0) & ~USES_RETRIEVAL
    behaviour_missing = (c["behaviour_gap"] > 0) & (c["prompt_baseline_meets_target"] == 0) & ~FINE_TUNED
    acc = (
        c["baseline_accuracy"]
        + USES_RETRIEVAL * c["rag_accuracy_gain"]
        + FINE_TUNED * c["fine_tune_accuracy_gain"] * ramp
        - knowledge_missing * c["knowledge_gap_penalty"]
        - behaviour_missing * c["behaviour_gap_penalty"]
    )
    return np.clip(acc, 0, 1)


def _stale_days(c, rate: np.ndarray) -> np.ndarray:
    """Longest wait, in days, before a knowledge update shows in answers (0 if static)."""
    updates = c["updates_per_month"]
    never = c["horizon_months"] * DAYS_PER_MONTH  # prompting alone never sees new knowledge
    lag = c["index_refresh_lag_days"]
    ft_rate = rate[:, 2:3]
    turnaround = c["training_turnaround_days"]
    ft = np.where(ft_rate >= updates, turnaround, DAYS_PER_MONTH / ft_rate + turnaround)
    stale = per_strategy(never, lag, ft, lag)
    return np.where(updates > 0, stale, 0.0)
