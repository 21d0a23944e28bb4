"""URL tokens: the labels a headline select slider shows, every other field's value, and Compare's
saved scenarios, written to and read from links.

A select slider's option label is also its URL token (``?queries_per_day=10k/day``); a link may also
carry a plain number (``?labeled_examples=20000``), which ``parse_token`` reads.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from core.model.errors import ScenarioError, quoted
from core.model.fields import NUMERIC
from core.model.numbers import parse_number

URL_FIELDS = (
    "queries_per_day",
    "updates_per_month",
    "labeled_examples",
    "latency_budget_ms",
    "horizon_months",
)
SELECT_FIELDS = URL_FIELDS[:3]  # drawn as select sliders: their URL token is the option's label
QUERY_STEPS = tuple(float(m * 10**e) for e in range(1, 7) for m in (1, 2, 5)) + (1e7,)
EXAMPLE_STEPS = (0, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
CADENCES = {0: "static", 1 / 12: "yearly", 1 / 3: "quarterly", 1: "monthly", 2: "2/month",
            4: "weekly", 8: "2/week", 30: "daily", 60: "2/day"}  # fmt: skip
_CADENCE_BY_NAME = {name: value for value, name in CADENCES.items()}


def compact(value: float) -> str:
    """An exact short number that ``parse_token`` reads back: 10k, 1.5M, 76,667, 250, 0.25 (k and M
    only where one decimal at most says it exactly: never "76.667k")."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size and round(value / size, 1) == value / size:
            return _exact(value / size) + suffix
    return f"{int(value):,}" if float(value).is_integer() else _exact(value)


def _exact(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def label(name: str, value: float) -> str:
    """The slider label (and URL token) of a headline value."""
    if name == "queries_per_day":
        return compact(value) + "/day"
    if name == "updates_per_month":
        return CADENCES.get(value) or _exact(value) + "/month"
    return compact(value)


def token(name: str, value: float) -> str:
    """The URL token a headline slider writes for ``value``: its label for a select slider, the
    plain number for a numeric one (``700``, ``36``)."""
    return label(name, value) if name in SELECT_FIELDS else _exact(value)


def parse_token(name: str, raw: str) -> int | float:
    """A headline value from a URL token: a slider label (``10k/day``, ``weekly``) or a number read
    by core's one number parser (``20000``, ``1e3``, ``20,000``); ScenarioError if neither."""
    text = raw.strip().lower()
    if name == "updates_per_month" and text in _CADENCE_BY_NAME:
        return _CADENCE_BY_NAME[text]
    return parse_number(name, text.removesuffix("/day").removesuffix("/month"))


# --- every field, and Compare's saved scenarios ------------------------------------------------
# A link carries each field that differs from the preset as ``?name=token``: a headline slider's
# label, ``true``/``false``, a choice or a name as it is, a number in its shortest exact form
# (``50M``, ``0.25``). A saved Compare scenario is one ``saved`` parameter,
# ``name~preset.id~field.token~...``: ``~`` and ``.`` are the separators a URL leaves as they are,
# a key (a field name or ``preset``) never holds a dot, and ``%`` and ``~`` are escaped in names
# and values.
ENTRY_SEP, PAIR_SEP = "~", "."
_ESCAPES = {"%": "%25", ENTRY_SEP: "%7E"}


def field_token(name: str, value: Any) -> str:
    """The URL token of any field's value, read back by ``parse_field`` to exactly ``value``."""
    if name in URL_FIELDS:
        return token(name, value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    exact = [spelled for spelled in (compact(value), _exact(value)) if parse_number(name, spelled) == value]
    return min(exact or [repr(value)], key=len)  # "50M", "1234", "0.30000000000000004"


def parse_field(name: str, raw: str) -> Any:
    """A field's value from its URL token; numbers are read here, everything is checked by the
    scenario model (ScenarioError naming the field, the value and what is allowed)."""
    return parse_token(name, raw) if name in NUMERIC else raw


def escape(text: str) -> str:
    """``text`` with the separators of a saved-scenario token escaped."""
    return "".join(_ESCAPES.get(c, c) for c in text)


def entry_token(name: str, preset_id: str, changes: dict[str, Any]) -> str:
    """One saved scenario as a URL token: its name, its preset and its changed fields."""
    pairs = [f"preset{PAIR_SEP}{preset_id}"]
    pairs += [f"{field}{PAIR_SEP}{escape(field_token(field, v))}" for field, v in changes.items()]
    return ENTRY_SEP.join([escape(name), *pairs])


def parse_entry(raw: str) -> tuple[str, dict[str, str]]:
    """(name, {key: raw token}) of a saved-scenario token; ``preset`` is one of the keys. Nothing
    here is checked but the shape: the names and values go through the usual checks."""
    name, *pairs = raw.split(ENTRY_SEP)
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition(PAIR_SEP)
        if not sep:
            raise ScenarioError(f"saved scenario {quoted(unquote(name))}: {quoted(pair)} is not field.value")
        found[unquote(key)] = unquote(value)
    return unquote(name), found
