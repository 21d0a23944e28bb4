"""Scenario TOML: presets and exports, meta keys on top and one table per group of inputs.

Parsed as data only (``tomllib``), never evaluated.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from core.model.errors import ScenarioError, quoted, shorten
from core.model.groups import GROUPS
from core.model.names import check_name
from core.model.scenario import Scenario, build

META_KEYS = ("title", "summary", "story", "sources", "links")
MAX_TITLE = 200  # characters: a heading, not a story


def parse_toml(text: str, name: str = "scenario.toml") -> tuple[dict[str, Any], Scenario]:
    """(meta, scenario) from TOML text: top-level meta keys, then one table per group."""
    data = load_toml(text, name)
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
            raise ScenarioError(f"{name}: {key} = {quoted(str(value)[:1000])} has the wrong type")
    if "title" in meta:
        meta["title"] = check_name(f"{name}: title", meta["title"], MAX_TITLE)
    for key, value in data.items():
        if key not in GROUPS:
            raise ScenarioError(
                f"{name}: unknown table or key {quoted(key)}: expected {', '.join(META_KEYS + tuple(GROUPS))}"
            )
        if not isinstance(value, dict):
            raise ScenarioError(f"{name}: {key} must be a table of fields, got {type(value).__name__}")
    return meta, build(data)


def load_toml(text: str, name: str) -> dict[str, Any]:
    """TOML text as data (``tomllib``), or a ScenarioError naming the file and the problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{name}: TOML syntax error: {shorten(str(err), 120)}") from None
    except RecursionError:
        raise ScenarioError(f"{name}: nesting too deep for a scenario file") from None
    except ValueError:  # an integer past Python's 4,300-digit limit for reading one
        raise ScenarioError(f"{name}: a number is too long to be read (more than 4,300 digits)") from None


def toml_value(value: Any) -> str:
    """A value as TOML writes it."""
    return _toml_value(value)


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
