"""The reasons for one scenario's recommendation: ordered, each naming its rule and its source."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.engine.costs import Costs
from core.model.rules import (
    AVOID,
    DAYS_PER_YEAR,
    FIT_TIERS,
    FULL_GAIN_EXAMPLES,
    HARD_RULES,
    LEAN_RAG_EXAMPLES,
    MIN_EXAMPLES,
    RULES,
    UNLIKELY,
    possible_fit,
    stable_possible_fit,
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
    strategy: str  # the recommendation, or where nothing passes the closest strategy
    fit_tier: str
    reasons: list[Reason]
    feasible: bool = True  # False: no strategy meets every constraint; ``strategy`` is the closest
    weak_fit: bool = False  # recommended though graded unlikely or avoid (nothing else passes)
    breaks: tuple[str, ...] = ()  # the hard rules the shown strategy breaks

    @property
    def verdict(self) -> str:
        """The recommended strategy, or "none" when no strategy passes every rule."""
        return self.strategy if self.feasible else "none"

    @property
    def headline(self) -> str:
        """The verdict in one line, for the Explorer, the CLI and exports."""
        if not self.feasible:
            return f"No strategy meets every constraint (closest: {LABELS[self.strategy]})"
        flag = f" (fit: {self.fit_tier}, only because nothing else passes)" if self.weak_fit else ""
        return f"Recommended: {LABELS[self.strategy]}{flag}"


def _reason(rule: str, text: str) -> Reason:
    return Reason(rule=rule, text=text, source=RULES[rule][0])


def explain(flat: dict, costs: Costs, blocked: dict, winner: int, tiers: np.ndarray) -> Recommendation:
    """Ordered reasons for one scenario (row 0 of the arrays). No reason claims a cost order that
    the numbers do not bear out."""
    name = STRATEGIES[winner]
    horizon = int(flat["horizon_months"])
    cost = costs.horizon_cost_usd[0]
    blocked_by = {s: [r for r in HARD_RULES if blocked[r][0, i]] for i, s in enumerate(STRATEGIES)}
    passing = [i for i, s in enumerate(STRATEGIES) if not blocked_by[s]]
    weak = [i for i in passing if tiers[0, i] in (UNLIKELY, AVOID)]
    weak_fit = winner in weak
    cheaper = [i for i in passing if i != winner and cost[i] < cost[winner]]
    reasons: list[Reason] = []
    if not passing:
        reasons.append(_reason("no_feasible_strategy", RULES["no_feasible_strategy"][1]))
        for rule in blocked_by[name]:
            reasons.append(
                _reason(rule, f"{LABELS[name]} breaks this rule: {_rule_text(rule, flat, costs, winner)}")
            )
    elif name == "prompt" and cheaper:
        reasons.append(_reason("prompt_first", _prompt_first_text(cost, cheaper, horizon)))
    elif name == "prompt" and (flat["prompt_baseline_meets_target"] or flat["accuracy_target"] > 0):
        reasons.append(_reason("prompt_first", "The prompt-only baseline meets the target, so prompting "
                               "comes before retrieval or fine-tuning."))  # fmt: skip
    if weak_fit:
        reasons.append(_reason("weak_fit_last_resort", f"{LABELS[name]} is graded "
                               f"'{FIT_TIERS[tiers[0, winner]]}' and recommended only because nothing "
                               "else passes every rule."))  # fmt: skip
    if flat["knowledge_gap"] and flat["behaviour_gap"] and name == "hybrid":
        reasons.append(_reason("both_gaps_hybrid", RULES["both_gaps_hybrid"][1]))
    for rule in HARD_RULES:
        out = [_ruled_out(rule, i, costs, flat) for i, s in enumerate(STRATEGIES) if rule in blocked_by[s]]
        if out and rule not in blocked_by[name]:
            reasons.append(_reason(rule, f"{RULES[rule][1]} Rules out: {', '.join(out)}."))
    if passing and not cheaper:
        reasons.append(_reason("lowest_horizon_cost", _cost_text(name, cost[winner], horizon, flat)))
    elif passing and name != "prompt":
        reasons.append(_reason("weak_fit_last_resort", _skipped_text(name, cost, cheaper, tiers, horizon)))
    reasons.extend(_eval_reasons(flat, costs))
    reasons.extend(_example_reasons(flat))
    for i, other in enumerate(STRATEGIES):
        if i != winner:
            reasons.append(
                Reason(
                    "lost",
                    _lost_text(other, blocked_by[other], cost, i, winner, horizon, (flat, costs, tiers)),
                    RULES["lost"][0] if not blocked_by[other] else RULES[blocked_by[other][0]][0],
                )
            )
    return Recommendation(
        name,
        FIT_TIERS[tiers[0, winner]],
        reasons,
        feasible=bool(passing),
        weak_fit=weak_fit,
        breaks=tuple(blocked_by[name]),
    )


def _rule_text(rule: str, flat: dict, costs: Costs, i: int) -> str:
    """A rule's text, with the strategy's own figure where the rule has one."""
    if rule == "latency_budget":
        return f"{costs.latency_ms[0, i]:,.0f} ms against a budget of {flat['latency_budget_ms']:,.0f} ms."
    if rule == "accuracy_target":
        return (
            f"Expected accuracy {costs.expected_accuracy[0, i]:.1%} against a target of "
            f"{flat['accuracy_target']:.1%}."
        )
    return RULES[rule][1]


def _prompt_first_text(cost: np.ndarray, cheaper: list[int], horizon: int) -> str:
    best = min(cheaper, key=lambda i: cost[i])
    extra = cost[0] - cost[best]
    return (
        f"The prompt-only baseline meets the target, so prompting comes first, though it costs "
        f"${extra:,.0f} more over {horizon} months than {LABELS[STRATEGIES[best]]} "
        f"(${cost[0]:,.0f} against ${cost[best]:,.0f}), the cheapest other strategy that passes every rule."
    )


def _skipped_text(name: str, cost: np.ndarray, cheaper: list[int], tiers: np.ndarray, horizon: int) -> str:
    others = ", ".join(
        f"{LABELS[STRATEGIES[i]]} (${cost[i]:,.0f}, fit: {FIT_TIERS[tiers[0, i]]})" for i in cheaper
    )
    return (
        f"{LABELS[name]} costs ${cost[STRATEGIES.index(name)]:,.0f} over {horizon} months, the lowest of the "
        f"strategies that pass every rule without an 'unlikely' or 'avoid' grade; cheaper: {others}."
    )


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


def _eval_reasons(flat: dict, costs: Costs) -> list[Reason]:
    measured = [
        f"{LABELS[s]} {flat[f'{s}_eval_correct']:,} of {flat[f'{s}_eval_total']:,} "
        f"({costs.accuracy_low[0, i]:.1%} to {costs.accuracy_high[0, i]:.1%}, 95%)"
        for i, s in enumerate(STRATEGIES)
        if flat[f"{s}_eval_total"] > 0
    ]
    if not measured:
        return []
    return [_reason("eval_results", f"{RULES['eval_results'][1]} Measured: {'; '.join(measured)}.")]


def _example_reasons(flat: dict) -> list[Reason]:
    n = flat["labeled_examples"]
    if n < MIN_EXAMPLES:
        return []
    if n < LEAN_RAG_EXAMPLES:
        return [
            _reason(
                "few_examples_lean_rag",
                f"{n:,} labelled examples (< {LEAN_RAG_EXAMPLES} quality examples): RAG, not enough data "
                "to fine-tune well.",
            )
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
    if possible_fit(n, behaviour) or stable_possible_fit(n, behaviour, stable):
        return [
            _reason("fit_possible", f"{n:,} examples with a behaviour gap: a possible fit for fine-tuning.")
        ]
    return []


def _lost_text(other: str, rules: list[str], cost: np.ndarray, i: int, winner: int, horizon: int,
               context: tuple) -> str:  # fmt: skip
    flat, costs, tiers = context
    if rules:
        why = " ".join(_rule_text(r, flat, costs, i) for r in rules)
        return f"{LABELS[other]}: blocked. {why}"
    extra = cost[i] - cost[winner]
    pct = extra / cost[winner] * 100 if cost[winner] > 0 else float("inf")
    if extra >= 0:
        return f"{LABELS[other]}: ${extra:,.0f} more over {horizon} months ({pct:+.0f}%)."
    if tiers[0, i] in (UNLIKELY, AVOID):
        return (
            f"{LABELS[other]}: ${-extra:,.0f} cheaper over {horizon} months, but graded "
            f"'{FIT_TIERS[tiers[0, i]]}', so recommended only when nothing else passes."
        )
    return (
        f"{LABELS[other]}: ${-extra:,.0f} cheaper over {horizon} months, but prompting comes first "
        "when its baseline meets the target."
    )
