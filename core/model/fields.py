"""Every input by its unique name: its group, kind, bounds, unit, source and what it accepts."""

from __future__ import annotations

from typing import Any, Literal

from core.model.errors import ScenarioError, quoted
from core.model.groups import GROUPS
from core.model.names import NAME_RULE
from core.model.sources import FIELD_NOTES, FIELD_QUOTES, field_citation

HEADLINE = ("queries_per_day", "updates_per_month", "labeled_examples", "latency_budget_ms")


def _field_index() -> dict[str, tuple[str, Any]]:
    index: dict[str, tuple[str, Any]] = {}
    for group, model in GROUPS.items():
        for name, info in model.model_fields.items():
            assert name not in index, f"field name {name} is not unique"
            index[name] = (group, info)
    return index


FIELDS: dict[str, tuple[str, Any]] = _field_index()
NUMERIC = [n for n, (_, info) in FIELDS.items() if info.annotation in (int, float)]
BOOLEAN = [n for n, (_, info) in FIELDS.items() if info.annotation is bool]
CHOICES = {
    n: tuple(info.annotation.__args__)
    for n, (_, info) in FIELDS.items()
    if getattr(info.annotation, "__origin__", None) is Literal
}


def locate(key: str) -> tuple[str, str]:
    """(group, field) for a unique field name or a ``group.field`` path."""
    if "." in key:
        group, _, name = key.partition(".")
        if group in GROUPS and name in GROUPS[group].model_fields:
            return group, name
    elif key in FIELDS:
        return FIELDS[key][0], key
    raise ScenarioError(f"unknown field {quoted(key)}: see `python -m core fields` for the names")


def bounds(name: str) -> tuple[float | None, float | None]:
    """(lowest, highest) allowed value of a numeric field."""
    lo = hi = None
    for m in FIELDS[name][1].metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


def unit(name: str) -> str:
    return FIELDS[name][1].json_schema_extra["unit"]


def source(name: str) -> str:
    return FIELDS[name][1].json_schema_extra["source"]


def citation(name: str) -> str:
    """An input's source as a reader looks it up: publisher, title, the sentence, or "assumption"
    and why."""
    return field_citation(source(name), FIELD_QUOTES.get(name, ()), FIELD_NOTES.get(name, ""))


def allowed(name: str) -> str:
    """Human text of what a field accepts."""
    group, info = FIELDS[name]
    if name in CHOICES:
        return "one of " + ", ".join(CHOICES[name])
    if name in BOOLEAN:
        return "true or false"
    if info.annotation is str:
        max_length = next(m.max_length for m in info.metadata if hasattr(m, "max_length"))
        return f"text of 1 to {max_length} characters, {NAME_RULE}"
    lo, hi = bounds(name)
    kind = "a whole number" if info.annotation is int else "a number"
    return f"{kind} from {number(lo)} to {number(hi)} {unit(name)}"


def number(value: float) -> str:
    """A bound or value for a message: 10,000,000 rather than 1e+07."""
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e13 else f"{value:,g}"
