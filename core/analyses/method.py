"""The method, read from the code and data themselves so the Method page cannot drift from them:
every formula (the engine's and the decision's source, simplified for reading), every rule,
constant, field default, preset number and training price with its source."""

from __future__ import annotations

import ast
import inspect
import re
from functools import cache
from types import ModuleType

import pandas as pd

from core.engine import costs as engine
from core.engine import decision
from core.engine.analysis import Analysis
from core.io.presets import SCENARIOS_DIR, fields_set, presets
from core.io.prices import training_prices
from core.model import strategies
from core.model.scenario import FIELDS, S000, Scenario, allowed, source, unit
from core.model.strategies import HARD_RULES, RULES, STRATEGIES

# plumbing, not formulas: type conversion, array shaping and the wording of reasons
_PLUMBING = {
    "to_columns",
    "_encode",
    "per_strategy",
    "_col",
    "_reason",
    "explain",
    "_cost_text",
    "_lost_text",
}
_CONSTANT = re.compile(r"^([A-Z_]+) = (.+?)\s+#\s*(.+)$")

# KnowMBA's Total Cost of Customization (000), term by term, and the engine components in each
TCC_FORMULA = (
    "Total Cost of Customization = (RAG Cost per Query × Queries) + (Fine-Tune Training Cost / "
    "Lifetime Queries) + (Maintenance Cost × Months)"
)
TCC_TERMS = {
    "RAG Cost per Query × Queries": (("generation", "retrieval", "hosting", "errors"), ("index_build",)),
    "Fine-Tune Training Cost": (("retraining",), ("labelling", "training")),
    "Maintenance Cost × Months": (("maintenance",), ()),
}
TCC_SOURCE = S000


class _Readable(ast.NodeTransformer):
    """``c["queries_per_day"]`` and ``_col(cols, "queries_per_day")`` read as ``queries_per_day``."""

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.value.id == "c" and isinstance(node.slice, ast.Constant):
            return ast.Name(str(node.slice.value))
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "_col"
            and isinstance(node.args[1], ast.Constant)
        ):
            return ast.Name(str(node.args[1].value))
        return node


def _body(fn: ast.FunctionDef) -> list[ast.stmt]:
    has_doc = ast.get_docstring(fn) is not None
    return [_Readable().visit(s) for s in fn.body[1 if has_doc else 0 :]]


def _module_formulas(module: ModuleType) -> list[dict[str, str]]:
    rows = []
    for fn in ast.parse(inspect.getsource(module)).body:
        if not isinstance(fn, ast.FunctionDef) or fn.name in _PLUMBING:
            continue
        doc = (ast.get_docstring(fn) or "").replace("\n", " ")
        if fn.name == "compute_costs":
            rows += _cost_lines(fn, module.__name__, doc)
        else:
            code = "\n".join(ast.unparse(s) for s in _body(fn))
            rows.append(
                {"module": module.__name__, "function": fn.name, "name": fn.name, "doc": doc, "formula": code}
            )
    return rows


def _cost_lines(fn: ast.FunctionDef, module: str, doc: str) -> list[dict[str, str]]:
    """compute_costs one assignment (or one cost component) per row, shaping lines left out."""
    rows = []
    for stmt in _body(fn):
        if not isinstance(stmt, ast.Assign) or "broadcast" in ast.unparse(stmt.value):
            continue
        if ast.unparse(stmt.targets[0]) == "c":  # the columns as (N, 1) arrays
            continue
        target = ast.unparse(stmt.targets[0])
        if isinstance(stmt.value, ast.Dict):
            for key, value in zip(stmt.value.keys, stmt.value.values, strict=True):
                name = f"{target}[{ast.unparse(key)}]"
                rows.append(_row(module, name, doc, f"{name} = {ast.unparse(value)}"))
        else:
            rows.append(_row(module, target, doc, ast.unparse(stmt)))
    return rows


def _row(module: str, name: str, doc: str, formula: str) -> dict[str, str]:
    return {"module": module, "function": "compute_costs", "name": name, "doc": doc, "formula": formula}


@cache
def formulas() -> pd.DataFrame:
    """Every formula of core.engine.costs and core.engine.decision: module, function, name (the function, or
    in compute_costs the variable or cost component), doc, formula (Python)."""
    return pd.DataFrame(_module_formulas(engine) + _module_formulas(decision))


def constants() -> pd.DataFrame:
    """The shared constants with the comment that gives their source: name, value, note."""
    rows = []
    for module in (strategies, decision, engine):
        for line in inspect.getsource(module).splitlines():
            found = _CONSTANT.match(line)
            if found:
                rows.append(dict(zip(("name", "value", "note"), found.groups(), strict=True)))
    return pd.DataFrame(rows)


def rules() -> pd.DataFrame:
    """Every decision rule: rule, hard (a constraint that blocks strategies), text, source."""
    rows = [
        {"rule": r, "hard": r in HARD_RULES, "text": text, "source": src} for r, (src, text) in RULES.items()
    ]
    return pd.DataFrame(rows)


def field_defaults() -> pd.DataFrame:
    """Every input: field, group, default, unit, allowed, source, description."""
    defaults = Scenario().flat()
    rows = [
        {"field": n, "group": FIELDS[n][0], "default": str(defaults[n]), "unit": unit(n), "allowed": allowed(n),
         "source": source(n), "description": FIELDS[n][1].description or ""}
        for n in FIELDS
    ]  # fmt: skip
    return pd.DataFrame(rows)


def preset_numbers() -> pd.DataFrame:
    """Every number a preset file sets, with its source: preset, title, field, value, unit, source."""
    rows = []
    for pid, p in presets().items():
        flat = p.scenario.flat()
        for name in fields_set(SCENARIOS_DIR / f"{pid}.toml"):
            rows.append({"preset": pid, "title": p.title, "field": name, "value": str(flat[name]),
                         "unit": unit(name), "source": p.sources.get(name, "(no source given)")})  # fmt: skip
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
