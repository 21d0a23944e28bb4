"""The Uncertainty page through AppTest: Monte Carlo probabilities, cost spread and editable ranges."""

import pytest
from pagetest import chart_frames, open_page
from streamlit.testing.v1 import AppTest

from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.strategies import COLOURS


def load(preset_id: str = "support_10k_per_day") -> AppTest:
    return open_page("Uncertainty", preset_id)


def charts(at: AppTest) -> tuple[str, list]:
    nodes = at.get("vega_lite_chart")
    frames = [f for n in nodes for f in chart_frames(n)]
    return " ".join(n.proto.spec for n in nodes), frames


def probability(at: AppTest) -> dict[str, float]:
    frame = charts(at)[1][0]
    return dict(zip(frame["strategy"], frame["probability"], strict=True))


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_page_loads_on_every_preset_with_probability_bars_and_a_cost_box(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    specs, frames = charts(at)
    assert len(at.get("vega_lite_chart")) == 2
    assert sum(probability(at).values()) == pytest.approx(1)
    assert {"p10", "p50", "p90"} <= set(frames[1].columns)
    assert "Total cost over the horizon ($)" in specs and COLOURS["hybrid"] in specs


def test_zero_range_width_makes_the_deterministic_recommendation_certain():
    at = load("support_10k_per_day")
    at.session_state["knowledge_gap"] = False  # static, no gap: prompting and RAG pass, cost decides
    at.session_state["updates_per_month"] = 0.0
    assert 0 < probability(at.run())["prompt"] < 1
    at.slider(key="mc_width").set_value(0.0).run()
    changes = {"knowledge_gap": False, "updates_per_month": 0}
    expected = analyse(presets()["support_10k_per_day"].scenario.updated(changes)).recommendation.strategy
    assert probability(at)[expected] == 1.0


def test_the_same_seed_repeats_the_result_and_another_seed_changes_it():
    at = load()
    first = charts(at)[1][1]
    at.number_input(key="mc_seed").set_value(1).run()
    other = charts(at)[1][1]
    at.number_input(key="mc_seed").set_value(0).run()
    again = charts(at)[1][1]
    assert first.equals(again) and not first.equals(other)


def test_more_samples_are_drawn_when_asked():
    at = load()
    at.select_slider(key="mc_samples").set_value(20_000).run()
    assert at.metric[2].value == "20,000 · 0"


def test_the_ranges_are_listed_for_editing_around_the_scenarios_values_with_their_sources():
    (editor,) = load("klarna").data_editor
    ranges = editor.value.set_index("input")
    assert {"low", "likely", "high", "source"} <= set(ranges.columns)
    assert ranges.loc["queries_per_day", "likely"] == presets()["klarna"].scenario.workload.queries_per_day
    assert ranges.loc["retrieval_latency_ms", "source"].startswith('"RAG vs Fine-Tuning: How to choose')


def test_reset_ranges_drops_the_edited_values_from_the_table_and_the_result():
    at = load("klarna")
    untouched = charts(at)[1][1]
    ranges = at.data_editor[0].value
    row = list(ranges["input"]).index("queries_per_day")
    likely = float(ranges["likely"][row])
    at.session_state["mc_ranges_0"] = {"edited_rows": {row: {"low": likely * 0.99, "high": likely * 50}},
                                       "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.run()
    assert not at.error
    assert not charts(at)[1][1].equals(untouched)  # the edit counts
    next(b for b in at.button if b.label == "Reset ranges").click().run()
    (editor,) = at.data_editor
    assert editor.key == "mc_ranges_1"  # a new table: the browser's edits are not sent back
    assert charts(at)[1][1].equals(untouched)
