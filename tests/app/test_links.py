"""Links that carry the whole scenario: every changed field, an upload's file name, read back exactly."""

from __future__ import annotations

import pytest
from pagetest import shown
from streamlit.testing.v1 import AppTest

from core.analyses.compare import differences
from core.engine.analysis import analyse
from core.io.csv_files import results_csv
from core.io.presets import DEFAULT_PRESET, presets
from core.io.toml_files import to_toml
from core.model.fields import BOOLEAN, CHOICES, FIELDS, NUMERIC, bounds
from ui import tokens
from ui.state import LINK_FILE

APP = "../../app.py"  # AppTest resolves it against this file


def load(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    return at.run()


def link(at: AppTest) -> dict[str, str | list[str]]:
    return dict(at.query_params)


def changed(preset_id: str) -> dict:
    """Several non-slider fields moved off the preset: a flag, a choice, numbers (one an awkward float)."""
    flat = presets()[preset_id].scenario.flat()
    methods = CHOICES["training_method"]
    return {
        "behaviour_gap": not flat["behaviour_gap"],
        "training_method": methods[(methods.index(flat["training_method"]) + 1) % len(methods)],
        "corpus_tokens": flat["corpus_tokens"] * 3 + 1,
        "input_price_per_mtok_usd": flat["input_price_per_mtok_usd"] + 0.07,
        "changed_fraction_per_update": 0.1 + 0.2,  # 0.30000000000000004: no short spelling
        "cost_per_error_usd": 12.5,
    }


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_a_link_carries_every_changed_field_and_opens_the_same_scenario_and_figures(preset_id):
    at = load({"preset": preset_id} if preset_id != DEFAULT_PRESET else {})
    for name, value in changed(preset_id).items():
        at.session_state[name] = value
    at.run()
    shared = link(at)
    assert set(changed(preset_id)) <= set(shared)
    opened = load(shared)  # another person, a new session
    assert not opened.warning and not opened.error
    assert opened.session_state["_scenario"] == at.session_state["_scenario"]
    assert [m.value for m in opened.metric] == [m.value for m in at.metric]
    assert link(opened) == shared


def test_fields_at_the_presets_value_stay_out_of_the_link():
    at = load({"preset": "klarna"})
    at.session_state["corpus_tokens"] = 123_000.0
    at.run()
    assert link(at)["corpus_tokens"] == "123k"
    at.session_state["corpus_tokens"] = presets()["klarna"].scenario.knowledge.corpus_tokens
    at.run()
    assert "corpus_tokens" not in link(at)


@pytest.mark.parametrize(
    ("name", "raw", "fragments"),
    [
        pytest.param("corpus_tokens", "lots", ("corpus_tokens", "'lots'", "0 to 1,000,000,000,000"), id="number"),
        pytest.param("corpus_tokens", "-5", ("corpus_tokens", "-5", "0 to"), id="negative"),
        pytest.param("price_basis", "free", ("price_basis", "'free'", "tokens, per_query"), id="choice"),
        pytest.param("behaviour_gap", "maybe", ("behaviour_gap", "'maybe'", "true or false"), id="flag"),
        pytest.param("model", "x" * 500, ("model", "xxx...", "1 to 120 characters"), id="long-name"),
        pytest.param("model", "gpt\u202e", ("model", "no control or invisible"), id="hidden-character"),
    ],
)  # fmt: skip
def test_a_refused_link_value_is_named_and_the_rest_of_the_link_still_applies(name, raw, fragments):
    at = load({"preset": "klarna", name: raw, "epochs": "7", "citations_required": "true"})
    (warning,) = at.warning
    message = shown(warning)
    assert len(message) <= 400
    for fragment in fragments:
        assert fragment in message
    flat, base = at.session_state["_scenario"].flat(), presets()["klarna"].scenario.flat()
    assert flat[name] == base[name]
    assert (flat["epochs"], flat["citations_required"]) == (7.0, True)
    assert name not in link(at) and link(at)["epochs"] == "7"


def test_an_upload_names_its_file_as_the_origin_and_the_link_rebuilds_it():
    source = presets()["insurance_claims"].scenario.updated({"behaviour_gap": True, "epochs": 4})
    at = load({})
    at.file_uploader(key="upload").set_value(("my claims.toml", to_toml(source).encode(), "application/toml"))
    at.run()
    assert at.session_state["_scenario"] == source
    assert at.selectbox(key="preset").value is None  # no longer claims the support preset
    assert "my claims.toml" in shown(at.caption[0]) and "Insurance" in at.caption[0].value
    shared = link(at)
    assert shared[LINK_FILE] == "my claims.toml" and shared["preset"] == "insurance_claims"
    assert set(shared) - {"preset", LINK_FILE} == {"behaviour_gap", "epochs"}
    opened = load(shared)
    assert opened.session_state["_scenario"] == source
    assert [m.value for m in opened.metric] == [m.value for m in at.metric]
    assert opened.selectbox(key="preset").value is None and shown(opened.caption[0]) == shown(at.caption[0])


def test_choosing_a_preset_after_an_upload_drops_the_file_from_caption_and_link():
    at = load({})
    at.file_uploader(key="upload").set_value(
        ("x.toml", to_toml(presets()["klarna"].scenario).encode(), "text")
    )
    at.run()
    at.selectbox(key="preset").set_value("medical_documentation").run()
    assert LINK_FILE not in link(at) and "x.toml" not in at.caption[0].value
    assert at.session_state["_scenario"] == presets()["medical_documentation"].scenario


def test_a_file_name_in_the_link_is_shown_as_literal_text():
    at = load({LINK_FILE: "[sign in](http://evil.example)"})
    assert "](" not in at.caption[0].value.replace("\\]\\(", "")
    assert "[sign in](http://evil.example)" in shown(at.caption[0])


@pytest.mark.parametrize("name", [n for n in FIELDS if n not in tokens.URL_FIELDS])
def test_every_fields_token_reads_back_to_exactly_its_value(name):
    lo, hi = bounds(name) if name in NUMERIC else (None, None)
    if name in BOOLEAN:
        values = [True, False]
    elif name in CHOICES:
        values = list(CHOICES[name])
    elif name in NUMERIC:
        kind = FIELDS[name][1].annotation
        values = [
            kind(lo),
            kind(hi),
            kind(lo + (hi - lo) / 3),
            kind(hi) / 7 if kind is float else kind(hi) // 7,
        ]
    else:
        values = ["gpt-4o-mini", "a~b.c%d"]
    base = presets()[DEFAULT_PRESET].scenario
    if name.endswith("_eval_correct"):  # correct answers never exceed the items scored
        base = base.updated({name.replace("_correct", "_total"): int(hi)})
    for value in values:
        spelled = tokens.field_token(name, value)
        assert base.updated({name: tokens.parse_field(name, spelled)}).flat()[name] == value
        assert len(spelled) <= 25


def test_a_saved_scenario_token_reads_back_with_escaped_separators():
    base = presets()["klarna"].scenario
    other = base.updated({"model": "a~b.c%d", "epochs": 9})
    token = tokens.entry_token("name~with. signs %7E", "klarna", differences(base, other))
    assert token == "name%7Ewith. signs %257E~preset.klarna~epochs.9~model.a%7Eb.c%25d"
    name, pairs = tokens.parse_entry(token)
    assert name == "name~with. signs %7E"
    assert pairs == {"preset": "klarna", "epochs": "9", "model": "a~b.c%d"}


def test_uploading_the_month_by_month_csv_says_which_file_to_upload_and_keeps_the_scenario():
    at = load({"preset": "klarna"})
    before = at.session_state["_scenario"]
    months = results_csv(analyse(before).timeline.to_dict("records")).encode()
    at.file_uploader(key="upload").set_value(("klarna_months.csv", months, "text/csv")).run()
    assert "upload the Results CSV or the Scenario TOML" in shown(at.error[0])
    assert at.session_state["_scenario"] == before and LINK_FILE not in link(at)
