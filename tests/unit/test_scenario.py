"""core.model: field defaults, bounds, units, names and validation messages of the Scenario."""

import math

import pytest

from core.model.errors import ScenarioError
from core.model.fields import FIELDS, HEADLINE, NUMERIC, allowed, bounds, locate, source, unit
from core.model.scenario import Scenario, build


def test_defaults_form_a_valid_scenario():
    assert Scenario().workload.queries_per_day == 10_000


def test_the_headline_inputs_keep_their_names():
    for name in (*HEADLINE, "horizon_months"):
        assert name in FIELDS


@pytest.mark.parametrize("name", list(FIELDS))
def test_every_field_names_its_unit_and_source(name):
    assert unit(name)
    assert source(name)


@pytest.mark.parametrize("name", NUMERIC)
def test_every_numeric_field_is_bounded_and_its_default_lies_inside(name):
    lo, hi = bounds(name)
    default = Scenario().flat()[name]
    assert lo is not None and hi is not None
    assert lo <= default <= hi


def test_a_dotted_path_and_a_bare_name_reach_the_same_field():
    assert locate("workload.queries_per_day") == locate("queries_per_day") == ("workload", "queries_per_day")


def test_updated_returns_a_new_scenario_and_leaves_the_old_one():
    old = Scenario()
    new = old.updated({"queries_per_day": "250000", "knowledge.updates_per_month": 30})
    assert new.workload.queries_per_day == 250_000
    assert new.knowledge.updates_per_month == 30
    assert old.workload.queries_per_day == 10_000


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("queries_per_day", 9),
        ("queries_per_day", 10_000_001),
        ("labeled_examples", -1),
        ("labeled_examples", 2.5),
        ("latency_budget_ms", 99),
        ("horizon_months", 61),
        ("baseline_accuracy", 1.01),
    ],
)
def test_an_out_of_range_value_names_the_field_the_value_and_the_range(name, value):
    with pytest.raises(ScenarioError) as err:
        Scenario().updated({name: value})
    message = str(err.value)
    assert name in message
    assert str(value) in message
    assert allowed(name) in message


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan", "inf"])
def test_nan_and_infinities_are_rejected(value):
    with pytest.raises(ScenarioError, match="queries_per_day"):
        Scenario().updated({"queries_per_day": value})


def test_inside_the_bounds_both_edges_are_accepted():
    lo, hi = bounds("queries_per_day")
    assert Scenario().updated({"queries_per_day": lo}).workload.queries_per_day == lo
    assert Scenario().updated({"queries_per_day": hi}).workload.queries_per_day == hi


def test_unknown_fields_are_rejected_not_ignored():
    with pytest.raises(ScenarioError, match="unknown field 'query_per_day'"):
        Scenario().updated({"query_per_day": 5})
    with pytest.raises(ScenarioError, match="unknown field 'workload.colour'"):
        build({"workload": {"colour": "red"}})


def test_a_choice_outside_its_options_lists_the_options():
    with pytest.raises(ScenarioError, match="one of api, lora, full"):
        Scenario().updated({"training_method": "qlora"})


def test_a_scenario_that_is_not_a_table_is_rejected():
    with pytest.raises(ScenarioError, match="table of groups"):
        build(["workload"])


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("labeled_examples", True, "True is not allowed: expected a whole number"),
        ("query_tokens", False, "False is not allowed: expected a number"),
        ("knowledge_gap", "yes", "true or false"),
        ("knowledge_gap", 0.0, "true or false"),
        ("knowledge_gap", 1, "true or false"),
    ],
)
def test_booleans_and_numbers_do_not_stand_in_for_each_other(name, value, expected):
    with pytest.raises(ScenarioError, match=expected):
        Scenario().updated({name: value})


@pytest.mark.parametrize(("text", "value"), [("true", True), ("FALSE", False), ("1", True), ("0", False)])
def test_true_and_false_as_text_are_accepted_for_flags(text, value):
    assert Scenario().updated({"citations_required": text}).needs.citations_required is value


def test_a_whole_number_given_to_a_decimal_field_is_stored_as_a_decimal():
    value = Scenario().updated({"latency_budget_ms": 2000}).latency.latency_budget_ms
    assert isinstance(value, float) and value == 2000.0


@pytest.mark.parametrize("text", ["x\r=1+1", "a\nb", "tab\there", "nul\x00"])
def test_names_with_control_characters_are_rejected(text):
    with pytest.raises(ScenarioError, match="no control or invisible characters"):
        Scenario().updated({"model": text})
