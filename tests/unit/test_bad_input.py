"""Bad input where it enters core: uploaded files (``load_file``) and CLI arguments (``main``).

Every case ends in a ScenarioError (files) or exit code 2 (CLI) with one short line naming the
problem: the field, the value or what is allowed. Code in any input is kept as text, never run,
and an exported CSV never carries a live formula. URL query parameters are tried against the
app in tests/app/test_bad_url_params.py. Cases marked ``CORE BUG`` are strict xfails: core gets
them wrong today; when it is fixed the xfail turns into a failure, and the mark must go.
"""

from __future__ import annotations

import contextlib
import csv
import io
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analyses.compare import compare_table
from core.cli.common import load_scenario
from core.cli.run import main
from core.engine.analysis import analyse
from core.io.csv_files import MAX_COLUMNS, check_header, results_csv
from core.io.files import load_file
from core.io.presets import DEFAULT_PRESET, preset, presets
from core.io.text import FORMULA_START, MAX_FILE_BYTES
from core.io.toml_files import to_toml
from core.model.errors import ScenarioError

BASE = preset(DEFAULT_PRESET).scenario
EXPORT = results_csv(analyse(BASE).export_rows())
PAYLOAD = "__import__('os').system('touch pwned')"  # what an attacker hopes gets eval'd


def core_bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"CORE BUG: {reason}")


def assert_clear(message: str, *fragments: str) -> None:
    """One short line, no traceback, naming every fragment (case-insensitive)."""
    assert "\n" not in message.strip(), message
    assert "Traceback" not in message
    assert len(message) <= 400, f"{len(message)} characters: {message[:120]}..."
    for fragment in fragments:
        assert fragment.lower() in message.lower(), f"{fragment!r} not in {message!r}"


# --- builders: an exported CSV or a TOML file, spoiled in one place -------------------------


