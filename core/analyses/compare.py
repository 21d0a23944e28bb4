"""Several named scenarios side by side, evaluated in one vectorised call, and one CSV of all;
the names scenarios are saved under, what differs from a preset, and the bundle file of saved
scenarios (TOML, read as data only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from core.engine.analysis import Evaluation, analyse, evaluate
from core.engine.columns import to_columns
from core.io.csv_files import results_csv
from core.io.presets import presets
from core.io.toml_files import load_toml, toml_value
from core.model.errors import ScenarioError, quoted
from core.model.fields import HEADLINE
from core.model.groups import GROUPS
from core.model.names import check_name
from core.model.rules import FIT_TIERS
from core.model.scenario import Scenario, build
from core.model.strategies import STRATEGIES

MAX_SCENARIOS = 50  # a comparison people can read; the CSV holds 4 rows per scenario
MAX_NAME = 200  # characters of a scenario's name: a preset title or a name typed on the page
CURRENT = "Current scenario"  # the name Compare gives the session's own scenario
BUNDLE_KEY = "saved"  # the bundle's array of tables, one per saved scenario
FIGURES = ("horizon_cost_usd", "monthly_cost_usd", "one_off_cost_usd", "latency_ms", "expected_accuracy")


def _check(named: Mapping[str, Scenario]) -> None:
    if not named:
        raise ScenarioError("compare: pick at least one scenario")
    if len(named) > MAX_SCENARIOS:
        raise ScenarioError(f"compare: {len(named)} scenarios is too many (at most {MAX_SCENARIOS})")
    blank = [n for n in named if not str(n).strip()]
    if blank:
        raise ScenarioError("compare: every scenario needs a name")
    for name in named:
        check_name("compare: scenario name", str(name), MAX_NAME)


def _evaluate(named: Mapping[str, Scenario]) -> Evaluation:
    _check(named)
    flats = [to_columns(s.flat()) for s in named.values()]
    return evaluate({k: np.concatenate([f[k] for f in flats]) for k in flats[0]})


def compare_long(named: Mapping[str, Scenario]) -> pd.DataFrame:
    """One row per scenario and strategy: scenario, strategy, recommended, feasible, fit_tier
    and the figures of ``FIGURES`` (USD, USD/month, ms, fraction as named)."""
    ev, n = _evaluate(named), len(named)
    frame = pd.DataFrame(
        {
            "scenario": np.repeat(list(named), len(STRATEGIES)),
            "strategy": np.tile(STRATEGIES, n),
            "recommended": (ev.verdict[:, None] == np.arange(len(STRATEGIES))).ravel(),
            "feasible": ev.feasible.ravel(),
            "fit_tier": np.asarray(FIT_TIERS)[ev.tiers].ravel(),
        }
    )
    for name in FIGURES:
        frame[name] = getattr(ev.costs, name).ravel()
    return frame


def compare_table(named: Mapping[str, Scenario]) -> pd.DataFrame:
    """One row per scenario: recommended strategy, fit tier, the headline inputs, horizon
    months, each strategy's horizon cost (USD), and margin_pct: how much more the cheapest
    other feasible strategy costs than the recommendation, in % (NaN with no rival)."""
    ev = _evaluate(named)
    rows = np.arange(len(named))
    frame = pd.DataFrame({"scenario": list(named), "recommended": ev.verdict_names(),
                          "fit_tier": np.asarray(FIT_TIERS)[ev.tiers[rows, ev.winner]]})  # fmt: skip
    for key in (*HEADLINE, "horizon_months"):
        frame[key] = [s.flat()[key] for s in named.values()]
    frame = frame.assign(**ev.horizon_cost_columns())
    frame["margin_pct"] = ev.margin * 100
    return frame


def compare_csv(named: Mapping[str, Scenario]) -> str:
    """One CSV of every scenario: its name, then ``evaluate --format csv``'s row per strategy
    (results and every input). Text cells are neutralised against formula injection."""
    _check(named)
    rows = [{"scenario": name} | row for name, s in named.items() for row in analyse(s).export_rows()]
    return results_csv(rows)


def saved_name(name: str) -> str:
    """``name`` trimmed, if a scenario may be saved under it: printable, at most ``MAX_NAME``
    characters, and neither the current scenario's name nor a preset's title."""
    name = check_name("Name", name, MAX_NAME)
    if name == CURRENT or name in {p.title for p in presets().values()}:
        raise ScenarioError(
            f"Name {quoted(name)} is taken by {'the current scenario' if name == CURRENT else 'a preset'}"
        )
    return name


def differences(base: Scenario, scenario: Scenario) -> dict[str, Any]:
    """The fields of ``scenario`` whose value differs from ``base``'s, in field order."""
    before = base.flat()
    return {k: v for k, v in scenario.flat().items() if v != before[k]}


def closest_preset(scenario: Scenario, prefer: str) -> str:
    """The id of the preset ``scenario`` differs least from (``prefer`` on a tie)."""
    found = presets()
    return min(found, key=lambda pid: (len(differences(found[pid].scenario, scenario)), pid != prefer))


def bundle_toml(saved: Mapping[str, Scenario]) -> str:
    """One TOML file of saved scenarios: an array of tables, each a name and every input by group."""
    lines = ["# Saved scenarios of the Compare page, RAG vs Fine-Tuning Scenario Explorer (exported)."]
    for name, scenario in saved.items():
        lines += ["", f"[[{BUNDLE_KEY}]]", f"name = {toml_value(name)}"]
        for group in GROUPS:
            lines.append(f"[{BUNDLE_KEY}.{group}]")
            lines += [f"{k} = {toml_value(v)}" for k, v in getattr(scenario, group).model_dump().items()]
    return "\n".join(lines) + "\n"


def parse_bundle(text: str, name: str = "saved_scenarios.toml") -> dict[str, Scenario]:
    """The saved scenarios of a bundle file, each checked as a scenario file is; a ScenarioError
    naming the file, the scenario and the problem."""
    data = load_toml(text, name)
    entries = data.pop(BUNDLE_KEY, None)
    if data:
        raise ScenarioError(
            f"{name}: unknown key {quoted(next(iter(data)))}: a bundle holds only [[{BUNDLE_KEY}]] tables"
        )
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise ScenarioError(f"{name}: no [[{BUNDLE_KEY}]] tables: download a bundle from the Compare page")
    if len(entries) > MAX_SCENARIOS:
        raise ScenarioError(f"{name}: {len(entries)} scenarios is too many (at most {MAX_SCENARIOS})")
    saved: dict[str, Scenario] = {}
    for i, entry in enumerate(entries, start=1):
        entry = dict(entry)
        given = entry.pop("name", None)
        if not isinstance(given, str):
            raise ScenarioError(f"{name}: scenario {i} has no name")
        title = saved_name(given)
        try:
            saved[title] = build(entry)
        except ScenarioError as err:
            raise ScenarioError(f"{name}: scenario {quoted(title)}: {err}") from None
    return saved
