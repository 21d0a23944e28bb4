"""The verdict against the seeds: accuracy target, accuracy model, eval evidence, honest verdicts
and KnowMBA's tiers. Each test is named after the sentence it checks."""

import numpy as np
import pytest

from core.analyses.evidence import items_to_separate, separation
from core.analyses.fixes import fixes
from core.analyses.montecarlo import simulate
from core.engine.analysis import analyse
from core.io.presets import preset
from core.model.errors import ScenarioError
from core.model.scenario import Scenario

# Static knowledge and no gap: every strategy can be built; cost and accuracy decide.
OPEN = {"knowledge_gap": False, "behaviour_gap": False, "citations_required": False, "updates_per_month": 0}
FULL = {"labeled_examples": 1_000, "training_method": "full"}


def table(s: Scenario):
    return analyse(s).strategies.set_index("strategy")


def accuracy(s: Scenario):
    return table(s)["expected_accuracy"]


def reasons(s: Scenario) -> dict[str, str]:
    return {r.rule: r.text for r in analyse(s).recommendation.reasons if r.rule != "lost"}


# 1. An accuracy target is a hard rule


@pytest.mark.parametrize(("target", "rag_passes"), [(0.75, True), (0.751, False)])
def test_a_strategy_below_the_accuracy_target_does_not_pass(target, rag_passes):
    s = Scenario().updated({"accuracy_target": target})  # RAG: 0.70 + 0.05 = 0.75
    row = table(s).loc["rag"]
    assert bool(row.meets_accuracy_target) is rag_passes
    assert ("accuracy_target" in row.blocked_by) is not rag_passes


def test_the_verdict_is_the_cheapest_strategy_that_meets_the_target():
    s = Scenario().updated({"accuracy_target": 0.8})  # RAG 0.75 fails; hybrid 0.838 meets it
    result = analyse(s)
    assert result.recommendation.verdict == "hybrid"
    assert "Expected accuracy 75.0% against a target of 80.0%" in " ".join(
        r.text for r in result.recommendation.reasons
    )


def test_every_strategy_shows_its_expected_accuracy_inside_an_interval():
    t = table(Scenario())
    assert (t.accuracy_low <= t.expected_accuracy).all() and (t.expected_accuracy <= t.accuracy_high).all()
    assert (t.accuracy_low < t.accuracy_high).any()


# 2. The accuracy model follows the evidence


def test_fine_tuning_improved_accuracy_by_6_percentage_points():  # Balaguer et al. 2024 (004 [S1])
    acc = accuracy(Scenario().updated(OPEN | FULL))
    assert acc["fine_tune"] - acc["prompt"] == pytest.approx(0.06)


def test_raft_achieved_73_3_percent_compared_to_58_8_percent_for_rag_alone():  # Zhang et al. 2024
    acc = accuracy(Scenario().updated(OPEN | FULL | {"baseline_accuracy": 0.538}))
    assert acc["rag"] == pytest.approx(0.588)
    assert acc["hybrid"] == pytest.approx(0.733, abs=5e-4)


@pytest.mark.parametrize(("method", "share"), [("full", 1.0), ("lora", 0.925), ("api", 1.0)])
def test_lora_retains_90_to_95_percent_of_full_fine_tuning_quality(method, share):
    acc = accuracy(Scenario().updated(OPEN | FULL | {"training_method": method}))
    assert acc["fine_tune"] - acc["prompt"] == pytest.approx(0.06 * share)


@pytest.mark.parametrize(("examples", "gain"), [(200, 0.0), (600, 0.03), (1_000, 0.06), (5_000, 0.06)])
def test_minimum_around_200_for_basic_tasks_and_1000_plus_for_reliable_behaviour_change(examples, gain):
    acc = accuracy(Scenario().updated(OPEN | FULL | {"labeled_examples": examples}))
    assert acc["fine_tune"] - acc["prompt"] == pytest.approx(gain)


def test_accuracy_degraded_as_new_claim_types_emerged():  # KnowMBA's insurance composite
    s = preset("insurance_claims").scenario
    acc = accuracy(s)
    fresh = accuracy(s.updated({"knowledge_decay_per_update": 0}))
    assert acc["fine_tune"] == pytest.approx(0.84) and fresh["fine_tune"] > acc["fine_tune"]
    assert acc["rag"] == pytest.approx(0.92)  # "Accuracy improved 8 points"
    assert fresh["rag"] == acc["rag"]  # retrieval does not age between retrains
    result = analyse(s.updated({"accuracy_target": 0.9}))
    assert result.recommendation.verdict == "rag"
    assert "accuracy_target" in result.strategies.set_index("strategy").loc["fine_tune", "blocked_by"]


# 3. The team's own evidence beats defaults


