"""Charts of the analysis pages (decision map, sensitivity, uncertainty, compare).

Read-only: each builder draws a small frame that ``core`` computed and aggregated. Strategies
keep their colour from ``core.model.strategies.COLOURS``; units are in every axis title and tooltip.
As on the Explorer (``ui.charts``), each chart is written in Altair against named datasets and
compiled once per process and layout (``functools.lru_cache``): a builder returns that spec with
this run's frames attached, drawn with ``ui.charts.show``. Altair's validation, 30-60 ms a chart,
is not paid on every rerun.
"""

from __future__ import annotations

from functools import cache, lru_cache

import altair as alt
import pandas as pd

from core.analyses.decision_map import NOTHING
from core.model import formats
from core.model.fields import unit
from core.model.labels import label, titled, unit_words
from core.model.strategies import COLOURS, LABELS, STRATEGIES
from ui.charts import CADENCE_TICKS, Spec, compiled, tick_labels, with_data

NAMES = [LABELS[s] for s in STRATEGIES]
STRATEGY = alt.Scale(domain=NAMES, range=[COLOURS[s] for s in STRATEGIES])
NOTHING_PASSES = "Nothing passes"  # a decision-map cell where no strategy passes every rule
MAP_LABELS = LABELS | {NOTHING: NOTHING_PASSES}
MAP_STRATEGY = alt.Scale(domain=[*NAMES, NOTHING_PASSES], range=[*STRATEGY.range, "#f4f4f4"])
# Opaque cells outlined in their own colour: no hairline seams between neighbours on a canvas.
# No per-cell ARIA description (a canvas has no per-mark ARIA, and each description was ~10
# number formats, 10,000-40,000 cells a slider move, in Streamlit's expression interpreter) and no
# filter of invalid positions (every cell has finite bounds): browser CPU a keypress, CDP profile,
# same run, 6 presses: ~1,600 -> ~950 ms on a loaded machine. The chart's own alt text stays.
CELL = {"opacity": 1, "strokeOpacity": 1, "strokeWidth": 1, "aria": False, "invalid": None}
COST_TIPS = [
    alt.Tooltip(f"horizon_cost_usd_{s}:Q", title=f"{LABELS[s]}, total", format="$,.0f") for s in STRATEGIES
]


def title(name: str) -> str:
    """An axis title in words with the unit: ``Queries per day (queries/day)``."""
    return titled(name)


def _ticks(name: str) -> alt.Axis:
    """Axis labels of a field: dollars as $0.20 / $1,200 / $1.2M, counts as 500 / 20k / 1M."""
    return alt.Axis(labelExpr=formats.VEGA_USD if unit(name).startswith("USD") else formats.VEGA_COUNT)


def _colour(legend: bool = True, listed: tuple[str, ...] | None = None) -> alt.Color:
    """Strategy colours (the same four on every chart); the legend lists ``listed`` strategy
    labels only, when given, so a strategy with no marks is not listed."""
    values = {} if listed is None else {"values": list(listed)}
    return alt.Color(
        "label:N",
        title=None,
        scale=STRATEGY,
        legend=alt.Legend(orient="bottom", columns=2, **values) if legend else None,
    )


def _axis(channel, field: str, name: str, log: bool, ticks: tuple[float, ...] = ()):
    scale = alt.Scale(type="log", nice=False) if log else alt.Scale(nice=False, zero=False)
    axis = _ticks(name)
    if name == "updates_per_month":  # name the cadences: "quarterly" is the rule's threshold
        named = {v: t for v, t in CADENCE_TICKS.items() if v > 0}
        axis = alt.Axis(values=list(named), labelExpr=tick_labels(named))
    elif log and ticks:  # 1-2-5 or decade ticks, not Vega's $1, $9, $80, $700
        axis = alt.Axis(labelExpr=axis.labelExpr, values=list(ticks))
    return channel(field, title=title(name) + (" (log scale)" if log else ""), scale=scale, axis=axis)


