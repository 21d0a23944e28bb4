"""``python -m core sensitivity | montecarlo``: the commands over ranges of the inputs.

Same conventions as ``evaluate``: a preset id or a file, ``--set NAME=VALUE``, bad input of any
kind ends with exit code 2 and one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

import pandas as pd

from core.analyses.montecarlo import DEFAULT_SAMPLES, simulate
from core.analyses.ranges import default_ranges
from core.analyses.sensitivity import tornado
from core.cli.common import Command, load_scenario
from core.io.csv_files import results_csv
from core.model.errors import ScenarioError, quoted
from core.model.fields import NUMERIC, unit
from core.model.scenario import Scenario


def apply_ranges(
    scenario: Scenario, ranges: pd.DataFrame, specs: list[str] | None, parts: int
) -> pd.DataFrame:
    """The ranges with ``NAME=LOW:HIGH`` (parts 2) or ``NAME=LOW:LIKELY:HIGH`` (parts 3) applied."""
    ranges = ranges.set_index("input")
    for spec in specs or []:
        name, sep, rest = spec.partition("=")
        shape = "LOW:HIGH" if parts == 2 else "LOW:LIKELY:HIGH"
        values = rest.split(":")
        if not sep or len(values) != parts:
            raise ScenarioError(f"--range {quoted(spec)}: expected NAME={shape}")
        if name not in NUMERIC:
            raise ScenarioError(f"--range {quoted(spec)}: {quoted(name)} is not a numeric input")
        try:
            numbers = [float(v) for v in values]
        except ValueError:
            raise ScenarioError(f"--range {quoted(spec)}: {shape} must be numbers") from None
        likely = float(scenario.flat()[name]) if parts == 2 else numbers[1]
        ranges.loc[name, ["low", "likely", "high", "unit", "source"]] = [
            numbers[0], likely, numbers[-1], unit(name), "--range"
        ]  # fmt: skip
    return ranges.reset_index()


def _number(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def sensitivity(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.scenario, args.set)
    ranges = apply_ranges(scenario, default_ranges(scenario), args.range, 2)
    inputs, _ = tornado(scenario, ranges)
    rows = [
        {"input": r.input, "low": float(r.low), "high": float(r.high), "swing_usd": float(r.swing_usd),
         "flips_at": _number(r.flips_at)}
        for r in inputs.itertuples(index=False)
    ]  # fmt: skip
    if args.format == "csv":
        return results_csv(
            [row | {"flips_to": r or ""} for row, r in zip(rows, inputs["flips_to"], strict=True)]
        )
    return json.dumps({"inputs": rows}, indent=2)


def montecarlo(args: argparse.Namespace) -> str:
    scenario = load_scenario(args.scenario, args.set)
    ranges = apply_ranges(scenario, default_ranges(scenario, uncertain_only=True), args.range, 3)
    result = simulate(scenario, ranges, samples=args.samples, seed=args.seed)
    if args.format == "csv":
        frame = result.summary()
        frame.insert(0, "seed", result.seed)
        frame.insert(0, "samples", result.samples)
        return results_csv(frame.to_dict(orient="records"))
    return json.dumps(result.to_dict(), indent=2)


COMMANDS: dict[str, Command] = {"sensitivity": sensitivity, "montecarlo": montecarlo}


def add_parsers(sub: Any) -> None:
    """The sub-parsers of ``COMMANDS``."""
    se = sub.add_parser("sensitivity", help="tornado: each input across its plausible range, ranked by swing")
    se.add_argument("scenario")
    se.add_argument("--set", action="append", metavar="NAME=VALUE", help="change one input")
    se.add_argument("--range", action="append", metavar="NAME=LOW:HIGH", help="replace one input's range")
    se.add_argument("--format", choices=("json", "csv"), default="json")
    mc = sub.add_parser("montecarlo", help="sample the uncertain inputs: how often each strategy wins")
    mc.add_argument("scenario")
    mc.add_argument("--samples", type=int, default=DEFAULT_SAMPLES, metavar="N")
    mc.add_argument("--seed", type=int, default=0, metavar="S")
    mc.add_argument("--set", action="append", metavar="NAME=VALUE", help="change one input")
    mc.add_argument(
        "--range", action="append", metavar="NAME=LOW:LIKELY:HIGH", help="replace one input's range"
    )
    mc.add_argument("--format", choices=("json", "csv"), default="json")