def test_measure_the_gap_then_decide_eval_results_change_the_verdict():  # Olson (002)
    s = Scenario().updated({"accuracy_target": 0.8})
    assert analyse(s).recommendation.verdict == "hybrid"  # modelled RAG 0.75 misses 0.80
    measured = s.updated({"rag_eval_total": 50, "rag_eval_correct": 45})
    result = analyse(measured)
    assert result.recommendation.verdict == "rag"  # the team measured 90%
    row = result.strategies.set_index("strategy").loc["rag"]
    assert row.accuracy_measured and row.expected_accuracy == pytest.approx(0.9)
    assert row.accuracy_low == pytest.approx(0.7864, abs=1e-4)  # Wilson 95%
    assert row.accuracy_high == pytest.approx(0.9565, abs=1e-4)
    assert "eval_results" in reasons(measured)


def test_eval_results_that_miss_the_target_rule_a_strategy_out():
    s = Scenario().updated({"accuracy_target": 0.8, "hybrid_eval_total": 40, "hybrid_eval_correct": 28})
    assert "accuracy_target" in table(s).loc["hybrid", "blocked_by"]


def test_more_items_right_than_scored_is_refused_naming_the_field():
    with pytest.raises(ScenarioError, match="rag_eval_correct = 51 is not allowed"):
        Scenario().updated({"rag_eval_total": 50, "rag_eval_correct": 51})


@pytest.mark.parametrize(("n", "separated"), [(50, False), (500, True)])
def test_build_a_small_eval_set_of_20_to_50_pairs_and_say_when_it_cannot_separate_two(n, separated):
    s = Scenario().updated(
        {
            "rag_eval_total": n,
            "rag_eval_correct": 0.9 * n,
            "hybrid_eval_total": n,
            "hybrid_eval_correct": 0.94 * n,
        }
    )
    row = separation(s).iloc[0]
    assert bool(row.separated) is separated
    if not separated:
        assert row.more_items == items_to_separate(0.9, 0.94) - n
        assert "too small to separate RAG (90.0%) and Hybrid (94.0%)" in row.text


def test_the_uncertainty_draws_a_measured_accuracy_from_its_beta_posterior():
    s = Scenario().updated(OPEN | {"accuracy_target": 0.85, "rag_eval_total": 20, "rag_eval_correct": 17})
    result = simulate(s, samples=4_000, seed=3)
    share = result.probability()["rag"]
    assert 0.3 < share < 0.7  # P(p > 0.85 | 17 of 20) is about one half


# 4. Honest verdicts


def test_a_100_ms_budget_says_no_strategy_meets_every_constraint_and_names_the_smallest_change():
    s = preset("support_10k_per_day").scenario.updated({"latency_budget_ms": 100})
    rec = analyse(s).recommendation
    assert not rec.feasible and rec.verdict == "none"
    assert rec.headline == "No strategy meets every constraint (closest: RAG)"
    assert "RAG breaks this rule: 1,151 ms against a budget of 100 ms." in reasons(s)["latency_budget"]
    fix = fixes(s).set_index("rule").loc["latency_budget"]
    assert fix.text == "raise the latency budget to 1,143 ms" and fix.strategy == "hybrid"
    assert analyse(s.updated({"latency_budget_ms": fix.value})).recommendation.feasible
    assert not analyse(s.updated({"latency_budget_ms": fix.before})).recommendation.feasible


@pytest.mark.parametrize(
    ("changes", "rule", "text"),
    [
        (OPEN | {"labeled_examples": 100, "behaviour_gap": True, "accuracy_target": 0.8},
         "too_few_examples", "collect 555 more examples (655 in all)"),  # hybrid: 0.75 + 0.352 x w x 0.25
        (OPEN | {"citations_required": True, "latency_budget_ms": 1_000},
         "citations_need_retrieval", "drop the citation requirement"),
        (OPEN | {"citations_required": True, "latency_budget_ms": 1_000},
         "latency_budget", "raise the latency budget to 1,143 ms"),
        ({"accuracy_target": 0.95}, "accuracy_target", "lower the accuracy target to 83.8%"),
    ],
)  # fmt: skip
def test_the_smallest_single_change_per_blocking_rule_is_verified_on_both_sides(changes, rule, text):
    s = Scenario().updated(changes)
    row = fixes(s).set_index("rule").loc[rule]
    assert row.text == text and row.found and row.verified


def test_no_fix_is_offered_when_a_strategy_passes():
    assert fixes(Scenario()).empty


def test_prompting_first_only_when_it_meets_the_target_and_says_how_much_more_it_costs():
    s = Scenario().updated(
        OPEN | {"prompt_baseline_meets_target": True, "latency_budget_ms": 10_000, "few_shot_tokens": 50_000}
    )
    result = analyse(s)
    assert result.recommendation.verdict == "prompt"
    text = reasons(s)["prompt_first"]
    cost = result.strategies.set_index("strategy").horizon_cost_usd
    others = result.strategies.set_index("strategy").query("feasible").drop(index="prompt")
    extra = cost["prompt"] - others.horizon_cost_usd.min()
    assert f"costs ${extra:,.0f} more over 12 months than" in text
    assert "lowest_horizon_cost" not in reasons(s)
    missed = s.updated({"accuracy_target": 0.75})  # prompting: 0.70
    assert analyse(missed).recommendation.verdict != "prompt"


