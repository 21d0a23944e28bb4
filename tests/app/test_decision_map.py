"""The Decision map page through AppTest: cells, marker, axes and views on every preset."""

import json

import pyarrow as pa
import pytest
import vl_convert as vlc
from pagetest import PATHS, chart_frames, open_page, shown
from streamlit.testing.v1 import AppTest

from core.analyses.decision_map import default_axes
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


def region_names(at: AppTest) -> set[str]:
    (node,) = at.get("vega_lite_chart")
    return {name for f in chart_frames(node) if "region" in f.columns for name in f["label"]}


def axes(at: AppTest, x: str, y: str) -> AppTest:
    at.selectbox(key="map_x").set_value(x).run()
    return at.selectbox(key="map_y").set_value(y).run()


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_map_opens_on_every_preset_on_axes_where_the_winner_changes_each_region_named(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    scenario = presets()[preset_id].scenario
    x, y = default_axes(scenario)
    assert (at.selectbox(key="map_x").value, at.selectbox(key="map_y").value) == (x, y)
    _, cells, marker = chart(at)
    assert len(cells) == 100 * 100 and cells["winner"].nunique() > 1
    assert (marker.loc[0, "x"], marker.loc[0, "y"]) == (scenario.flat()[x], scenario.flat()[y])
    assert len(region_names(at)) > 1


def test_cells_where_nothing_passes_are_named_on_the_map_and_in_the_shares():
    at = axes(load("medical_documentation"), "latency_budget_ms", "labeled_examples")
    _, cells, _ = chart(at)
    assert "none" in set(cells["winner"]) and "Nothing passes" in region_names(at)
    assert "Nothing passes" in next(m.value for m in at.markdown if "Share of the map" in m.value)


def test_the_cadence_axis_names_quarterly_on_a_log_scale():
    at = axes(load("support_10k_per_day"), "queries_per_day", "updates_per_month")
    spec = json.dumps(chart(at)[0])
    assert "'quarterly'" in spec and "Knowledge updates (updates/month) (log scale)" in spec


def test_the_chosen_axes_survive_a_visit_to_another_page():
    at = axes(load("klarna"), "queries_per_day", "labeled_examples")
    at.switch_page("app.py").run()
    at.switch_page(PATHS["Decision map"]).run()
    assert (at.selectbox(key="map_x").value, at.selectbox(key="map_y").value) == (
        "queries_per_day",
        "labeled_examples",
    )


def test_cells_carry_each_strategys_horizon_cost_in_their_tooltips_and_the_strategy_colours():
    spec, cells, _ = chart(axes(load(), "queries_per_day", "updates_per_month"))
    text = json.dumps(spec)
    for s in STRATEGIES:
        assert f"horizon_cost_usd_{s}" in cells.columns and f"horizon_cost_usd_{s}" in text
        assert COLOURS[s] in text
    assert "Queries per day (queries/day) (log scale)" in text


def test_choosing_other_axes_redraws_the_map_over_them():
    at = axes(load("medical_documentation"), "queries_per_day", "updates_per_month")
    _, before, _ = chart(at)
    at.selectbox(key="map_x").set_value("labeled_examples").run()
    at.selectbox(key="map_y").set_value("latency_budget_ms").run()
    spec, after, marker = chart(at)
    assert "Labelled examples (examples) (log scale)" in json.dumps(spec)
    # under 500 examples RAG (not enough data to fine-tune well); under a tight budget nothing passes
    assert set(after["winner"]) == {"none", "rag", "hybrid"} and set(before["winner"]) == {"hybrid"}
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
    at = axes(load("support_10k_per_day"), "queries_per_day", "updates_per_month")
    _, before, _ = chart(at)
    at.session_state["queries_per_day"] = 50_000.0
    at.session_state["labeled_examples"] = 100
    at.run()
    _, after, marker = chart(at)
    assert marker.loc[0, "x"] == 50_000
    assert not after["horizon_cost_usd_fine_tune"].equals(before["horizon_cost_usd_fine_tune"])


def test_the_same_input_on_both_axes_shows_an_error_instead_of_a_map():
    at = load()
    at.selectbox(key="map_y").set_value(at.selectbox(key="map_x").value).run()
    assert "two different inputs" in shown(at.error[0])
    assert not at.get("vega_lite_chart")


def test_cells_keep_their_tooltip_without_a_per_cell_description_and_draw_as_before():
    # The browser's cost per cell: Streamlit's Vega evaluates every encoded expression for each of
    # the 10,000 cells a slider move. A canvas has no per-mark ARIA, so the cells carry none.
    (node,) = load().get("vega_lite_chart")
    spec = json.loads(node.proto.spec)
    spec["datasets"] = {
        d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records") for d in node.proto.datasets
    }
    vega = vlc.vegalite_to_vega(spec)
    (cells,) = [m for m in vega["marks"] if m["type"] == "rect"]
    encode = cells["encode"]["update"]
    assert "description" not in encode and "Recommended" in encode["tooltip"]["signal"]
    assert not any('isValid(datum["x_lo"])' in json.dumps(d.get("transform", [])) for d in vega["data"])
    # the same picture as with Vega-Lite's defaults (a description per cell, invalid cells filtered)
    default = json.loads(json.dumps(spec))
    for layer in default["layer"]:
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "rect":
            del layer["mark"]["aria"], layer["mark"]["invalid"]
    assert default != spec
    assert vlc.vegalite_to_png(default) == vlc.vegalite_to_png(spec)
