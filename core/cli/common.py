"""What every command shares: the parser that fails in one line, and the scenario argument."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from core.io.presets import scenario_from
from core.io.prices import apply_settings
from core.model.errors import ScenarioError, quoted
from core.model.scenario import Scenario

Command = Callable[[argparse.Namespace], str]  # parsed arguments in, the text to print out


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise ScenarioError(f"{self.prog}: {message}")


def load_scenario(ref: str, settings: list[str] | None = None) -> Scenario:
    """A preset id or a file path, with ``NAME=VALUE`` settings applied (``provider`` / ``model``
    fill every price of that model; notes such as "estimate" go to stderr)."""
    scenario = scenario_from(ref)
    changes = {}
    for item in settings or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ScenarioError(f"--set {quoted(item)}: expected NAME=VALUE")
        changes[name.strip()] = value.strip()
    scenario, said = apply_settings(scenario, changes)
    for note in said:
        print(f"note: {note}", file=sys.stderr)
    return scenario
