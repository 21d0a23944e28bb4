"""The words and tables around the charts: recommendation, key figures, export and import.

Everything shown comes from ``core`` as it is; this module only formats it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.analyses.fixes import fixes
from core.engine.analysis import Analysis
from core.io.csv_files import results_csv
from core.io.toml_files import to_toml
from core.model import formats
from core.model.labels import FIT_LABELS, RULE_LABELS, in_words, label
from core.model.rules import reason_citation
from core.model.sources import describe
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
        cols[1].metric("Fit", FIT_LABELS[rec.fit_tier], help=FIT_HELP)
    else:
        cols[0].metric("Recommended", "None", help=RECOMMENDED_HELP)
        cols[1].metric("Closest", LABELS[rec.strategy], help=CLOSEST_HELP)
    closest = "" if rec.feasible else " (closest)"
    estimate = " (estimate)" if best.price_estimate else ""  # an estimated price is said beside the cost
    cols[2].metric(f"Monthly cost{closest}{estimate}", formats.usd_exact(best.monthly_cost_usd))
    cols[3].metric(
        f"Total over {formats.months(analysis.scenario.workload.horizon_months)}{closest}",
        formats.usd_exact(best.horizon_cost_usd),
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
    broken = ", ".join(RULE_LABELS.get(rule, rule).lower() for rule in rec.breaks)
    changes = "; or ".join(f"{row.text} ({LABELS[row.strategy]} then passes)" for row in found.itertuples())
    fix = (
        f" Smallest single change that lets a strategy pass: {changes}."
        if changes
        else (" No single input change lets a strategy pass.")
    )
    return f"{rec.headline}: it breaks {broken}.{fix}"


# On a phone, tables in text (the key figures) get a smaller font and tighter cells, so their five
# columns fit 390 px instead of being cut. A page's own style sheet via st.html (public API).
_PHONE_TABLES = """<style>
@media (max-width: 640px) {
  [data-testid="stMarkdownContainer"] table { font-size: 0.8rem; }
  [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td { padding: 0.25rem 0.3rem; }
}
</style>"""


def compact_tables() -> None:
    """Let this page's text tables fit a phone's width (see ``_PHONE_TABLES``)."""
    st.html(_PHONE_TABLES)


def key_figures(analysis: Analysis) -> str:
    """Markdown table: one column per strategy (four columns fit a phone), one row per figure."""
    rows = analysis.strategies.set_index("strategy")
    horizon = analysis.scenario.workload.horizon_months
    target = analysis.scenario.quality.accuracy_target

    def accuracy(r) -> str:
        measured = ", measured" if r.accuracy_measured else ""
        low, high = formats.percent(r.accuracy_low, 0), formats.percent(r.accuracy_high, 0)
        return f"{formats.percent(r.expected_accuracy, 0)} ({low}-{high}{measured})"

    # short row names and units in them, so the five columns fit a phone's 390 px
    figures = (
        ("Passes every rule", lambda r: formats.yes_no(r.feasible)),
        ("Monthly cost", lambda r: formats.usd_exact(r.monthly_cost_usd) + (" (estimate)" if r.price_estimate else "")),
        ("One-off cost", lambda r: formats.usd_exact(r.one_off_cost_usd)),
        (f"Total, {formats.months(horizon)}", lambda r: formats.usd_exact(r.horizon_cost_usd)),
        ("Per query", lambda r: formats.usd_unit(r.cost_per_query_usd)),
        ("Latency (ms)", lambda r: formats.count(r.latency_ms)),
        ("Update wait (days)", lambda r: formats.count(round(r.stale_days, 1))),
        ("Accuracy (range)", accuracy),
        ("Meets accuracy target", lambda r: formats.yes_no(r.meets_accuracy_target) if target > 0 else "no target"),
        ("Weeks to production", lambda r: formats.count(round(r.weeks_to_production, 1))),
        ("Prompt / window (tokens)", lambda r: _window(r.prompt_tokens, r.context_window_tokens)),
        ("Fit", lambda r: FIT_LABELS[r.fit_tier]),
    )  # fmt: skip
    records = list(rows.itertuples())  # once: each pass over a frame's rows costs ~4 ms
    lines = ["| | " + " | ".join(LABELS[s] for s in rows.index) + " |", "|---" + "|--:" * len(rows) + "|"]
    for name, show in figures:
        lines.append(f"| {name} | " + " | ".join(show(r) for r in records) + " |")
    return "\n".join(lines)


def _window(prompt: float, window: float) -> str:
    return f"{prompt:,.0f} / {window:,.0f}" if window > 0 else f"{prompt:,.0f} / not known"


def reasons(analysis: Analysis) -> None:
    """Why the winner won (rules in order) and why each other strategy lost, each with its source."""
    rec = analysis.recommendation
    why, lost = st.columns(2)
    title = LABELS[rec.strategy] if rec.feasible else f"no strategy passes (closest: {LABELS[rec.strategy]})"
    items: dict[bool, list[str]] = {False: [f"**Why {title}**"], True: ["**Why not the others**"]}
    for reason in rec.reasons:
        cited = literal(reason_citation(reason.rule, reason.source, reason.text), 2_000)
        items[reason.rule == "lost"].append(
            f"- {literal(in_words(reason.text), 2_000)}  \n  {RULE_LABELS.get(reason.rule, reason.rule)} · _{cited}_"
        )
    # one text element per column, not one per reason: a slider move redraws 2 elements, not ~10
    why.markdown("\n".join(items[False][:1] + [""] + items[False][1:]))
    lost.markdown("\n".join(items[True][:1] + [""] + items[True][1:]))


def preset_sources(sources: dict[str, str]) -> pd.DataFrame:
    """A preset's sources, one row per input, the input in words."""
    said = [in_words(describe(text)) for text in sources.values()]
    return pd.DataFrame({"Input": [label(name) for name in sources], "Source": said})


def export_import(latest: Callable[[], Analysis], slug: str, title: str) -> None:
    """Three downloads built only when clicked, from the analysis current then (``latest()``),
    and the uploader that restores a scenario."""
    down = st.columns(3)
    files = (
        ("Results CSV", lambda: results_csv(latest().export_rows()), f"{slug}_results.csv", "text/csv"),
        ("Month-by-month CSV", lambda: results_csv(latest().timeline.to_dict("records")), f"{slug}_months.csv", "text/csv"),
        ("Scenario TOML", lambda: to_toml(latest().scenario, {"title": title}), f"{slug}.toml", "application/toml"),
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
