"""Scenario files in: an uploaded or given file, read as TOML or CSV by its extension.

Everything read is parsed as data only: ``tomllib`` and the ``csv`` module, never eval or
unpickle. See ``toml_files`` and ``csv_files`` for each format, ``text`` for the checks.
"""

from __future__ import annotations

from typing import Any

from core.io.csv_files import parse_csv
from core.io.text import decode
from core.io.toml_files import parse_toml
from core.model.errors import ScenarioError, shorten
from core.model.scenario import Scenario

MAX_NAME_SHOWN = 80  # characters of a file name a message shows


def load_file(name: str, data: bytes) -> tuple[dict[str, Any], Scenario]:
    """(meta, scenario) from an uploaded or given file, by its extension."""
    lower, name = name.lower(), shorten(name, MAX_NAME_SHOWN)
    text = decode(data, name)
    if lower.endswith(".toml"):
        return parse_toml(text, name)
    if lower.endswith(".csv"):
        return {}, parse_csv(text, name)
    raise ScenarioError(f"{name}: unsupported file type; expected a .csv or .toml exported by this tool")
