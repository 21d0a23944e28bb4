"""Plausible low / high ranges of the inputs: one table for the tornado and for Monte Carlo.

A row is either factors of the scenario's own value (``relative``: x0.5 to x2 of whatever the
scenario says) or absolute values from a seed, widened to include the scenario's value. Either
way the range is clamped to the field's bounds. ``uncertain`` rows are sampled by Monte Carlo;
the others are choices (the horizon, the latency budget) that only the tornado varies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.engine.freshness import LOWEST_CADENCE
from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS, HEADLINE, NUMERIC, bounds, number
from core.model.fields import unit as unit_of
from core.model.scenario import Scenario
from core.model.sources import RAFT_2024, S000, S001, S002, S003, S004, TRAINING_PRICES, describe

A = "assumption"
DECADES_FOR_LOG = 100  # hi / lo: a range this wide is drawn on a log axis
LOG_SCALED = frozenset({"queries_per_day", "labeled_examples"})  # the Explorer's log sliders
RANGE_COLUMNS = ("input", "low", "likely", "high", "unit", "source")


@dataclass(frozen=True)
class Spread:
    low: float
    high: float
    relative: bool  # factors of the scenario's value, else absolute values
    uncertain: bool  # Monte Carlo samples it (False: a choice the tornado still varies)
    source: str


def _x(low: float, high: float, source: str, uncertain: bool = True) -> Spread:
    return Spread(low, high, True, uncertain, source)


def _abs(low: float, high: float, source: str) -> Spread:
    return Spread(low, high, False, True, source)


SPREADS: dict[str, Spread] = {
    "queries_per_day": _x(0.5, 2, f"{A}: volume forecasts miss by up to 2x either way"),
    "updates_per_month": _x(0.25, 4, f"{A}: cadence known to within 4x (quarterly-ish to weekly-ish)"),
    "labeled_examples": _x(0.5, 1.5, f"{A}: quality review drops up to half; more can be labelled"),
    "latency_budget_ms": _x(
        0.75, 1.5, f"{A}: a product requirement, negotiable by a quarter to a half", False
    ),
    "horizon_months": _x(0.5, 2, f"{A}: a planning choice, half to double", False),
    "output_tokens": _x(0.5, 2, A),
    "corpus_tokens": _x(0.5, 2, A),
    "changed_fraction_per_update": _x(0.5, 2, A),
    "retrieved_tokens": _x(
        0.5, 2, f"{A}: 5 chunks (ScaledByDesign's topK: 5) of ~400 tokens; chunking varies 2x"
    ),
    "vector_search_cost_per_query_usd": _x(0.5, 2, A),
    "vector_store_monthly_usd": _x(0.5, 2, A),
    "retrieval_latency_ms": _abs(200, 800, f"{S001}: RAG retrieval adds 200-800 ms"),
    "tokens_per_example": _x(0.5, 2, A),
    "epochs": _abs(2, 5, f"{A}: 2 to 5 epochs, the usual fine-tuning API choices"),
    "training_price_per_mtok_usd": _abs(0.5, 25, f"{TRAINING_PRICES}: $0.50 to $25 per 1M"),
    "lora_run_cost_usd": _abs(50, 5_000, f"{S003}: fine-tuning $50-5,000+ per run"),
    "full_run_cost_usd": _x(0.5, 2, f"{S004}: ~$35,000 per full run; 2x either way ({A})"),
    "labeling_cost_per_example_usd": _x(0.5, 2, A),
    "deprecation_interval_months": _abs(6, 12, f"{S000}: base models upgraded every 6-12 months"),
    "generation_latency_ms": _x(0.75, 1.5, A),
    "fine_tuned_generation_latency_ms": _x(0.5, 1.5, f"{S002}: a small tuned model can be faster ({A})"),
    "prefill_ms_per_1k_tokens": _x(0.5, 2, A),
    "input_price_per_mtok_usd": _x(0.5, 1.5, f"{A}: list prices fall over a year; tiers differ"),
    "output_price_per_mtok_usd": _x(0.5, 1.5, f"{A}: list prices fall over a year; tiers differ"),
    "fine_tuned_input_price_per_mtok_usd": _x(0.5, 1.5, A),
    "fine_tuned_output_price_per_mtok_usd": _x(0.5, 1.5, A),
    "embedding_price_per_mtok_usd": _x(0.5, 1.5, A),
    "prompt_generation_cost_per_query_usd": _x(0.5, 2, A),
    "rag_generation_cost_per_query_usd": _abs(0.001, 0.01, f"{S003}: RAG $0.001-0.01 per query"),
    "fine_tune_generation_cost_per_query_usd": _x(0.5, 2, A),
    "hybrid_generation_cost_per_query_usd": _x(0.5, 2, A),
    "embedding_cost_per_query_usd": _x(0.5, 2, A),
    "few_shot_tokens": _x(0.5, 2, A),
    "system_prompt_tokens": _x(0.5, 2, A),
    "fine_tuned_prompt_tokens": _x(0.5, 2, A),
    "prompt_maintenance_usd_per_month": _x(0.5, 2, A),
    "rag_maintenance_usd_per_month": _x(
        0.5, 2, f"{A}: half to double (KnowMBA's insurer: $35K vs $220K a year)"
    ),
    "fine_tune_maintenance_usd_per_month": _x(
        0.5, 2, f"{A}: half to double (KnowMBA's insurer: $220K vs $35K a year)"
    ),
    "hybrid_maintenance_usd_per_month": _x(0.5, 2, A),
    "gpu_hour_usd": _x(0.5, 2, A),
    "cost_per_error_usd": _x(0.5, 2, A),
    "rag_accuracy_gain": _x(0.5, 1.5, f"{S004}: +5 pp in one study ({A}: half to 1.5x)"),
    "fine_tune_accuracy_gain": _x(0.5, 1.5, f"{S004}: +6 pp in one study ({A}: half to 1.5x)"),
    "lora_quality_share": _abs(0.90, 0.95, f"{S004}: LoRA keeps 90-95% of full fine-tuning quality"),
    "retrieval_fine_tune_error_cut": _x(0.5, 1.5, f"{RAFT_2024}: one dataset ({A}: half to 1.5x)"),
    "knowledge_decay_per_update": _x(0.5, 2, A),
    "accuracy_target": _x(0.9, 1.1, f"{A}: a product requirement, negotiable by a tenth", False),
}


def is_int(name: str) -> bool:
    return FIELDS[name][1].annotation is int


def spread_range(name: str, value: float, spread: Spread) -> tuple[float, float]:
    """(low, high) of one row around ``value``, clamped to the field's bounds."""
    lo, hi = (value * spread.low, value * spread.high) if spread.relative else (spread.low, spread.high)
    lo, hi = min(lo, value), max(hi, value)
    fmin, fmax = bounds(name)
    lo, hi = max(lo, fmin), min(hi, fmax)
    return (float(math.ceil(lo)), float(math.floor(hi))) if is_int(name) else (lo, hi)


