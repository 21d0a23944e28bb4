"""The Compare page through AppTest: saved scenarios beside presets, one table, one CSV."""

import json

import pytest
from pagetest import chart_frames, open_page, shown
from streamlit.testing.v1 import AppTest

from core.io.presets import presets
from core.model.strategies import COLOURS


def load(preset_id: str = "klarna") -> AppTest:
    return open_page("Compare", preset_id)


def bars(at: AppTest):
    (node,) = at.get("vega_lite_chart")
    return json.loads(node.proto.spec), chart_frames(node)[0]


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_page_loads_on_every_preset_comparing_it_with_two_presets(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert len(table) == 3 and table["scenario"].iloc[0] == "Current scenario"
    spec, data = bars(at)
    assert len(data) == 3 * 4 and data["recommended"].sum() == 3
    assert COLOURS["fine_tune"] in json.dumps(spec)


def save(at: AppTest, name: str) -> AppTest:
    at.text_input(key="compare_name").set_value(name)
    return at.button[0].click().run()


def test_saving_the_current_scenario_adds_it_to_the_comparison_under_its_name():
    at = load()
    at.session_state["queries_per_day"] = 500.0
    save(at.run(), "quiet month")
    assert "quiet month" in at.multiselect(key="compare_pick").value
    table = at.dataframe[0].value.set_index("scenario")
    assert table.loc["quiet month", "queries_per_day"] == 500
    assert (bars(at)[1]["scenario"] == "quiet month").sum() == 4


def test_a_saved_scenario_keeps_its_values_when_the_current_one_changes():
    at = save(load(), "before")
    at.session_state["queries_per_day"] = 1_000_000.0
    at.run()
    table = at.dataframe[0].value.set_index("scenario")
    assert table.loc["before", "queries_per_day"] == presets()["klarna"].scenario.workload.queries_per_day
    assert table.loc["Current scenario", "queries_per_day"] == 1_000_000


@pytest.mark.parametrize("name", ["", "Current scenario", "Klarna AI assistant (2024)"])
def test_an_empty_or_taken_name_is_refused_with_a_message(name):
    at = save(load(), name)
    assert "empty or taken" in shown(at.error[0])
    assert len(at.multiselect(key="compare_pick").value) == 3


def test_picking_scenarios_changes_the_table_and_the_bars():
    at = load()
    at.multiselect(key="compare_pick").set_value(["Current scenario", "Medical documentation"]).run()
    assert list(at.dataframe[0].value["scenario"]) == ["Current scenario", "Medical documentation"]
    assert len(bars(at)[1]) == 2 * 4


def test_picking_nothing_asks_for_a_scenario_and_draws_no_chart():
    at = load()
    at.multiselect(key="compare_pick").set_value([]).run()
    assert "Pick at least one" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_all_picked_scenarios_can_be_downloaded_as_one_csv():
    (button,) = load().download_button
    assert button.label == "Download all as one CSV"
