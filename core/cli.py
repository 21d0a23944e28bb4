"""``python -m core``: presets, fields, evaluate, sweep (and the analysis commands).

Bad input of any kind ends with exit code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from core.analysis import analyse
from core.errors import ScenarioError
from core.files import load_file, results_csv
from core.presets import presets
from core.scenario import FIELDS, Scenario, allowed, source
from core.strategies import STRATEGIES
from core.sweep import parse_axis, sweep

COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise ScenarioError(f"{self.prog}: {message}")


def command(fn: Callable[[argparse.Namespace], str]) -> Callable[[argparse.Namespace], str]:
    COMMANDS[fn.__name__] = fn
    return fn


def load_scenario(ref: str, settings: list[str] | None = None) -> Scenario:
    """A preset id or a file path, with ``NAME=VALUE`` settings applied."""
    found = presets().get(ref)
    if found is not None:
        scenario = found.scenario
    else:
        path = Path(ref)
        if not path.is_file():
            raise ScenarioError(
                f"scenario {ref!r} is neither a preset ({', '.join(presets())}) nor a readable file"
            )
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ScenarioError(f"scenario {ref!r}: cannot read the file: {err.strerror}") from None
        scenario = load_file(path.name, data)[1]
    changes = {}
    for item in settings or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ScenarioError(f"--set {item!r}: expected NAME=VALUE")
        changes[name.strip()] = value.strip()
    return scenario.updated(changes) if changes else scenario


@command
def presets_(args: argparse.Namespace) -> str:
    return "\n".join(f"{p.id:28} {p.title}\n{'':28} {p.summary}" for p in presets().values())


@command
def fields(args: argparse.Namespace) -> str:
    rows = [f"{name:40} {FIELDS[name][0]:11} {allowed(name)}; source: {source(name)}" for name in FIELDS]
    return "\n".join(rows)


@command
def evaluate(args: argparse.Namespace) -> str:
    analysis = analyse(load_scenario(args.scenario, args.set))
    if args.format == "json":
        return json.dumps(analysis.to_dict(), indent=2)
    if args.format == "csv":
        return results_csv(analysis.export_rows())
    table = analysis.strategies.drop(columns=["blocked_by"]).set_index("strategy").T
    rec = analysis.recommendation
    lines = [table.to_string(float_format=lambda v: f"{v:,.4g}"), "",
             f"recommendation: {rec.strategy} (fit: {rec.fit_tier})"]  # fmt: skip
    lines += [f"  - [{r.rule}] {r.text} ({r.source})" for r in rec.reasons]
    return "\n".join(lines)


@command
def sweep_(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.scenario, args.set)
    x, y = parse_axis(args.x, "--x"), parse_axis(args.y, "--y")
    start = time.perf_counter()
    result = sweep(scenario, x, y)
    seconds = time.perf_counter() - start
    if args.format == "summary":
        counts = np.bincount(result.evaluation.winner, minlength=len(STRATEGIES))
        winners = ", ".join(f"{s}: {int(n):,}" for s, n in zip(STRATEGIES, counts, strict=True))
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m core", description="RAG vs fine-tuning scenario engine.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    for extend in EXTENSIONS:
        extend(sub)
    return parser


EXTENSIONS: list[Callable[[Any], None]] = []  # analysis commands register their sub-parsers here


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        name = {"presets": "presets_", "sweep": "sweep_"}.get(args.command, args.command)
        out = COMMANDS[name](args)
    except ScenarioError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


from core import cli_analysis  # noqa: E402, F401  (registers sensitivity and montecarlo)
