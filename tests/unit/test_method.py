"""core.analyses.method: every formula, rule, default, preset number and price with its source."""

import pytest

from core.analyses.method import (
    TCC_TERMS,
    constants,
    field_defaults,
    formulas,
    preset_numbers,
    rules,
    tcc,
    tcc_table,
    training_price_table,
)
from core.engine.analysis import analyse
from core.io.presets import presets
from core.model.fields import FIELDS
from core.model.rules import RULES
from core.model.strategies import MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS


def test_formulas_show_every_cost_component_with_its_equation_and_source():
    table = formulas().set_index("name")
    for component in MONTHLY_COMPONENTS + ONE_OFF_COMPONENTS:
        assert table.loc[component, "component"]
        assert table.loc[component, "formula"].startswith(f"{component} = ")
        assert table.loc[component, "source"]
    generation = table.loc["generation", "formula"]
    assert (
        "generation = queries * ((in_tokens - cached) * input_price + cached * cache_read_price" in generation
    )
    assert "cached = cache_hit_rate * prefix_tokens" in generation


def test_every_formula_states_its_shapes_and_its_source():
    table = formulas()
    assert (table["shapes"].str.len() > 0).all()
    assert (table["source"].str.len() > 0).all()
    assert {"compute_costs", "hard_constraints", "choose", "fit_tiers", "run_cost"} <= set(table["name"])


def test_formulas_read_columns_by_their_field_names():
    run_cost = formulas().set_index("name").loc["run_cost", "formula"]
    assert "labeled_examples * tokens_per_example * epochs" in run_cost
    assert 'c["' not in run_cost and "c['" not in run_cost


def test_every_rule_and_every_field_appears_with_its_source():
    assert set(rules()["rule"]) == set(RULES)
    defaults = field_defaults()
    assert list(defaults["field"]) == list(FIELDS)
    assert (defaults["source"].str.len() > 0).all()


def test_every_number_a_preset_sets_is_listed_with_a_source():
    table = preset_numbers()
    assert set(table["preset"]) == set(presets())
    assert not (table["source"] == "(no source given)").any()


def test_the_training_price_table_carries_its_as_of_date():
    table = training_price_table()
    assert {"as_of", "source", "training_price_per_mtok_usd"} <= set(table.columns)
    assert table["as_of"].str.match(r"\d{4}-\d{2}-\d{2}").all()


def test_shared_constants_come_with_the_comment_that_sources_them_cited_by_title():
    notes = constants().set_index("name")["note"]
    assert notes["DAYS_PER_MONTH"].startswith('ScaledByDesign, "Fine-Tuning vs. RAG')
    assert notes["MIN_EXAMPLES"].startswith('"RAG vs Fine-Tuning: How to choose the right approach')
    assert notes["FULL_GAIN_EXAMPLES"].count("1,000") == 2  # a figure is not taken for an article's number


def test_the_knowmba_terms_cover_every_component_exactly_once():
    covered = [c for monthly, one_off in TCC_TERMS.values() for c in monthly + one_off]
    assert sorted(covered) == sorted(MONTHLY_COMPONENTS + ONE_OFF_COMPONENTS)


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_knowmba_terms_add_up_to_each_strategys_horizon_cost(preset_id):
    analysis = analyse(presets()[preset_id].scenario)
    total = tcc(analysis).groupby("strategy")["usd"].sum()
    for row in analysis.strategies.itertuples():
        assert total[row.strategy] == pytest.approx(row.horizon_cost_usd)


def test_the_tcc_table_lists_the_terms_in_knowmbas_order_then_the_total():
    analysis = analyse(presets()["support_10k_per_day"].scenario)
    table = tcc_table(analysis).set_index("term")
    assert list(table.index) == [*TCC_TERMS, "Total (horizon cost)"]
    assert table.loc["Total (horizon cost)", "rag"] == pytest.approx(11_880)
    assert table.loc["Fine-Tune Training Cost", "components"] == "retraining, migration, labelling, training"
