"""Charts of the results of ``core.engine.analysis`` (read-only: they never compute a cost).

Each chart is written in Altair against *named* datasets and compiled to a Vega-Lite spec once
per process (``functools.cache``): Altair's schema validation costs ~20 ms a chart, more than a
whole rerun should. A public builder takes an Analysis and returns that spec with this run's
small data frames attached; draw it with ``show``. Strategies keep their colour from
``core.model.strategies.COLOURS`` on every chart; money is in USD, time in ms or months, as axes say.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from core.engine.analysis import Analysis
from core.engine.freshness import freshness_curve, never_days
from core.model import formats
from core.model.labels import COMPONENT_LABELS
from core.model.rules import QUARTERLY
from core.model.strategies import COLOURS, LABELS, MONTHLY_COMPONENTS, STRATEGIES

Spec = dict[str, Any]
ORDER = [LABELS[s] for s in STRATEGIES]
STRATEGY = alt.Scale(domain=ORDER, range=[COLOURS[s] for s in STRATEGIES])
# Paul Tol's "muted" palette: colour-blind safe and distinct from the strategy colours.
COMPONENT = alt.Scale(
    domain=[COMPONENT_LABELS[c] for c in MONTHLY_COMPONENTS],
    range=["#332288", "#88CCEE", "#CC6677", "#DDCC77", "#44AA99", "#882255",
           "#117733", "#999933", "#AA4499", "#661100", "#6699CC"],
)  # fmt: skip
HEIGHT = 320  # the whole chart: Streamlit fits title, axes and legend inside it
COMPONENTS_HEIGHT = 460  # up to 11 components in a two-column legend still leave each bar its label
USD = alt.Axis(labelExpr=formats.VEGA_USD, labelFlush=True)  # $0.20, $1,200, $1.2M: never d3's "$200m"
COUNT = alt.Axis(labelExpr=formats.VEGA_COUNT)
# Legends below the plot, never on the lines, and never cut ("retrainin"): two columns fit a phone
LEGEND = {"orient": "bottom", "direction": "horizontal", "labelLimit": 0, "title": None}


def show(spec: Spec, container: Any = st, alt: str | None = None) -> None:
    """Draw a spec from this module or ``ui.analysis_charts`` in ``container`` (a column, a tab,
    or ``st``); ``alt`` describes the chart to screen readers."""
    container.vega_lite_chart(spec=spec, alt=alt)


# Vega expression naming a strategy id: the label is computed in the browser, not per rerun.
LABEL_OF = "{" + ", ".join(f"'{s}': '{LABELS[s]}'" for s in STRATEGIES) + "}"


def _label(field: str = "strategy") -> str:
    return f"{LABEL_OF}[datum.{field}]"


def with_data(template: Spec, **frames: pd.DataFrame) -> Spec:
    """A copy of a compiled chart with this run's frames as its named datasets (beside any
    constant data the chart was compiled with), each as an Arrow table: Streamlit sends a chart's
    data as Arrow, and a table built from the columns' arrays serialises in ~0.07 ms where a
    DataFrame takes ~0.7 ms (pandas' own conversion), ten times a slider move on the Explorer."""
    tables = {name: pa.table({str(c): frame[c].to_numpy() for c in frame}) for name, frame in frames.items()}
    # New top-level dict and datasets, the rest shared with the cached template (a deep copy of
    # it all cost ~0.5 ms a chart): Streamlit copies the top level before changing it and moves
    # the datasets out of its copy. The one nested part it may change in place is a single-view
    # chart's encoding (a null legend title becomes " "), so that is copied too.
    spec = template | {"datasets": template.get("datasets", {}) | tables}
    if "encoding" in spec:
        spec["encoding"] = copy.deepcopy(spec["encoding"])
    return spec


# room at the right for the last axis label, which sits centred on the plot's edge
PADDING = {"left": 5, "top": 5, "bottom": 5, "right": 24}


def compiled(chart: alt.TopLevelMixin) -> Spec:
    """The Vega-Lite spec of an Altair chart written against named datasets: validated once, here."""
    with alt.theme.enable("none"):  # as st.altair_chart does: Streamlit's theme applies instead
        return chart.properties(padding=PADDING).to_dict()


def _colour(legend: bool = True) -> alt.Color:
    return alt.Color(
        "label:N",
        title=None,
        scale=STRATEGY,
        legend=alt.Legend(symbolType="stroke", columns=2, **LEGEND) if legend else None,
    )


def _tip(field: str, title: str, fmt: str | None = None) -> alt.Tooltip:
    return alt.Tooltip(field, title=title, format=fmt) if fmt else alt.Tooltip(field, title=title)


def _nearest(base: alt.Chart, name: str) -> alt.Chart:
    """A dot on the point of a line nearest the pointer, with the line's tooltip: Vega-Lite's
    ``nearest`` selection hovers the closest point, not just the 2 px line itself."""
    hover = alt.selection_point(name=name, nearest=True, on="pointerover", clear="pointerout", empty=False)
    shown = alt.condition(hover, alt.value(1), alt.value(0))
    return base.mark_point(filled=True, size=70).encode(opacity=shown).add_params(hover)


def cumulative_cost(analysis: Analysis) -> Spec:
    """Cumulative cost month by month, one line per strategy; a marker on each month with a retrain."""
    return with_data(_cumulative_template(), timeline=analysis.timeline)


@cache
def _cumulative_template() -> Spec:
    base = alt.Chart(alt.NamedData("timeline")).transform_calculate(label=_label()).encode(
        x=alt.X("month:Q", title="Month", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("cumulative_cost_usd:Q", title="Cumulative cost ($)", axis=USD),
        color=_colour(),
        tooltip=[_tip("label:N", "Strategy"), _tip("month:Q", "Month"),
                 _tip("cumulative_cost_usd:Q", "Cumulative cost", "$,.0f"),
                 _tip("monthly_cost_usd:Q", "Cost this month", "$,.0f"), _tip("retrains:Q", "Retrains this month")],
    )  # fmt: skip
    retrains = base.mark_point(shape="triangle-up", size=80, filled=True).transform_filter(
        "datum.retrains > 0"
    )
    chart = (base.mark_line() + retrains + _nearest(base, "near_month")).properties(
        title="Total cost over the horizon (▲ retrain)", height=HEIGHT
    )
    return compiled(chart)


def monthly_components(analysis: Analysis) -> Spec:
    """Steady monthly cost by component, stacked per strategy."""
    return with_data(_components_template(), components=_monthly(analysis.components))


def _monthly(components: pd.DataFrame) -> pd.DataFrame:
    shown = components[(components["kind"] == "monthly") & (components["usd"] > 0)]
    return shown.assign(component=shown["component"].map(COMPONENT_LABELS))


@cache
def _components_template() -> Spec:
    chart = (
        alt.Chart(alt.NamedData("components"))
        .transform_calculate(label=_label())
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=ORDER, scale=alt.Scale(domain=ORDER)),
            x=alt.X("sum(usd):Q", title="Monthly cost ($/month)", axis=USD),
            color=alt.Color(
                "component:N", title=None, scale=COMPONENT, legend=alt.Legend(columns=2, **LEGEND)
            ),
            order=alt.Order("component:N"),
            tooltip=[
                _tip("label:N", "Strategy"),
                _tip("component:N", "Component"),
                _tip("sum(usd):Q", "Cost per month", "$,.0f"),
            ],
        )  # fmt: skip
        .properties(title="Monthly cost by component", height=COMPONENTS_HEIGHT)
    )
    return compiled(chart)


