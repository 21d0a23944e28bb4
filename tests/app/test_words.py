"""Plain words on the Explorer: inputs, choices and refused values are named for people."""

from __future__ import annotations

import json
import re

import pytest
from pagetest import open_page, shown

from core.io.presets import DEFAULT_PRESET, preset
from core.model.fields import FIELDS
from core.model.labels import FIELD_LABELS
from core.model.rules import RULES
from core.model.strategies import STRATEGIES
from ui.frame import PAGES

PRICE = "input_price_per_mtok_usd"


def explorer(group: str):
    at = open_page("Explorer", DEFAULT_PRESET)
    at.session_state["input_group"] = group
    return at.run()


@pytest.mark.parametrize(
    ("value", "refused"), [(-1.0, True), (10_001.0, True), (0.0, False), (10_000.0, False)]
)
def test_a_price_outside_its_range_is_refused_with_a_message_naming_the_input_and_the_range(value, refused):
    at = explorer("Prices")
    at.number_input(key=PRICE).set_value(value).run()
    assert not at.exception
    errors = [shown(e) for e in at.error]
    if refused:
        assert errors == [
            f"Input price ($ per 1M tokens): {value:,g} is not allowed. Enter a number from 0 to 10,000; 0.15 is kept."
        ]
        assert at.number_input(key=PRICE).value == 0.15
        assert at.session_state["_scenario"].prices.input_price_per_mtok_usd == 0.15
    else:
        assert errors == []
        assert at.session_state["_scenario"].prices.input_price_per_mtok_usd == value


def test_number_boxes_are_labelled_in_words_with_their_unit():
    at = explorer("Prices")
    assert at.number_input(key=PRICE).label == "Input price ($ per 1M tokens)"
    assert all("_" not in w.label for w in at.main.get("number_input"))


@pytest.mark.parametrize(
    ("group", "key", "words"),
    [
        ("Prices", "price_basis", ["Per token (model prices)", "Per query (seed table)"]),
        ("Training", "training_method", ["API (per-token price)", "LoRA", "Full fine-tune"]),
    ],
)
def test_choices_are_shown_as_words_and_kept_as_ids(group, key, words):
    at = explorer(group)
    radio = at.radio(key=key)
    assert radio.options == words
    assert radio.value == preset(DEFAULT_PRESET).scenario.flat()[key]


def test_choosing_a_model_names_the_filled_prices_in_words():
    at = explorer("Model")
    at.selectbox(key="model").set_value("gpt-4o").run()
    filled = next(d.value for d in at.dataframe if "price" in d.value.columns)
    assert FIELD_LABELS[PRICE] in set(filled["price"]) and PRICE not in set(filled["price"])


IDS = re.compile(
    r"\b("
    + "|".join(sorted((n for n in (*FIELDS, *RULES, *STRATEGIES) if "_" in n), key=len, reverse=True))
    + r")\b"
)


def _shown_text(at) -> str:
    """What the page's charts and tables show: every chart's titles and tooltip titles, every
    shown column's header (its configured label) and every text cell of the shown columns."""
    texts = []
    for chart in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        texts += [str(v) for k, v in _walk(spec) if k in ("title", "text")]
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        order = list(frame.proto.column_order) or list(frame.value.columns)
        for column in order:
            label = config.get(column, {}).get("label")
            texts.append(label or column)
            cells = frame.value[column]
            texts += [v for v in cells if isinstance(v, str)]
    return "\n".join(texts)


def _walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from _walk(value)
            else:
                yield key, value
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


@pytest.mark.parametrize("title", [entry.title for entry in PAGES])
def test_no_chart_title_tooltip_or_table_column_on_a_page_is_an_internal_id(title):
    at = open_page(title, "medical_documentation")
    assert not at.exception
    assert sorted(set(IDS.findall(_shown_text(at)))) == []


def test_an_invalid_value_reaching_the_scenario_is_named_in_words_and_the_last_valid_one_kept():
    at = explorer("Model")  # the GPU box is not drawn: the value comes from the session, not a box
    at.session_state["gpus"] = -1.0
    at.run()
    assert not at.exception
    (message,) = [shown(e) for e in at.error]
    assert message.startswith("GPUs = -1.0") and "gpus" not in message
    assert at.session_state["_scenario"].operations.gpus == preset(DEFAULT_PRESET).scenario.operations.gpus
