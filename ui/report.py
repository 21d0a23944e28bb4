"""The words and tables around the charts: recommendation, key figures, export and import.

Everything shown comes from ``core`` as it is; this module only formats it.
"""

from __future__ import annotations

import streamlit as st

from core.engine.analysis import Analysis
from core.io.csv_files import results_csv
from core.io.toml_files import to_toml
from core.model.rules import reason_citation
from core.model.strategies import LABELS
from ui.messages import literal, show_error
from ui.state import UPLOAD_ERROR, restore_upload

FIT_HELP = "How well the recommended strategy fits, after KnowMBA's 'When Fine-Tuning Pays Off': strong, possible, unlikely, avoid."


def headline(analysis: Analysis) -> None:
    """The recommended strategy, its fit tier and its cost, as four metrics."""
    rec = analysis.recommendation
    best = analysis.strategies.set_index("strategy").loc[rec.strategy]
    cols = st.columns(4)
    cols[0].metric(
        "Recommended", LABELS[rec.strategy], help="Cheapest strategy over the horizon that passes every rule."
    )
    cols[1].metric("Fit", rec.fit_tier, help=FIT_HELP)
    estimate = " (estimate)" if best.price_estimate else ""  # an estimated price is said beside the cost
    cols[2].metric(f"Monthly cost{estimate}", f"${best.monthly_cost_usd:,.0f}")
    cols[3].metric(
        f"Total over {analysis.scenario.workload.horizon_months} months", f"${best.horizon_cost_usd:,.0f}"
    )
    payback(analysis)


def payback(analysis: Analysis) -> None:
    """The payback sentence under the recommendation: when the cumulative costs cross the runner-up's."""
    if analysis.payback is not None:
        st.markdown(f"**Payback:** {literal(analysis.payback.sentence)}")


def key_figures(analysis: Analysis) -> str:
    """Markdown table: one row per strategy with its key figures, units in the header."""
    rows = [
        "| Strategy | Passes rules | Monthly (USD) | One-off (USD) | Horizon (USD) | Per query (USD) "
        "| Latency (ms) | Stale (days) | Accuracy | Fit tier | Weeks to production "
        "| Prompt / context window (tokens) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|",
    ]
    for r in analysis.strategies.itertuples():
        rows.append(
            f"| {LABELS[r.strategy]}{' (estimate)' if r.price_estimate else ''} | {'yes' if r.feasible else 'no'} "
            f"| {r.monthly_cost_usd:,.0f} "
            f"| {r.one_off_cost_usd:,.0f} | {r.horizon_cost_usd:,.0f} | {r.cost_per_query_usd:.5f} "
            f"| {r.latency_ms:,.0f} | {r.stale_days:,.1f} | {r.expected_accuracy:.0%} | {r.fit_tier} "
            f"| {r.weeks_to_production:,.1f} | {_window(r.prompt_tokens, r.context_window_tokens)} |"
        )
    return "\n".join(rows)


def _window(prompt: float, window: float) -> str:
    return f"{prompt:,.0f} / {window:,.0f}" if window > 0 else f"{prompt:,.0f} / not known"


def reasons(analysis: Analysis) -> None:
    """Why the winner won (rules in order) and why each other strategy lost, each with its source."""
    rec = analysis.recommendation
    why, lost = st.columns(2)
    why.markdown(f"**Why {LABELS[rec.strategy]}**")
    lost.markdown("**Why not the others**")
    for reason in rec.reasons:
        cited = literal(reason_citation(reason.rule, reason.source, reason.text), 2_000)
        (lost if reason.rule == "lost" else why).markdown(f"- {reason.text}  \n  `{reason.rule}` · _{cited}_")


def export_import(analysis: Analysis, slug: str, title: str) -> None:
    """Three downloads built only when clicked, and the uploader that restores a scenario."""
    down = st.columns(3)
    files = (
        ("Results CSV", lambda: results_csv(analysis.export_rows()), f"{slug}_results.csv", "text/csv"),
        ("Month-by-month CSV", lambda: results_csv(analysis.timeline.to_dict("records")), f"{slug}_months.csv", "text/csv"),
        ("Scenario TOML", lambda: to_toml(analysis.scenario, {"title": title}), f"{slug}.toml", "application/toml"),
    )  # fmt: skip
    for col, (text, build, name, mime) in zip(down, files, strict=True):
        col.download_button(text, build, name, mime, on_click="ignore", icon=":material/download:")
    st.file_uploader(
        "Restore a scenario exported earlier (CSV or TOML, up to 1 MB)",
        type=["csv", "toml"],
        key="upload",
        on_change=restore_upload,
        max_upload_size=1,
    )
    if error := st.session_state.get(UPLOAD_ERROR):
        show_error(error)