def decision_map(cells: pd.DataFrame, x: str, y: str, logs: tuple[bool, bool], now: tuple[float, float],
                 view: str, regions: pd.DataFrame | None = None) -> Spec:  # fmt: skip
    """Heatmap of the winner (view "winner") or of its cost advantage (view "advantage"); in the
    winner view each region's name is written on it (``regions``: x, y, region), so the map
    reads without colour, and cells where nothing passes every rule are named as such."""
    floats = cells.select_dtypes("float64").columns
    data = cells.astype(dict.fromkeys(floats, "float32")).assign(label=cells["winner"].map(MAP_LABELS))
    spans = [(float(cells[f"{a}_lo"].min()), float(cells[f"{a}_hi"].max())) for a in ("x", "y")]
    ticks = tuple(
        tuple(formats.log_ticks(*span)) if log else () for span, log in zip(spans, logs, strict=True)
    )
    named = view == "winner" and regions is not None and len(regions) > 0
    point = pd.DataFrame({"x": [now[0]], "y": [now[1]], "text": ["current scenario"]})
    frames = {"cells": data, "now": point}
    if named:
        frames["regions"] = regions.assign(label=regions["region"].map(MAP_LABELS))
    return with_data(_map_template(x, y, logs, ticks, view, named), **frames)


@lru_cache(maxsize=256)  # one per pair of axes, scales, tick sets and view seen by this process
def _map_template(x: str, y: str, logs: tuple[bool, bool], ticks: tuple[tuple[float, ...], ...],
                  view: str, named: bool) -> Spec:  # fmt: skip
    # computed in the browser: a text column of 40,000 cells would weigh a megabyte
    advantage = ("isValid(datum.margin_pct) && isFinite(datum.margin_pct) ? "
                 "format(datum.margin_pct, ',.1f') + '%' : 'no rival passes every rule'")  # fmt: skip
    tips = [alt.Tooltip("x:Q", title=title(x), format=",.4~g"), alt.Tooltip("y:Q", title=title(y), format=",.4~g"),
            alt.Tooltip("label:N", title="Recommended"),
            alt.Tooltip("advantage:N", title="Advantage over the runner-up"), *COST_TIPS]  # fmt: skip
    base = alt.Chart(alt.NamedData("cells")).transform_calculate(advantage=advantage).encode(
        x=_axis(alt.X, "x_lo:Q", x, logs[0], ticks[0]), x2="x_hi:Q",
        y=_axis(alt.Y, "y_lo:Q", y, logs[1], ticks[1]), y2="y_hi:Q", tooltip=tips,
    )  # fmt: skip
    if view == "winner":
        colour = alt.Color(
            "label:N", title="Strategy", scale=MAP_STRATEGY, legend=alt.Legend(orient="bottom", columns=2)
        )
        cells_layer = base.mark_rect(**CELL).encode(
            color=colour, stroke=alt.Stroke("label:N", scale=MAP_STRATEGY, legend=None)
        )
        if named:
            cells_layer += _region_names(x, y, logs)
        heading = "Recommended strategy"
    else:
        rival = "isValid(datum.margin_pct) && isFinite(datum.margin_pct)"
        scale = alt.Scale(scheme="viridis", domain=[0, 100], clamp=True)
        advantage = alt.Color("margin_pct:Q", title="Advantage (%, capped at 100)", scale=scale)
        edge = alt.Stroke("margin_pct:Q", scale=scale, legend=None)
        cells_layer = base.mark_rect(**CELL).encode(color=advantage, stroke=edge)
        cells_layer = cells_layer.transform_filter(rival)
        cells_layer += base.mark_rect(color="#dddddd", stroke="#dddddd", **CELL).transform_filter(
            f"!({rival})"
        )
        heading = (
            "How close the call is: the winner's cost advantage over the runner-up (grey: no feasible rival)"
        )
    mark = alt.Chart(alt.NamedData("now")).encode(
        x="x:Q",
        y="y:Q",
        tooltip=[
            alt.Tooltip("text:N", title=""),
            alt.Tooltip("x:Q", title=title(x)),
            alt.Tooltip("y:Q", title=title(y)),
        ],  # fmt: skip
    )
    marker = mark.mark_point(shape="cross", size=260, color="black", strokeWidth=3, filled=True)
    spec = compiled((cells_layer + marker).properties(title=heading + " (✚ current scenario)", height=460))
    # 10,000-40,000 cells: drawn on a canvas (one element) rather than as as many SVG nodes, which
    # kept the browser busy ~1 s a slider move. Streamlit switches to a canvas by itself only for
    # views that do not transform their data; this one computes its tooltip text.
    spec["usermeta"] = {"embedOptions": {"renderer": "canvas"}}
    return spec