def default_ranges(scenario: Scenario, *, uncertain_only: bool = False) -> pd.DataFrame:
    """The table's ranges around ``scenario``: input, low, likely (its value), high, unit, source."""
    flat = scenario.flat()
    rows = []
    for name, spread in SPREADS.items():
        if uncertain_only and not spread.uncertain:
            continue
        lo, hi = spread_range(name, float(flat[name]), spread)
        rows.append((name, lo, float(flat[name]), hi, unit_of(name), describe(spread.source)))
    return pd.DataFrame(rows, columns=list(RANGE_COLUMNS))


def check_ranges(ranges: pd.DataFrame) -> pd.DataFrame:
    """The ranges as floats, or a ScenarioError naming the first bad row."""
    missing = [c for c in ("input", "low", "likely", "high") if c not in ranges.columns]
    if missing:
        raise ScenarioError(f"ranges: missing column {quoted(missing[0])}")
    out = ranges.copy()
    for row in out.itertuples(index=False):
        _check_row(row.input, row.low, row.likely, row.high)
    if out["input"].duplicated().any():
        raise ScenarioError(
            f"ranges: {quoted(str(out['input'][out['input'].duplicated()].iloc[0]))} appears twice"
        )
    out[["low", "likely", "high"]] = out[["low", "likely", "high"]].astype(float)
    return out


