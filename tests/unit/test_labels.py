"""Every internal name a page could show has words: fields, choices, rules, fit tiers, components."""

from __future__ import annotations

import pytest

from core.model import labels
from core.model.fields import CHOICES, FIELDS
from core.model.rules import FIT_TIERS, RULES
from core.model.strategies import MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS


def test_every_field_has_a_label_of_words_without_an_underscore():
    missing = [name for name in FIELDS if name not in labels.FIELD_LABELS]
    assert missing == [], f"label these fields in core/model/labels.py FIELD_LABELS: {missing}"
    assert [v for v in labels.FIELD_LABELS.values() if "_" in v or not v[0].isupper()] == []


def test_the_label_table_names_no_field_that_does_not_exist():
    assert sorted(set(labels.FIELD_LABELS) - set(FIELDS)) == []


def test_labels_are_unique_so_a_chart_axis_names_one_input():
    words = list(labels.FIELD_LABELS.values())
    assert sorted({w for w in words if words.count(w) > 1}) == []


def test_every_choice_of_every_choice_field_is_shown_as_words():
    missing = [
        (n, c) for n, options in CHOICES.items() for c in options if c not in labels.CHOICE_LABELS.get(n, {})
    ]
    assert missing == []
    assert labels.choice_label("price_basis", "per_query") == "Per query (seed table)"
    assert labels.choice_label("training_method", "lora") == "LoRA"


@pytest.mark.parametrize(
    ("table", "ids"),
    [
        (labels.RULE_LABELS, list(RULES)),
        (labels.FIT_LABELS, list(FIT_TIERS)),
        (labels.COMPONENT_LABELS, list(MONTHLY_COMPONENTS + ONE_OFF_COMPONENTS)),
    ],
    ids=["rules", "fit tiers", "components"],
)
def test_every_rule_fit_tier_and_cost_component_has_words(table, ids):
    assert [i for i in ids if i not in table] == []


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("queries_per_day", "Queries per day (queries/day)"),
        ("input_price_per_mtok_usd", "Input price ($ per 1M tokens)"),
        ("vector_store_monthly_usd", "Vector store ($/month)"),
        ("knowledge_gap", "Knowledge gap: the model lacks facts"),
        ("training_method", "Training method"),
    ],
)
def test_a_title_is_the_label_and_the_unit_in_words_with_no_unit_for_flags_and_choices(name, shown):
    assert labels.titled(name) == shown


def test_a_core_message_on_a_page_names_the_input_in_words_and_keeps_other_text():
    message = "input_price_per_mtok_usd = -1.0 is not allowed: expected a number from 0 to 10,000"
    assert labels.in_words(message) == "Input price = -1.0 is not allowed: expected a number from 0 to 10,000"
    assert labels.in_words("file my_file.csv") == "file my_file.csv"
    assert labels.in_words("gpus = -1.0 is not allowed") == "GPUs = -1.0 is not allowed"
    assert labels.in_words("the model lacks facts") == "the model lacks facts"
