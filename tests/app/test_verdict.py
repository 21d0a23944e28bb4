"""The Explorer's verdict through AppTest: nothing passes, the closest, the smallest change."""

from __future__ import annotations

from pagetest import shown
from streamlit.testing.v1 import AppTest

APP = "../../app.py"  # AppTest resolves it against this file


def load(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    return at.run()


def test_a_100_ms_budget_says_no_strategy_meets_every_constraint_and_names_the_smallest_change():
    at = load(latency_budget_ms="100")
    assert not at.exception and not at.error
    assert at.metric[0].value == "None"
    assert at.metric[1].label == "Closest"
    warning = shown(at.warning[0])
    assert "No strategy meets every constraint" in warning
    assert "raise the latency budget to 1,143 ms" in warning  # hybrid: 800 + 20 x 2.15 + 300 ms


def test_a_budget_every_strategy_meets_recommends_one_without_that_warning():
    at = load(latency_budget_ms="1200")
    assert not at.exception and not at.error and not at.warning
    assert at.metric[0].value == "RAG"


def test_the_key_figures_show_each_accuracy_with_its_interval_and_the_target():
    at = load(latency_budget_ms="2000")
    table = next(m.value for m in at.markdown if "Accuracy (range)" in m.value)
    assert "75% (" in table  # RAG: 0.70 + 0.05
    assert "no target" in table


def test_the_uncertainty_page_says_when_the_eval_set_is_too_small_to_separate_two_strategies():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["preset"] = "support_10k_per_day"
    at.run()
    for key, value in {"rag_eval_total": 50, "rag_eval_correct": 45, "hybrid_eval_total": 50,
                       "hybrid_eval_correct": 47}.items():  # fmt: skip
        at.session_state[key] = float(value)
    at.switch_page("pages/3_uncertainty.py").run()
    assert not at.exception and not at.error
    notes = [shown(c) for c in at.caption]
    assert any(
        "too small to separate RAG (90.0%) and Hybrid (94.0%): about 302 more items" in n for n in notes
    )
