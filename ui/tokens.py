"""URL tokens of the headline sliders: the labels a select slider shows, written to and read from links.

A select slider's option label is also its URL token (``?queries_per_day=10k/day``); a link may also
carry a plain number (``?labeled_examples=20000``), which ``parse_token`` reads.
"""

from __future__ import annotations

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
    """An exact short number that ``parse_token`` reads back: 10k, 1.5M, 76.667k, 250, 0.25."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size and round(value / size, 3) == value / size:
            return _exact(value / size) + suffix
    return _exact(value)


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
