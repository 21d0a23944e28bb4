"""The Explorer's model picker: choosing a model fills every price, says where each comes from,
and marks estimates (AppTest)."""

from __future__ import annotations

from pagetest import open_page, shown

from core.io.presets import presets
from core.io.prices import PRICE_RULES


def scenario(at):
    return at.session_state["_scenario"]


def pick(preset_id: str, provider: str, model: str):
    at = open_page("Explorer", preset_id)
    at.session_state["input_group"] = "Model"
    at.run()
    at.selectbox(key="provider").set_value(provider).run()
    at.selectbox(key="model").set_value(model).run()
    assert not at.exception
    return at


def show(at, group: str):
    """The Explorer with one input group in its box (the box draws one group at a time)."""
    at.session_state["input_group"] = group
    return at.run()


def captions(at) -> str:
    """Every caption of the model box, the Prices group and the Training group."""
    seen = [shown(c) for c in at.caption]
    for group in ("Prices", "Training"):
        seen += [shown(c) for c in show(at, group).caption]
    return "\n".join(seen)


def test_klarna_with_claude_opus_shows_its_own_prices_and_says_estimate_beside_fine_tuning():
    at = pick("klarna", "anthropic", "claude-opus-4-5")
    s = scenario(at)
    assert (s.prices.input_price_per_mtok_usd, s.prices.output_price_per_mtok_usd) == (5.0, 25.0)
    # never gpt-4o's 3.75/15: the model's own base price, marked as an estimate
    assert (s.prices.fine_tuned_input_price_per_mtok_usd, s.prices.fine_tuned_output_price_per_mtok_usd) == (
        5.0,
        25.0,
    )
    assert show(at, "Prices").toggle(key="fine_tuned_price_estimated").value is True
    assert show(at, "Training").toggle(key="training_price_estimated").value is True
    text = captions(at)
    assert "no published fine-tuned price for anthropic claude-opus-4-5" in text
    assert "no published training price for anthropic claude-opus-4-5" in text
    monthly = next(
        line for m in at.markdown for line in m.value.splitlines() if line.startswith("| Monthly cost")
    )
    cells = monthly.split("|")[2:-1]  # prompting, RAG, fine-tuning, hybrid
    assert ["(estimate)" in cell for cell in cells] == [False, False, True, True]


def test_each_filled_price_names_its_source_and_date():
    at = pick("klarna", "anthropic", "claude-opus-4-5")
    text = captions(at)
    assert "Filled from genai-prices" in text and "anthropic claude-opus-4-5, price on 20" in text


def test_typing_a_fine_tuned_price_replaces_the_estimate():
    at = show(pick("klarna", "anthropic", "claude-opus-4-5"), "Prices")
    at.number_input(key="fine_tuned_input_price_per_mtok_usd").set_value(7.0).run()
    assert scenario(at).prices.fine_tuned_input_price_per_mtok_usd == 7.0
    assert scenario(at).prices.fine_tuned_price_estimated is False
    assert scenario(at).training.training_price_estimated is True


def test_a_model_with_published_fine_tuning_prices_is_not_marked_estimate():
    at = pick("klarna", "openai", "gpt-4o-mini")  # ft:gpt-4o-mini in genai-prices, training in the table
    s = scenario(at)
    assert not s.prices.fine_tuned_price_estimated and not s.training.training_price_estimated
    assert "(estimate)" not in "\n".join(m.value for m in at.markdown)


def test_a_per_query_preset_switches_to_token_pricing_and_says_so():
    per_query = next(p for p in presets().values() if p.scenario.prices.price_basis == "per_query")
    at = pick(per_query.id, "openai", "gpt-4o")
    assert scenario(at).prices.price_basis == "tokens"
    assert "switched from per-query costs to tokens" in captions(at)


def test_the_key_figures_show_each_prompt_against_the_context_window():
    at = pick("klarna", "openai", "gpt-4o-mini")
    table = "\n".join(m.value for m in at.markdown)
    assert "Prompt / window (tokens)" in table
    assert "/ 128,000" in table


def test_the_method_page_has_a_line_for_the_context_rule_and_each_price_rule():
    at = open_page("Method and sources", "klarna")
    assert not at.exception
    rules = next(df.value for df in at.dataframe if "rule" in df.value.columns)
    assert "context_window" in set(rules["rule"])
    shown_text = "\n".join(m.value for m in at.markdown)
    for line in PRICE_RULES:
        assert line in shown_text


def test_the_model_box_lists_every_filled_price_with_its_source():
    at = pick("klarna", "anthropic", "claude-opus-4-5")
    table = next(
        df.value for df in at.dataframe if "source" in df.value.columns and "price" in df.value.columns
    )
    # base in/out, cache read/write, batch in/out, embedding, batch embedding, window,
    # fine-tuned in/out, training
    assert len(table) == 12
    assert table["source"].str.contains("price on 20").sum() >= 8
    assert table["source"].str.contains("estimate").sum() == 3
