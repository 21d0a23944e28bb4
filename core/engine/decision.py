"""The decision, vectorised: the hard constraints, the winner, how close the call is, fit tiers."""

from __future__ import annotations

import numpy as np

from core.engine.columns import (
    FINE_TUNED,
    USES_RETRIEVAL,
    Columns,
    column,
    per_strategy,
    strategy_any,
    strategy_argmin,
    strategy_min,
)
from core.engine.costs import Costs
from core.engine.drivers import input_tokens
from core.model.rules import (
    AVOID,
    HARD_RULES,
    LEAN_RAG_EXAMPLES,
    MIN_EXAMPLES,
    NO_TIER,
    POSSIBLE,
    STRONG,
    UNLIKELY,
    faster_than_quarterly,
    over_context_window,
    possible_fit,
    probably_dont,
    stable_possible_fit,
    strong_fit,
)


def hard_constraints(cols: Columns, costs: Costs) -> dict[str, np.ndarray]:
    """Rule id -> (N, 4) bool: True where the rule blocks that strategy.

    Equation:
        knowledge_gap_needs_retrieval = knowledge_gap  (prompt, fine_tune)
        knowledge_changes_faster_than_quarterly = updates_per_month > QUARTERLY  (prompt, fine_tune)
        citations_need_retrieval = citations_required  (prompt, fine_tune)
        behaviour_gap_needs_fine_tuning = behaviour_gap and not prompt_baseline_meets_target
                                          and labeled_examples >= LEAN_RAG_EXAMPLES  (prompt, rag)
        too_few_examples = labeled_examples < MIN_EXAMPLES  (fine_tune, hybrid)
        latency_budget = latency_ms > latency_budget_ms
        context_window = input_tokens > context_window_tokens (where context_window_tokens > 0)
        deadline = deadline_weeks > 0 and weeks_to_production > deadline_weeks
        accuracy_target = accuracy_target > 0 and expected_accuracy < accuracy_target

    Shapes: columns (N, 1), costs (N, 4) -> rule -> (N, 4).

    Source: each rule's own, in the rules table.
    """
    updates, examples = column(cols, "updates_per_month"), column(cols, "labeled_examples")
    flag = {n: column(cols, n) > 0 for n in ("knowledge_gap", "citations_required", "behaviour_gap")}
    baseline_ok = column(cols, "prompt_baseline_meets_target") > 0
    enough = examples >= LEAN_RAG_EXAMPLES
    target = np.where(column(cols, "accuracy_target") > 0, column(cols, "accuracy_target"), -np.inf)
    no_retrieval, not_tuned = ~USES_RETRIEVAL, ~FINE_TUNED
    blocked = {
        "knowledge_gap_needs_retrieval": flag["knowledge_gap"] & no_retrieval,
        "knowledge_changes_faster_than_quarterly": faster_than_quarterly(updates) & no_retrieval,
        "citations_need_retrieval": flag["citations_required"] & no_retrieval,
        # under 500 quality examples fine-tuning cannot close the gap well: RAG stays open (003)
        "behaviour_gap_needs_fine_tuning": flag["behaviour_gap"] & ~baseline_ok & enough & not_tuned,
        "too_few_examples": (examples < MIN_EXAMPLES) & FINE_TUNED,
        "latency_budget": costs.latency_ms.T > column(cols, "latency_budget_ms"),
        "context_window": over_context_window(costs.prompt_tokens, column(cols, "context_window_tokens")),
        "deadline": (column(cols, "deadline_weeks") > 0)
        & (costs.weeks_to_production.T > column(cols, "deadline_weeks")),
        "accuracy_target": costs.expected_accuracy.T < target,
    }
    shape = costs.horizon_cost_usd.T.shape  # the engine's (4, N), handed out as (N, 4) views
    return {rule: _full(blocked[rule], shape).T for rule in HARD_RULES}


