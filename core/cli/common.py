"""What every command shares: the parser that fails in one line, and the scenario argument."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from core.io.files import load_file
from core.io.presets import presets
from core.model.errors import ScenarioError
from core.model.scenario import Scenario

Command = Callable[[argparse.Namespace], str]  # parsed arguments in, the text to print out


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise ScenarioError(f"{self.prog}: {message}")


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
