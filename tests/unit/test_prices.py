"""core.io.prices: every price a model fills, read as a normal request, with its source and date."""

import json
from datetime import UTC, date, datetime

import pytest
from genai_prices import Usage, data_snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cli.run import main
from core.engine.analysis import analyse, price_estimates
from core.io.presets import preset, presets
from core.io.prices import (
    apply_settings,
    chat_models,
    embedding_price,
    model_prices,
    providers,
    training_prices,
    with_model,
)
from core.model.errors import ScenarioError
from core.model.scenario import Scenario

TODAY = datetime.now(tz=UTC).date()
NOON = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)  # prices are read at noon UTC
ALL_CHAT_MODELS = [(p, m) for p in providers() for m in chat_models(p)]


def test_every_listed_chat_model_costs_what_genai_prices_charges_for_a_1000_token_request():
    assert len(ALL_CHAT_MODELS) > 1_000  # the whole bundled catalogue, not a sample
    catalogue = {p.id: p for p in data_snapshot.get_snapshot().providers}
    wrong = []
    for provider, model in ALL_CHAT_MODELS:
        got = model_prices(provider, model).values
        entry = next(m for m in catalogue[provider].models if m.id == model)
        usage = Usage(input_tokens=1_000, output_tokens=1_000)
        calc = entry.calc_price(usage, catalogue[provider], genai_request_timestamp=NOON)
        expected = (float(calc.input_price) * 1_000, float(calc.output_price) * 1_000)
        found = (got["input_price_per_mtok_usd"], got["output_price_per_mtok_usd"])
        if found != pytest.approx(expected, rel=1e-12):
            wrong.append((provider, model, found, expected))
    assert wrong == []


@pytest.mark.parametrize(
    ("provider", "model", "normal", "long_context"),
    [
        ("anthropic", "claude-sonnet-4-5", (3.0, 15.0), (6.0, 22.5)),
        ("google", "gemini-2.5-pro", (1.25, 10.0), (2.5, 15.0)),
    ],
)
def test_a_tiered_model_is_priced_at_its_base_tier_not_its_long_context_tier(
    provider, model, normal, long_context
):
    got = model_prices(provider, model).values
    assert (got["input_price_per_mtok_usd"], got["output_price_per_mtok_usd"]) == normal
    assert normal != long_context  # the tier the 1M-token reading used to land in


def test_choosing_claude_opus_fills_every_price_and_marks_the_unpublished_ones_estimates():
    klarna = preset("klarna").scenario
    chosen, found, said = with_model(klarna, "anthropic", "claude-opus-4-5")
    p = chosen.prices
    assert (p.input_price_per_mtok_usd, p.output_price_per_mtok_usd) == (5.0, 25.0)
    assert (p.cache_read_price_per_mtok_usd, p.cache_write_price_per_mtok_usd) == (0.5, 6.25)
    assert (p.batch_input_price_per_mtok_usd, p.batch_output_price_per_mtok_usd) == (2.5, 12.5)
    assert p.context_window_tokens == 200_000
    # gpt-4o's fine-tuned 3.75/15 are not kept: the estimate is the model's own base price
    assert (p.fine_tuned_input_price_per_mtok_usd, p.fine_tuned_output_price_per_mtok_usd) == (5.0, 25.0)
    assert p.fine_tuned_price_estimated and chosen.training.training_price_estimated
    assert set(found.estimated) == {
        "fine_tuned_input_price_per_mtok_usd",
        "fine_tuned_output_price_per_mtok_usd",
        "training_price_per_mtok_usd",
    }
    assert all("estimate" in line.lower() for line in said)
    assert price_estimates(chosen.flat()) == [False, False, True, True]
    assert analyse(chosen).strategies["price_estimate"].tolist() == [False, False, True, True]


def test_a_model_with_published_fine_tuning_prices_is_not_an_estimate():
    chosen, found, _ = with_model(Scenario(), "openai", "gpt-4o")
    assert found.estimated == {}
    assert (
        chosen.prices.fine_tuned_input_price_per_mtok_usd,
        chosen.prices.fine_tuned_output_price_per_mtok_usd,
    ) == (3.75, 15.0)
    assert chosen.training.training_price_per_mtok_usd == 25.0
    assert not chosen.prices.fine_tuned_price_estimated and not chosen.training.training_price_estimated


def test_every_filled_price_names_its_source_and_date():
    found = model_prices("anthropic", "claude-opus-4-5", on=TODAY)  # not "now": a run may cross midnight
    assert set(found.notes) == set(found.values)
    for name in ("input_price_per_mtok_usd", "cache_read_price_per_mtok_usd", "context_window_tokens"):
        assert "genai-prices" in found.notes[name] and TODAY.isoformat() in found.notes[name], name
    assert "2025-06-01" in found.notes["training_price_per_mtok_usd"]  # the dated row the estimate rests on


@pytest.mark.parametrize(
    ("provider", "embedding", "says"),
    [
        ("voyageai", 0.02, "voyageai voyage-3"),
        ("mistral", 0.1, "mistral mistral-embed"),
        ("anthropic", 0.02, "default"),
    ],
)
def test_the_embedding_price_is_the_providers_own_else_the_stated_default(provider, embedding, says):
    value, note = embedding_price(provider, TODAY)  # voyage-* ids have no "embed" in them
    assert value == embedding
    assert says in note