def _region_names(x: str, y: str, logs: tuple[bool, bool]) -> alt.LayerChart:
    """Each region's name in bold black on a white halo, at the point deepest inside it."""
    names = alt.Chart(alt.NamedData("regions")).encode(
        x=_axis(alt.X, "x:Q", x, logs[0]), y=_axis(alt.Y, "y:Q", y, logs[1]), text="label:N"
    )
    style = {"fontSize": 14, "fontWeight": "bold"}
    return names.mark_text(stroke="white", strokeWidth=4, strokeOpacity=0.85, **style) + names.mark_text(
        color="black", **style
    )


def tornado(inputs: pd.DataFrame, bars: pd.DataFrame) -> Spec:
    """Each input's swing in each strategy's horizon cost over its range; flips marked ⇄ in orange."""
    flip = [
        "" if v != v else f"|⇄ {LABELS[s]} at {formats.number(v)}"
        for s, v in zip(inputs["flips_to"], inputs["flips_at"], strict=True)
    ]
    words = inputs.assign(name=inputs["input"].map(label), unit=inputs["unit"].map(unit_words))
    rows = words.assign(row=words["name"] + flip, rank=range(len(words)))
    data = bars.merge(rows[["input", "name", "row", "rank", "low", "high", "unit"]], on="input").assign(
        label=lambda f: f["strategy"].map(LABELS)
    )
    drawn = set(data["strategy"])  # blocked strategies are left out unless asked for
    spec = with_data(_tornado_template(tuple(LABELS[s] for s in STRATEGIES if s in drawn)), bars=data)
    per_row = 10 * max(1, data["strategy"].nunique()) + 8
    spec["height"] = 120 + per_row * len(rows)
    return spec


@cache
def _tornado_template(listed: tuple[str, ...]) -> Spec:
    """The tornado, its legend listing the strategies in ``listed`` (labels): those with bars."""
    flipped = "indexof(datum.label, '⇄') >= 0"
    # a flip goes on a second line, so a label fits a phone's width
    axis = alt.Axis(labelLimit=230, labelExpr="split(datum.label, '|')", labelOverlap=False,
                    labelColor=alt.expr(f"{flipped} ? '#D55E00' : '#31333F'"),
                    labelFontWeight=alt.expr(f"{flipped} ? 'bold' : 'normal'"))  # fmt: skip
    order = alt.EncodingSortField("rank", op="min")  # largest swing first, as ranked by core
    chart = alt.Chart(alt.NamedData("bars")).mark_bar().encode(
        y=alt.Y("row:N", sort=order, title=None, axis=axis), yOffset=alt.YOffset("label:N", sort=NAMES),
        color=_colour(listed=listed),
        x=alt.X("delta_min_usd:Q", title="Change in total cost ($)",
                axis=alt.Axis(labelExpr=formats.VEGA_USD, labelFlush=True)),
        x2="delta_max_usd:Q",
        tooltip=[alt.Tooltip("name:N", title="Input"), alt.Tooltip("label:N", title="Strategy"),
                 alt.Tooltip("low:Q", title="Range low", format=",.4~g"),
                 alt.Tooltip("high:Q", title="Range high", format=",.4~g"), alt.Tooltip("unit:N", title="Unit"),
                 alt.Tooltip("cost_usd:Q", title="Total cost now", format="$,.0f"),
                 alt.Tooltip("cost_low_usd:Q", title="Total cost at low", format="$,.0f"),
                 alt.Tooltip("cost_high_usd:Q", title="Total cost at high", format="$,.0f")],
    )  # fmt: skip
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="black").encode(x="x:Q")
    # two short lines: one long line is cut on a phone
    heading = alt.TitleParams(
        ["Swing in total cost per input, largest first", "orange ⇄: the recommendation flips there"]
    )
    return compiled((chart + zero).properties(title=heading, height=400))


