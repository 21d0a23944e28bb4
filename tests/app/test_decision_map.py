"""The Decision map page through AppTest: cells, marker, axes and views on every preset."""

import json

import pytest
from pagetest import chart_frames, open_page, shown
from streamlit.testing.v1 import AppTest

from core.io.presets import presets
from core.model.strategies import COLOURS, STRATEGIES


def load(preset_id: str = "klarna") -> AppTest:
    return open_page("Decision map", preset_id)


def chart(at: AppTest):
    (node,) = at.get("vega_lite_chart")
    frames = chart_frames(node)
    cells = next(f for f in frames if "winner" in f.columns)
    marker = next(f for f in frames if "text" in f.columns)
    return json.loads(node.proto.spec), cells, marker


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_map_loads_on_every_preset_with_100_by_100_cells_and_the_scenario_marked(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    _, cells, marker = chart(at)
    assert len(cells) == 100 * 100
    scenario = presets()[preset_id].scenario
    assert marker.loc[0, "x"] == scenario.workload.queries_per_day
    assert marker.loc[0, "y"] == scenario.knowledge.updates_per_month


def test_cells_carry_each_strategys_horizon_cost_in_their_tooltips_and_the_strategy_colours():
    spec, cells, _ = chart(load())
    text = json.dumps(spec)
    for s in STRATEGIES:
        assert f"horizon_cost_usd_{s}" in cells.columns and f"horizon_cost_usd_{s}" in text
        assert COLOURS[s] in text
    assert "Queries per day (queries/day) (log scale)" in text


def test_choosing_other_axes_redraws_the_map_over_them():
    at = load("medical_documentation")
    _, before, _ = chart(at)
    at.selectbox(key="map_x").set_value("labeled_examples").run()
    at.selectbox(key="map_y").set_value("latency_budget_ms").run()
    spec, after, marker = chart(at)
    assert "Labelled examples (examples) (log scale)" in json.dumps(spec)
    assert set(after["winner"]) == {"rag", "hybrid"} and set(before["winner"]) == {"hybrid"}
    assert marker.loc[0, "x"] == 8000


def test_the_advantage_view_colours_cells_by_how_close_the_call_is():
    at = load("support_10k_per_day")
    at.segmented_control(key="map_view").set_value("advantage").run()
    spec, cells, _ = chart(at)
    assert '"field": "margin_pct"' in json.dumps(spec)
    assert cells["margin_pct"].notna().any()


def test_a_finer_grid_draws_more_cells():
    at = load()
    at.selectbox(key="map_steps").set_value(150).run()
    assert len(chart(at)[1]) == 150 * 150


def test_headline_changes_in_the_session_move_the_marker_and_redraw_the_map():
    at = load("support_10k_per_day")
    _, before, _ = chart(at)
    at.session_state["queries_per_day"] = 50_000.0
    at.session_state["labeled_examples"] = 100
    at.run()
    _, after, marker = chart(at)
    assert marker.loc[0, "x"] == 50_000
    assert not after["horizon_cost_usd_fine_tune"].equals(before["horizon_cost_usd_fine_tune"])


def test_the_same_input_on_both_axes_shows_an_error_instead_of_a_map():
    at = load()
    at.selectbox(key="map_y").set_value("queries_per_day").run()
    assert "two different inputs" in shown(at.error[0])
    assert not at.get("vega_lite_chart")
