"""The base of every input group: kinds kept apart, and one helper that records each field's
bounds, unit and source (in ``json_schema_extra``) so the Method page and the CLI need no second copy."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from core.model.names import NAME_RULE, is_printable

_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}


def sourced(default: Any, lo: float | None, hi: float | None, unit: str, source: str, doc: str) -> Any:
    """A numeric or boolean field with its bounds, unit and source recorded once."""
    extra = {"unit": unit, "source": source}
    return Field(default, ge=lo, le=hi, description=doc, json_schema_extra=extra)


def text(default: str, max_length: int, source: str, doc: str) -> Any:
    """A name: 1 to ``max_length`` printable characters (see ``core.model.names``)."""
    extra = {"unit": "text", "source": source}
    return Field(
        default,
        min_length=1,
        max_length=max_length,
        description=doc,
        json_schema_extra=extra,
    )


def choice(default: str, source: str, doc: str) -> Any:
    """One of the options of the field's ``Literal`` type."""
    return Field(default, description=doc, json_schema_extra={"unit": "choice", "source": source})


class InputGroup(BaseModel):
    """One group of inputs (workload, knowledge, ...): unknown keys, NaN and infinity refused;
    frozen, as the cached presets are shared by reference with every session."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _keep_kinds_apart(cls, value: Any, info: ValidationInfo) -> Any:
        """Booleans are not numbers and numbers are not booleans, in every file format;
        true/false (or 1/0) as text is accepted for the CLI and CSV."""
        kind = cls.model_fields[info.field_name].annotation
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _BOOL_TEXT:
                return _BOOL_TEXT[value.strip().lower()]
            raise ValueError("expected true or false")
        if kind in (int, float) and isinstance(value, bool):
            raise ValueError("expected a number, not true or false")
        if kind is float and isinstance(value, int):
            try:
                return float(value)
            except OverflowError:  # past a float's range: refused, never a traceback
                raise ValueError("too large for a number") from None
        if kind is str and isinstance(value, str):
            if not is_printable(value.strip()):
                raise ValueError(NAME_RULE)
            return value.strip()  # names compare and export the same whatever the padding
        return value
