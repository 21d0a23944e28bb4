import pytest

from core.analysis import analyse
from core.errors import ScenarioError
from core.files import MAX_FILE_BYTES, load_file, parse_csv, parse_toml, results_csv, safe_cell, to_toml
from core.presets import preset, presets


@pytest.mark.parametrize("preset_id", list(presets()))
def test_a_scenario_survives_a_toml_round_trip(preset_id):
    p = preset(preset_id)
    meta, back = parse_toml(to_toml(p.scenario, p.meta))
    assert back == p.scenario
    assert meta["title"] == p.title
    assert meta["sources"] == p.sources


@pytest.mark.parametrize("preset_id", list(presets()))
def test_a_scenario_survives_a_results_csv_round_trip(preset_id):
    scenario = preset(preset_id).scenario.updated({"queries_per_day": 12_345.678, "labeled_examples": 20_000})
    text = results_csv(analyse(scenario).export_rows())
    assert parse_csv(text) == scenario


def test_the_results_csv_has_one_row_per_strategy_and_every_input():
    text = results_csv(analyse(preset("klarna").scenario).export_rows())
    lines = text.strip().split("\n")
    assert len(lines) == 5
    header = lines[0].split(",")
    assert header[:2] == ["strategy", "recommended"]
    assert "queries_per_day" in header and "hybrid_maintenance_usd_per_month" in header


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_formula_like_text_cells_are_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    assert safe_cell(-5.0) == -5.0
    assert safe_cell("openai") == "openai"


def test_a_model_name_that_looks_like_a_formula_is_exported_inert():
    scenario = preset("klarna").scenario.updated({"model": '=HYPERLINK("http://x")'})
    text = results_csv(analyse(scenario).export_rows())
    assert ",=HYPERLINK" not in text
    assert "'=HYPERLINK" in text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"", "empty"),
        ("a.toml", b"x" * (MAX_FILE_BYTES + 1), "too large"),
        ("a.csv", b"\x00\x01\x02", "binary"),
        ("a.csv", "caf\u00e9".encode("latin-1"), "UTF-8"),
        ("a.json", b"{}", "unsupported file type"),
        ("a.toml", b"[workload\nqueries_per_day = 1", "TOML syntax error"),
        ("a.toml", b"[workload]\nqueries_per_day = 5", "queries_per_day"),
        ("a.toml", b"[payload]\nx = 1", "unknown table or key 'payload'"),
        ("a.csv", b"strategy,foo\nrag,1\n", "unknown column 'foo'"),
        ("a.csv", b"strategy\nrag\n", "missing column"),
    ],
)
def test_a_bad_file_gets_a_message_naming_the_problem(name, data, message):
    with pytest.raises(ScenarioError, match=message):
        load_file(name, data)
