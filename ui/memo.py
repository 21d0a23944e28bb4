"""The decision memo: one self-contained HTML file a lead can attach to a budget request.

Recommendation and payback, the reasons with their sources, the key figures, the Explorer's four
charts as PNG images (rendered offline by ``vl-convert-python``, no browser), the inputs that
differ from the preset, and where the prices come from with their dates. Every piece of text
that is not ours (a scenario title, a model id, a source note) goes through ``html.escape``.
Built only when the download button is clicked.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import Any

import pyarrow as pa
import streamlit as st

from core.engine.analysis import Analysis
from core.io.presets import Preset
from core.io.prices import GENAI_PRICES_VERSION, training_prices
from core.model.fields import FIELDS, number
from core.model.labels import titled
from core.model.rules import reason_citation
from core.model.sources import describe
from core.model.strategies import LABELS
from ui import charts

CHART_WIDTH = 620  # px: the width of an A4 page's text at print scale
CHART_SCALE = 1.5  # pixel density of the PNG: sharp in print, ~1 MB for the four charts
CHARTS = (
    (charts.cumulative_cost, "Total cost over the horizon, month by month, per strategy"),
    (charts.monthly_components, "Steady monthly cost by component, per strategy"),
    (charts.volume_curve, "Monthly cost against query volume, break-even volumes marked"),
    (charts.latency, "Answer latency per strategy against the latency budget"),
)
STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:48rem;margin:2rem auto;
padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.answer{font-size:1.2rem;background:#f3f6fa;border-left:4px solid #0072B2;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #ddd;padding:.25rem .4rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa;text-align:left}
figure{margin:1rem 0}img{max-width:100%;height:auto}figcaption,.meta,.src{color:#57606a;font-size:.85rem}
@media print{body{margin:0}h2{break-after:avoid}figure{break-inside:avoid}}
"""


def chart_png(spec: dict[str, Any]) -> bytes:
    """A chart spec of ``ui.charts`` (named Arrow tables attached, or constant records compiled
    into it) as a PNG, rendered offline."""
    import vl_convert  # imported on first use: ~0.1 s and a large module no page needs otherwise

    spec = copy.copy(spec)
    spec["datasets"] = {
        name: json.loads(frame.to_pandas().to_json(orient="records"))
        if isinstance(frame, pa.Table)
        else frame
        for name, frame in spec["datasets"].items()
    }
    spec["width"] = CHART_WIDTH
    spec["config"] = {"font": "sans-serif"}  # as Streamlit draws them; Vega's default titles are serif
    return vl_convert.vegalite_to_png(json.dumps(spec), scale=CHART_SCALE)


def _img(spec: dict[str, Any], caption: str) -> str:
    data = base64.b64encode(chart_png(spec)).decode("ascii")
    return (
        f'<figure><img alt="{escape(caption)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _reason(reason: Any) -> str:
    return f"<li>{escape(reason.text)}<br><span class=src>Source: {escape(reason_citation(reason.rule, reason.source, reason.text))}</span></li>"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    return str(value)


def changed_inputs(analysis: Analysis, chosen: Preset) -> list[tuple[str, str, str]]:
    """(input, preset value, this scenario's value) for every input that differs from the preset."""
    now, base = analysis.scenario.flat(), chosen.scenario.flat()
    return [(titled(n), _value(base[n]), _value(now[n])) for n in now if now[n] != base[n]]


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numeric else ''}>{escape(c)}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _key_figures(analysis: Analysis) -> str:
    rows = [
        [LABELS[r.strategy], "yes" if r.feasible else "no", f"${r.monthly_cost_usd:,.0f}", f"${r.one_off_cost_usd:,.0f}",
         f"${r.horizon_cost_usd:,.0f}", f"{r.latency_ms:,.0f}", f"{r.stale_days:,.1f}", f"{r.expected_accuracy:.0%}", r.fit_tier]
        for r in analysis.strategies.itertuples()
    ]  # fmt: skip
    head = ["Strategy", "Passes rules", "Monthly", "One-off", "Total over horizon", "Latency (ms)",
            "Stale (days)", "Accuracy", "Fit"]  # fmt: skip
    return _table(head, rows, numeric={2, 3, 4, 5, 6, 7})