def volume_curve(analysis: Analysis) -> Spec:
    """Monthly cost against queries/day (log axes), break-even volumes marked, current volume as a rule."""
    curve = analysis.volume_curve()
    crossings = analysis.break_evens()
    now = pd.DataFrame({"queries_per_day": [analysis.scenario.workload.queries_per_day]})
    cost = curve["monthly_cost_usd"]
    log_y = bool((cost > 0).all())
    x_ticks = tuple(formats.log_ticks(curve["queries_per_day"].min(), curve["queries_per_day"].max()))
    y_ticks = tuple(formats.log_ticks(cost.min(), cost.max(), most=7)) if log_y else ()
    return with_data(_volume_template(log_y, x_ticks, y_ticks), curve=curve, crossings=crossings, now=now)


@cache
def _volume_template(log_y: bool, x_ticks: tuple[float, ...], y_ticks: tuple[float, ...]) -> Spec:
    # log axes tick at 1-2-5 steps or decades (Vega's own log ticks read $1, $9, $80, $700)
    x = alt.X("queries_per_day:Q", title="Queries per day (log scale)", scale=alt.Scale(type="log"),
              axis=alt.Axis(labelExpr=formats.VEGA_COUNT, values=list(x_ticks)))  # fmt: skip
    money = alt.Axis(labelExpr=formats.VEGA_USD, values=list(y_ticks)) if y_ticks else USD
    y = alt.Y("monthly_cost_usd:Q", title="$ per month (log scale)" if log_y else "$ per month",
              scale=alt.Scale(type="log" if log_y else "linear"), axis=money)  # fmt: skip
    volume_tip = _tip("queries_per_day:Q", "Queries per day", ",.0f")
    base = alt.Chart(alt.NamedData("curve")).transform_calculate(label=_label()).encode(
        x=x, y=y, color=_colour(),
        tooltip=[_tip("label:N", "Strategy"), volume_tip, _tip("monthly_cost_usd:Q", "Cost per month", "$,.0f")],
    )  # fmt: skip
    lines = base.mark_line() + _nearest(base, "near_volume")
    pair = f"{_label('strategy_a')} + ' = ' + {_label('strategy_b')}"
    marks = (
        alt.Chart(alt.NamedData("crossings"))
        .transform_calculate(pair=pair)
        .mark_point(shape="diamond", size=100, filled=True, color="black")
        .encode(
            x=x,
            y=y,
            tooltip=[
                _tip("pair:N", "Break-even"),
                volume_tip,
                _tip("monthly_cost_usd:Q", "Cost per month", "$,.0f"),
            ],
        )
    )
    now = alt.Chart(alt.NamedData("now")).encode(
        x=x, tooltip=_tip("queries_per_day:Q", "Queries per day now", ",.0f")
    )
    rule = now.mark_rule(strokeDash=[4, 3], color="black")
    label = now.mark_text(text="now", align="left", dx=4, y=6, fontSize=11)
    chart = (lines + marks + rule + label).properties(
        title="Monthly cost vs volume (◆ break-even)", height=HEIGHT
    )
    return compiled(chart)