def test_a_per_query_scenario_switches_to_token_pricing_and_says_so():
    per_query = Scenario().updated({"price_basis": "per_query"})
    chosen, _, said = with_model(per_query, "openai", "gpt-4o")
    assert chosen.prices.price_basis == "tokens"
    assert any("switched" in line for line in said)
    _, _, quiet = with_model(Scenario(), "openai", "gpt-4o")
    assert not any("switched" in line for line in quiet)


def test_a_price_set_after_the_model_replaces_the_estimate():
    chosen, said = apply_settings(
        Scenario(),
        {"provider": "anthropic", "model": "claude-opus-4-5", "fine_tuned_input_price_per_mtok_usd": "7"},
    )
    assert chosen.prices.fine_tuned_input_price_per_mtok_usd == 7
    assert not chosen.prices.fine_tuned_price_estimated
    assert chosen.training.training_price_estimated  # no training price was given
    assert said


def test_setting_only_the_model_keeps_the_provider():
    chosen, _ = apply_settings(Scenario(), {"model": "gpt-4o"})
    assert (chosen.prices.provider, chosen.prices.input_price_per_mtok_usd) == ("openai", 2.5)


def test_the_defaults_match_the_bundled_prices_they_cite():
    defaults = Scenario().flat()
    for name, value in model_prices("openai", "gpt-4o-mini").values.items():
        assert defaults[name] == pytest.approx(value), name


def test_every_training_price_row_is_dated_and_sourced():
    rows = training_prices()
    assert {p for p, _ in rows} >= {"openai", "fireworks"}
    for row in rows.values():
        assert date.fromisoformat(row["as_of"]) <= TODAY and len(row["source"]) > 20
        assert (row["training_price_per_mtok_usd"] or row["training_price_per_run_usd"]) > 0


def test_the_model_picker_lists_priced_chat_models():
    assert "openai" in providers()
    assert "gpt-4o-mini" in chat_models("openai")
    assert "llama-v3p1-8b-instruct" in chat_models("fireworks")
    listed = chat_models("openai")
    for word in ("ft:", "embed", "tts", "transcribe", "realtime", "audio", "image"):
        assert not [m for m in listed if word in m], word


@pytest.mark.parametrize(("provider", "model"), [("nobody", "gpt-4o"), ("openai", "no-such-model")])
def test_an_unknown_provider_or_model_is_a_scenario_error(provider, model):
    with pytest.raises(ScenarioError, match="provider|model"):
        model_prices(provider, model)


def test_no_preset_keeps_a_price_it_would_lose_by_picking_its_own_model_again():
    for pid, p in presets().items():
        chosen, found, _ = with_model(p.scenario, p.scenario.prices.provider, p.scenario.prices.model)
        assert chosen.prices.model == p.scenario.prices.model, pid
        assert set(found.values) <= set(chosen.flat()), pid


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ALL_CHAT_MODELS))
def test_any_model_fills_prices_that_never_exceed_their_own_base_where_they_are_discounts(pair):
    found = model_prices(*pair).values
    assert found["batch_input_price_per_mtok_usd"] <= found["input_price_per_mtok_usd"] + 1e-12
    assert found["batch_output_price_per_mtok_usd"] <= found["output_price_per_mtok_usd"] + 1e-12
    assert found["context_window_tokens"] >= 0
    assert all(v >= 0 for v in found.values())


CACHE_BATCH_WINDOW = (
    "cache_read_price_per_mtok_usd",
    "cache_write_price_per_mtok_usd",
    "batch_input_price_per_mtok_usd",
    "batch_output_price_per_mtok_usd",
    "context_window_tokens",
)


def test_every_preset_carries_its_own_models_cache_batch_and_window_figures():
    for pid, p in presets().items():
        flat = p.scenario.flat()
        found = model_prices(p.scenario.prices.provider, p.scenario.prices.model).values
        for name in CACHE_BATCH_WINDOW:
            assert flat[name] == pytest.approx(found[name]), (pid, name)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(ALL_CHAT_MODELS), st.sampled_from(ALL_CHAT_MODELS))
def test_picking_a_model_never_keeps_the_previous_models_prices(first, second):
    direct, found, _ = with_model(Scenario(), *second)
    via_first, _, _ = with_model(with_model(Scenario(), *first)[0], *second)
    for name in [*found.values, "fine_tuned_price_estimated", "training_price_estimated"]:
        assert via_first.flat()[name] == direct.flat()[name], name


def test_the_cli_fills_the_models_prices_and_notes_the_estimates_on_stderr(capsys):
    status = main(
        [
            "evaluate",
            "klarna",
            "--set",
            "provider=anthropic",
            "--set",
            "model=claude-opus-4-5",
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert status == 0
    prices = json.loads(out)["scenario"]["prices"]
    assert (prices["input_price_per_mtok_usd"], prices["fine_tuned_input_price_per_mtok_usd"]) == (5.0, 5.0)
    assert prices["fine_tuned_price_estimated"] is True
    assert "note: Estimate: no published fine-tuned price for anthropic claude-opus-4-5" in err
    strategies = {s["strategy"]: s["price_estimate"] for s in json.loads(out)["strategies"]}
    assert strategies == {"prompt": False, "rag": False, "fine_tune": True, "hybrid": True}