def _price_sources(analysis: Analysis) -> list[str]:
    flat = analysis.flat
    lines = [
        f"Inference and embedding prices: genai-prices {GENAI_PRICES_VERSION}, its bundled price data "
        f"(read offline), for {flat['provider']} / {flat['model']}."
    ]
    row = training_prices().get((flat["provider"], flat["model"]))
    if flat["training_method"] == "api" and row:
        lines.append(f"Training price: ${row['training_price_per_mtok_usd']:,.2f} per 1M training tokens, "
                     f"as of {row['as_of']}, {row['source']}.")  # fmt: skip
    else:
        lines.append(f"Training cost: set in the scenario ({flat['training_method']} method); source: "
                     f"{describe(FIELDS['lora_run_cost_usd'][1].json_schema_extra['source'])}.")  # fmt: skip
    return lines


def memo_html(analysis: Analysis, chosen: Preset, title: str, now: datetime | None = None) -> str:
    """The memo as one HTML document (charts embedded as PNG data URIs)."""
    now = now or datetime.now(UTC)
    rec, s = analysis.recommendation, analysis.scenario
    name = LABELS.get(rec.strategy, "no strategy: none passes every rule")
    answer = f"Recommended: {name} (fit: {rec.fit_tier})."
    if rec.strategy in LABELS:
        best = analysis.strategies.set_index("strategy").loc[rec.strategy]
        answer += (f" ${best.monthly_cost_usd:,.0f} a month, ${best.horizon_cost_usd:,.0f} over "
                   f"{s.workload.horizon_months} months.")  # fmt: skip
    payback = f"<p><b>Payback:</b> {escape(analysis.payback.sentence)}</p>" if analysis.payback else ""
    why = "".join(_reason(r) for r in rec.reasons if r.rule != "lost")
    why_not = "".join(_reason(r) for r in rec.reasons if r.rule == "lost")
    changes = changed_inputs(analysis, chosen)
    differ = (
        _table(["Input", "Preset", "This scenario"], [list(c) for c in changes])
        if changes
        else "<p>None: the preset as published.</p>"
    )
    preset_sources = _table(
        ["Input", "Source"], [[titled(n), describe(v)] for n, v in chosen.sources.items()]
    )
    images = "".join(_img(build(analysis), caption) for build, caption in CHARTS)
    prices = "".join(f"<li>{escape(line)}</li>" for line in _price_sources(analysis))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Decision memo: {escape(title)}</title>
<style>{STYLE}</style></head><body>
<h1>Decision memo: {escape(title)}</h1>
<p class=meta>Prepared {now:%d %B %Y, %H:%M} UTC with the RAG vs Fine-Tuning Scenario Explorer.
Preset: {escape(chosen.title)}. {escape(chosen.summary)}</p>
<h2>Recommendation</h2><p class=answer>{escape(answer)}</p>{payback}
<h2>Why {escape(LABELS.get(rec.strategy, "no strategy"))}</h2><ul>{why}</ul>
<h2>Why not the others</h2><ul>{why_not}</ul>
<h2>Key figures</h2>{_key_figures(analysis)}
<p class=meta>Costs in USD. Monthly: the steady monthly cost, retraining averaged over the horizon.</p>
<h2>Charts</h2>{images}
<h2>Inputs that differ from the preset</h2>{differ}
<h2>Prices and sources</h2><ul>{prices}</ul>
<p class=meta>Every other price and figure is the preset's; its sources:</p>{preset_sources}
</body></html>
"""


def download(latest: Callable[[], Analysis], chosen: Preset, title: str) -> None:
    """The memo's download button: built (charts rendered) only when clicked, from the analysis
    current then (``latest()``)."""
    st.download_button(
        "Decision memo (HTML)",
        lambda: memo_html(latest(), chosen, title),
        f"{chosen.id}_decision_memo.html",
        "text/html",
        on_click="ignore",
        icon=":material/description:",
        help="Recommendation, reasons with sources, key figures, charts and inputs in one file to attach.",
    )
