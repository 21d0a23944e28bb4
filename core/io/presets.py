"""Preset scenarios: one TOML file per case in ``scenarios/``, loaded only through the model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.io.files import load_file
from core.io.text import MAX_FILE_BYTES
from core.model.errors import ScenarioError, quoted, shorten
from core.model.fields import FIELDS
from core.model.groups import GROUPS
from core.model.scenario import Scenario

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_PRESET = "support_10k_per_day"


@dataclass(frozen=True)
class Preset:
    """One preset, cached and shared by every session: nothing in it can be changed in place."""

    id: str
    title: str
    summary: str
    story: str
    scenario: Scenario
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    links: tuple[str, ...] = ()

    @property
    def meta(self) -> dict[str, Any]:
        return {"title": self.title, "summary": self.summary, "story": self.story,
                "links": list(self.links), "sources": dict(self.sources)}  # fmt: skip


def _read(path: Path) -> Preset:
    meta, scenario = load_file(path.name, read_bounded(path))
    for key in ("title", "summary"):
        if not meta.get(key):
            raise ScenarioError(f"{path.name}: a preset needs a {key}")
    sources = meta.get("sources", {})
    unknown = [k for k in sources if k not in FIELDS]
    if unknown:
        raise ScenarioError(f"{path.name}: [sources] names unknown field {quoted(unknown[0])}")
    return Preset(
        id=path.stem,
        title=meta["title"],
        summary=meta["summary"],
        story=meta.get("story", ""),
        scenario=scenario,
        sources=MappingProxyType(dict(sources)),
        links=tuple(meta.get("links", [])),
    )


@cache
def presets() -> dict[str, Preset]:
    """Every preset by id (its file name without .toml), sorted by id."""
    return {p.stem: _read(p) for p in sorted(SCENARIOS_DIR.glob("*.toml"))}


def preset(preset_id: str) -> Preset:
    """One preset by id; a ScenarioError naming the ids if there is none."""
    found = presets().get(preset_id)
    if found is None:
        raise ScenarioError(
            f"preset = {quoted(preset_id)} is not a preset: expected one of {', '.join(presets())}"
        )
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
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL byte
        is_file = False
    if not is_file:
        raise ScenarioError(
            f"scenario {quoted(ref)} is neither a preset ({', '.join(presets())}) nor a readable file"
        )
    return load_file(path.name, read_bounded(path))[1]


def read_bounded(path: Path) -> bytes:
    """A file's bytes, never more than ``MAX_FILE_BYTES`` + 1 of them: a larger file is refused
    from its size alone, before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                f"{shorten(path.name, 80)}: {size:,} bytes is too large (at most {MAX_FILE_BYTES:,})"
            )
        with path.open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)  # a file growing meanwhile is still caught by decode
    except OSError as err:
        raise ScenarioError(f"scenario {quoted(str(path))}: cannot read the file: {err.strerror}") from None