def latency(analysis: Analysis) -> Spec:
    """Answer latency per strategy against the budget line."""
    bars = analysis.strategies[["strategy", "latency_ms", "meets_latency_budget"]]
    budget = pd.DataFrame({"budget_ms": [analysis.scenario.latency.latency_budget_ms]})
    return with_data(_latency_template(), latency=bars, budget=budget)


@cache
def _latency_template() -> Spec:
    within = "datum.meets_latency_budget ? 'yes' : 'no'"
    bars = alt.Chart(alt.NamedData("latency")).transform_calculate(label=_label(), within=within).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort=ORDER),
        x=alt.X("latency_ms:Q", title="Latency (ms)"),
        color=_colour(legend=False),
        tooltip=[_tip("label:N", "Strategy"), _tip("latency_ms:Q", "Latency (ms)", ",.0f"),
                 _tip("within:N", "Within budget")],
    )  # fmt: skip
    rule = (
        alt.Chart(alt.NamedData("budget"))
        .mark_rule(color="#D55E00", strokeDash=[6, 3], size=2)
        .encode(x="budget_ms:Q", tooltip=_tip("budget_ms:Q", "Budget (ms)", ",.0f"))
    )
    return compiled((bars + rule).properties(title="Latency vs budget (dashed)", height=HEIGHT))


def freshness(analysis: Analysis) -> Spec:
    """Staleness (days before an update shows in answers) per strategy against the update
    cadence, the scenario's cadence marked with a rule and a point on each line."""
    flat = analysis.flat
    curve = freshness_curve(flat)
    columns = {name: curve[name].to_numpy() for name in ("updates_per_month", "strategy", "stale_days")}
    columns["never"] = np.full(len(curve), never_days(flat))
    now = curve["current"].to_numpy()
    steps = _steps_only(columns["stale_days"])
    quarterly = pd.DataFrame({"updates_per_month": [QUARTERLY]})
    return with_data(
        _freshness_template(),
        freshness=pd.DataFrame({k: v[steps] for k, v in columns.items()}),
        fresh_now=pd.DataFrame({k: v[now] for k, v in columns.items()}),
        quarterly=quarterly,
    )