@pytest.mark.parametrize(
    "preset_id", ["support_10k_per_day", "klarna", "medical_documentation", "insurance_claims"]
)
@pytest.mark.parametrize("change", [{}, {"accuracy_target": 0.8}, OPEN, OPEN | {"labeled_examples": 20_000}])
def test_a_reason_never_claims_a_cost_order_that_is_false(preset_id, change):
    s = preset(preset_id).scenario.updated(change)
    result = analyse(s)
    t = result.strategies.set_index("strategy")
    if "lowest_horizon_cost" in reasons(s):
        assert t.horizon_cost_usd[result.recommendation.strategy] == t[t.feasible].horizon_cost_usd.min()


# 5. Tiers and thresholds as the seeds state them


def test_knowmba_tiers_grade_fine_tuning_only_prompting_and_rag_get_none():
    t = table(Scenario())
    assert list(t.loc[["prompt", "rag"], "fit_tier"]) == ["none", "none"]


@pytest.mark.parametrize(("examples", "verdict"), [(400, "rag"), (499, "rag"), (500, "hybrid")])
def test_under_500_quality_examples_rag_not_enough_data_to_fine_tune_well(examples, verdict):
    s = Scenario().updated({"labeled_examples": examples, "behaviour_gap": True})
    result = analyse(s)
    assert result.recommendation.verdict == verdict
    assert result.strategies.set_index("strategy").loc["hybrid", "fit_tier"] == "unlikely"  # < 1K


def test_an_unlikely_fine_tune_is_recommended_only_when_nothing_else_passes_and_is_flagged():
    s = Scenario().updated({"labeled_examples": 600, "behaviour_gap": True})  # RAG blocked from 500
    rec = analyse(s).recommendation
    assert (rec.verdict, rec.fit_tier, rec.weak_fit) == ("hybrid", "unlikely", True)
    assert "only because nothing else passes" in rec.headline
    assert "weak_fit_last_resort" in reasons(s)


def test_an_unlikely_fine_tune_loses_to_a_dearer_strategy_that_is_not_graded_weak():
    dear = {"prompt_maintenance_usd_per_month": 50_000, "rag_maintenance_usd_per_month": 50_000}
    s = Scenario().updated(OPEN | dear | {"labeled_examples": 600})
    result = analyse(s)
    t = result.strategies.set_index("strategy")
    assert t.loc["fine_tune", "fit_tier"] == "unlikely" and t.loc["fine_tune", "feasible"]
    assert t.horizon_cost_usd["fine_tune"] < t.loc[["prompt", "rag"], "horizon_cost_usd"].min()
    assert result.recommendation.verdict in ("prompt", "rag")
    lost = " ".join(r.text for r in result.recommendation.reasons)
    assert "graded 'unlikely', so recommended only when nothing else passes" in lost


@pytest.mark.parametrize(
    ("examples", "stable", "updates", "tier"),
    [(3_000, True, 0, "possible"), (999, True, 0, "unlikely"), (3_000, False, 0, "unlikely"),
     (3_000, True, 1, "unlikely")],
)  # fmt: skip
def test_1000_to_5000_examples_with_stable_behaviour_is_possible_when_no_probably_dont_holds(
    examples, stable, updates, tier
):
    s = Scenario().updated(
        OPEN
        | {
            "behaviour_gap": True,
            "labeled_examples": examples,
            "behaviour_stable": stable,
            "updates_per_month": updates,
        }
    )
    assert table(s).loc["fine_tune", "fit_tier"] == tier


def test_trying_to_teach_facts_via_fine_tuning_is_avoid_but_a_hybrid_retrieves_them():
    t = table(Scenario().updated({"knowledge_gap": True, "behaviour_gap": True, "labeled_examples": 20_000}))
    assert t.loc["fine_tune", "fit_tier"] == "avoid"
    assert t.loc["hybrid", "fit_tier"] in ("strong", "possible")


def test_a_nothing_passes_verdict_is_minus_one_in_the_vectorised_evaluation():
    from core.engine.analysis import evaluate
    from core.engine.columns import to_columns

    cols = to_columns(Scenario().flat()) | {"latency_budget_ms": np.array([100.0, 2_000.0])}
    assert list(evaluate(cols).verdict_names()) == ["none", "rag"]


EVALS = {"rag_eval_total": 50, "rag_eval_correct": 45, "hybrid_eval_total": 40, "hybrid_eval_correct": 37}


def test_csv_and_toml_exports_carry_the_eval_counts_and_import_them_back():
    from core.io.csv_files import parse_csv, results_csv
    from core.io.toml_files import parse_toml, to_toml

    s = Scenario().updated(EVALS | {"accuracy_target": 0.85})
    assert parse_csv(results_csv(analyse(s).export_rows())) == s
    assert parse_toml(to_toml(s))[1] == s
    assert "[evidence]" in to_toml(s) and "rag_eval_correct = 45" in to_toml(s)


def test_a_nothing_passes_export_marks_no_row_recommended():
    rows = analyse(Scenario().updated({"latency_budget_ms": 100})).export_rows()
    assert not any(row["recommended"] for row in rows)