def _check_row(name: Any, low: Any, likely: Any, high: Any) -> None:
    if name not in NUMERIC:
        raise ScenarioError(f"ranges: {quoted(name)} is not a numeric input")
    try:
        lo, mid, hi = float(low), float(likely), float(high)
    except (TypeError, ValueError):
        raise ScenarioError(f"ranges: {name} low/likely/high must be numbers") from None
    fmin, fmax = bounds(name)
    if not all(math.isfinite(v) for v in (lo, mid, hi)) or lo < fmin or hi > fmax:
        raise ScenarioError(
            f"ranges: {name} = {lo:g}..{hi:g} is not allowed: expected {number(fmin)} to {number(fmax)}"
        )
    if not lo <= mid <= hi:
        raise ScenarioError(f"ranges: {name} needs low <= likely <= high, got {lo:g}, {mid:g}, {hi:g}")


def grid(name: str, lo: float, hi: float, n: int) -> np.ndarray:
    """``n`` sorted values from lo to hi: log-spaced where lo > 0 and the input is log-scaled
    or hi/lo > 10, with 0 kept as its own point; whole numbers for whole-number inputs."""
    if lo > 0 and (name in LOG_SCALED or hi / lo > 10):
        values = np.geomspace(lo, hi, n)
    elif lo == 0 and hi > 1 and name in LOG_SCALED:
        values = np.concatenate([[0.0], np.geomspace(1, hi, n - 1)])
    else:
        values = np.linspace(lo, hi, n)
    return np.unique(np.round(values)) if is_int(name) else values


def map_range(name: str, value: float) -> tuple[float, float, bool]:
    """(lo, hi, log) for a decision-map axis: the whole slider for the headline inputs and
    the horizon (log where it spans two decades or more; the update cadence from about once in
    20 months, log), 0 to 1 for fractions, else a tenth to ten times the value (log)."""
    fmin, fmax = bounds(name)
    default = float(Scenario().flat()[name])
    if name in LOG_SCALED:
        return max(fmin, 10.0), fmax, True  # from 10: whole-number steps stay distinct
    if name == "updates_per_month":  # log: yearly, quarterly, monthly, weekly, daily all in sight
        return max(fmin, LOWEST_CADENCE), fmax, True
    if name in HEADLINE or name == "horizon_months" or unit_of(name) == "fraction":
        return fmin, fmax, bool(fmin > 0 and fmax / fmin >= DECADES_FOR_LOG)
    if value > 0:
        return max(fmin, value / 10), min(fmax, value * 10), True
    return fmin, min(fmax, 10 * (default or 1)), False


def widen(ranges: pd.DataFrame, factor: float) -> pd.DataFrame:
    """Every range scaled about its likely value by ``factor`` (0: no uncertainty, 1: as given),
    clamped to the field bounds."""
    if not (math.isfinite(factor) and factor >= 0):
        raise ScenarioError(f"range width = {quoted(factor)} is not allowed: expected a number from 0 up")
    out = ranges.copy()
    lows, highs = [], []
    for name, low, likely, high in out[["input", "low", "likely", "high"]].itertuples(index=False):
        fmin, fmax = bounds(name)
        lows.append(max(fmin, likely - factor * (likely - low)))
        highs.append(min(fmax, likely + factor * (high - likely)))
    out["low"], out["high"] = lows, highs
    return out