def _steps_only(stale_days: np.ndarray) -> np.ndarray:
    """Rows (cadence x strategy, long format) to draw: the cadences where some strategy's
    staleness changes, and the last one. Lines drawn step-after through them are the same lines,
    from a handful of points instead of ~120."""
    n = len(STRATEGIES)
    stale = stale_days.reshape(-1, n)
    keep = np.r_[True, (stale[1:] != stale[:-1]).any(axis=1)]
    keep[-1] = True
    return np.repeat(keep, n)


# Cadences people name, at their updates/month; the log-like axis puts each one in sight.
CADENCE_TICKS = {
    0: "never",
    1 / 12: "yearly",
    QUARTERLY: "quarterly",
    1: "monthly",
    4: "weekly",
    30: "daily",
}
STALE_TICKS = {0: "0", 1: "1 day", 7: "1 week", 30: "1 month", 365: "1 year"}


def tick_labels(ticks: dict[float, str]) -> str:
    """A Vega labelExpr naming each tick value (matched to 4 significant digits)."""
    cases = " : ".join(
        f"abs(datum.value - {v!r}) < {max(abs(v), 1) * 1e-4!r} ? '{t}'" for v, t in ticks.items()
    )
    return f"{cases} : ''"


# Below the plot: prompting's "never" line runs along the top, where the other charts keep theirs.
FRESH_LEGEND = alt.Legend(symbolType="stroke", columns=2, **LEGEND)  # two columns: fits 390 px


@cache
def _freshness_template() -> Spec:
    x = alt.X(
        "updates_per_month:Q",
        title="Knowledge updates (per month, log-like scale)",
        scale=alt.Scale(type="symlog", constant=0.05, domain=[0, 60], nice=False),
        axis=alt.Axis(values=list(CADENCE_TICKS), labelExpr=tick_labels(CADENCE_TICKS), grid=True),
    )
    y = alt.Y(
        "stale_days:Q",
        title="Days until an update shows",
        scale=alt.Scale(type="symlog", constant=1),
        axis=alt.Axis(values=list(STALE_TICKS), labelExpr=tick_labels(STALE_TICKS)),
    )
    stale_text = "datum.stale_days >= datum.never ? 'never (prompting has no update path)' : format(datum.stale_days, ',.1f') + ' days'"
    tips = [_tip("label:N", "Strategy"), _tip("updates_per_month:Q", "Updates/month", ",.2f"),
            _tip("stale:N", "Staleness")]  # fmt: skip
    dash = alt.StrokeDash(
        "label:N",
        title=None,
        legend=None,
        scale=alt.Scale(domain=ORDER, range=[[1, 0], [1, 0], [6, 3], [2, 2]]),
    )
    lines = (
        alt.Chart(alt.NamedData("freshness"))
        .transform_calculate(label=_label(), stale=stale_text)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(x=x, y=y, color=_colour(legend=False).legend(FRESH_LEGEND), strokeDash=dash, tooltip=tips)
    )
    now = alt.Chart(alt.NamedData("fresh_now")).transform_calculate(label=_label(), stale=stale_text)
    points = now.mark_point(size=90, filled=True, stroke="black").encode(
        x=x, y=y, color=_colour(legend=False), tooltip=tips
    )
    rule = now.mark_rule(strokeDash=[4, 3], color="black").encode(
        x=x, tooltip=_tip("updates_per_month:Q", "Current updates/month", ",.2f")
    )
    text = now.mark_text(
        text="now", align="left", dx=4, y="height", dy=-4, baseline="bottom", fontSize=11
    ).encode(x=x)
    quarterly = (
        alt.Chart(alt.NamedData("quarterly"))
        .mark_rule(color="#D55E00", strokeDash=[2, 2])
        .encode(x=x, tooltip=alt.value("Updates more often than quarterly need retrieval"))
    )
    chart = (quarterly + lines + rule + text + points).properties(
        title="Freshness vs update cadence (● now)", height=HEIGHT
    )
    return compiled(chart)
