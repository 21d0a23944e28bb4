"""Method and sources: every formula, rule, default, preset number and price, read from core."""

import streamlit as st

from core.analyses import method
from core.io.prices import PRICE_RULES
from core.model.labels import in_words, label
from core.model.strategies import LABELS, STRATEGIES
from ui.frame import frame, live
from ui.state import current_analysis

frame("Method and sources")
st.title("Method and sources")
st.caption(
    "Everything on this page is read from the engine's code and data files as they run, so it cannot "
    "drift from what the explorer computes. Sources are cited by publisher or author, title and date "
    "where they give one, with the sentence each rule or number rests on."
)


def words(table):
    """The table with every field, rule or strategy id in its text cells said in words; the id
    columns (hidden on the page, kept for its tests and downloads) stay as they are."""
    said = {
        c: table[c].map(lambda v: in_words(v) if isinstance(v, str) else v) for c in table if c not in IDS
    }
    return table.assign(**said)


IDS = ("rule", "field", "preset")


def tcc(analysis, value: str = "usd"):
    """KnowMBA's terms per strategy, the engine components of each term in words."""
    table = method.tcc_table(analysis, value)
    said = table["components"].map(
        lambda text: ", ".join(label(c) for c in text.split(", ")) if text else text
    )
    return table.assign(components=said)


TERMS = {"term": "KnowMBA term", "components": "Engine components"}

formulas = method.formulas()


def terms() -> None:
    """KnowMBA's Total Cost of Customization for the current scenario: what the sliders drive.
    Everything below it is the engine's own text and data, drawn on full runs only."""
    analysis = current_analysis()
    horizon = analysis.scenario.workload.horizon_months

    st.header("Total Cost of Customization, as the engine computes it")
    st.markdown(f"{method.TCC_SOURCE}:")
    st.code(method.TCC_FORMULA, language=None, wrap_lines=True)
    st.markdown(
        f"The engine counts every term in dollars over the horizon ({horizon} months for the current scenario), "
        "month by month, and adds the training cost whole rather than per lifetime query, so the terms add up to "
        "each strategy's horizon cost:"
    )
    st.code(formulas.set_index("name").loc["compute_costs", "formula"], language="python")
    money = {s: st.column_config.NumberColumn(f"{LABELS[s]} (USD)", format="dollar") for s in STRATEGIES}
    st.dataframe(words(tcc(analysis)), hide_index=True, column_config=money | TERMS)
    st.caption("The same terms per lifetime query (USD/query), KnowMBA's form of the training term:")
    per_query = {
        s: st.column_config.NumberColumn(f"{LABELS[s]} (USD/query)", format="$%.5f") for s in STRATEGIES
    }
    st.dataframe(
        words(tcc(analysis, "usd_per_lifetime_query")), hide_index=True, column_config=per_query | TERMS
    )


live(terms)

st.header("Every formula")
st.caption(
    "Each formula as its engine function's docstring states it, inputs by their field names; "
    "(N, 4) arrays hold one column per strategy."
)
cost_rows = formulas[formulas["component"]]
with st.expander("The cost components", expanded=True):
    st.code("\n".join(cost_rows["formula"]), language="python", wrap_lines=True)
    st.dataframe(words(cost_rows[["name", "doc", "source"]].assign(name=cost_rows["name"].map(label))), hide_index=True,
                 column_config={"name": "Component", "doc": "What it counts", "source": "Source"})  # fmt: skip
for row in formulas.drop(cost_rows.index).itertuples():
    with st.expander(f"{row.module}.{row.name}"):
        st.caption(in_words(f"{row.doc} Source: {row.source}"))
        st.code(row.formula, language="python", wrap_lines=True)
st.dataframe(words(method.constants()), hide_index=True,
             column_config={"name": "Constant", "value": "Value", "note": "Source or reason"})  # fmt: skip

st.header("Decision rules")
st.dataframe(words(method.rules()), hide_index=True, column_order=("name", "hard", "text", "source"),
             column_config={"name": "Rule", "hard": "Blocks strategies", "text": "What it says", "source": "Source"})  # fmt: skip

st.header("Inputs: defaults, units, allowed values and sources")
st.caption("The names files, links and `python -m core evaluate --set` use: `python -m core fields`.")
st.dataframe(words(method.field_defaults()), hide_index=True,
             column_order=("input", "group", "default", "unit", "allowed", "source", "description"),
             column_config={c: c.capitalize() for c in ("input", "group", "default", "unit", "allowed", "source", "description")})  # fmt: skip

st.header("Preset numbers and their sources")
st.dataframe(words(method.preset_numbers()), hide_index=True, column_order=("title", "input", "value", "unit", "source"),
             column_config={c: c.capitalize() for c in ("title", "input", "value", "unit", "source")} | {"title": "Preset"})  # fmt: skip

st.header("Sources")
st.caption("The articles and studies cited above; a number no source gives is labelled assumption.")
st.dataframe(method.source_table(), hide_index=True)

st.header("Training prices")
prices = method.training_price_table()
st.caption(f"USD per 1M training tokens, as of {', '.join(sorted(set(prices['as_of'])))}.")
st.dataframe(words(prices), hide_index=True, column_config={c: label(c) for c in prices.columns})
st.subheader("How choosing a model fills the prices")
st.markdown("\n".join(f"- {line}" for line in PRICE_RULES))