def _full(value: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return value if value.shape == shape else np.broadcast_to(value, shape)


def count_blocks(blocked: dict[str, np.ndarray]) -> np.ndarray:
    """Hard constraints each strategy breaks, (N, 4) int8 (0 where it is feasible)."""
    rules = iter(blocked.values())
    count = next(rules).T.astype(np.int8)
    for rule in rules:
        count += rule.T
    return count.T


def prompt_tokens(cols: Columns) -> np.ndarray:
    """Each strategy's input tokens per query, (N, 4): ``drivers.input_tokens`` on the columns."""
    return input_tokens({name: column(cols, name) for name in cols}).T


NO_STRATEGY = -1  # the verdict where no strategy passes every hard constraint


def choose(
    cols: Columns,
    costs: Costs,
    blocked: dict[str, np.ndarray],
    tiers: np.ndarray,
    n_blocks: np.ndarray | None = None,
) -> np.ndarray:
    """Index of the strategy shown per scenario, (N,): the recommendation, or where nothing
    passes the closest one (see ``verdict``).

    Equation:
        feasible = passes every hard constraint (the accuracy target among them)
        winner = prompt if prompt is feasible and (prompt_baseline_meets_target or accuracy_target > 0),
                 else argmin(horizon_cost_usd) among the feasible strategies not graded unlikely or
                 avoid, else among all feasible ones, else (nothing feasible: the closest) among the
                 strategies breaking the fewest hard constraints (never one with too_few_examples)

    Shapes: costs, blocked and tiers (N, 4) -> (N,).

    Source: Peter Olson, "RAG vs. Fine-Tuning: How I Actually Choose" (prompting first, when it
    meets the target); KnowMBA Advisory, "Fine-Tuning vs RAG" (lowest Total Cost of Customization;
    "Probably Don't Fine-Tune"); ScaledByDesign, "Fine-Tuning vs. RAG" ("< 500 quality examples -> RAG").
    """
    cost, tiers = costs.horizon_cost_usd.T, tiers.T  # the engine's (4, N) layout
    n_blocks = (count_blocks(blocked) if n_blocks is None else n_blocks).T
    feasible = n_blocks == 0
    preferred = feasible & (tiers != UNLIKELY) & (tiers != AVOID)
    pool = np.where(strategy_any(preferred), preferred, feasible)
    winner = strategy_argmin(np.where(pool, cost, np.inf))
    # When nothing is feasible, a strategy that cannot be built at all is never the closest.
    none = np.flatnonzero(~strategy_any(feasible))
    if none.size:
        weight = n_blocks[:, none] + 100 * blocked["too_few_examples"].T[:, none]
        fewest = weight == strategy_min(weight)
        winner[none] = strategy_argmin(np.where(fewest, cost[:, none], np.inf))
    wants_prompt = (column(cols, "prompt_baseline_meets_target")[0] > 0) | (
        column(cols, "accuracy_target")[0] > 0
    )
    return np.where(wants_prompt & feasible[0], 0, winner)


def verdict(feasible: np.ndarray, winner: np.ndarray) -> np.ndarray:
    """The recommended strategy per scenario, (N,): ``winner``, or NO_STRATEGY (-1) where no
    strategy passes every hard constraint."""
    return np.where(strategy_any(feasible.T), winner, NO_STRATEGY)


def margin(costs: Costs, feasible: np.ndarray, winner: np.ndarray) -> np.ndarray:
    """How close the call is, fraction (NaN where no other strategy is feasible).

    Equation:
        margin = (runner_up_horizon_cost - winner_horizon_cost) / winner_horizon_cost
        runner_up = the cheapest other feasible strategy

    Shapes: costs and feasible (N, 4), winner (N,) -> (N,).

    Source: assumption (a measure of how close the call is, for the decision map and Compare).
    """
    horizon = costs.horizon_cost_usd.T  # the engine's (4, N) layout
    cost = np.where(feasible.T, horizon, np.inf)
    scenarios = np.arange(cost.shape[1])
    best = horizon[winner, scenarios]
    cost[winner, scenarios] = np.inf
    runner = strategy_min(cost)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (runner - best) / np.maximum(best, 1e-12)
    return np.where(np.isfinite(out), out, np.nan)


def fit_tiers(cols: Columns) -> np.ndarray:
    """(N, 4) index into FIT_TIERS, after the KnowMBA "When Fine-Tuning Pays Off" table, which
    grades fine-tuning only: prompting and RAG get NO_TIER ("none").

    Equation:
        fine_tune: avoid if knowledge_gap (teaching facts by fine-tuning), else grade(dont_ft)
        hybrid:    grade(dont_hy) (retrieval carries the facts and their changes)
        grade(dont) = strong if strong_fit and not dont,
                      possible if (possible_fit or stable_possible_fit) and not dont,
                      else unlikely ("Probably Don't Fine-Tune")
        dont_ft = knowledge_gap or labeled_examples < 1,000 or updates faster than quarterly
        dont_hy = labeled_examples < 1,000
        strong_fit = behaviour_gap and behaviour_stable and labeled_examples > 10,000
                     and queries_per_day * DAYS_PER_YEAR > 1,000,000
        possible_fit = behaviour_gap and labeled_examples > 5,000
        stable_possible_fit = behaviour_gap and behaviour_stable and labeled_examples >= 1,000

    Shapes: columns (N, 1) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" ("When Fine-Tuning Pays Off"); "RAG vs
    Fine-Tuning: How to choose the right approach for your AI product" (1,000+ examples for
    reliable behaviour change); ScaledByDesign, "Fine-Tuning vs. RAG" (under 500: RAG).
    """
    examples = column(cols, "labeled_examples")
    behaviour = column(cols, "behaviour_gap") > 0
    knowledge = column(cols, "knowledge_gap") > 0
    stable = column(cols, "behaviour_stable") > 0
    rapid = faster_than_quarterly(column(cols, "updates_per_month"))
    strong = strong_fit(examples, behaviour, stable, column(cols, "queries_per_day"))
    possible = possible_fit(examples, behaviour) | stable_possible_fit(examples, behaviour, stable)

    def grade(dont: np.ndarray) -> np.ndarray:
        return np.where(strong & ~dont, STRONG, np.where(possible & ~dont, POSSIBLE, UNLIKELY))

    tuned = np.where(knowledge, AVOID, grade(probably_dont(examples, knowledge, rapid)))
    hybrid = grade(probably_dont(examples, False, False))
    none = np.full_like(examples, NO_TIER)
    return per_strategy(none, none, tuned, hybrid).astype(int).T
