"""core.engine decision: each hard rule on both sides of its threshold, the winner, fit tiers, reasons."""

import pytest

from core.engine.analysis import analyse
from core.model.scenario import Scenario

NO_GAPS = {
    "knowledge_gap": False,
    "behaviour_gap": False,
    "citations_required": False,
    "updates_per_month": 0,
}


def strategies(s: Scenario):
    return analyse(s).strategies.set_index("strategy")


def blocked(s: Scenario, strategy: str) -> list[str]:
    return strategies(s).loc[strategy, "blocked_by"]


@pytest.mark.parametrize(("examples", "blocks"), [(199, True), (200, False)])
def test_fewer_than_200_examples_cannot_fine_tune(examples, blocks):
    s = Scenario().updated({"labeled_examples": examples})
    assert ("too_few_examples" in blocked(s, "fine_tune")) is blocks
    assert ("too_few_examples" in blocked(s, "hybrid")) is blocks


@pytest.mark.parametrize(("updates", "blocks"), [(1 / 3, False), (0.34, True), (4, True)])
def test_knowledge_changing_more_often_than_quarterly_needs_retrieval(updates, blocks):
    s = Scenario().updated(NO_GAPS | {"updates_per_month": updates})
    rule = "knowledge_changes_faster_than_quarterly"
    assert (rule in blocked(s, "fine_tune")) is blocks
    assert (rule in blocked(s, "prompt")) is blocks
    assert rule not in blocked(s, "rag")


def test_citations_need_retrieval():
    s = Scenario().updated(NO_GAPS | {"citations_required": True})
    assert "citations_need_retrieval" in blocked(s, "prompt")
    assert "citations_need_retrieval" in blocked(s, "fine_tune")
    assert blocked(s, "rag") == []


def test_a_behaviour_gap_rules_out_strategies_that_do_not_fine_tune():
    s = Scenario().updated(NO_GAPS | {"behaviour_gap": True, "labeled_examples": 6_000})
    assert "behaviour_gap_needs_fine_tuning" in blocked(s, "rag")
    assert "behaviour_gap_needs_fine_tuning" in blocked(s, "prompt")
    assert analyse(s).recommendation.strategy == "fine_tune"


@pytest.mark.parametrize(("budget", "rag_ok"), [(1_150, False), (1_152, True)])
def test_a_latency_budget_below_generation_plus_retrieval_rules_out_retrieval(budget, rag_ok):
    s = Scenario().updated({"latency_budget_ms": budget})  # rag: 800 + 20*2.55 + 300 = 1,151 ms
    table = strategies(s)
    assert bool(table.loc["rag", "meets_latency_budget"]) is rag_ok
    assert ("latency_budget" in table.loc["hybrid", "blocked_by"]) is (budget < 1_143)


def test_prompting_comes_first_when_its_baseline_meets_the_target():
    s = Scenario().updated(NO_GAPS | {"prompt_baseline_meets_target": True, "few_shot_tokens": 50_000})
    result = analyse(s)
    assert result.recommendation.strategy == "prompt"
    assert result.recommendation.fit_tier == "none"  # KnowMBA's table grades fine-tuning only
    assert result.recommendation.reasons[0].rule == "prompt_first"


def test_both_gaps_lead_to_hybrid():
    s = Scenario().updated({"knowledge_gap": True, "behaviour_gap": True, "labeled_examples": 6_000})
    result = analyse(s)
    assert result.recommendation.strategy == "hybrid"
    assert "both_gaps_hybrid" in [r.rule for r in result.recommendation.reasons]


def test_teaching_facts_by_fine_tuning_is_avoid():
    s = Scenario().updated({"knowledge_gap": True, "labeled_examples": 50_000})
    assert strategies(s).loc["fine_tune", "fit_tier"] == "avoid"


@pytest.mark.parametrize(
    ("examples", "per_day", "stable", "tier"),
    [
        (10_001, 2_740, True, "strong"),  # 2,740 x 365 = 1,000,100 queries/year
        (10_000, 2_740, True, "possible"),
        (10_001, 2_739, True, "possible"),  # 999,735 queries/year
        (10_001, 2_740, False, "possible"),
        (5_001, 2_740, False, "possible"),
        (5_000, 2_740, False, "unlikely"),
        (1_000, 2_740, True, "possible"),  # 1,000-5,000 with stable behaviour (000, 001)
        (999, 2_740, True, "unlikely"),
    ],
)
def test_fine_tuning_fit_follows_the_knowmba_table(examples, per_day, stable, tier):
    s = Scenario().updated(
        NO_GAPS
        | {
            "behaviour_gap": True,
            "labeled_examples": examples,
            "queries_per_day": per_day,
            "behaviour_stable": stable,
        }
    )
    assert strategies(s).loc["fine_tune", "fit_tier"] == tier


@pytest.mark.parametrize(("examples", "rule"), [(300, "few_examples_lean_rag"), (700, "under_1k_examples")])
def test_thin_example_counts_give_a_reason_to_hold_back(examples, rule):
    rules = [
        r.rule for r in analyse(Scenario().updated({"labeled_examples": examples})).recommendation.reasons
    ]
    assert rule in rules


def test_the_cheapest_feasible_strategy_wins_and_every_other_says_why_it_lost():
    result = analyse(Scenario().updated(NO_GAPS | {"labeled_examples": 5_000}))
    table = result.strategies.set_index("strategy")
    feasible = table[table.feasible]
    assert result.recommendation.strategy == feasible.horizon_cost_usd.idxmin()
    lost = [r for r in result.recommendation.reasons if r.rule == "lost"]
    assert len(lost) == 3
    assert all(r.source for r in result.recommendation.reasons)


def test_with_nothing_feasible_the_fewest_broken_rules_then_the_cost_decide():
    s = Scenario().updated({"latency_budget_ms": 100, "labeled_examples": 0})
    result = analyse(s)
    assert result.recommendation.reasons[0].rule == "no_feasible_strategy"
    assert result.recommendation.feasible is False
    assert result.recommendation.strategy == "rag"  # the closest: blocked by latency only
    assert result.recommendation.breaks == ("latency_budget",)
