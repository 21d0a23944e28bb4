"""core.io.prices: base, fine-tuned and training prices from genai-prices and the dated table."""

import pytest
from genai_prices import Usage, calc_price

from core.io.prices import chat_models, prices_for, providers, training_prices
from core.model.errors import ScenarioError
from core.model.scenario import Scenario


def test_base_prices_come_from_genai_prices():
    got = prices_for("openai", "gpt-4o")
    calc = calc_price(Usage(input_tokens=1_000_000, output_tokens=1_000_000), "gpt-4o", provider_id="openai")
    assert got["input_price_per_mtok_usd"] == float(calc.input_price)
    assert got["output_price_per_mtok_usd"] == float(calc.output_price)


def test_fine_tuned_inference_prices_come_from_the_ft_entry_when_there_is_one():
    got = prices_for("openai", "gpt-4o-mini")
    assert got["fine_tuned_input_price_per_mtok_usd"] > got["input_price_per_mtok_usd"]
    assert "fine_tuned_input_price_per_mtok_usd" not in prices_for("anthropic", chat_models("anthropic")[0])


def test_the_defaults_match_the_bundled_prices_they_cite():
    defaults = Scenario().flat()
    for name, value in prices_for("openai", "gpt-4o-mini").items():
        assert defaults[name] == pytest.approx(value), name


def test_every_training_price_row_is_dated_and_sourced():
    rows = training_prices()
    assert rows
    for row in rows.values():
        assert row["as_of"][:2] == "20" and row["source"]
        assert row["training_price_per_mtok_usd"] > 0


def test_the_model_picker_lists_priced_chat_models():
    assert "openai" in providers()
    assert "gpt-4o-mini" in chat_models("openai")
    listed = chat_models("openai")
    for word in ("ft:", "embed", "tts", "transcribe", "realtime", "audio", "image"):
        assert not [m for m in listed if word in m], word


@pytest.mark.parametrize(("provider", "model"), [("nobody", "gpt-4o"), ("openai", "no-such-model")])
def test_an_unknown_provider_or_model_is_a_scenario_error(provider, model):
    with pytest.raises(ScenarioError):
        prices_for(provider, model)
