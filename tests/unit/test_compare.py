"""core.analyses.compare: several scenarios side by side agree with each one analysed alone."""

import csv
import io
import re

import pytest

from core.analyses.compare import (
    bundle_toml,
    closest_preset,
    compare_csv,
    compare_long,
    compare_table,
    differences,
    parse_bundle,
)
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.strategies import STRATEGIES


def named_presets():
    return {p.title: p.scenario for p in presets().values()}


def test_the_side_by_side_table_agrees_with_each_scenario_analysed_alone():
    table = compare_table(named_presets()).set_index("scenario")
    for title, scenario in named_presets().items():
        alone = analyse(scenario)
        row = table.loc[title]
        assert row.recommended == alone.recommendation.strategy
        assert row.fit_tier == alone.recommendation.fit_tier
        for s in alone.strategies.itertuples():
            assert row[f"horizon_cost_usd_{s.strategy}"] == pytest.approx(s.horizon_cost_usd)
        assert row.queries_per_day == scenario.workload.queries_per_day


def test_advantage_is_the_cheapest_feasible_rivals_extra_cost_in_percent():
    scenario = presets()["support_10k_per_day"].scenario
    row = compare_table({"support": scenario}).iloc[0]
    cost = analyse(scenario).strategies.set_index("strategy")["horizon_cost_usd"]
    assert row.margin_pct == pytest.approx((cost["hybrid"] - cost["rag"]) / cost["rag"] * 100)


def test_a_changed_copy_of_a_scenario_differs_only_where_it_was_changed():
    base = presets()["klarna"].scenario
    table = compare_table({"base": base, "tiny": base.updated({"queries_per_day": 100})}).set_index(
        "scenario"
    )
    assert table.loc["tiny", "horizon_cost_usd_rag"] < table.loc["base", "horizon_cost_usd_rag"]
    assert table.loc["tiny", "latency_budget_ms"] == table.loc["base", "latency_budget_ms"]


def test_grouped_bar_data_has_one_row_per_scenario_and_strategy_and_one_recommendation_each():
    long = compare_long(named_presets())
    assert len(long) == len(presets()) * len(STRATEGIES)
    assert (long.groupby("scenario")["recommended"].sum() == 1).all()


def test_the_csv_holds_every_scenario_by_name_four_rows_each_with_every_input():
    text = compare_csv({"a": presets()["klarna"].scenario, "b": presets()["insurance_claims"].scenario})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["scenario"] for r in rows] == ["a"] * 4 + ["b"] * 4
    assert [r["strategy"] for r in rows[:4]] == list(STRATEGIES)
    assert rows[4]["labeled_examples"] == "12000" and rows[0]["model"]


def test_a_scenario_name_that_looks_like_a_formula_is_neutralised_in_the_csv():
    text = compare_csv({"=HYPERLINK(1)": presets()["klarna"].scenario})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["scenario"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("named", [{}, {"  ": presets()["klarna"].scenario}])
def test_an_empty_selection_or_a_blank_name_is_an_error(named):
    with pytest.raises(ScenarioError, match="compare"):
        compare_table(named)


def test_a_bundle_of_saved_scenarios_reads_back_to_the_same_scenarios_in_order():
    saved = {"b; = %": presets()["klarna"].scenario.updated({"behaviour_gap": True}),
             "a": presets()["medical_documentation"].scenario}  # fmt: skip
    back = parse_bundle(bundle_toml(saved))
    assert back == saved and list(back) == list(saved)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("", "no [[saved]] tables", id="empty"),
        pytest.param("saved = 3", "no [[saved]] tables", id="not-tables"),
        pytest.param("[[saved]]\n[saved.workload]\nqueries_per_day = 5000\n", "has no name", id="no-name"),
        pytest.param("[[saved]]\nname = ' '\n", "Name", id="blank-name"),
        pytest.param("[[saved]]\nname = 'a'\n[saved.workload]\nhorizon_months = 99\n", "'a': horizon_months", id="bad-value"),
        pytest.param("[[saved]]\nname = 'a'\nextra = 1\n", "unknown field", id="unknown-key"),
        pytest.param("[[saved]]\nname = 'a'\n" * 51, "at most 50", id="too-many"),
    ],
)  # fmt: skip
def test_a_bad_bundle_names_the_problem(text, fragment):
    with pytest.raises(ScenarioError, match=re.escape(fragment)):
        parse_bundle(text)


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_a_preset_is_closest_to_itself_and_differs_from_itself_in_nothing(preset_id):
    scenario = presets()[preset_id].scenario
    assert closest_preset(scenario, prefer="klarna") == preset_id
    assert differences(scenario, scenario) == {}
