"""Scenario files in and out: TOML (presets and exports) and CSV (results with every input).

Everything read is parsed as data only: ``tomllib`` and the ``csv`` module, never eval or
unpickle. Text cells written to CSV are neutralised against spreadsheet formula injection
(OWASP: cells starting with = + - @ tab or CR get a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
import json
import math
import tomllib
from typing import Any

from core.model.errors import ScenarioError
from core.model.fields import BOOLEAN, FIELDS, NUMERIC
from core.model.groups import GROUPS
from core.model.scenario import Scenario, build

MAX_FILE_BYTES = 1_000_000  # a scenario file is a few KB; anything near this is not one
META_KEYS = ("title", "summary", "story", "sources", "links")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RESULT_COLUMNS = (
    "strategy", "recommended", "fit_tier", "feasible", "blocked_by", "monthly_cost_usd",
    "one_off_cost_usd", "cost_per_query_usd", "horizon_cost_usd", "latency_ms",
    "meets_latency_budget", "expected_accuracy", "stale_days", "retrains_per_month",
)  # fmt: skip


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula: text whose first character
    after any apostrophes starts a formula gets one more apostrophe (undone on import)."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def _unsafe_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


def decode(data: bytes, name: str) -> str:
    """Bytes of an uploaded file as text, or a ScenarioError saying why not."""
    if not data:
        raise ScenarioError(f"{name}: the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(f"{name}: {len(data):,} bytes is too large (at most {MAX_FILE_BYTES:,})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(f"{name}: UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise ScenarioError(f"{name}: binary data, not a CSV or TOML text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScenarioError(f"{name}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None


# --- TOML ---------------------------------------------------------------------------------


def parse_toml(text: str, name: str = "scenario.toml") -> tuple[dict[str, Any], Scenario]:
    """(meta, scenario) from TOML text: top-level meta keys, then one table per group."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{name}: TOML syntax error: {err}") from None
    except RecursionError:
        raise ScenarioError(f"{name}: nesting too deep for a scenario file") from None
    if not data:
        raise ScenarioError(f"{name}: the file is empty: expected tables such as [workload]")
    meta = {k: data.pop(k) for k in META_KEYS if k in data}
    for key, value in meta.items():
        if key == "sources":
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        elif key == "links":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, str)
        if not ok:
            raise ScenarioError(f"{name}: {key} = {str(value)[:40]!r} has the wrong type")
    for key, value in data.items():
        if key not in GROUPS:
            raise ScenarioError(
                f"{name}: unknown table or key {key!r}: expected {', '.join(META_KEYS + tuple(GROUPS))}"
            )
        if not isinstance(value, dict):
            raise ScenarioError(f"{name}: {key} must be a table of fields, got {type(value).__name__}")
    return meta, build(data)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def to_toml(scenario: Scenario, meta: dict[str, Any] | None = None) -> str:
    """TOML text that ``parse_toml`` turns back into the same scenario (and a preset file)."""
    meta = meta or {}
    lines = ["# Scenario for the RAG vs Fine-Tuning Scenario Explorer (exported)."]
    for key in ("title", "summary", "story"):
        if meta.get(key):
            lines.append(f"{key} = {_toml_value(meta[key])}")
    if meta.get("links"):
        lines.append("links = [" + ", ".join(_toml_value(v) for v in meta["links"]) + "]")
    for group in GROUPS:
        lines += ["", f"[{group}]"]
        for name, value in getattr(scenario, group).model_dump().items():
            lines.append(f"{name} = {_toml_value(value)}")
    if meta.get("sources"):
        lines += ["", "[sources]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in meta["sources"].items()]
    return "\n".join(lines) + "\n"


# --- CSV ----------------------------------------------------------------------------------


def results_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text of result rows, text cells neutralised."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(_csv_value(v)) for k, v in row.items()})
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, float) and math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return repr(value)
    return value


def parse_csv(text: str, name: str = "scenario.csv") -> Scenario:
    """The scenario of an exported results CSV (one row per strategy, every input a column)."""
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        raise ScenarioError(f"{name}: not a readable CSV ({err}); is a quote left open?") from None
    if len(table) < 2:
        raise ScenarioError(f"{name}: no data rows; expected one row per strategy with every input")
    header = table[0]
    unknown = [c for c in header if c not in FIELDS and c not in RESULT_COLUMNS and c != "scenario"]
    if unknown:
        hint = " (is it separated by ';' instead of ','?)" if ";" in unknown[0] else ""
        raise ScenarioError(
            f"{name}: unknown column {_show_cell(unknown[0])}{hint}: not an input or a result column"
        )
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise ScenarioError(f"{name}: column {twice[0]!r} appears more than once")
    for i, cells in enumerate(table[1:], start=2):
        if len(cells) != len(header):
            raise ScenarioError(f"{name}: row {i} has {len(cells)} cells, the header has {len(header)}")
    rows = [dict(zip(header, cells, strict=True)) for cells in table[1:]]
    missing = [f for f in FIELDS if f not in header]
    if missing:
        raise ScenarioError(
            f"{name}: missing column {missing[0]!r}"
            + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
            + "; export a scenario from the Explorer to see the expected columns"
        )
    first = {f: _unsafe_cell(rows[0][f] or "") for f in FIELDS}
    for i, row in enumerate(rows[1:], start=3):
        for f in FIELDS:
            if _unsafe_cell(row.get(f) or "") != first[f]:
                raise ScenarioError(f"{name}: row {i} has {f} = {row.get(f)!r}, row 2 has {first[f]!r}")
    return build(_nest({f: _typed(f, v, name) for f, v in first.items()}))


def _show_cell(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _typed(field: str, text: str, name: str) -> Any:
    if text.strip() == "":
        raise ScenarioError(f"{name}: {field} is empty")
    if field in NUMERIC and text.strip().lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
        raise ScenarioError(f"{name}: {field} = {text!r} is not a finite number")
    if field in BOOLEAN and text.strip().lower() not in ("true", "false", "1", "0"):
        raise ScenarioError(f"{name}: {field} = {text[:40]!r} is not allowed: expected true or false")
    return text.strip()


def _nest(flat: dict[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {g: {} for g in GROUPS}
    for field, value in flat.items():
        nested[FIELDS[field][0]][field] = value
    return nested


def load_file(name: str, data: bytes) -> tuple[dict[str, Any], Scenario]:
    """(meta, scenario) from an uploaded or given file, by its extension."""
    text = decode(data, name)
    lower = name.lower()
    if lower.endswith(".toml"):
        return parse_toml(text, name)
    if lower.endswith(".csv"):
        return {}, parse_csv(text, name)
    raise ScenarioError(f"{name}: unsupported file type; expected a .csv or .toml exported by this tool")
