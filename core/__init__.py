"""RAG vs fine-tuning scenario engine: pure, vectorised, no Streamlit.

A scenario goes in, plain data comes out (DataFrames and arrays). For notebooks and scripts:

    >>> import core
    >>> scenario = core.load("support_10k_per_day", changes={"queries_per_day": 5_000})
    >>> core.analyse(scenario).recommendation.strategy
    'rag'

Packages, each importing only those before it (model <- engine <- io <- analyses <- cli; io
never imports engine, nor engine io):

- ``core.model``: the Scenario, its fields, the strategies and the decision rules with sources.
- ``core.engine``: costs, the decision and its reasons, for one scenario or millions.
- ``core.io``: TOML and CSV files, presets, prices.
- ``core.analyses``: sweep, decision map, ranges, sensitivity, Monte Carlo, compare, method.
- ``core.cli``: ``python -m core``.

The functions below import what they need when called, so ``import core`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from core.analyses.decision_map import DecisionMap
    from core.analyses.montecarlo import MonteCarlo
    from core.analyses.sweep import Sweep
    from core.engine.analysis import Analysis, Evaluation
    from core.model.scenario import Scenario

__all__ = ["load", "analyse", "evaluate", "fixes", "sweep", "decision_map", "tornado", "simulate", "compare"]


def load(source: str | Path, *, changes: Mapping[str, Any] | None = None) -> Scenario:
    """Load a scenario.

    Args:
        source: a preset id (see ``python -m core presets``) or a .toml/.csv file path.
        changes: field name (or ``group.field``) -> value, applied and validated.

    Raises:
        ScenarioError: naming the field, the value and what is allowed.
    """
    from core.io.presets import scenario_from

    scenario = scenario_from(str(source))
    return scenario.updated(dict(changes)) if changes else scenario


def analyse(scenario: Scenario) -> Analysis:
    """One scenario evaluated and explained: tables, timeline, recommendation with reasons, and
    its payback against the runner-up (``.payback.sentence``, ``.payback.month``)."""
    from core.engine.analysis import analyse as _analyse

    return _analyse(scenario)


def evaluate(columns: Mapping[str, Any]) -> Evaluation:
    """Evaluate many scenarios at once.

    Args:
        columns: every numeric field name -> scalar or 1-D array, choices as their codes;
            ``core.engine.columns.to_columns(scenario.flat())`` gives a full set to vary.

    Returns:
        Evaluation whose arrays are (N, 4), one column per strategy, or (N,).
    """
    from core.engine.analysis import evaluate as _evaluate

    return _evaluate(columns)


def fixes(scenario: Scenario) -> pd.DataFrame:
    """When no strategy passes every rule: the smallest single change per blocking rule that lets
    one pass ("raise the latency budget to 1,151 ms"), each verified by evaluation on both sides.

    Returns:
        One row per rule (rule, input, direction, current, value, before, found, verified,
        strategy, text); no rows when a strategy passes.
    """
    from core.analyses.fixes import fixes as _fixes

    return _fixes(scenario)


def sweep(scenario: Scenario, *, x: str, y: str) -> Sweep:
    """Evaluate a grid over two inputs, each given as ``NAME=LO:HI:N[:log]``."""
    from core.analyses.sweep import parse_axis
    from core.analyses.sweep import sweep as _sweep

    return _sweep(scenario, parse_axis(x, "x"), parse_axis(y, "y"))


def decision_map(
    scenario: Scenario, *, x: str = "queries_per_day", y: str = "updates_per_month", n: int = 100
) -> DecisionMap:
    """The recommended strategy over an ``n`` x ``n`` grid of inputs x and y (default ranges)."""
    from core.analyses.decision_map import decision_map as _decision_map

    return _decision_map(scenario, x, y, n)


def tornado(scenario: Scenario, *, ranges: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(inputs, bars): each input across its plausible range, ranked by swing in horizon cost."""
    from core.analyses.sensitivity import tornado as _tornado

    return _tornado(scenario, ranges)


def simulate(
    scenario: Scenario, *, ranges: pd.DataFrame | None = None, samples: int = 10_000, seed: int = 0
) -> MonteCarlo:
    """Monte Carlo over the uncertain inputs (PERT ranges): how often each strategy wins."""
    from core.analyses.montecarlo import simulate as _simulate

    return _simulate(scenario, ranges, samples=samples, seed=seed)


def compare(scenarios: Mapping[str, Scenario]) -> pd.DataFrame:
    """One row per named scenario: recommendation, fit tier, headline inputs, horizon costs."""
    from core.analyses.compare import compare_table

    return compare_table(scenarios)
