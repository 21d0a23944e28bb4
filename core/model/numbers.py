"""One bounded number parser for every way a number comes in: CLI ``--set``, CSV cells, TOML values, URL tokens.

Text is read with Decimal (``1e3``, ``10,000``, ``10_000``, ``10k``, ``1.5M``), never with more
than ``MAX_NUMBER_TEXT`` characters of work; anything past ``MAX_MAGNITUDE`` is refused before it
becomes a float, so no number can overflow, turn into infinity or take seconds to read.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal, DecimalException

from core.model.errors import ScenarioError, quoted
from core.model.fields import FIELDS, allowed

MAX_NUMBER_TEXT = 100  # characters; the longest honest number is ~25
MAX_MAGNITUDE = Decimal("1e15")  # far past every field's bound (the largest is 1e12 tokens)
SUFFIXES = {"k": 1_000, "m": 1_000_000}
# ASCII digits only (Decimal alone would take Arabic-Indic or full-width digits); separators
# only between digits, as in 10,000 or 1_000_000.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[,_]\d{3})*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?([km]?)", re.ASCII | re.I)


def parse_number(name: str, raw: str | int | float) -> int | float:
    """The value of numeric field ``name`` from text or a number: an int for a whole-number
    field, a float otherwise; a ScenarioError naming the field, the value and what is allowed.

    Bounds are not checked here (the Scenario model does that); text, size, finiteness and
    whole-numberness are.
    """
    if isinstance(raw, bool):  # booleans are not numbers, in every format
        raise _refused(name, raw, "is not allowed")
    if not isinstance(raw, str | numbers.Real):
        raise _refused(name, raw, "is not a number")
    value = _decimal(name, raw) if isinstance(raw, str) else _decimal_of(name, raw)
    if not value.is_finite():
        raise _refused(name, raw, "is not a finite number")
    if value.copy_abs() > MAX_MAGNITUDE:
        raise _refused(name, raw, "is too large")
    if FIELDS[name][1].annotation is int:
        if value != value.to_integral_value():
            raise _refused(name, raw, "must be a whole number")
        return int(value)
    return float(value) + 0.0  # + 0.0 turns -0.0 into 0.0


def _decimal(name: str, raw: str) -> Decimal:
    text = raw.strip()
    if len(text) > MAX_NUMBER_TEXT:
        raise _refused(name, raw, f"is too long for a number (at most {MAX_NUMBER_TEXT} characters)")
    if text.lower() in ("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"):
        return Decimal("NaN")
    found = _NUMBER.fullmatch(text)
    if found is None:
        raise _refused(name, raw, "is not a number")
    suffix = found.group(1).lower()
    digits = text[: len(text) - len(suffix)].replace(",", "").replace("_", "")
    try:
        value = Decimal(digits)
        return value * SUFFIXES[suffix] if suffix else value
    except (DecimalException, OverflowError):  # past Decimal's exponent range
        raise _refused(name, raw, "is not a number") from None


def _decimal_of(name: str, raw: int | float) -> Decimal:
    if isinstance(raw, numbers.Integral):
        whole = int(raw)
        return MAX_MAGNITUDE + 1 if abs(whole) > MAX_MAGNITUDE else Decimal(whole)
    real = float(raw)
    return Decimal(real) if math.isfinite(real) else Decimal("NaN")


def _refused(name: str, raw: object, problem: str) -> ScenarioError:
    return ScenarioError(f"{name} = {quoted(raw)} {problem}: expected {allowed(name)}")
