"""The Explorer through AppTest: presets, headline sliders, URL parameters, upload, detail inputs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pagetest import chart_frames, shown
from streamlit.testing.v1 import AppTest

from core.engine.analysis import analyse
from core.io.csv_files import results_csv
from core.io.presets import DEFAULT_PRESET, preset, presets
from core.io.toml_files import to_toml
from core.model.fields import FIELDS
from core.model.labels import FIT_LABELS, label
from core.model.strategies import LABELS
from ui.frame import PAGES
from ui.inputs import GROUPS

APP = "../../app.py"  # AppTest resolves it against this file
ROOT = Path(__file__).resolve().parents[2]
HEADLINE = ("queries_per_day", "updates_per_month", "labeled_examples", "latency_budget_ms", "horizon_months")
# A preset where each headline input moves a cost chart (in the default one the update cadence
# moves only the freshness chart), and a new value for each.
MOVING_PRESET = "medical_documentation"
NEW_VALUES = {
    "queries_per_day": 200_000.0,
    "updates_per_month": 1,
    "labeled_examples": 500,
    "latency_budget_ms": 1_000.0,
    "horizon_months": 24,
}


def load(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    return at.run()


def scenario(at: AppTest):
    return at.session_state["_scenario"]


def chart_data(at: AppTest) -> list[list[bytes]]:
    return [[d.data.data for d in node.proto.datasets] for node in at.get("vega_lite_chart")]


def widget(at: AppTest, key: str):
    kind = at.select_slider if key in HEADLINE[:3] else at.slider
    return kind(key=key)


def headline(at: AppTest) -> dict[str, float]:
    return {key: widget(at, key).value for key in HEADLINE}


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_explorer_loads_every_preset_with_five_charts_and_its_recommendation(preset_id):
    at = load(preset=preset_id)
    assert not at.exception and not at.error and not at.warning
    assert len(at.get("vega_lite_chart")) == 5
    expected = analyse(preset(preset_id).scenario).recommendation
    assert at.metric[0].value == LABELS[expected.strategy]
    assert at.metric[1].value == FIT_LABELS[expected.fit_tier]
    assert scenario(at) == preset(preset_id).scenario


@pytest.mark.parametrize("key", HEADLINE)
def test_each_headline_slider_changes_the_charts_data(key):
    at = load(preset=MOVING_PRESET)
    before = chart_data(at)
    widget(at, key).set_value(NEW_VALUES[key]).run()
    assert not at.exception
    assert scenario(at).flat()[key] == NEW_VALUES[key]
    after = chart_data(at)
    assert len(after) == 5 and after != before


def freshness_now(at: AppTest):
    """The freshness chart's marked points: the current cadence and each strategy's staleness."""
    (node,) = [n for n in at.get("vega_lite_chart") if "Freshness vs update cadence" in n.proto.spec]
    return next(f for f in chart_frames(node) if len(f) == 4 and "never" in f.columns)


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_update_cadence_slider_moves_the_freshness_chart_on_every_preset(preset_id):
    at = load(preset=preset_id)
    before = freshness_now(at)
    cadence = 2 if scenario(at).knowledge.updates_per_month != 2 else 1
    widget(at, "updates_per_month").set_value(cadence).run()
    after = freshness_now(at)
    assert set(before["updates_per_month"]) == {presets()[preset_id].scenario.knowledge.updates_per_month}
    assert set(after["updates_per_month"]) == {cadence}
    assert list(after["strategy"]) == ["prompt", "rag", "fine_tune", "hybrid"]


@pytest.mark.parametrize("token", ["20000", "20k", "20,000"])
def test_a_labeled_examples_url_parameter_seeds_its_slider_and_the_scenario(token):
    at = load(labeled_examples=token)
    assert not at.exception and not at.warning
    assert widget(at, "labeled_examples").value == 20_000
    assert scenario(at).training.labeled_examples == 20_000


def test_url_parameters_seed_every_headline_slider_on_top_of_the_preset():
    at = load(preset="klarna", queries_per_day="1M/day", updates_per_month="daily", latency_budget_ms="700",
              horizon_months="36")  # fmt: skip
    assert headline(at) == {
        "queries_per_day": 1_000_000.0,
        "updates_per_month": 30,
        "labeled_examples": preset("klarna").scenario.training.labeled_examples,
        "latency_budget_ms": 700.0,
        "horizon_months": 36,
    }
    assert scenario(at).prices.model == preset("klarna").scenario.prices.model


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("queries_per_day", "lots"),
        ("queries_per_day", "5"),  # below 10/day
        ("updates_per_month", "99"),
        ("labeled_examples", "-1"),
        ("labeled_examples", "1.5"),
        ("latency_budget_ms", "abc"),
        ("latency_budget_ms", "inf"),
        ("horizon_months", "1000"),
        ("preset", "../../etc/passwd"),
    ],
)
def test_a_bad_url_parameter_keeps_the_default_and_says_why(key, value):
    at = load(**{key: value})
    assert not at.exception and not at.error
    assert len(at.warning) == 1 and key in shown(at.warning[0])
    assert scenario(at) == preset(DEFAULT_PRESET).scenario
    assert headline(at) == {k: v for k, v in preset(DEFAULT_PRESET).scenario.flat().items() if k in HEADLINE}


def test_choosing_a_preset_loads_every_field_and_shows_its_story():
    at = load()
    assert not any("A mid-sized insurer" in m.value for m in at.markdown)
    at.selectbox(key="preset").set_value("insurance_claims").run()
    chosen = preset("insurance_claims")
    assert scenario(at) == chosen.scenario
    assert headline(at) == {k: v for k, v in chosen.scenario.flat().items() if k in HEADLINE}
    assert chosen.title in at.caption[0].value
    assert chosen.story.strip()[:40] in " ".join(m.value for m in at.markdown)
    sources = at.dataframe[0].value
    assert set(sources["Input"]) == {label(name) for name in chosen.sources}


def test_every_scenario_field_has_a_widget_keyed_by_its_name():
    at = load()
    keys = set(HEADLINE)
    for group in ("Model", *GROUPS):
        at.session_state["input_group"] = group
        at.run()
        keys |= {w.key for w in at.main.get("number_input") + at.main.get("toggle") + at.main.get("radio")}
        keys |= {w.key for w in at.main.get("selectbox")}
    assert keys - {"input_group"} == set(FIELDS)  # input_group: the radio choosing the group shown


def test_a_detail_input_changes_the_analysis():
    at = load()
    at.session_state["input_group"] = "Prices"
    at.run()
    before = at.metric[2].value
    at.number_input(key="rag_generation_cost_per_query_usd").set_value(0.01).run()
    assert scenario(at).prices.rag_generation_cost_per_query_usd == 0.01
    assert at.metric[2].value != before


def test_choosing_a_model_fills_its_prices_from_genai_prices():
    at = load()
    at.session_state["input_group"] = "Model"
    at.run()
    at.selectbox(key="model").set_value("gpt-4o").run()
    assert not at.exception
    assert scenario(at).prices.model == "gpt-4o"
    assert scenario(at).prices.input_price_per_mtok_usd == 2.5  # genai-prices' gpt-4o input price


def test_a_closed_expander_keeps_its_values_across_reruns():
    at = load()
    at.session_state["input_group"] = "Prices"
    at.run()
    at.number_input(key="embedding_price_per_mtok_usd").set_value(0.5).run()
    at.session_state["input_group"] = "Model"
    at.run()
    widget(at, "horizon_months").set_value(6).run()
    assert scenario(at).prices.embedding_price_per_mtok_usd == 0.5
    assert scenario(at).workload.horizon_months == 6


def exported(name: str) -> tuple[bytes, object]:
    """A scenario far from the default, exported as the Explorer would export it."""
    changed = preset("klarna").scenario.updated(
        {"labeled_examples": 7_000, "query_tokens": 123, "behaviour_gap": True}
    )
    if name.endswith(".toml"):
        return to_toml(changed).encode(), changed
    return results_csv(analyse(changed).export_rows()).encode(), changed


@pytest.mark.parametrize("name", ["results.csv", "scenario.toml"])
def test_uploading_an_export_restores_every_widget(name):
    data, changed = exported(name)
    at = load()
    widget(at, "horizon_months").set_value(30).run()
    at.file_uploader(key="upload").upload(name, data, "text/plain").run()
    assert not at.exception and not at.error
    assert scenario(at) == changed
    assert headline(at) == {k: v for k, v in changed.flat().items() if k in HEADLINE}
    at.session_state["input_group"] = "Tokens and speed"
    at.run()
    assert at.number_input(key="query_tokens").value == 123


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.csv", b"colour,size\nred,12\n", "unknown column 'colour'"),
        ("bad.toml", b"[workload]\nqueries_per_day = -3\n", "queries_per_day"),
        ("bad.toml", b"not = [valid", "TOML syntax error"),
        ("empty.csv", b"", "empty"),
    ],
)
def test_a_bad_upload_shows_an_error_and_keeps_the_scenario(name, data, message):
    at = load()
    widget(at, "horizon_months").set_value(30).run()
    kept = scenario(at)
    at.file_uploader(key="upload").upload(name, data, "text/plain").run()
    assert not at.exception
    assert len(at.error) == 1 and message in shown(at.error[0])
    assert scenario(at) == kept and widget(at, "horizon_months").value == 30


def test_the_exports_are_offered_as_four_downloads():
    at = load()
    assert [b.label for b in at.get("download_button")] == [
        "Decision memo (HTML)",
        "Results CSV",
        "Month-by-month CSV",
        "Scenario TOML",
    ]


def test_choosing_a_preset_overwrites_an_edited_detail_input():
    at = load()
    at.session_state["input_group"] = "Prices"
    at.run()
    at.number_input(key="rag_generation_cost_per_query_usd").set_value(0.05).run()
    at.selectbox(key="preset").set_value("klarna").run()
    expected = preset("klarna").scenario.prices.rag_generation_cost_per_query_usd
    assert at.number_input(key="rag_generation_cost_per_query_usd").value == expected
    assert scenario(at) == preset("klarna").scenario


def test_a_preset_chosen_while_a_detail_group_is_closed_shows_in_it_when_reopened():
    at = load()
    at.session_state["input_group"] = "Prices"
    at.run()
    at.number_input(key="rag_generation_cost_per_query_usd").set_value(0.05).run()
    at.session_state["input_group"] = "Model"
    at.run()
    at.selectbox(key="preset").set_value("klarna").run()
    at.session_state["input_group"] = "Prices"
    at.run()
    expected = preset("klarna").scenario.prices.rag_generation_cost_per_query_usd
    assert at.number_input(key="rag_generation_cost_per_query_usd").value == expected
    assert scenario(at) == preset("klarna").scenario


@pytest.mark.parametrize("page", [entry.path for entry in PAGES[1:]])
def test_the_sidebar_frame_and_the_scenario_follow_the_user_to_another_page(page):
    at = load(preset="klarna")
    widget(at, "horizon_months").set_value(24).run()
    at.switch_page(page).run()
    assert not at.exception
    assert widget(at, "horizon_months").value == 24
    assert scenario(at).workload.horizon_months == 24
    assert at.selectbox(key="preset").value == "klarna"


@pytest.mark.parametrize("preset_id", ["support_10k_per_day", "medical_documentation"])
def test_the_payback_sentence_sits_under_the_recommendation_as_plain_text(preset_id):
    at = load(preset=preset_id)
    sentence = analyse(preset(preset_id).scenario).payback.sentence
    shown_texts = [shown(m) for m in at.markdown if "Payback" in m.value]
    assert shown_texts == [f"**Payback:** {sentence}"]
    assert "$" in sentence and "\\$" in next(m.value for m in at.markdown if "Payback" in m.value)


def test_a_deadline_under_a_week_rules_out_hybrid_and_names_the_deadline_that_would_do():
    # "Do you need to deploy in < 1 week? -> RAG" (ScaledByDesign), but this case's behaviour gap
    # rules RAG out: nothing passes, and the smallest change is a later deadline.
    at = load(preset="sales_call_compliance")
    assert at.metric[0].value == LABELS["hybrid"]
    at.session_state["input_group"] = "People and calendar"
    at.run()
    at.number_input(key="deadline_weeks").set_value(0.9).run()
    assert not at.exception
    assert scenario(at).workload.deadline_weeks == 0.9
    assert at.metric[0].value == "None" and at.metric[1].value == LABELS["rag"]
    weeks = analyse(scenario(at)).strategies.set_index("strategy").weeks_to_production["hybrid"]
    later = math.ceil(weeks * 10) / 10  # the first 0.1 week at or after hybrid's weeks to production
    assert any(f"relax the deadline to {later:,.1f} weeks" in shown(w) for w in at.warning)
    assert any("Weeks to production" in m.value for m in at.markdown)


@pytest.mark.parametrize("preset_id", list(presets()))
@pytest.mark.parametrize("cadence", [0.0, 0.2, 1.0, 30.0])
def test_the_freshness_chart_keeps_only_the_cadences_where_a_step_changes_and_draws_the_same_steps(
    preset_id, cadence
):
    import numpy as np

    from core.engine.freshness import freshness_curve
    from ui import charts

    flat = preset(preset_id).scenario.updated({"updates_per_month": cadence}).flat()
    full = freshness_curve(flat).pivot(index="updates_per_month", columns="strategy", values="stale_days")
    spec = charts.freshness(analyse(preset(preset_id).scenario.updated({"updates_per_month": cadence})))
    kept = (
        spec["datasets"]["freshness"]
        .to_pandas()
        .pivot(index="updates_per_month", columns="strategy", values="stale_days")
    )
    assert len(kept) < len(full) and kept.index[-1] == full.index[-1]
    # a step-after line through the kept points takes, at every cadence, the last kept value
    at = np.searchsorted(kept.index.to_numpy(), full.index.to_numpy(), side="right") - 1
    assert (kept.to_numpy()[at] == full[kept.columns].to_numpy()).all()
