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
    table = next(m.value for m in at.markdown if "Accuracy (interval)" in m.value)
    assert "75.0% (" in table  # RAG: 0.70 + 0.05
    assert "no target" in table
