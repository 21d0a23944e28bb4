"""The Method and sources page through AppTest: the cost table adds up, formulas and sources shown."""

import pytest
from pagetest import open_page
from streamlit.testing.v1 import AppTest

from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.rules import RULES


def load(preset_id: str = "support_10k_per_day") -> AppTest:
    return open_page("Method and sources", preset_id)


def table(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_knowmba_total_cost_table_adds_up_to_each_strategys_horizon_cost(preset_id):
    at = load(preset_id)
    assert not at.exception and not at.error
    tcc = table(at, "term").set_index("term")
    for row in analyse(presets()[preset_id].scenario).strategies.itertuples():
        assert tcc.loc["Total (horizon cost)", row.strategy] == pytest.approx(row.horizon_cost_usd)


def test_the_tcc_formula_and_the_engines_own_lines_are_shown():
    codes = [c.value for c in load().code]
    assert any("Total Cost of Customization" in c for c in codes)
    assert any("horizon_cost_usd = one_off_cost_usd + monthly_cost_usd * horizon_months" in c for c in codes)
    assert any("generation = queries * ((in_tokens - cached) * input_price" in c for c in codes)


def test_every_rule_field_preset_number_and_training_price_is_listed_with_a_source():
    at = load()
    assert set(table(at, "rule")["rule"]) == set(RULES)
    assert table(at, "allowed")["source"].str.len().min() > 0
    assert set(table(at, "preset")["preset"]) == set(presets())
    prices = table(at, "as_of")
    assert prices["as_of"].str.match(r"\d{4}-\d{2}-\d{2}").all()
    assert any(prices["as_of"].iloc[0] in c.value for c in at.caption)


def test_a_change_to_the_scenario_changes_the_tcc_figures():
    at = load()
    before = table(at, "term").copy()
    at.session_state["horizon_months"] = 24
    at.run()
    after = table(at, "term")
    assert not before.equals(after)
