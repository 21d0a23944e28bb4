"""core.io files: TOML and CSV round trips, formula neutralising, and what a file may hold."""

import pytest

from core.engine.analysis import analyse
from core.io.csv_files import parse_csv, results_csv
from core.io.files import load_file
from core.io.presets import preset, presets
from core.io.text import MAX_FILE_BYTES, safe_cell
from core.io.toml_files import parse_toml, to_toml
from core.model.errors import ScenarioError


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


def test_text_already_starting_with_an_apostrophe_and_a_formula_survives_export_and_import():
    scenario = preset("klarna").scenario.updated({"model": "'=x"})
    text = results_csv(analyse(scenario).export_rows())
    assert "''=x" in text
    assert parse_csv(text) == scenario


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b" \n\t\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        ("title = 'x'\n".encode("utf-16"), "UTF-16 text; save it as UTF-8"),
    ],
)
def test_a_blank_or_utf16_toml_file_is_refused(data, message):
    with pytest.raises(ScenarioError, match=message):
        load_file("a.toml", data)


def _export_lines() -> list[str]:
    return results_csv(analyse(preset("klarna").scenario).export_rows()).strip().split("\n")


def test_a_semicolon_separated_csv_gets_a_short_message_with_a_hint():
    text = "\n".join(line.replace(",", ";") for line in _export_lines())
    with pytest.raises(ScenarioError, match="separated by ';'") as err:
        load_file("a.csv", text.encode())
    assert len(str(err.value)) < 200


def test_a_column_given_twice_is_refused():
    lines = _export_lines()
    text = "\n".join([lines[0] + ",queries_per_day"] + [line + ",20" for line in lines[1:]])
    with pytest.raises(ScenarioError, match="'queries_per_day' appears more than once"):
        load_file("a.csv", text.encode())


def test_a_row_longer_than_the_header_names_the_row():
    lines = _export_lines()
    text = "\n".join(lines[:2] + [lines[2] + ",surplus"] + lines[3:])
    with pytest.raises(ScenarioError, match="row 3 has"):
        load_file("a.csv", text.encode())


def test_an_unclosed_quote_is_reported_as_such():
    lines = _export_lines()
    text = "\n".join(lines[:2] + ['"' + lines[2]] + lines[3:])
    with pytest.raises(ScenarioError, match="quote"):
        load_file("a.csv", text.encode())


def test_the_month_by_month_csv_is_refused_with_the_name_of_the_file_to_upload_instead():
    timeline = analyse(preset("klarna").scenario).timeline
    with pytest.raises(
        ScenarioError, match="month-by-month CSV.*upload the Results CSV or the Scenario TOML"
    ):
        load_file("klarna_months.csv", results_csv(timeline.to_dict("records")).encode())


def test_a_results_csv_with_a_month_column_is_still_told_about_the_unknown_column():
    text = results_csv(analyse(preset("klarna").scenario).export_rows()).replace("strategy,", "month,", 1)
    with pytest.raises(ScenarioError, match="unknown column 'month'"):
        parse_csv(text)