def _rows(text: str = EXPORT) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _write(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")  # as Excel writes
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def csv_with(**cells: str) -> bytes:
    """The default export with ``cells`` set in every row (every row agrees)."""
    return _write([row | cells for row in _rows()])


def csv_without(*columns: str) -> bytes:
    return _write([{k: v for k, v in row.items() if k not in columns} for row in _rows()])


def csv_row_differs(**cells: str) -> bytes:
    rows = _rows()
    rows[1] |= cells
    rows[2]["queries_per_day"] = "20000"
    return _write(rows)


def csv_header_of(columns: list[str]) -> bytes:
    return (",".join(columns) + "\n" + ",".join("1" for _ in columns) + "\n").encode()


def csv_with_rows(n: int) -> bytes:
    rows = _rows()
    return _write([rows[i % len(rows)] for i in range(n)])


def csv_duplicate_column() -> bytes:
    lines = EXPORT.strip().split("\n")
    return ("\n".join([lines[0] + ",queries_per_day"] + [line + ",20" for line in lines[1:]]) + "\n").encode()


def csv_extra_cells() -> bytes:
    lines = EXPORT.strip().split("\n")
    return ("\n".join(lines[:1] + [line + ",surplus" for line in lines[1:]]) + "\n").encode()


def csv_unclosed_quote() -> bytes:
    lines = EXPORT.strip().split("\n")
    return "\n".join([lines[0], '"' + lines[1], *lines[2:]]).encode()


def toml(text: str) -> bytes:
    return text.encode()


def field(group: str, line: str) -> bytes:
    return toml(f"[{group}]\n{line}\n")


PICKLE_BOMB = b"cos\nsystem\n(S'touch /nonexistent/pwned'\ntR."  # pickle protocol 0, plain ASCII

BAD_FILES = [
    # empty, binary, huge, other encodings
    pytest.param("a.csv", b"", ("a.csv", "empty"), id="empty-csv"),
    pytest.param("a.toml", b"", ("a.toml", "empty"), id="empty-toml"),
    pytest.param("a.toml", b" \n\t\n", ("empty",), id="whitespace-only-toml"),
    pytest.param("a.toml", b"\xef\xbb\xbf", ("empty",), id="bom-only-toml"),
    pytest.param("a.csv", b"\xef\xbb\xbf", ("no data rows",), id="bom-only-csv"),
    pytest.param("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("binary",), id="png-as-csv"),
    pytest.param("a.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(30), ("binary",), id="xlsx-as-csv"),
    pytest.param("a.csv", bytes(range(128, 256)), ("not UTF-8", "byte 0"), id="invalid-utf8"),
    pytest.param("a.csv", PICKLE_BOMB, ("unknown column 'cos'",), id="pickle-named-csv"),
    pytest.param("a.pkl", PICKLE_BOMB, ("unsupported file type", ".csv or .toml"), id="pickle"),
    pytest.param("a.toml", "title = 'Café'\n".encode("latin-1"), ("not UTF-8", "save it as UTF-8"), id="latin-1"),
    pytest.param("a.csv", "caf\u00e9 \u201cquoted\u201d".encode("cp1252"), ("not UTF-8",), id="cp1252"),
    pytest.param("a.toml", "title = 'x'\n".encode("utf-16"), ("UTF-16", "save it as UTF-8"), id="utf-16"),
    pytest.param("a.toml", b"#" * (MAX_FILE_BYTES + 1), ("too large", "1,000,000"), id="huge-by-one-byte"),
    pytest.param("a.csv", EXPORT.encode() * 2_000, ("too large",), id="huge-csv"),
    # not a scenario file at all
    pytest.param("a.json", b"{}", ("unsupported file type",), id="json"),
    pytest.param("a.py", PAYLOAD.encode(), ("unsupported file type",), id="python-source"),
    pytest.param("scenario", b"[workload]\n", ("unsupported file type",), id="no-extension"),
    pytest.param("a.csv.exe", EXPORT.encode(), ("unsupported file type",), id="double-extension"),
    pytest.param("a.toml", EXPORT.encode(), ("TOML syntax error", "line 1"), id="csv-named-toml"),
    pytest.param("a.csv", b"[workload]\nqueries_per_day = 100\n", ("unknown column '[workload]'",), id="toml-named-csv"),
    # CSV shape: wrong or missing columns, rows that disagree
    pytest.param("a.csv", EXPORT.split("\n")[0].encode() + b"\n", ("no data rows",), id="csv-header-only"),
    pytest.param("a.csv", _write([r | {"colour": "red"} for r in _rows()]), ("unknown column 'colour'",), id="csv-unknown-column"),
    pytest.param("a.csv", csv_without("queries_per_day"), ("missing column 'queries_per_day'",), id="csv-missing-column"),
    pytest.param("a.csv", csv_without("queries_per_day", "model", "gpus"), ("missing column", "and 2 more"), id="csv-missing-columns"),
    pytest.param("a.csv", csv_row_differs(), ("row 4", "queries_per_day", "'20000'"), id="csv-rows-disagree"),
    pytest.param("a.csv", EXPORT.replace(",", ";").encode(), ("unknown column", "separated by ';'"), id="csv-semicolons"),
    pytest.param("a.csv", csv_extra_cells(), ("row 2 has", "the header has"), id="csv-extra-cells"),
    pytest.param("a.csv", csv_duplicate_column(), ("'queries_per_day' appears more than once",), id="csv-duplicate-column"),
    pytest.param("a.csv", csv_unclosed_quote(), ("quote left open",), id="csv-unclosed-quote"),
    # CSV values: wrong types, NaN/inf, negative, out of range
    pytest.param("a.csv", csv_with(queries_per_day="lots"), ("queries_per_day", "'lots'", "10 to 10,000,000"), id="csv-text-for-number"),
    pytest.param("a.csv", csv_with(queries_per_day=""), ("queries_per_day", "empty"), id="csv-empty-cell"),
    pytest.param("a.csv", csv_with(queries_per_day="NaN"), ("queries_per_day", "not a finite number"), id="csv-nan"),
    pytest.param("a.csv", csv_with(queries_per_day="inf"), ("queries_per_day", "not a finite number"), id="csv-inf"),
    pytest.param("a.csv", csv_with(queries_per_day="-Infinity"), ("queries_per_day", "not a finite number"), id="csv-minus-inf"),
    pytest.param("a.csv", csv_with(queries_per_day="1e400"), ("queries_per_day", "'1e400'"), id="csv-overflow-to-inf"),
    pytest.param("a.csv", csv_with(queries_per_day="-5"), ("queries_per_day", "'-5'", "from 10"), id="csv-negative"),
    pytest.param("a.csv", csv_with(queries_per_day="20000000"), ("queries_per_day", "10,000,000"), id="csv-above-max"),
    pytest.param("a.csv", csv_with(horizon_months="12.5"), ("horizon_months", "whole number"), id="csv-fraction-for-int"),
    pytest.param("a.csv", csv_with(horizon_months="61"), ("horizon_months", "1 to 60"), id="csv-int-above-max"),
    pytest.param("a.csv", csv_with(latency_budget_ms="99"), ("latency_budget_ms", "100 to 10,000"), id="csv-below-min"),
    pytest.param("a.csv", csv_with(changed_fraction_per_update="1.5"), ("changed_fraction_per_update", "0 to 1"), id="csv-fraction-above-1"),
    pytest.param("a.csv", csv_with(knowledge_gap="maybe"), ("knowledge_gap", "'maybe'", "true or false"), id="csv-bad-boolean"),
    pytest.param("a.csv", csv_with(training_method="quantum"), ("training_method", "api, lora, full"), id="csv-bad-choice"),
    pytest.param("a.csv", csv_with(model="x" * 500), ("model", "120 characters"), id="csv-text-too-long"),
    pytest.param("a.csv", csv_with(model="x\r=1+1"), ("model", "control or invisible characters"), id="csv-carriage-return-in-text"),
    pytest.param("a.csv", csv_with(queries_per_day="0x10"), ("queries_per_day", "'0x10'"), id="csv-hex"),
    pytest.param("a.csv", csv_with(queries_per_day="1,5"), ("queries_per_day", "'1,5'", "not a number"), id="csv-decimal-comma"),
    pytest.param("a.csv", csv_with(queries_per_day="1e999999k"), ("queries_per_day", "'1e999999k'", "is not a number"), id="csv-past-decimal-range"),
    pytest.param("a.csv", csv_with(queries_per_day="9" * 5_000), ("queries_per_day", "too long for a number"), id="csv-5000-digits"),
    pytest.param("a.csv", csv_with(horizon_months="60.9"), ("horizon_months", "must be a whole number"), id="csv-fraction-not-truncated"),
    pytest.param("a.csv", csv_with(model="\u202egpt"), ("model", "'\\u202egpt'", "invisible"), id="csv-right-to-left-override-in-name"),
    pytest.param("a.csv", csv_with(model="\u200b\u200b"), ("model", "invisible"), id="csv-zero-width-name"),
    pytest.param("a.csv", csv_header_of(["queries_per_day"] * 40_000), ("40,000 columns", f"at most {MAX_COLUMNS}"), id="csv-40000-columns"),
    pytest.param("a.csv", csv_with_rows(101), ("more than 100 data rows",), id="csv-101-rows"),
    pytest.param("a.csv", csv_row_differs(model="x" * 100_000), ("row 3", "model", "..."), id="csv-rows-disagree-on-a-huge-cell"),
    pytest.param("a.csv", csv_with(queries_per_day="１０００"), ("queries_per_day",), id="csv-fullwidth-digits"),
    pytest.param("a.csv", csv_with(queries_per_day="'=1+1"), ("queries_per_day", "'=1+1'"), id="csv-formula-for-number"),
    pytest.param("a.csv", csv_with(queries_per_day=PAYLOAD), ("queries_per_day", "__import__"), id="csv-code-for-number"),
    # TOML: syntax, unknown fields, wrong types, NaN/inf, range, nesting
    pytest.param("a.toml", toml("[workload\nqueries_per_day = 1"), ("TOML syntax error", "line 1"), id="toml-unclosed-table"),
    pytest.param("a.toml", field("workload", "queries_per_day ="), ("TOML syntax error", "line 2"), id="toml-missing-value"),
    pytest.param("a.toml", field("workload", "queries_per_day = 1\nqueries_per_day = 2"), ("TOML syntax error",), id="toml-duplicate-key"),
    pytest.param("a.toml", field("workload", "queries_per_day = '''"), ("TOML syntax error",), id="toml-unterminated-string"),
    pytest.param("a.toml", toml("[payload]\nx = 1\n"), ("unknown table or key 'payload'", "workload"), id="toml-unknown-table"),
    pytest.param("a.toml", field("workload", "colour = 'red'"), ("unknown field 'workload.colour'",), id="toml-unknown-field"),
    pytest.param("a.toml", field("workload", "\"__import__('os')\" = 1"), ("unknown field",), id="toml-code-as-key"),
    pytest.param("a.toml", toml("workload = 5\n"), ("workload must be a table",), id="toml-group-not-a-table"),
    pytest.param("a.toml", toml("title = 5\n"), ("title", "wrong type"), id="toml-title-not-text"),
    pytest.param("a.toml", toml("sources = 'x'\n"), ("sources", "wrong type"), id="toml-sources-not-a-table"),
    pytest.param("a.toml", toml("links = [1]\n"), ("links", "wrong type"), id="toml-links-not-text"),
    pytest.param("a.toml", field("workload", "queries_per_day = 'lots'"), ("queries_per_day", "'lots'"), id="toml-text-for-number"),
    pytest.param("a.toml", field("workload", "queries_per_day = [1, 2]"), ("queries_per_day", "[1, 2]"), id="toml-array-for-number"),
    pytest.param("a.toml", field("workload", "queries_per_day = {a = 1}"), ("queries_per_day",), id="toml-table-for-number"),
    pytest.param("a.toml", field("workload", "queries_per_day = 1979-05-27"), ("queries_per_day", "1979"), id="toml-date-for-number"),
    pytest.param("a.toml", field("workload", "queries_per_day = nan"), ("queries_per_day", "nan"), id="toml-nan"),
    pytest.param("a.toml", field("workload", "queries_per_day = inf"), ("queries_per_day", "inf"), id="toml-inf"),
    pytest.param("a.toml", field("knowledge", "updates_per_month = -inf"), ("updates_per_month", "-inf"), id="toml-minus-inf"),
    pytest.param("a.toml", field("knowledge", "updates_per_month = -1"), ("updates_per_month", "0 to 60"), id="toml-negative"),
    pytest.param("a.toml", field("workload", "queries_per_day = 1" + "0" * 30), ("queries_per_day", "10,000,000"), id="toml-huge-integer"),
    pytest.param("a.toml", field("workload", "horizon_months = 12.5"), ("horizon_months", "whole number"), id="toml-fraction-for-int"),
    pytest.param("a.toml", field("workload", "horizon_months = 60.9"), ("horizon_months", "60.9 must be a whole number"), id="toml-fraction-not-truncated"),
    pytest.param("a.toml", field("training", "labeled_examples = 1.5"), ("labeled_examples", "must be a whole number"), id="toml-half-an-example"),
    pytest.param("a.toml", field("workload", "queries_per_day = 1" + "0" * 309), ("queries_per_day", "too large", "10,000,000"), id="toml-integer-past-float-range"),
    pytest.param("a.toml", field("quality", "cost_per_error_usd = 1" + "0" * 4_000), ("cost_per_error_usd", "too large"), id="toml-4000-digit-integer"),
    pytest.param("a.toml", field("workload", "queries_per_day = 1" + "0" * 5_000), ("a.toml", "number is too long"), id="toml-5000-digit-integer"),
    pytest.param("a.toml", field("workload", "x" * 900_000 + " = 1"), ("unknown field 'workload.xxx", "..."), id="toml-900kb-key"),
    pytest.param("a.toml", toml("x" * 900_000 + " = 1\n"), ("unknown table or key 'xxx", "..."), id="toml-900kb-table-name"),
    pytest.param("a.toml", toml("title = '\u202eevil'\n"), ("title", "'\\u202eevil'", "invisible"), id="toml-right-to-left-override-in-title"),
    pytest.param("a.toml", toml("title = '\u200b'\n"), ("title", "invisible"), id="toml-zero-width-title"),
    pytest.param("a.toml", toml('title = "\\u0085"\n'), ("title", "'\\x85'", "invisible"), id="toml-next-line-title"),
    pytest.param("a.toml", toml("title = '   '\n"), ("title", "1 to 200 characters"), id="toml-blank-title"),
    pytest.param("a.toml", field("training", "labeled_examples = true"), ("labeled_examples", "whole number"), id="toml-boolean-for-int"),
    pytest.param("a.toml", field("workload", "query_tokens = true"), ("query_tokens", "a number"), id="toml-boolean-for-float"),
    pytest.param("a.toml", field("needs", "knowledge_gap = 'yes'"), ("knowledge_gap", "true or false"), id="toml-text-for-boolean"),
    pytest.param("a.toml", field("needs", "knowledge_gap = 0.0"), ("knowledge_gap", "true or false"), id="toml-number-for-boolean"),
    pytest.param("a.toml", field("prices", "training_method = 'quantum'"), ("unknown field",), id="toml-field-in-wrong-group"),
    pytest.param("a.toml", field("training", "training_method = 'quantum'"), ("training_method", "api, lora, full"), id="toml-bad-choice"),
    pytest.param("a.toml", field("prices", 'model = "gpt\\u001b[31m"'), ("model", "control or invisible characters"), id="toml-escape-in-text"),
    pytest.param("a.toml", field("workload", f'queries_per_day = "{PAYLOAD}"'), ("queries_per_day",), id="toml-code-for-number"),
    pytest.param("a.toml", toml("a = " + "[" * 100_000 + "]" * 100_000), ("nesting too deep",), id="toml-deep-arrays"),
    pytest.param("a.toml", toml("a = " + "{b = " * 5_000 + "1" + "}" * 5_000), ("nesting too deep",), id="toml-deep-inline-tables"),
    pytest.param("a.toml", toml("[" + ".".join(["a"] * 10_000) + "]\nx = 1\n"), ("unknown table or key 'a'",), id="toml-deep-table-header"),
    pytest.param("a.toml", field("workload", "queries_per_day = " + "[" * 50 + "1" + "]" * 50), ("queries_per_day",), id="toml-deep-value"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "fragments"), BAD_FILES)
def test_a_bad_upload_is_refused_with_one_line_naming_the_problem(name, data, fragments):
    with pytest.raises(ScenarioError) as raised:
        load_file(name, data)
    assert_clear(str(raised.value), *fragments)


# --- nothing uploaded is executed -----------------------------------------------------------

_RUN_EVENTS = ("os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "subprocess.Popen",
               "pickle.find_class", "ctypes.dlopen")  # fmt: skip
_watch: dict[str, list[str] | None] = {"events": None}


def _audit(event: str, args: tuple) -> None:
    events = _watch["events"]
    if events is not None and event.startswith(_RUN_EVENTS):
        events.append(event)


sys.addaudithook(_audit)  # inert unless a test below is watching


@contextlib.contextmanager
def nothing_runs(sentinel: Path) -> Iterator[None]:
    """Fail if the block starts a process, unpickles, loads a library or creates ``sentinel``."""
    _watch["events"] = events = []
    try:
        yield
    finally:
        _watch["events"] = None
    assert events == [], f"input was executed: {events}"
    assert not sentinel.exists()


@pytest.fixture
def sentinel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file PAYLOAD would create if anything ran it (the test runs in tmp_path)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path / "pwned"


def test_code_in_a_csv_text_cell_stays_text(sentinel):
    with nothing_runs(sentinel):
        scenario = load_file("a.csv", csv_with(model=PAYLOAD))[1]
        exported = results_csv(analyse(scenario).export_rows())
    assert scenario.prices.model == PAYLOAD
    assert load_file("b.csv", exported.encode())[1] == scenario


def test_code_in_toml_strings_stays_text(sentinel):
    text = f'title = "{PAYLOAD}"\n[prices]\nprovider = "{PAYLOAD}"\n'
    with nothing_runs(sentinel):
        meta, scenario = load_file("a.toml", text.encode())
        again = load_file("b.toml", to_toml(scenario, meta).encode())
    assert meta["title"] == PAYLOAD and scenario.prices.provider == PAYLOAD
    assert again == (meta, scenario)


@pytest.mark.parametrize("bomb", [PICKLE_BOMB, pickle.dumps(BASE)], ids=["protocol-0", "binary"])
@pytest.mark.parametrize("name", ["a.csv", "a.toml", "a.pkl"])
def test_a_pickle_is_never_unpickled(name, bomb, sentinel):
    with nothing_runs(sentinel), pytest.raises(ScenarioError):
        load_file(name, bomb)


def test_code_in_a_cli_setting_stays_text(sentinel, capsys):
    with nothing_runs(sentinel):
        status = main(["evaluate", DEFAULT_PRESET, "--set", f"model={PAYLOAD}", "--format", "csv"])
    # --set model= fills that model's prices: a model genai-prices does not list is refused, by name
    assert status == 2
    assert "has no token price" in capsys.readouterr().err


# --- exported CSV never carries a live formula -----------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _live(text: str) -> list[str]:
    return [c for c in _cells(text) if c.startswith(FORMULA_START) and not _is_number(c)]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "'=", "''+"])
@pytest.mark.parametrize("name", ["model", "provider"])
def test_exported_text_starting_like_a_formula_is_prefixed_and_restored_on_upload(name, start):
    value = f'{start}HYPERLINK("http://x","y")'
    scenario = BASE.updated({name: value})
    text = results_csv(analyse(scenario).export_rows())
    assert {row[name] for row in _rows(text)} == {"'" + value}
    assert _live(text) == []
    assert load_file("a.csv", text.encode())[1] == scenario


@pytest.mark.parametrize("char", ["\t", "\r", "\n", "\x00", "\x1b", "\x7f"], ids=repr)
@pytest.mark.parametrize("name", ["model", "provider"])
def test_a_control_character_cannot_enter_a_text_field(name, char):
    """A tab or CR would start a formula or a new row in a spreadsheet; an escape, colour a terminal."""
    with pytest.raises(ScenarioError) as raised:
        BASE.updated({name: f"x{char}=1+1"})
    assert_clear(str(raised.value), name)


@pytest.mark.parametrize("preset_id", list(presets()))
def test_no_preset_exports_a_live_formula(preset_id):
    assert _live(results_csv(analyse(preset(preset_id).scenario).export_rows())) == []


NAMES = st.text(st.characters(exclude_categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=80)


@settings(deadline=None)  # speed is for the benchmarks; a busy machine must not fail this
@given(NAMES.filter(lambda name: name == name.strip()))
def test_any_name_exports_as_inert_rows_that_upload_back_to_the_same_scenario(name):
    scenario = BASE.updated({"model": name, "provider": name})
    text = results_csv(analyse(scenario).export_rows())
    assert len(_rows(text)) == 4
    assert _live(text) == []
    assert load_file("a.csv", text.encode())[1] == scenario


@pytest.mark.parametrize("name", ["", " "], ids=["empty", "blank"])
def test_an_empty_name_is_refused_before_it_can_be_exported(name):
    with pytest.raises(ScenarioError, match="model = '' is not allowed: expected text of 1 to 120"):
        BASE.updated({"model": name})


def test_a_padded_name_is_trimmed_so_it_survives_the_csv_round_trip():
    scenario = BASE.updated({"model": " gpt-4o "})
    assert scenario.prices.model == "gpt-4o"
    text = results_csv(analyse(scenario).export_rows())
    assert load_file("a.csv", text.encode())[1] == scenario


# --- command-line arguments: exit 2, one line on stderr, nothing on stdout ------------------

SWEEP = ["sweep", DEFAULT_PRESET]
Y = ["--y", "labeled_examples=0:1000:2"]

BAD_ARGS = [
    pytest.param([], ("required", "command"), id="no-command"),
    pytest.param(["frobnicate"], ("invalid choice", "'frobnicate'"), id="unknown-command"),
    pytest.param(["evaluate"], ("required", "scenario"), id="no-scenario"),
    pytest.param(["evaluate", "nope"], ("'nope'", "neither a preset", "klarna"), id="unknown-preset"),
    pytest.param(["evaluate", "../scenarios/klarna"], ("neither a preset",), id="preset-as-a-path"),
    pytest.param(["evaluate", "/nonexistent/a.toml"], ("neither a preset",), id="missing-file"),
    pytest.param(["evaluate", "/"], ("neither a preset",), id="directory"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--frobnicate"], ("unrecognized arguments", "--frobnicate"), id="unknown-flag"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--format", "xml"], ("--format", "'xml'"), id="unknown-format"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day"], ("expected NAME=VALUE",), id="set-without-value"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "=5"], ("expected NAME=VALUE",), id="set-without-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "colour=red"], ("unknown field 'colour'",), id="set-unknown-field"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "workload=5"], ("unknown field 'workload'",), id="set-group-as-field"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "prices.__class__=x"], ("unknown field",), id="set-dunder"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=lots"], ("queries_per_day", "'lots'", "10 to 10,000,000"), id="set-text-for-number"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day="], ("queries_per_day", "''"), id="set-empty-value"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=-1"], ("queries_per_day", "'-1'"), id="set-negative"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=nan"], ("queries_per_day", "'nan'"), id="set-nan"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=inf"], ("queries_per_day", "'inf'"), id="set-inf"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=1e999"], ("queries_per_day", "'1e999'"), id="set-overflow"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=1\n2"], ("queries_per_day",), id="set-newline-in-value"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "horizon_months=61"], ("horizon_months", "1 to 60"), id="set-above-max"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "horizon_months=12.5"], ("horizon_months", "whole number"), id="set-fraction-for-int"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "labeled_examples=true"], ("labeled_examples", "whole number"), id="set-boolean-for-int"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "knowledge_gap=maybe"], ("knowledge_gap", "true or false"), id="set-bad-boolean"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "training_method=quantum"], ("training_method", "api, lora, full"), id="set-bad-choice"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=" + "x" * 200], ("model", "120 characters"), id="set-text-too-long"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=" + PAYLOAD], ("queries_per_day", "__import__"), id="set-code-for-number"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=1e999999k"], ("queries_per_day", "'1e999999k'", "is not a number"), id="set-past-decimal-range"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "queries_per_day=" + "9" * 5_000], ("queries_per_day", "too long for a number", "..."), id="set-5000-digits"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "labeled_examples=1.5"], ("labeled_examples", "must be a whole number"), id="set-half-an-example"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "horizon_months=60.9"], ("horizon_months", "must be a whole number"), id="set-fraction-not-truncated"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=\u202egpt"], ("model", "'\\u202egpt'", "invisible"), id="set-right-to-left-override"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=\u200b"], ("model", "invisible"), id="set-zero-width-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=x\u0085y"], ("model", "'x\\x85y'", "invisible"), id="set-next-line-in-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "provider=\u009b31m"], ("provider", "invisible"), id="set-terminal-escape-in-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=" + b"\xff".decode(errors="surrogateescape"), "--format", "csv"], ("model", "invisible"), id="set-invalid-utf8-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "model=" + "x" * 1_000_000], ("model", "120 characters", "..."), id="set-1mb-value"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "x" * 1_000_000 + "=1"], ("unknown field", "..."), id="set-1mb-name"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--set", "x" * 1_000_000], ("expected NAME=VALUE", "..."), id="set-1mb-without-value"),
    pytest.param(["evaluate", "x" * 1_000_000], ("neither a preset", "..."), id="1mb-scenario-path"),
    pytest.param(["evaluate", "a\x00.toml"], ("neither a preset",), id="nul-in-scenario-path"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--" + "x" * 1_000_000], ("unrecognized arguments", "..."), id="1mb-unknown-flag"),
    pytest.param(["evaluate", DEFAULT_PRESET, "--format", "x" * 1_000_000], ("--format", "..."), id="1mb-format"),
    pytest.param(["montecarlo", DEFAULT_PRESET, "--samples", "9" * 5_000], ("--samples", "..."), id="montecarlo-5000-digit-samples"),
    pytest.param(["montecarlo", DEFAULT_PRESET, "--seed", "9" * 4_000], ("seed", "digits", "2**63"), id="montecarlo-4000-digit-seed"),
    pytest.param(["sensitivity", DEFAULT_PRESET, "--range", "x" * 1_000_000], ("--range", "NAME=LOW:HIGH", "..."), id="sensitivity-1mb-range"),
    pytest.param([*SWEEP, *Y], ("required", "--x"), id="sweep-without-x"),
    pytest.param([*SWEEP, "--x", "queries_per_day", *Y], ("--x", "NAME=LO:HI:N"), id="sweep-axis-without-range"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:100:5:lgo", *Y], ("--x", "NAME=LO:HI:N"), id="sweep-bad-scale"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:100:5.5", *Y], ("--x", "whole number"), id="sweep-fractional-steps"),
    pytest.param([*SWEEP, "--x", "queries_per_day=100:10:5", *Y], ("--x", "LO <= HI"), id="sweep-reversed-range"),
    pytest.param([*SWEEP, "--x", "queries_per_day=1:100:5", *Y], ("--x", "10 to 10,000,000"), id="sweep-below-field-range"),
    pytest.param([*SWEEP, "--x", "queries_per_day=nan:100:5", *Y], ("--x", "queries_per_day"), id="sweep-nan-bound"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:1e400:5", *Y], ("--x", "queries_per_day"), id="sweep-infinite-bound"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:100:0", *Y], ("--x", "N = 0", "1 to 10,000"), id="sweep-zero-steps"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:100:10001", *Y], ("--x", "N = 10001"), id="sweep-too-many-steps"),
    pytest.param([*SWEEP, "--x", "queries_per_day=10:100:" + "9" * 4_000, *Y], ("--x", "digits", "1 to 10,000"), id="sweep-4000-digit-steps"),
    pytest.param([*SWEEP, "--x", "model=1:2:3", *Y], ("--x", "'model' is not a numeric input"), id="sweep-text-field"),
    pytest.param([*SWEEP, "--x", "updates_per_month=0:60:5:log", *Y], ("--x", "log axis", "LO > 0"), id="sweep-log-from-zero"),
    pytest.param([*SWEEP, "--x", "labeled_examples=0:10:2", *Y], ("--y",), id="sweep-same-input-twice"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "fragments"), BAD_ARGS)
