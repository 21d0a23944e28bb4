"""``python -m core presets | fields | evaluate | sweep``: the scenario commands."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import numpy as np

from core.analyses.fixes import fixes
from core.analyses.sweep import parse_axis, sweep
from core.cli.common import Command, load_scenario
from core.engine.analysis import analyse
from core.io.csv_files import results_csv
from core.io.presets import presets
from core.model import formats
from core.model.fields import FIELDS, allowed, citation
from core.model.rules import reason_citation
from core.model.strategies import STRATEGIES, VERDICTS


def list_presets(args: argparse.Namespace) -> str:
    return "\n".join(f"{p.id:28} {p.title}\n{'':28} {p.summary}" for p in presets().values())


def fields(args: argparse.Namespace) -> str:
    rows = [f"{name:40} {FIELDS[name][0]:11} {allowed(name)}; source: {citation(name)}" for name in FIELDS]
    return "\n".join(rows)


def evaluate(args: argparse.Namespace) -> str:
    analysis = analyse(load_scenario(args.scenario, args.set))
    changes = fixes(analysis.scenario)
    if args.format == "json":
        doc = analysis.to_dict()
        doc["recommendation"]["fixes"] = json.loads(changes.to_json(orient="records"))
        return json.dumps(doc, indent=2)
    if args.format == "csv":
        return results_csv(analysis.export_rows())
    table = analysis.strategies.drop(columns=["blocked_by"]).set_index("strategy")
    table = table.apply(lambda column: column.map(lambda v: cell(column.name, v))).T
    rec = analysis.recommendation
    lines = [table.to_string(), "",
             f"recommendation: {rec.strategy if rec.feasible else 'none'} (fit: {rec.fit_tier})"]  # fmt: skip
    if not rec.feasible:
        lines[-1] += f"; {rec.headline}"
        lines += [f"  smallest change: {row.text} (then {row.strategy} passes)"
                  for row in changes.itertuples() if row.found]  # fmt: skip
    lines += [
        f"  - [{r.rule}] {r.text}\n      source: {reason_citation(r.rule, r.source, r.text)}"
        for r in rec.reasons
    ]
    if analysis.payback:
        lines.append(f"payback: {analysis.payback.sentence}")
    return "\n".join(lines)


def cell(column: str, value: object) -> str:
    """One figure of the table format, written for people (``formats``): $22,290, 75%, 1,151."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return formats.yes_no(value)
    if column.endswith("_usd"):
        return formats.usd_unit(value) if "per_query" in column else formats.usd_exact(value)
    if column.endswith("accuracy"):
        return formats.percent(value)
    return formats.number(value)


def sweep_grid(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.scenario, args.set)
    x, y = parse_axis(args.x, "--x"), parse_axis(args.y, "--y")
    start = time.perf_counter()
    result = sweep(scenario, x, y)
    seconds = time.perf_counter() - start
    if args.format == "summary":
        verdict = result.verdict
        counts = [*np.bincount(verdict[verdict >= 0], minlength=len(STRATEGIES)), (verdict < 0).sum()]
        winners = ", ".join(f"{s}: {int(n):,}" for s, n in zip(VERDICTS, counts, strict=True))
        cells = x.n * y.n
        return (f"cells: {cells:,}\nwinners: {winners}\nseconds: {seconds:.4f}\n"
                f"evaluations_per_second: {cells / max(seconds, 1e-9):,.0f}")  # fmt: skip
    frame = result.frame()
    if args.format == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    return json.dumps({"cells": [_cell(row, x.name, y.name) for row in frame.to_dict(orient="records")]})


def _cell(row: dict[str, Any], x: str, y: str) -> dict[str, Any]:
    return {x: row[x], y: row[y], "winner": row["winner"],
            "horizon_cost_usd": {s: row[f"horizon_cost_usd_{s}"] for s in STRATEGIES}}  # fmt: skip


COMMANDS: dict[str, Command] = {
    "presets": list_presets,
    "fields": fields,
    "evaluate": evaluate,
    "sweep": sweep_grid,
}


def add_parsers(sub: Any) -> None:
    """The sub-parsers of ``COMMANDS``, in the order ``--help`` lists them."""
    sub.add_parser("presets", help="list the preset scenarios")
    sub.add_parser("fields", help="list every input with its unit, range and source")
    ev = sub.add_parser("evaluate", help="evaluate a preset id or a scenario file")
    ev.add_argument("scenario")
    ev.add_argument("--set", action="append", metavar="NAME=VALUE", help="change one input")
    ev.add_argument("--format", choices=("json", "csv", "table"), default="table")
    sw = sub.add_parser("sweep", help="evaluate a grid over two inputs in one vectorised call")
    sw.add_argument("scenario")
    sw.add_argument("--x", required=True, metavar="NAME=LO:HI:N[:log]")
    sw.add_argument("--y", required=True, metavar="NAME=LO:HI:N[:log]")
    sw.add_argument("--set", action="append", metavar="NAME=VALUE")
    sw.add_argument("--format", choices=("csv", "json", "summary"), default="summary")
