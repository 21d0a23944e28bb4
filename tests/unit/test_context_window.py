"""The context-window hard rule: each strategy's prompt against the model's window."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.engine.analysis import analyse, evaluate
from core.engine.columns import to_columns
from core.model.errors import ScenarioError
from core.model.rules import HARD_RULES, RULES, over_context_window
from core.model.scenario import Scenario
from core.model.strategies import STRATEGIES

# default prompt: system 500 + few-shot 1,500 + question 50 = 2,050 tokens for prompting
PROMPTING = 2_050


def blocked(s: Scenario) -> dict[str, list[str]]:
    return analyse(s).strategies.set_index("strategy")["blocked_by"].to_dict()


@pytest.mark.parametrize(("window", "blocks"), [(PROMPTING - 1, True), (PROMPTING, False), (0, False)])
def test_a_prompt_over_the_context_window_blocks_that_strategy(window, blocks):
    s = Scenario().updated({"context_window_tokens": window, "retrieved_tokens": 0})
    assert ("context_window" in blocked(s)["prompt"]) is blocks
    assert "context_window" not in blocked(s)["fine_tune"]  # its short prompt fits


def test_a_million_token_few_shot_prompt_is_refused_by_a_128k_model_and_fine_tuning_is_not():
    s = Scenario().updated({"few_shot_tokens": 1_000_000, "context_window_tokens": 128_000})
    table = analyse(s).strategies.set_index("strategy")
    assert "context_window" in table.loc["prompt", "blocked_by"]
    assert table.loc["prompt", "prompt_tokens"] == 1_000_550
    assert "context_window" not in table.loc["fine_tune", "blocked_by"]


def test_200k_retrieved_tokens_block_both_retrieval_strategies_on_a_128k_model():
    s = Scenario().updated({"retrieved_tokens": 200_000, "context_window_tokens": 128_000})
    got = blocked(s)
    assert "context_window" in got["rag"] and "context_window" in got["hybrid"]


def test_the_rule_quotes_knowmba_and_is_a_hard_rule():
    assert "context_window" in HARD_RULES
    source, text = RULES["context_window"]
    assert "the prompt is hitting context limits" in text
    assert source.startswith("knowmba")


def test_the_reason_for_a_blocked_strategy_says_the_prompt_does_not_fit():
    s = Scenario().updated({"few_shot_tokens": 1_000_000, "context_window_tokens": 128_000})
    lost = [r.text for r in analyse(s).recommendation.reasons if r.text.startswith("Prompting")]
    assert any("context window" in text for text in lost)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 200_000),
    st.floats(0, 200_000),
    st.floats(1, 1_000_000),
)
def test_more_retrieved_context_never_unblocks_a_strategy(retrieved, more, window):
    cols = to_columns(Scenario().flat()) | {
        "retrieved_tokens": np.array([retrieved, retrieved + more]),
        "context_window_tokens": window,
    }
    rule = evaluate(cols).blocked["context_window"]
    assert not np.any(rule[0] & ~rule[1])


@given(st.floats(0, 1e9), st.floats(0, 1e8))
def test_the_rule_is_exactly_prompt_over_a_known_window(tokens, window):
    assert bool(over_context_window(tokens, window)) == (window > 0 and tokens > window)


def test_the_explorer_table_has_every_strategys_prompt_size():
    table = analyse(Scenario()).strategies
    assert table["strategy"].tolist() == list(STRATEGIES)
    assert table["prompt_tokens"].tolist() == [2_050, 2_550, 150, 2_150]
    assert set(table["context_window_tokens"]) == {128_000}


@pytest.mark.parametrize("value", ["-1", "200000000", "lots"])
def test_a_bad_context_window_is_refused_naming_the_field_and_the_range(value):
    with pytest.raises(ScenarioError) as raised:
        Scenario().updated({"context_window_tokens": value})
    assert "context_window_tokens" in str(raised.value)
    assert "0 to 100,000,000 tokens" in str(raised.value)
