"""Preset scenarios: one TOML file per case in ``scenarios/``, loaded only through the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from core.io.files import load_file
from core.model.errors import ScenarioError
from core.model.fields import FIELDS
from core.model.groups import GROUPS
from core.model.scenario import Scenario

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_PRESET = "support_10k_per_day"


@dataclass(frozen=True)
class Preset:
    id: str
    title: str
    summary: str
    story: str
    scenario: Scenario
    sources: dict[str, str] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)

    @property
    def meta(self) -> dict[str, Any]:
        return {"title": self.title, "summary": self.summary, "story": self.story,
                "links": self.links, "sources": self.sources}  # fmt: skip


def _read(path: Path) -> Preset:
    meta, scenario = load_file(path.name, path.read_bytes())
    for key in ("title", "summary"):
        if not meta.get(key):
            raise ScenarioError(f"{path.name}: a preset needs a {key}")
    sources = meta.get("sources", {})
    unknown = [k for k in sources if k not in FIELDS]
    if unknown:
        raise ScenarioError(f"{path.name}: [sources] names unknown field {unknown[0]!r}")
    return Preset(
        id=path.stem,
        title=meta["title"],
        summary=meta["summary"],
        story=meta.get("story", ""),
        scenario=scenario,
        sources=sources,
        links=meta.get("links", []),
    )


@cache
def presets() -> dict[str, Preset]:
    """Every preset by id (its file name without .toml), sorted by id."""
    return {p.stem: _read(p) for p in sorted(SCENARIOS_DIR.glob("*.toml"))}


def preset(preset_id: str) -> Preset:
    """One preset by id; a ScenarioError naming the ids if there is none."""
    found = presets().get(preset_id)
    if found is None:
        raise ScenarioError(f"preset = {preset_id!r} is not a preset: expected one of {', '.join(presets())}")
    return found


def fields_set(path: Path) -> list[str]:
    """Field names a preset file sets explicitly (each must have a source)."""
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [name for group in GROUPS for name in data.get(group, {})]


def scenario_from(ref: str) -> Scenario:
    """The scenario of a preset id, or of a .toml/.csv file at that path."""
    found = presets().get(ref)
    if found is not None:
        return found.scenario
    path = Path(ref)
    if not path.is_file():
        raise ScenarioError(
            f"scenario {ref!r} is neither a preset ({', '.join(presets())}) nor a readable file"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ScenarioError(f"scenario {ref!r}: cannot read the file: {err.strerror}") from None
    return load_file(path.name, data)[1]
