"""The decision: hard constraints, the winner and fit tiers (vectorised), and the reasons
for one scenario (ordered, each with its rule and source)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.engine.costs import Columns, Costs, _col, per_strategy
from core.model.strategies import (
    DAYS_PER_YEAR,
    FINE_TUNED,
    FIT_TIERS,
    HARD_RULES,
    LABELS,
    QUARTERLY,
    RULES,
    STRATEGIES,
    USES_RETRIEVAL,
)

MIN_EXAMPLES = 200  # 001: "minimum around 200 for basic tasks"


def hard_constraints(cols: Columns, costs: Costs) -> dict[str, np.ndarray]:
    """Rule id -> (N, 4) bool: True where the rule blocks that strategy."""
    c = {n: _col(cols, n) for n in ("updates_per_month", "labeled_examples", "latency_budget_ms")}
    flag = {n: _col(cols, n) > 0 for n in ("knowledge_gap", "citations_required", "behaviour_gap")}
    baseline_ok = _col(cols, "prompt_baseline_meets_target") > 0
    no_retrieval, not_tuned = ~USES_RETRIEVAL, ~FINE_TUNED
    blocked = {
        "knowledge_gap_needs_retrieval": flag["knowledge_gap"] & no_retrieval,
        "knowledge_changes_faster_than_quarterly": (c["updates_per_month"] > QUARTERLY + 1e-9) & no_retrieval,
        "citations_need_retrieval": flag["citations_required"] & no_retrieval,
        "behaviour_gap_needs_fine_tuning": flag["behaviour_gap"] & ~baseline_ok & not_tuned,
        "too_few_examples": (c["labeled_examples"] < MIN_EXAMPLES) & FINE_TUNED,
        "latency_budget": costs.latency_ms > c["latency_budget_ms"],
    }
    shape = costs.horizon_cost_usd.shape
    return {rule: np.broadcast_to(blocked[rule], shape) for rule in HARD_RULES}


def choose(cols: Columns, costs: Costs, blocked: dict[str, np.ndarray]) -> np.ndarray:
    """Index of the recommended strategy per scenario, (N,)."""
    n_blocks = sum(b.astype(np.int8) for b in blocked.values())
    # When nothing is feasible, a strategy that cannot be built at all never wins the fallback.
    weight = n_blocks + 100 * blocked["too_few_examples"]
    fewest = weight == weight.min(axis=1, keepdims=True)
    winner = np.argmin(np.where(fewest, costs.horizon_cost_usd, np.inf), axis=1)
    prompt_first = (_col(cols, "prompt_baseline_meets_target")[:, 0] > 0) & (n_blocks[:, 0] == 0)
    return np.where(prompt_first, 0, winner)


def margin(costs: Costs, feasible: np.ndarray, winner: np.ndarray) -> np.ndarray:
    """How close the call is: the runner-up's extra horizon cost over the winner's, as a
    fraction of the winner's (NaN where no other strategy is feasible)."""
    cost = np.where(feasible, costs.horizon_cost_usd, np.inf)
    rows = np.arange(cost.shape[0])
    best = costs.horizon_cost_usd[rows, winner]
    cost[rows, winner] = np.inf
    runner = cost.min(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (runner - best) / np.maximum(best, 1e-12)
    return np.where(np.isfinite(out), out, np.nan)


def fit_tiers(cols: Columns, blocked: dict[str, np.ndarray]) -> np.ndarray:
    """(N, 4) index into FIT_TIERS, after the KnowMBA "When Fine-Tuning Pays Off" table."""
    examples = _col(cols, "labeled_examples")
    behaviour = _col(cols, "behaviour_gap") > 0
    stable = _col(cols, "behaviour_stable") > 0
    per_year = _col(cols, "queries_per_day") * DAYS_PER_YEAR
    knowledge_need = (
        (_col(cols, "knowledge_gap") > 0)
        | (_col(cols, "citations_required") > 0)
        | (_col(cols, "updates_per_month") > QUARTERLY + 1e-9)
    )
    strong_ft = behaviour & stable & (examples > 10_000) & (per_year > 1_000_000)
    possible_ft = behaviour & (examples > 5_000)
    tuned = np.where(strong_ft, 0, np.where(possible_ft, 1, 2))
    prompt = np.where(_col(cols, "prompt_baseline_meets_target") > 0, 0, 1)
    rag = np.where(knowledge_need, 0, 1)
    tiers = per_strategy(prompt, rag, tuned, tuned)
    any_block = np.logical_or.reduce(list(blocked.values()))
    return np.where(any_block, 3, tiers)


@dataclass(frozen=True)
class Reason:
    rule: str
    text: str
    source: str


@dataclass(frozen=True)
class Recommendation:
    strategy: str
    fit_tier: str
    reasons: list[Reason]


def _reason(rule: str, text: str) -> Reason:
    return Reason(rule=rule, text=text, source=RULES[rule][0])


def explain(flat: dict, costs: Costs, blocked: dict, winner: int, tiers: np.ndarray) -> Recommendation:
    """Ordered reasons for one scenario (row 0 of the arrays)."""
    name = STRATEGIES[winner]
    horizon = int(flat["horizon_months"])
    cost = costs.horizon_cost_usd[0]
    blocked_by = {s: [r for r in HARD_RULES if blocked[r][0, i]] for i, s in enumerate(STRATEGIES)}
    reasons: list[Reason] = []
    if not any(not b for b in blocked_by.values()):
        reasons.append(_reason("no_feasible_strategy", RULES["no_feasible_strategy"][1]))
    elif name == "prompt" and flat["prompt_baseline_meets_target"]:
        reasons.append(
            _reason(
                "prompt_first",
                "The prompt-only baseline already meets the target, "
                "so prompting comes before retrieval or fine-tuning.",
            )
        )
    if flat["knowledge_gap"] and flat["behaviour_gap"] and name == "hybrid":
        reasons.append(_reason("both_gaps_hybrid", RULES["both_gaps_hybrid"][1]))
    for rule in HARD_RULES:
        out = [LABELS[s] for s in STRATEGIES if rule in blocked_by[s]]
        if out and rule not in blocked_by[name]:
            reasons.append(_reason(rule, f"{RULES[rule][1]} Rules out: {', '.join(out)}."))
    if not blocked_by[name]:
        reasons.append(_reason("lowest_horizon_cost", _cost_text(name, cost[winner], horizon, flat)))
    reasons.extend(_example_reasons(flat))
    for i, other in enumerate(STRATEGIES):
        if i != winner:
            reasons.append(
                Reason(
                    "lost",
                    _lost_text(other, blocked_by[other], cost, i, winner, horizon),
                    RULES["lost"][0] if not blocked_by[other] else RULES[blocked_by[other][0]][0],
                )
            )
    return Recommendation(name, FIT_TIERS[tiers[0, winner]], reasons)


def _cost_text(name: str, cost: float, horizon: int, flat: dict) -> str:
    return (
        f"{LABELS[name]} costs ${cost:,.0f} over {horizon} months, the lowest of the "
        "strategies that pass every hard constraint."
    )


def _example_reasons(flat: dict) -> list[Reason]:
    n = flat["labeled_examples"]
    if n < MIN_EXAMPLES:
        return []
    if n < 500:
        return [_reason("few_examples_lean_rag", f"{n:,} labelled examples (< 500): lean RAG.")]
    if n < 1_000:
        return [_reason("under_1k_examples", f"{n:,} labelled examples (< 1,000): probably don't fine-tune.")]
    if (
        n > 10_000
        and flat["behaviour_gap"]
        and flat["behaviour_stable"]
        and flat["queries_per_day"] * DAYS_PER_YEAR > 1_000_000
    ):
        return [
            _reason(
                "fit_strong",
                f"{n:,} examples, stable behaviour and "
                f"{flat['queries_per_day'] * DAYS_PER_YEAR:,.0f} queries/year: a strong "
                "fit for fine-tuning.",
            )
        ]
    if n > 5_000 and flat["behaviour_gap"]:
        return [
            _reason("fit_possible", f"{n:,} examples with a behaviour gap: a possible fit for fine-tuning.")
        ]
    return []


def _lost_text(other: str, rules: list[str], cost: np.ndarray, i: int, winner: int, horizon: int) -> str:
    if rules:
        why = " ".join(RULES[r][1] for r in rules)
        return f"{LABELS[other]}: blocked. {why}"
    extra = cost[i] - cost[winner]
    pct = extra / cost[winner] * 100 if cost[winner] > 0 else float("inf")
    if extra >= 0:
        return f"{LABELS[other]}: ${extra:,.0f} more over {horizon} months ({pct:+.0f}%)."
    return f"{LABELS[other]}: ${-extra:,.0f} cheaper but the recommendation comes first by rule."