def test_a_bad_cli_argument_exits_2_with_one_line_naming_the_problem(argv, fragments, capsys):
    status = main(argv)
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith("error: ")
    assert_clear(err, *fragments)


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (b"\x00\x01\x02", ("binary",)),
        (b"[workload]\nqueries_per_day = 'lots'\n", ("queries_per_day", "'lots'")),
        (b"#" * (MAX_FILE_BYTES + 1), ("too large",)),
        (b"[workload]\nqueries_per_day = 1" + b"0" * 5_000 + b"\n", ("mine.toml", "number is too long")),
        (b"[workload]\nqueries_per_day = 1" + b"0" * 309 + b"\n", ("queries_per_day", "too large")),
    ],
    ids=["binary", "bad-value", "huge", "5000-digit-integer", "integer-past-float-range"],
)
def test_a_bad_scenario_file_on_the_command_line_exits_2_with_one_line(content, fragments, tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_bytes(content)
    status = main(["evaluate", str(path)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert_clear(err, *fragments)


def test_a_2_gib_file_on_the_command_line_is_refused_from_its_size_without_being_read(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "huge.toml"
    with path.open("wb") as sparse:
        sparse.truncate(2 * 1024**3)  # sparse: takes no disk space
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: pytest.fail("the whole file was read"))
    status = main(["evaluate", str(path)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert_clear(err, "huge.toml", "2,147,483,648 bytes is too large", "1,000,000")


# --- the one number parser: what it accepts, as the URL reads it ----------------------------


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("labeled_examples=1e3", 1_000),
        ("labeled_examples=2.5k", 2_500),
        ("queries_per_day=10k", 10_000.0),
        ("queries_per_day=1.5M", 1_500_000.0),
        ("queries_per_day=10,000", 10_000.0),
        ("queries_per_day=10_000", 10_000.0),
        ("queries_per_day= 2e4 ", 20_000.0),
        ("horizon_months=24.0", 24),
        ("updates_per_month=-0", 0.0),
    ],
)
def test_a_cli_number_may_be_written_as_a_url_token_is(setting, expected):
    name = setting.partition("=")[0]
    value = load_scenario(DEFAULT_PRESET, [setting]).flat()[name]
    assert (value, type(value)) == (expected, type(expected))
    assert str(value) == str(expected)  # -0 shows as 0


def test_a_csv_number_with_thousands_separators_is_read():
    assert load_file("a.csv", csv_with(queries_per_day="20,000"))[1].workload.queries_per_day == 20_000.0


def test_minus_zero_in_a_toml_file_is_stored_as_zero():
    scenario = load_file("a.toml", field("knowledge", "updates_per_month = -0.0"))[1]
    assert str(scenario.knowledge.updates_per_month) == "0.0"


# --- every message quoting user text cuts it ------------------------------------------------

HUGE = "x" * 1_000_000


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: load_file("a.toml", field("workload", "x" * 900_000 + " = 1")),
        lambda: load_file("a.csv", csv_row_differs(model="y" * 100_000)),
        lambda: load_file("a.csv", csv_with(knowledge_gap="y" * 100_000)),
        lambda: load_file("a.csv", csv_header_of(["x" * 900_000])),
        lambda: load_file(HUGE + ".toml", b""),
        lambda: BASE.updated({"queries_per_day": HUGE}),
        lambda: BASE.updated({HUGE: 1}),
        lambda: preset(HUGE),
        lambda: compare_table({"x\u202e" + HUGE: BASE}),
    ],
    ids=[
        "toml-key",
        "csv-cell",
        "csv-boolean",
        "csv-column",
        "file-name",
        "value",
        "field-name",
        "preset-id",
        "compare-name",
    ],
)
def test_a_message_quoting_a_megabyte_of_user_text_stays_short(attempt):
    with pytest.raises(ScenarioError) as raised:
        attempt()
    assert len(str(raised.value)) < 300, str(raised.value)[:300]


# --- names, headers and shared presets -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["\u202eevil", "\u200b", "x\u0085", "\u009b", "a\u2028b", " \u3000 "], ids=repr
)
def test_a_compare_name_with_hidden_characters_or_none_visible_is_refused(name):
    with pytest.raises(ScenarioError) as raised:
        compare_table({name: BASE})
    assert_clear(str(raised.value), "compare", "name")


