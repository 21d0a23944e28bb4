"""Numbers for people: one place for how money, counts, rates, shares and months are written, in
Python (pages, tables, messages, the CLI table) and as the Vega expressions chart axes use, so an
axis and the table beside it agree. CSV cells are rounded here too (``csv_round``).

    >>> usd(0.2), usd(1200), usd(1_234_567), count(76_666.67), months(1), percent(0.925)
    ('$0.20', '$1,200', '$1.2M', '76,667', '1 month', '92.5%')
"""

from __future__ import annotations

import math
from typing import Any

from core.model.fields import FIELDS


def usd(value: float) -> str:
    """Dollars with sensible precision: $0.0002, $0.20, $9.50, $1,200, $1.2M, $3.4B."""
    if value != value:
        return "–"
    sign, x = ("-" if value < 0 else ""), abs(float(value))
    if x >= 1e9:
        return f"{sign}${_trim(f'{x / 1e9:,.1f}')}B"
    if x >= 1e6:
        return f"{sign}${_trim(f'{x / 1e6:,.1f}')}M"
    if x >= 10 or x == 0:
        return f"{sign}${x:,.0f}"
    if x >= 0.01:
        return f"{sign}${x:,.2f}".replace(".00", "")  # $1, not $1.00; $0.20 keeps its cents
    return f"{sign}${x:.2g}" if x >= 1e-4 else f"{sign}${x:.1e}"


def usd_unit(value: float) -> str:
    """A price per unit (per query, per token): two significant digits under $1 so that $0.014
    and $0.022 stay apart ($0.0082, $0.014), else as ``usd`` ($0.50, $2.50)."""
    if value != value or abs(value) >= 0.1 or value == 0:
        return usd(value)
    return (
        ("-" if value < 0 else "")
        + "$"
        + _trim(f"{abs(value):.2g}" if abs(value) >= 1e-4 else f"{abs(value):.1e}")
    )


def usd_exact(value: float) -> str:
    """Dollars to the whole dollar for totals in a table ($11,880; $1,234,567), cents under $10."""
    if value != value:
        return "–"
    return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else usd(value)


def count(value: float) -> str:
    """A count with thousands separators: 10,000; 76,667; 0.5 stays 0.5."""
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return _trim(f"{value:,.2f}")


def number(value: float, digits: int = 4) -> str:
    """A measurement with up to ``digits`` significant digits and separators: 1,234, 0.025, 2.5M."""
    if value != value:
        return "–"
    x = abs(float(value))
    if x >= 1e6:
        return _trim(f"{value / 1e6:,.{max(digits - 3, 1)}f}") + "M"
    if x >= 1e3 or x == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}g}"


def per_day(value: float) -> str:
    """A daily rate: ``10,000 per day``."""
    return f"{count(value)} per day"


def plural(value: float, word: str, many: str | None = None) -> str:
    """``1 month``, ``12 months``, ``1.5 months``; ``many`` for an irregular plural."""
    words = word if value == 1 else (many or word + "s")
    return f"{count(value)} {words}"


def months(value: float) -> str:
    return plural(value, "month")


def percent(share: float, digits: int = 1) -> str:
    """A share (0..1) as a percentage: 0.05 -> 5%, 0.925 -> 92.5%."""
    if share != share:
        return "–"
    return _trim(f"{share * 100:,.{digits}f}") + "%"


def yes_no(flag: Any) -> str:
    return "yes" if bool(flag) else "no"


def _trim(text: str) -> str:
    """``12.0`` -> ``12``, ``1.50`` -> ``1.5``; whole numbers keep their digits."""
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- CSV cells -------------------------------------------------------------------------------

# digits after the point of each result column (by how its name ends); inputs are never rounded,
# so an exported scenario reads back exactly
CSV_DIGITS = (
    ("per_query_usd", 6),
    ("_usd", 2),
    ("_ms", 1),
    ("_days", 2),
    ("accuracy", 4),
    ("_per_month", 4),
    ("_pct", 2),
    ("weeks_to_production", 2),
    ("_tokens", 0),
)


def csv_round(column: str, value: Any) -> Any:
    """A result cell as the CSV writes it: money to the cent (per query: to a millionth of a dollar), latency to 0.1 ms, shares to 4 digits
    (``36924.547999999995`` -> ``36924.55``); anything else unchanged."""
    if not isinstance(value, float) or not math.isfinite(value) or column in FIELDS:
        return value
    for ending, digits in CSV_DIGITS:
        if column.endswith(ending) or ending + "_" in column:  # also horizon_cost_usd_rag
            return round(value, digits)
    return value


# --- the same rules for Vega-Lite axes (d3-format inside a Vega expression) ------------------

# $0.20 / $9.50 under $10, $1,200 to a million, then $1.2M and $3.4B: never d3's "$200m" (milli).
VEGA_USD = (
    "abs(datum.value) >= 1e9 ? replace(format(datum.value / 1e9, '$,.1f'), '.0', '') + 'B' : "
    "abs(datum.value) >= 1e6 ? replace(format(datum.value / 1e6, '$,.1f'), '.0', '') + 'M' : "
    "abs(datum.value) >= 10 || datum.value == 0 ? format(datum.value, '$,.0f') : "
    "abs(datum.value) >= 0.01 ? replace(format(datum.value, '$,.2f'), '.00', '') : format(datum.value, '$.2')"
)
# counts on an axis: 10, 200, 5,000, 20k, 1M (k and M only, never m or µ)
VEGA_COUNT = (
    "abs(datum.value) >= 1e6 ? replace(format(datum.value / 1e6, ',.1f'), '.0', '') + 'M' : "
    "abs(datum.value) >= 1e4 ? replace(format(datum.value / 1e3, ',.1f'), '.0', '') + 'k' : "
    "format(datum.value, ',.4~g')"
)
VEGA_PERCENT = ".0%"
TOOLTIP_USD = "$,.2f"  # a tooltip is read one number at a time: to the cent
TOOLTIP_COUNT = ",.0f"


def log_ticks(lo: float, hi: float, most: int = 10) -> list[float]:
    """Tick values of a log axis from ``lo`` to ``hi``: 1-2-5 steps when they fit in ``most``
    ticks, else decades (every other decade past 2 x ``most`` decades)."""
    if not (lo > 0 and hi > lo):
        return []
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    for steps in ((1, 2, 5), (1,)):
        ticks = [m * 10.0**e for e in range(first, last + 1) for m in steps if lo <= m * 10.0**e <= hi]
        if len(ticks) <= most:
            return ticks
    stride = math.ceil(len(ticks) / most)
    return ticks[::stride]