def probability(summary: pd.DataFrame) -> Spec:
    """How often each strategy is the recommendation."""
    return with_data(_probability_template(), summary=summary.assign(label=summary["strategy"].map(LABELS)))


@cache
def _probability_template() -> Spec:
    return compiled(
        alt.Chart(alt.NamedData("summary"))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=NAMES, title=None),
            x=alt.X("probability:Q", title="Probability of being recommended (%)", axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1])),
            color=_colour(legend=False),
            tooltip=[alt.Tooltip("label:N", title="Strategy"), alt.Tooltip("probability:Q", title="Probability", format=".1%")],
        )
        .properties(title="Probability each strategy is recommended", height=260)
    )  # fmt: skip


def cost_box(summary: pd.DataFrame) -> Spec:
    """Horizon cost distribution per strategy: whiskers P10-P90, box P25-P75, tick at P50."""
    return with_data(_cost_box_template(), summary=summary.assign(label=summary["strategy"].map(LABELS)))


@cache
def _cost_box_template() -> Spec:
    tips = [alt.Tooltip("label:N", title="Strategy")] + [
        alt.Tooltip(f"p{p}:Q", title=f"P{p}", format="$,.0f") for p in (10, 25, 50, 75, 90)
    ]
    base = alt.Chart(alt.NamedData("summary")).encode(
        y=alt.Y("label:N", sort=NAMES, title=None), color=_colour(legend=False), tooltip=tips
    )
    x = alt.X(
        "p10:Q",
        title="Total cost over the horizon ($)",
        axis=alt.Axis(labelExpr=formats.VEGA_USD, labelFlush=True),
        scale=alt.Scale(zero=False),
    )
    whisker = base.mark_rule(size=2).encode(x=x, x2="p90:Q")
    box = base.mark_bar(size=18).encode(x="p25:Q", x2="p75:Q")
    median = base.mark_tick(color="black", size=22, thickness=2).encode(x="p50:Q")
    heading = alt.TitleParams(["Total cost over the horizon", "P10-P90 whiskers, P25-P75 box, P50 tick"])
    return compiled((whisker + box + median).properties(title=heading, height=260))


def compare_bars(long: pd.DataFrame) -> Spec:
    """Grouped bars: each scenario's horizon cost per strategy; the recommendation outlined."""
    order = {name: i for i, name in enumerate(dict.fromkeys(long["scenario"]))}
    data = long.assign(
        label=long["strategy"].map(LABELS),
        pick=long["recommended"].map({True: "recommended", False: ""}),
        passes=long["feasible"].map(formats.yes_no),
        order=long["scenario"].map(order),
    )
    return with_data(_compare_template(), long=data)


@cache
def _compare_template() -> Spec:
    return compiled(
        alt.Chart(alt.NamedData("long"))
        .mark_bar()
        .encode(
            x=alt.X("scenario:N", title=None, sort=alt.EncodingSortField("order", op="min"), axis=alt.Axis(labelAngle=0, labelLimit=100)),
            xOffset=alt.XOffset("label:N", sort=NAMES),
            y=alt.Y("horizon_cost_usd:Q", title="Total cost over the horizon ($)", axis=alt.Axis(labelExpr=formats.VEGA_USD)),
            color=_colour(),
            stroke=alt.condition("datum.recommended", alt.value("black"), alt.value(None)),
            strokeWidth=alt.condition("datum.recommended", alt.value(2.5), alt.value(0)),
            tooltip=[alt.Tooltip("scenario:N", title="Scenario"), alt.Tooltip("label:N", title="Strategy"),
                     alt.Tooltip("pick:N", title=""), alt.Tooltip("passes:N", title="Passes every rule"),
                     alt.Tooltip("horizon_cost_usd:Q", title="Total over the horizon", format="$,.0f"),
                     alt.Tooltip("monthly_cost_usd:Q", title="Cost per month", format="$,.0f"),
                     alt.Tooltip("latency_ms:Q", title="Latency (ms)", format=",.0f")],
        )
        .properties(title=alt.TitleParams(["Total cost over the horizon per strategy", "outlined: recommended"]), height=340)
    )  # fmt: skip
