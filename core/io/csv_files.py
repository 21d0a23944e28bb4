"""Results CSV: one row per strategy with every input, written with neutralised text cells and
read back into the scenario it came from (``csv`` module only, never eval or unpickle)."""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections import Counter
from typing import Any

from core.io.text import safe_cell, unsafe_cell
from core.model.errors import ScenarioError, quoted, shorten
from core.model.fields import BOOLEAN, FIELDS
from core.model.formats import csv_round
from core.model.groups import GROUPS
from core.model.scenario import Scenario, build

RESULT_COLUMNS = (
    "strategy", "recommended", "fit_tier", "feasible", "blocked_by", "blocked_by_sources", "monthly_cost_usd",
    "one_off_cost_usd", "cost_per_query_usd", "horizon_cost_usd", "latency_ms",
    "meets_latency_budget", "expected_accuracy", "stale_days", "retrains_per_month",
    "weeks_to_production", "people_one_off_usd", "people_monthly_usd",
    "accuracy_low", "accuracy_high", "accuracy_measured", "meets_accuracy_target",
)  # fmt: skip
RESULT_COLUMNS += ("prompt_tokens", "price_estimate")  # prompt size; cost on an estimated price
# The Explorer's month-by-month CSV: costs by month, no inputs, so no scenario to restore.
TIMELINE_COLUMNS = ("month", "strategy", "monthly_cost_usd", "cumulative_cost_usd")
# One row per strategy (4) and ~120 columns (about 119 in an export, one more in a compare CSV); the caps
# leave room and stop a hostile file before any per-column or per-row work.
MAX_COLUMNS = 200
MAX_ROWS = 100


def results_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text of result rows, text cells neutralised, results rounded (``formats.csv_round``)."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(_csv_value(csv_round(k, v))) for k, v in row.items()})
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, float) and math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return repr(value)
    return value


def parse_csv(text: str, name: str = "scenario.csv") -> Scenario:
    """The scenario of an exported results CSV (one row per strategy, every input a column)."""
    table = _read_table(text, name)
    header = check_header(table[0], name)
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
    first = {f: unsafe_cell(rows[0][f] or "") for f in FIELDS}
    for i, row in enumerate(rows[1:], start=3):
        for f in FIELDS:
            if unsafe_cell(row.get(f) or "") != first[f]:
                raise ScenarioError(
                    f"{name}: row {i} has {f} = {quoted(row.get(f) or '')}, row 2 has {quoted(first[f])}"
                )
    return build(_nest({f: _typed(f, v, name) for f, v in first.items()}))


def _read_table(text: str, name: str) -> list[list[str]]:
    """The header and at most ``MAX_ROWS`` rows, read lazily: a longer file stops at the cap."""
    try:
        table = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), strict=True), MAX_ROWS + 2))
    except csv.Error as err:
        raise ScenarioError(
            f"{name}: not a readable CSV ({shorten(str(err), 80)}); is a quote left open?"
        ) from None
    if len(table) < 2:
        raise ScenarioError(f"{name}: no data rows; expected one row per strategy with every input")
    if len(table) > MAX_ROWS + 1:
        raise ScenarioError(f"{name}: more than {MAX_ROWS} data rows; a results CSV has one per strategy")
    return table


def check_header(header: list[str], name: str) -> list[str]:
    """The header, or a ScenarioError for too many, unknown or repeated columns (linear time)."""
    if len(header) > MAX_COLUMNS:
        raise ScenarioError(f"{name}: {len(header):,} columns is too many (at most {MAX_COLUMNS})")
    if set(TIMELINE_COLUMNS) <= set(header):
        raise ScenarioError(
            f"{name}: this is a month-by-month CSV (costs by month, without the inputs), so it cannot "
            "restore a scenario: upload the Results CSV or the Scenario TOML exported beside it"
        )
    unknown = [c for c in header if c not in FIELDS and c not in RESULT_COLUMNS and c != "scenario"]
    if unknown:
        hint = " (is it separated by ';' instead of ','?)" if ";" in unknown[0] else ""
        raise ScenarioError(
            f"{name}: unknown column {quoted(unknown[0])}{hint}: not an input or a result column"
        )
    twice = sorted(c for c, n in Counter(header).items() if n > 1)
    if twice:
        raise ScenarioError(f"{name}: column {twice[0]!r} appears more than once")
    return header


def _typed(field: str, text: str, name: str) -> Any:
    if text.strip() == "":
        raise ScenarioError(f"{name}: {field} is empty")
    if field in BOOLEAN and text.strip().lower() not in ("true", "false", "1", "0"):
        raise ScenarioError(f"{name}: {field} = {quoted(text)} is not allowed: expected true or false")
    return text.strip()


def _nest(flat: dict[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {g: {} for g in GROUPS}
    for field, value in flat.items():
        nested[FIELDS[field][0]][field] = value
    return nested
