"""The reasons for one scenario's recommendation: ordered, each naming its rule and its source."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.engine.costs import Costs
from core.model.rules import (
    DAYS_PER_YEAR,
    FIT_TIERS,
    FULL_GAIN_EXAMPLES,
    HARD_RULES,
    LEAN_RAG_EXAMPLES,
    MIN_EXAMPLES,
    RULES,
    possible_fit,
    strong_fit,
)
from core.model.strategies import LABELS, STRATEGIES


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
        out = [_ruled_out(rule, i, costs, flat) for i, s in enumerate(STRATEGIES) if rule in blocked_by[s]]
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


def _ruled_out(rule: str, i: int, costs: Costs, flat: dict) -> str:
    """A strategy's label; for the deadline, with its weeks to production against the deadline."""
    if rule != "deadline":
        return LABELS[STRATEGIES[i]]
    weeks = costs.weeks_to_production[0, i]
    return f"{LABELS[STRATEGIES[i]]} ({weeks:,.1f} weeks to production, deadline {flat['deadline_weeks']:g} weeks)"


def _cost_text(name: str, cost: float, horizon: int, flat: dict) -> str:
    return (
        f"{LABELS[name]} costs ${cost:,.0f} over {horizon} months, the lowest of the "
        "strategies that pass every hard constraint."
    )


def _example_reasons(flat: dict) -> list[Reason]:
    n = flat["labeled_examples"]
    if n < MIN_EXAMPLES:
        return []
    if n < LEAN_RAG_EXAMPLES:
        return [
            _reason("few_examples_lean_rag", f"{n:,} labelled examples (< {LEAN_RAG_EXAMPLES}): lean RAG.")
        ]
    if n < FULL_GAIN_EXAMPLES:
        text = f"{n:,} labelled examples (< {FULL_GAIN_EXAMPLES:,}): probably don't fine-tune."
        return [_reason("under_1k_examples", text)]
    behaviour, stable, per_day = flat["behaviour_gap"], flat["behaviour_stable"], flat["queries_per_day"]
    if strong_fit(n, behaviour, stable, per_day):
        text = (
            f"{n:,} examples, stable behaviour and {per_day * DAYS_PER_YEAR:,.0f} queries/year: "
            "a strong fit for fine-tuning."
        )
        return [_reason("fit_strong", text)]
    if possible_fit(n, behaviour):
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
