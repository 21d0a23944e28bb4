"""The Sensitivity page through AppTest: the tornado, its flips and the break-even table."""

import json

import pytest
from pagetest import chart_frames, open_page
from streamlit.testing.v1 import AppTest

from core.analyses.sensitivity import tornado
from core.io.presets import presets
from core.model.strategies import COLOURS


def load(preset_id: str = "support_10k_per_day") -> AppTest:
    return open_page("Sensitivity", preset_id)


def chart(at: AppTest):
    (node,) = at.get("vega_lite_chart")
    frames = chart_frames(node)
    bars = next(f for f in frames if "delta_min_usd" in f.columns)
    return json.loads(node.proto.spec), bars


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_page_loads_on_every_preset_with_a_tornado_and_a_break_even_table(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    _, bars = chart(at)
    inputs, _ = tornado(presets()[preset_id].scenario)
    moving = (inputs["swing_usd"] > 0) | inputs["flips_at"].notna()
    assert bars["input"].nunique() == min(12, moving.sum()) > 0
    table = at.dataframe[0].value
    assert {"Queries per day", "Knowledge updates", "Labelled examples", "Latency budget"} <= set(
        table["input"]
    )


def test_tornado_rows_follow_the_ranking_by_swing_and_use_the_strategy_colours():
    at = load("klarna")
    spec, bars = chart(at)
    ranked = list(tornado(presets()["klarna"].scenario)[0]["input"].head(12))
    assert list(dict.fromkeys(bars["input"])) == ranked
    assert COLOURS["rag"] in json.dumps(spec)
    assert "Change in total cost ($)" in json.dumps(spec)


def test_an_input_that_flips_the_recommendation_is_marked_on_the_chart_and_named():
    at = load("support_10k_per_day")
    at.session_state["knowledge_gap"] = False  # static, no gap: prompting and RAG pass, cost decides
    at.session_state["updates_per_month"] = 0.0
    spec, bars = chart(at.run())
    flipped = bars[bars["input"] == "rag_generation_cost_per_query_usd"]["row"].iloc[0]
    assert flipped.endswith("⇄ Prompting at 0.0037")
    assert "RAG generation per query at 0.0037 $/query" in at.warning[0].value
    assert "rag_generation_cost_per_query_usd" not in at.warning[0].value


def test_fewer_inputs_shown_shrinks_the_tornado():
    at = load()
    at.slider(key="tornado_top").set_value(5).run()
    assert chart(at)[1]["input"].nunique() == 5


def test_showing_blocked_strategies_adds_their_bars():
    at = load("klarna")
    before = set(chart(at)[1]["strategy"])
    at.toggle(key="tornado_blocked").set_value(True).run()
    after = set(chart(at)[1]["strategy"])
    assert before == {"rag", "hybrid"} and after == {"prompt", "rag", "fine_tune", "hybrid"}


def test_break_evens_say_none_in_range_where_the_winner_holds():
    table = load("support_10k_per_day").dataframe[0].value.set_index("input")
    assert table.loc["Queries per day", "break_even"] == "none in range"
    # below 1,143 ms no strategy passes: the table says so rather than naming RAG
    assert list(table.loc["Latency budget", "change"]) == ["No strategy passes → Hybrid", "Hybrid → RAG"]


def test_a_headline_change_in_the_session_redraws_the_tornado():
    at = load("support_10k_per_day")
    _, before = chart(at)
    at.session_state["queries_per_day"] = 200_000.0
    at.run()
    _, after = chart(at)
    assert not before["delta_max_usd"].equals(after["delta_max_usd"])


def colour_channel(spec: dict) -> dict:
    (colour,) = [
        layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {})
    ]
    return colour


def test_the_tornado_legend_lists_only_the_strategies_with_bars_and_keeps_their_colours():
    at = load("klarna")
    spec, _ = chart(at)
    assert colour_channel(spec)["legend"]["values"] == ["RAG", "Hybrid"]  # the others are blocked here
    at.toggle(key="tornado_blocked").set_value(True).run()
    colour = colour_channel(chart(at)[0])
    assert colour["legend"]["values"] == ["Prompting", "RAG", "Fine-tuning", "Hybrid"]
    assert colour["scale"]["range"] == [COLOURS[s] for s in ("prompt", "rag", "fine_tune", "hybrid")]