class _Column(str):
    """A column name that counts how often it is compared with another one."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        _Column.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_repeated_columns_are_found_in_linear_time():
    header = [_Column("queries_per_day") for _ in range(MAX_COLUMNS)]  # equal, never identical
    _Column.comparisons = 0
    with pytest.raises(ScenarioError, match="'queries_per_day' appears more than once"):
        check_header(header, "a.csv")
    assert _Column.comparisons <= 4 * MAX_COLUMNS  # a pairwise check makes ~MAX_COLUMNS**2


def test_a_preset_scenario_cannot_be_changed_in_place_by_one_session():
    shared = preset(DEFAULT_PRESET)
    with pytest.raises(ValueError, match="frozen"):
        shared.scenario.workload.queries_per_day = 1
    with pytest.raises(ValueError, match="frozen"):
        shared.scenario.workload = shared.scenario.workload
    with pytest.raises(TypeError):
        shared.sources["queries_per_day"] = "mine"  # type: ignore[index]
    shared.meta["links"].append("mine")
    assert preset(DEFAULT_PRESET).scenario == BASE
    assert "mine" not in preset(DEFAULT_PRESET).links


def test_updated_still_returns_a_changed_copy_of_a_frozen_scenario():
    changed = BASE.updated({"queries_per_day": 20_000})
    assert changed.workload.queries_per_day == 20_000 and BASE.workload.queries_per_day != 20_000
