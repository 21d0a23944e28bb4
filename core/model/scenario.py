"""The validated scenario: every input of the cost and decision engine, grouped, and how text
and tables become one (``build``) or a ScenarioError naming the field, the value and what is allowed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS, NUMERIC, allowed, locate
from core.model.groups import (
    GROUPS,
    Evidence,
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
from core.model.numbers import parse_number


class Scenario(BaseModel):
    """Every input of one scenario. Field names are unique across groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # presets are shared by every session

    workload: Workload = Field(default_factory=Workload)
    knowledge: Knowledge = Field(default_factory=Knowledge)
    training: Training = Field(default_factory=Training)
    latency: Latency = Field(default_factory=Latency)
    prices: Prices = Field(default_factory=Prices)
    prompts: Prompts = Field(default_factory=Prompts)
    operations: Operations = Field(default_factory=Operations)
    quality: Quality = Field(default_factory=Quality)
    needs: Needs = Field(default_factory=Needs)
    evidence: Evidence = Field(default_factory=Evidence)

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
    """Validate nested data (a dict of groups) into a Scenario, or raise ScenarioError.

    Every number, given as text or as a number, is read by ``parse_number`` first; the model
    then checks the bounds. A message shows the value as it was given."""
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario must be a table of groups, got {type(data).__name__}")
    given: dict[tuple[str, str], Any] = {}
    parsed = {}
    for group, fields in data.items():
        if isinstance(group, str) and isinstance(fields, dict):
            parsed[group] = fields = dict(fields)
            for name, value in fields.items():
                if name in NUMERIC and FIELDS[name][0] == group and _is_number_like(value):
                    given[group, name] = value
                    fields[name] = parse_number(name, value)
        else:
            parsed[group] = fields
    try:
        scenario = Scenario.model_validate(parsed)
    except ValidationError as err:
        raise _scenario_error(err, given) from None
    _check_eval_counts(scenario)
    return scenario


def _check_eval_counts(scenario: Scenario) -> None:
    """An eval result cannot have more items right than items scored."""
    counts = scenario.evidence.model_dump()
    for name, correct in counts.items():
        if name.endswith("_eval_correct"):
            total_name = name.replace("_correct", "_total")
            if correct > counts[total_name]:
                raise ScenarioError(
                    f"{name} = {quoted(correct)} is not allowed: expected a whole number from 0 to "
                    f"{total_name} ({counts[total_name]:,})"
                )


def _is_number_like(value: Any) -> bool:
    """Text, a number or a boolean: what ``parse_number`` reads or refuses (lists, dates and
    tables are left to the model, which names their type)."""
    return isinstance(value, str | int | float) or hasattr(value, "__index__")


def _scenario_error(err: ValidationError, given: dict[tuple[str, str], Any]) -> ScenarioError:
    messages = []
    for e in err.errors()[:5]:
        loc = [str(p) for p in e["loc"]]
        name = loc[-1] if loc else "scenario"
        value = given.get(tuple(loc), e.get("input"))
        if e["type"] == "extra_forbidden":
            messages.append(f"unknown field {quoted('.'.join(loc))}: not an input of the scenario")
        elif name in FIELDS and len(loc) == 2:
            messages.append(f"{name} = {quoted(value)} is not allowed: expected {allowed(name)}")
        else:
            messages.append(f"{quoted('.'.join(loc) or 'scenario')} = {quoted(value)}: {e['msg']}")
    more = len(err.errors()) - 5
    return ScenarioError("; ".join(messages) + (f" (and {more} more)" if more > 0 else ""))
