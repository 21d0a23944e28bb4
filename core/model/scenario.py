"""The validated scenario: every input of the cost and decision engine, grouped, and how text
and tables become one (``build``) or a ScenarioError naming the field, the value and what is allowed."""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.model.errors import ScenarioError
from core.model.fields import FIELDS, allowed, locate
from core.model.groups import (
    GROUPS,
    Knowledge,
    Latency,
    Needs,
    Operations,
    Prices,
    Prompts,
    Quality,
    Training,
    Workload,
)


class Scenario(BaseModel):
    """Every input of one scenario. Field names are unique across groups."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    workload: Workload = Field(default_factory=Workload)
    knowledge: Knowledge = Field(default_factory=Knowledge)
    training: Training = Field(default_factory=Training)
    latency: Latency = Field(default_factory=Latency)
    prices: Prices = Field(default_factory=Prices)
    prompts: Prompts = Field(default_factory=Prompts)
    operations: Operations = Field(default_factory=Operations)
    quality: Quality = Field(default_factory=Quality)
    needs: Needs = Field(default_factory=Needs)

    def flat(self) -> dict[str, Any]:
        """Every input by its unique name, in group order."""
        return {k: v for group in GROUPS for k, v in getattr(self, group).model_dump().items()}

    def updated(self, changes: dict[str, Any]) -> Scenario:
        """A new scenario with ``changes`` (name or dotted path -> value) applied and checked."""
        nested = self.model_dump()
        for key, value in changes.items():
            group, name = locate(key)
            nested[group][name] = value
        return build(nested)


def build(data: Any) -> Scenario:
    """Validate nested data (a dict of groups) into a Scenario, or raise ScenarioError."""
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario must be a table of groups, got {type(data).__name__}")
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise _scenario_error(err) from None


def _scenario_error(err: ValidationError) -> ScenarioError:
    messages = []
    for e in err.errors()[:5]:
        loc = [str(p) for p in e["loc"]]
        name = loc[-1] if loc else "scenario"
        value = e.get("input")
        shown = _show(value)
        if e["type"] == "extra_forbidden":
            messages.append(f"unknown field {'.'.join(loc)!r}: not an input of the scenario")
        elif name in FIELDS and len(loc) == 2:
            messages.append(f"{name} = {shown} is not allowed: expected {allowed(name)}")
        else:
            messages.append(f"{'.'.join(loc) or 'scenario'} = {shown}: {e['msg']}")
    more = len(err.errors()) - 5
    return ScenarioError("; ".join(messages) + (f" (and {more} more)" if more > 0 else ""))


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
