"""The words and tables around the charts: recommendation, key figures, export and import.

Everything shown comes from ``core`` as it is; this module only formats it.
"""

from __future__ import annotations

import streamlit as st

from core.analyses.fixes import fixes
from core.engine.analysis import Analysis
from core.io.csv_files import results_csv
from core.io.toml_files import to_toml
from core.model.rules import reason_citation
from core.model.strategies import LABELS
from ui.messages import literal, show_error, show_warning
from ui.state import UPLOAD_ERROR, restore_upload

RECOMMENDED_HELP = (
    "The cheapest strategy over the horizon that passes every rule (the accuracy target among them); "
    "prompting first when it meets the target."
)
CLOSEST_HELP = (
    "No strategy passes every rule: the one breaking the fewest, then the cheapest. Not a recommendation."
)
FIT_HELP = (
    "How well fine-tuning fits, after KnowMBA's 'When Fine-Tuning Pays Off': strong, possible, unlikely, "
    "avoid. The table grades fine-tuned strategies only: prompting and RAG show none."
)


def headline(analysis: Analysis) -> None:
    """The recommended strategy, its fit tier and its cost, as four metrics; when no strategy
    passes every rule, says so, shows the closest and the smallest single changes that fix it."""
    rec = analysis.recommendation
    best = analysis.strategies.set_index("strategy").loc[rec.strategy]
    cols = st.columns(4)
    if rec.feasible:
        cols[0].metric("Recommended", LABELS[rec.strategy], help=RECOMMENDED_HELP)
        cols[1].metric("Fit", rec.fit_tier, help=FIT_HELP)
    else:
        cols[0].metric("Recommended", "None", help=RECOMMENDED_HELP)
        cols[1].metric("Closest", LABELS[rec.strategy], help=CLOSEST_HELP)
    closest = "" if rec.feasible else " (closest)"
    estimate = " (estimate)" if best.price_estimate else ""  # an estimated price is said beside the cost
    cols[2].metric(f"Monthly cost{closest}{estimate}", f"${best.monthly_cost_usd:,.0f}")
    cols[3].metric(
        f"Total over {analysis.scenario.workload.horizon_months} months{closest}",
        f"${best.horizon_cost_usd:,.0f}",
    )
    payback(analysis)
    if not rec.feasible:
        show_warning(no_fit_text(analysis), icon=":material/block:")
    elif rec.weak_fit:
        show_warning(rec.headline + ".", icon=":material/warning:")


def payback(analysis: Analysis) -> None:
    """The payback sentence under the recommendation: when the cumulative costs cross the runner-up's."""
    if analysis.payback is not None:
        st.markdown(f"**Payback:** {literal(analysis.payback.sentence)}")


def no_fit_text(analysis: Analysis) -> str:
    """ "No strategy meets every constraint", what the closest breaks, and what would fix it."""
    rec = analysis.recommendation
    found = fixes(analysis.scenario).query("found")
    broken = ", ".join(rule.replace("_", " ") for rule in rec.breaks)
    changes = "; or ".join(f"{row.text} ({LABELS[row.strategy]} then passes)" for row in found.itertuples())
    fix = (
        f" Smallest single change that lets a strategy pass: {changes}."
        if changes
        else (" No single input change lets a strategy pass.")
    )
    return f"{rec.headline}: it breaks {broken}.{fix}"


def key_figures(analysis: Analysis) -> str:
    """Markdown table: one row per strategy with its key figures, units in the header."""
    rows = [
        "| Strategy | Passes rules | Monthly (USD) | One-off (USD) | Horizon (USD) | Per query (USD) "
        "| Latency (ms) | Stale (days) | Accuracy (interval) | Meets target | Fit tier "
        "| Weeks to production | Prompt / context window (tokens) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|",
    ]
    target = analysis.scenario.quality.accuracy_target
    for r in analysis.strategies.itertuples():
        measured = " measured" if r.accuracy_measured else ""
        meets = ("yes" if r.meets_accuracy_target else "no") if target > 0 else "no target"
        rows.append(
            f"| {LABELS[r.strategy]}{' (estimate)' if r.price_estimate else ''} | {'yes' if r.feasible else 'no'} "
            f"| {r.monthly_cost_usd:,.0f} "
            f"| {r.one_off_cost_usd:,.0f} | {r.horizon_cost_usd:,.0f} | {r.cost_per_query_usd:.5f} "
            f"| {r.latency_ms:,.0f} | {r.stale_days:,.1f} "
            f"| {r.expected_accuracy:.1%} ({r.accuracy_low:.1%}-{r.accuracy_high:.1%}{measured}) "
            f"| {meets} | {r.fit_tier} "
            f"| {r.weeks_to_production:,.1f} | {_window(r.prompt_tokens, r.context_window_tokens)} |"
        )
    return "\n".join(rows)


def _window(prompt: float, window: float) -> str:
    return f"{prompt:,.0f} / {window:,.0f}" if window > 0 else f"{prompt:,.0f} / not known"


def reasons(analysis: Analysis) -> None:
    """Why the winner won (rules in order) and why each other strategy lost, each with its source."""
    rec = analysis.recommendation
    why, lost = st.columns(2)
    title = LABELS[rec.strategy] if rec.feasible else f"no strategy passes (closest: {LABELS[rec.strategy]})"
    why.markdown(f"**Why {title}**")
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
