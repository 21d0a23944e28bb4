"""The method, read from the code and data themselves so the Method page cannot drift from them:
every formula (as its function's docstring states it), every rule, constant, field default,
preset number and training price with its source."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import textwrap
from functools import cache

import pandas as pd

import core.engine
from core.engine.analysis import Analysis
from core.io.presets import SCENARIOS_DIR, fields_set, presets
from core.io.prices import training_prices
from core.model import rules as rule_module
from core.model import strategies
from core.model.fields import FIELDS, allowed, citation, unit
from core.model.labels import RULE_LABELS, label
from core.model.rules import HARD_RULES, RULE_QUOTES, RULES
from core.model.scenario import Scenario
from core.model.sources import S000, S001, S002, S003, S004, SOURCES, cite, describe, quoted, record
from core.model.strategies import MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS, STRATEGIES

_CONSTANT = re.compile(r"^([A-Z_]+) = (.+?)\s+#\s*(.+)$")
_SECTIONS = ("Equation:", "Shapes:", "Source:")
# Code comments name the five articles by their number; a reader sees the article's citation.
_ARTICLE_NUMBERS = {"000": S000, "001": S001, "002": S002, "003": S003, "004": S004}
_ARTICLE_NUMBER = re.compile(r"(?<![\d,.])(00[0-4])(?!\d)")

# KnowMBA's Total Cost of Customization (000), term by term, and the engine components in each
TCC_FORMULA = (
    "Total Cost of Customization = (RAG Cost per Query × Queries) + (Fine-Tune Training Cost / "
    "Lifetime Queries) + (Maintenance Cost × Months)"
)
TCC_TERMS = {
    "RAG Cost per Query × Queries": (
        ("generation", "cache_writes", "retrieval", "vector_store", "reembedding", "hosting", "errors"),
        ("index_build",),
    ),
    "Fine-Tune Training Cost": (("retraining", "migration"), ("labelling", "training")),
    "Maintenance Cost × Months": (("maintenance", "engineering"), ("build",)),
}
TCC_SOURCE = cite(S000)


def _sections(doc: str) -> dict[str, str]:
    """A numpy-financial style docstring as summary, doc (the other prose), equation, shapes, source."""
    blocks = [b for b in re.split(r"\n\s*\n", doc.strip()) if b.strip()]
    found = {
        "summary": blocks[0].replace("\n", " "),
        "doc": [],
        "Equation:": "",
        "Shapes:": "",
        "Source:": "",
    }
    for block in blocks[1:]:
        head, _, rest = block.partition("\n")
        key = next((s for s in _SECTIONS if head.startswith(s)), None)
        if key == "Equation:":
            found[key] = textwrap.dedent(rest).strip()
        elif key is not None:
            found[key] = " ".join((head[len(key) :] + " " + rest).split())
        else:
            found["doc"].append(" ".join(block.split()))
    return found


def _engine_functions():
    """Every function defined in a module of ``core.engine``, module by module, in source order."""
    for info in pkgutil.iter_modules(core.engine.__path__):
        module = importlib.import_module(f"core.engine.{info.name}")
        for name, fn in vars(module).items():
            if inspect.isfunction(fn) and fn.__module__ == module.__name__:
                yield module.__name__, name, fn


@cache
def formulas() -> pd.DataFrame:
    """Every formula of the engine: each function of ``core.engine`` whose docstring has an
    ``Equation:`` section. Columns: module, name (the function), component (a cost component),
    doc, formula (the equation, field names as in the scenario), shapes, source."""
    rows = []
    for module, name, fn in _engine_functions():
        doc = inspect.getdoc(fn) or ""
        if "\nEquation:\n" not in doc:
            continue
        parts = _sections(doc)
        rows.append({"module": module, "name": name, "component": name in MONTHLY_COMPONENTS + ONE_OFF_COMPONENTS,
                     "doc": " ".join([parts["summary"], *parts["doc"]]), "formula": parts["Equation:"],
                     "shapes": parts["Shapes:"], "source": parts["Source:"]})  # fmt: skip
    return pd.DataFrame(rows)


def constants() -> pd.DataFrame:
    """The shared constants with the comment that gives their source: name, value, note (an
    article's number in the comment shown as its citation)."""
    rows = []
    for module in (strategies, rule_module):
        for line in inspect.getsource(module).splitlines():
            found = _CONSTANT.match(line)
            if found:
                name, value, note = found.groups()
                note = _ARTICLE_NUMBER.sub(lambda m: cite(_ARTICLE_NUMBERS[m[1]]), note)
                rows.append({"name": name, "value": value, "note": note})
    return pd.DataFrame(rows)


def rules() -> pd.DataFrame:
    """Every decision rule: name (in words), rule (its id), hard (a constraint that blocks
    strategies), text, source (its citations) and sentence (the exact sentences it rests on, each
    with its citation)."""
    rows = [
        {"name": RULE_LABELS[r], "rule": r, "hard": r in HARD_RULES, "text": text, "source": describe(src),
         "sentence": "; ".join(quoted(q) for q in RULE_QUOTES.get(r, ()))}
        for r, (src, text) in RULES.items()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def source_table() -> pd.DataFrame:
    """The registry of sources, one row each: citation, publisher, title, date, authors, year,
    arxiv, version ("" where the source does not give it)."""
    columns = ["citation", "publisher", "title", "date", "authors", "year", "arxiv", "version"]
    rows = [record(i) for i, s in SOURCES.items() if s.kind not in ("assumption", "computed")]
    return pd.DataFrame(rows, dtype=object)[columns].fillna("").astype(str)


def field_defaults() -> pd.DataFrame:
    """Every input: input (its label), field, group, default, unit, allowed, source, description."""
    defaults = Scenario().flat()
    rows = [
        {"input": label(n), "field": n, "group": FIELDS[n][0], "default": str(defaults[n]), "unit": unit(n), "allowed": allowed(n),
         "source": citation(n), "description": FIELDS[n][1].description or ""}
        for n in FIELDS
    ]  # fmt: skip
    return pd.DataFrame(rows)


def preset_numbers() -> pd.DataFrame:
    """Every number a preset file sets, with its source: preset, title, field, value, unit, source."""
    rows = []
    for pid, p in presets().items():
        flat = p.scenario.flat()
        for name in fields_set(SCENARIOS_DIR / f"{pid}.toml"):
            rows.append({"preset": pid, "title": p.title, "input": label(name), "field": name, "value": str(flat[name]),
                         "unit": unit(name), "source": describe(p.sources.get(name, "(no source given)"))})  # fmt: skip
    return pd.DataFrame(rows)


def training_price_table() -> pd.DataFrame:
    """The dated training price table: provider, model, USD per 1M training tokens, as_of, source."""
    return pd.DataFrame(list(training_prices().values()))


def tcc(analysis: Analysis) -> pd.DataFrame:
    """KnowMBA's Total Cost of Customization as the engine computes it, per strategy: one row
    per term with its engine components and USD over the horizon; the terms add up to
    horizon_cost_usd. The engine adds the training cost whole (USD), not divided by lifetime
    queries, so that every term is in dollars; per lifetime query it is shown beside."""
    comp = analysis.components.pivot(index="component", columns="strategy", values="usd")
    horizon = analysis.scenario.workload.horizon_months
    queries = analysis.scenario.workload.queries_per_day * strategies.DAYS_PER_MONTH * horizon
    rows = []
    for term, (monthly, one_off) in TCC_TERMS.items():
        for s in STRATEGIES:
            usd = sum(comp.loc[m, s] for m in monthly) * horizon + sum(comp.loc[o, s] for o in one_off)
            rows.append({"term": term, "components": ", ".join(monthly + one_off), "strategy": s,
                         "usd": float(usd), "usd_per_lifetime_query": float(usd / queries)})  # fmt: skip
    return pd.DataFrame(rows)


def tcc_table(analysis: Analysis, value: str = "usd") -> pd.DataFrame:
    """``tcc`` as one row per term in KnowMBA's order and one column per strategy; for ``usd``
    a last row "Total (horizon cost)" that equals each strategy's horizon_cost_usd."""
    terms = tcc(analysis)
    table = terms.pivot(index="term", columns="strategy", values=value).reindex(list(TCC_TERMS))
    table = table[list(STRATEGIES)]
    table.insert(0, "components", [", ".join(sum(TCC_TERMS[t], ())) for t in table.index])
    if value == "usd":
        table.loc["Total (horizon cost)"] = ["", *(analysis.strategies["horizon_cost_usd"])]
    return table.reset_index()
