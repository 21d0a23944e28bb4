"""The Compare page through AppTest: saved scenarios beside presets, one table, one CSV."""

import json

import pytest
from pagetest import chart_frames, open_page, shown
from streamlit.testing.v1 import AppTest

from core.analyses.compare import bundle_toml
from core.io.presets import presets
from core.model.strategies import COLOURS
from ui.state import SAVED


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


@pytest.mark.parametrize(
    ("name", "why"),
    [("", "1 to 200 characters"), ("Current scenario", "taken"), ("Klarna AI assistant (2024)", "taken")],
)
def test_an_empty_or_taken_name_is_refused_with_a_message(name, why):
    at = save(load(), name)
    assert why in shown(at.error[0]) and "choose another name" in shown(at.error[0])
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
    labels = [button.label for button in load().download_button]
    assert "Download all as one CSV" in labels


def saved(at: AppTest) -> dict:
    return at.session_state[SAVED]


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_saving_under_a_taken_name_asks_first_and_overwrites_only_when_told():
    at = save(load(), "plan")
    at.session_state["queries_per_day"] = 500.0
    at = save(at.run(), "plan")
    assert "already called 'plan'" in shown(at.warning[0])
    assert saved(at)["plan"].workload.queries_per_day != 500  # nothing overwritten yet
    button(at, "compare_overwrite").click().run()
    assert saved(at)["plan"].workload.queries_per_day == 500 and list(saved(at)) == ["plan"]
    assert not at.warning


def test_saving_under_a_taken_name_can_keep_both_under_a_new_name():
    at = save(load(), "plan")
    at.session_state["queries_per_day"] = 500.0
    at = save(at.run(), "plan")
    button(at, "compare_rename").click().run()
    assert list(saved(at)) == ["plan", "plan (2)"]
    assert saved(at)["plan (2)"].workload.queries_per_day == 500
    assert "plan (2)" in at.multiselect(key="compare_pick").value


def test_the_selection_survives_a_visit_to_another_page():
    at = load()
    at.multiselect(key="compare_pick").set_value(["Medical documentation"]).run()
    at.switch_page("app.py").run()
    at.switch_page("pages/4_compare.py").run()
    assert at.multiselect(key="compare_pick").value == ["Medical documentation"]


def test_saved_scenarios_travel_in_the_link_and_come_back_in_a_new_session():
    at = load()
    at.session_state["queries_per_day"] = 500.0
    at.session_state["behaviour_gap"] = True
    at = save(at.run(), "quiet~month 1.5%")
    shared = dict(at.query_params)
    assert shared["saved"] == "quiet%7Emonth 1.5%25~preset.klarna~queries_per_day.500/day~behaviour_gap.true"
    fresh = AppTest.from_file("../../app.py", default_timeout=30)
    fresh.query_params.update(shared)
    fresh.run().switch_page("pages/4_compare.py").run()
    assert saved(fresh) == saved(at) and not fresh.warning
    assert fresh.session_state["_scenario"] == at.session_state["_scenario"]


def test_saved_scenarios_too_large_for_the_link_are_counted_and_a_new_session_says_so():
    at = load()
    for i in range(40):  # each differs in many fields, so 40 of them pass the link's budget
        at.session_state["corpus_tokens"] = 1_000.0 + i
        at.session_state["model"] = f"model-{i:02d}-" + "x" * 100
        at.session_state["provider"] = f"provider-{i:02d}-" + "y" * 60
        at = save(at.run(), f"variant {i}")
    shared = dict(at.query_params)
    entries = shared["saved"] if isinstance(shared["saved"], list) else [shared["saved"]]
    assert 0 < len(entries) < 40 and shared["unsaved"] == str(40 - len(entries))
    assert "do not fit in the link" in shown(at.warning[0])
    fresh = AppTest.from_file("../../app.py", default_timeout=30)
    fresh.query_params.update(shared)
    fresh.run()
    assert len(fresh.session_state[SAVED]) == len(entries)
    assert f"{40 - len(entries)} saved scenario(s) could not be restored" in shown(fresh.warning[0])


def test_saved_scenarios_download_as_one_bundle_that_uploads_back():
    at = load()
    at.session_state["queries_per_day"] = 500.0
    at = save(at.run(), "quiet")
    bundle = bundle_toml(saved(at))
    other = load("medical_documentation")
    other.file_uploader(key="compare_bundle").set_value(
        ("saved_scenarios.toml", bundle.encode(), "text")
    ).run()
    assert saved(other) == saved(at)
    assert "quiet" in other.multiselect(key="compare_pick").value
    assert "Restored 1 saved scenario(s)" in shown(other.caption[-2]) or any(
        "Restored 1" in shown(c) for c in other.caption
    )


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b'title = "x"\n', "unknown key 'title'", id="scenario-file-not-bundle"),
        pytest.param(b"[[saved]]\nname = 'a'\n[saved.workload]\nqueries_per_day = -1\n", "queries_per_day", id="bad-value"),
        pytest.param(b"[[saved]]\nname = 'Current scenario'\n", "taken", id="taken-name"),
        pytest.param(b"[[saved]\n", "TOML syntax error", id="broken"),
        pytest.param(b"__import__('os').system('touch pwned')", "TOML syntax error", id="code"),
    ],
)  # fmt: skip
def test_a_bad_bundle_is_refused_with_a_message_and_the_saved_scenarios_are_unchanged(data, fragment):
    at = save(load(), "kept")
    at.file_uploader(key="compare_bundle").set_value(("bundle.toml", data, "text")).run()
    assert fragment in shown(at.error[0])
    assert list(saved(at)) == ["kept"]
