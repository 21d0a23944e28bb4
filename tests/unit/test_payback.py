"""Payback: when the recommended strategy's cumulative cost crosses the runner-up's (core.engine.payback)."""

import json

import numpy as np
import pytest

import core
from core.cli.run import main
from core.engine.payback import crossing_month, payback
from core.model.strategies import STRATEGIES

# A fine-tuning-like strategy: $12,000 up front, then $1,000 a month less than its rival.
MONTHS = np.arange(13)
RIVAL = 3_000.0 * MONTHS
TUNED = 12_000.0 + 2_000.0 * MONTHS


@pytest.mark.parametrize(
    "saving, month",
    [
        ([5, 1, 0, 2], 0),  # never behind
        ([-5, -1, 0, 2], 2),  # behind until month 2, even from then on
        ([-5, 1, -1, 2], 3),  # crosses twice: counted from the last crossing
        ([-5, -1, 1, -1], None),  # behind at the horizon
    ],
)
def test_the_payback_month_is_the_first_from_which_the_strategy_stays_cheaper(saving, month):
    assert crossing_month(np.array(saving, dtype=float)) == month


def _four(winner: np.ndarray, rival: np.ndarray, others: float = 1e9) -> np.ndarray:
    """Cumulative costs (4, M + 1): fine_tune is ``winner``, rag is ``rival``, the others dearer."""
    far = np.full_like(winner, others)
    return np.stack([far, rival, winner, far])


def test_a_strategy_dearer_up_front_pays_back_in_the_month_the_cumulative_costs_cross():
    result = payback(_four(TUNED, RIVAL), np.array([9e9, 3_000, 2_000, 9e9]), np.ones(4, bool), 2, 12)
    # 12,000 + 2,000 m <= 3,000 m from m = 12; at m = 11 it is still 1,000 behind.
    assert (TUNED[11] > RIVAL[11], TUNED[12] <= RIVAL[12]) == (True, True)
    assert (result.strategy, result.rival, result.month) == ("fine_tune", "rag", 12)
    assert result.saving_per_year_usd == 12_000 and result.horizon_saving_usd == 0
    assert result.sentence.startswith(
        "Fine-tuning pays back against RAG in month 12: from then on it saves $12,000 a year"
    )


def test_a_strategy_that_never_crosses_within_the_horizon_says_so_and_when_it_would():
    short = slice(0, 7)  # a 6-month horizon: still $6,000 behind
    result = payback(
        _four(TUNED[short], RIVAL[short]), np.array([9e9, 3_000, 2_000, 9e9]), np.ones(4, bool), 2, 6
    )
    assert result.month is None and result.horizon_saving_usd == -6_000
    assert result.sentence == (
        "Fine-tuning never pays back against RAG within the 6-month horizon: it costs $6,000 more; "
        "at $12,000 a year saved it would pay back in about month 12."
    )


def test_a_cheaper_strategy_from_the_start_saves_its_monthly_difference_a_year():
    result = payback(_four(RIVAL - 1, TUNED), np.array([9e9, 2_000, 3_000, 9e9]), np.ones(4, bool), 2, 12)
    assert result.month == 0 and result.saving_per_year_usd == -12_000
    assert "thanks to its lower start-up cost, though it costs $12,000 a year more to run" in result.sentence


def test_the_runner_up_is_the_cheapest_other_strategy_that_passes_the_rules():
    feasible = np.array([True, False, True, True])
    cumulative = _four(TUNED, RIVAL, others=50_000)  # rag cheapest at the horizon but fails a rule
    result = payback(cumulative, np.array([1, 3_000, 2_000, 1]), feasible, 2, 12)
    assert result.rival == "prompt" and result.rival_passes_rules


def test_a_runner_up_that_fails_a_rule_is_named_as_such():
    result = payback(
        _four(TUNED, RIVAL), np.array([9e9, 3_000, 2_000, 9e9]), np.array([0, 0, 1, 0], bool), 2, 12
    )
    assert result.rival == "rag" and not result.rival_passes_rules
    assert result.sentence.endswith("RAG fails a rule: no other strategy passes them all.")


@pytest.mark.parametrize("winner", [-1, 4])
def test_no_recommendation_has_no_payback(winner):
    assert payback(_four(TUNED, RIVAL), np.zeros(4), np.zeros(4, bool), winner, 12) is None


# Static knowledge, no gaps, three years, the preset's prompt baseline meeting the target: prompting
# comes first; at 10M queries/day fine-tuning (graded "unlikely", so not recommended) is cheaper
# over the horizon and prompting never pays back against it.
STATIC = {"updates_per_month": 0, "knowledge_gap": False, "citations_required": False, "horizon_months": 36}


@pytest.mark.parametrize(
    "queries_per_day, winner, rival, month",
    [(10_000_000, "prompt", "fine_tune", None), (1_000_000, "prompt", "fine_tune", 0)],
)
def test_a_presets_payback_month_matches_the_crossing_in_its_timeline(queries_per_day, winner, rival, month):
    changes = STATIC | {"queries_per_day": queries_per_day}
    analysis = core.analyse(core.load("fine_tuning_200k_mistake", changes=changes))
    result = analysis.payback
    assert result.strategy == analysis.recommendation.strategy == winner and result.rival == rival
    timeline = analysis.timeline.pivot(index="month", columns="strategy", values="cumulative_cost_usd")
    saving = (timeline[result.rival] - timeline[result.strategy]).to_numpy()
    assert result.month == month
    if month is None:  # still behind at the horizon
        assert saving[-1] < 0 and result.horizon_saving_usd == pytest.approx(saving[-1])
    else:
        assert saving[month:].min() >= 0 and (month == 0 or saving[month - 1] < 0)


def test_the_cli_json_carries_the_payback_sentence(capsys):
    assert main(["evaluate", "support_10k_per_day", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["payback"]["strategy"] == doc["recommendation"]["strategy"] == "rag"
    assert doc["payback"]["rival"] in STRATEGIES and doc["payback"]["month"] == 0
    assert doc["payback"]["sentence"].startswith(
        "RAG costs less than Hybrid from the start: it saves $9,100 a year"
    )


def test_the_cli_table_ends_with_the_payback_sentence(capsys):
    argv = ["evaluate", "fine_tuning_200k_mistake", "--set", "queries_per_day=1e7"]
    argv += [f"--set={name}={str(value).lower()}" for name, value in STATIC.items()]
    assert main(argv) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(
        "payback: Prompting never pays back against Fine-tuning within the 36-month horizon: it costs $"
    )


def test_when_no_strategy_meets_every_constraint_there_is_no_payback_sentence():
    # the closest strategy is not a recommendation: nothing to pay back against
    analysis = core.analyse(core.load("support_10k_per_day", changes={"latency_budget_ms": 100}))
    assert not analysis.recommendation.feasible
    assert analysis.payback is None and analysis.to_dict()["payback"] is None
    fits = core.analyse(core.load("support_10k_per_day"))
    assert fits.recommendation.feasible and fits.payback is not None
