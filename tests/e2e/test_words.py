"""Plain words in a real browser: no page shows an internal name (a field id such as
``queries_per_day``, a strategy id such as ``fine_tune`` or a rule id), at a laptop's and a phone's
width; every table fits the window. Code listings (the Method page's formulas) are code, and
are left out of the reading."""

from __future__ import annotations

import re

import pytest

from core.model.fields import FIELDS
from core.model.rules import RULES
from core.model.strategies import STRATEGIES
from support.browser import NEXT_FRAME_JS, READY, goto, runs, wait_for_charts, wait_for_rerun
from ui.frame import PAGES
from ui.inputs import GROUPS

pytestmark = pytest.mark.e2e
IDS = sorted({name for name in (*FIELDS, *RULES, *STRATEGIES) if "_" in name}, key=len, reverse=True)
ID_PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, IDS)) + r")\b")
# What a person reads: the page's text (code listings hidden while it is read) and every chart's
# SVG text; ``_read`` adds the tables' cells.
READ_JS = """() => {
  const code = [...document.querySelectorAll('[data-testid=stCode], pre, code')];
  code.forEach(c => { c.dataset.display = c.style.display; c.style.display = 'none'; });
  const text = document.querySelector('[data-testid=stApp]').innerText;
  code.forEach(c => { c.style.display = c.dataset.display; });
  const svg = [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')].map(t => t.textContent);
  return [text, ...svg].join('\\n');
}"""
# Anything cut at the right: a text table or chart wider than the window, a chart's text (a
# legend, a title, an axis label) running past the chart's own edge, or a chart title Vega shortened.
CUT_JS = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const wide = [...document.querySelectorAll('[data-testid=stMarkdownContainer] table, [data-testid=stVegaLiteChart]')]
    .filter(el => el.getBoundingClientRect().right > edge).map(el => el.tagName + ' ' + el.innerText.slice(0, 40));
  const past = [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg')].flatMap(svg => {
    const right = svg.getBoundingClientRect().right + 1;
    return [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().right > right).map(t => t.textContent);
  });
  const shortened = [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg .role-title text')]
    .map(t => t.textContent).filter(text => text.includes('…'));  // Vega shortens a title too long to fit
  return [...wide, ...past, ...shortened];
}"""
CELLS_JS = (
    "d => [...d.querySelectorAll('canvas table th, canvas table td')].map(c => c.textContent).join('\\n')"
)


def _read(page) -> str:
    """The page's text, its charts' text and the cells its tables draw (a data frame draws the
    rows in view: each is scrolled into view and its accessible table read)."""
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")
    cells = []
    for frame in page.locator("[data-testid=stDataFrame]").all():
        frame.scroll_into_view_if_needed()
        frame.locator("canvas table").first.wait_for(state="attached")
        cells.append(frame.evaluate(CELLS_JS))
    page.evaluate(NEXT_FRAME_JS)
    return "\n".join([page.evaluate(READ_JS), *cells])


def _open_expanders(page) -> None:
    closed = page.locator("[data-testid=stExpander] details:not([open]) > summary")
    for _ in range(closed.count()):  # each click opens one: the first closed one is another each time
        before = runs(page)
        closed.first.click()
        page.locator(READY).wait_for()
        if runs(page) > before:  # a lazy expander reran the page
            wait_for_rerun(page, before)
    wait_for_charts(page)


def _explorer_groups(page) -> str:
    texts = []  # the first group, Model, is open already and has been read
    for group in GROUPS:
        before = runs(page)
        page.locator(".st-key-input_group label").filter(has_text=re.compile(f"^{re.escape(group)}$")).click()
        wait_for_rerun(page, before)
        texts.append(_read(page))
    return "\n".join(texts)


@pytest.mark.parametrize("width", [1440, 390])
def test_no_page_shows_a_field_strategy_or_rule_id_and_no_table_is_cut(page, server, width):
    page.set_viewport_size({"width": width, "height": 1000})
    found, cut = {}, {}
    for entry in PAGES:
        goto(page, f"{server.url}/{entry.url_path}")
        _open_expanders(page)
        text = _read(page) + (_explorer_groups(page) if entry.path == "app.py" else "")
        if ids := sorted(set(ID_PATTERN.findall(text))):
            found[entry.title] = ids
        if wide := page.evaluate(CUT_JS):
            cut[entry.title] = wide
    assert found == {}
    assert cut == {}


def test_the_reading_sees_an_id_where_one_is_shown(page, server):
    """The check above can fail: the Method page's formulas, shown as code, do name fields, and
    the reading includes the cells of its tables (the inputs table names the question length, nothing else does)."""
    goto(page, f"{server.url}/method")
    text = _read(page)
    listings = page.locator("[data-testid=stCode]").all_text_contents()
    assert any(ID_PATTERN.search(listing) for listing in listings)
    assert ID_PATTERN.search(text) is None
    assert "Question length" in text  # the second row of the inputs table


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_the_answer_is_on_the_first_screen_and_before_the_inputs(page, server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    goto(page, server.url)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")
    answer = _top(page, "[data-testid=stMetric]")
    chart = _top(page, "[data-testid=stVegaLiteChart]")
    inputs = _top(page, ".st-key-input_group")
    assert answer < height / 2  # the recommendation, on the first half of the first screen
    if width >= 1280:  # side by side: the first chart and the inputs both on the first screen
        assert chart < height and inputs < height
    else:  # stacked: the answer and the charts come before the inputs
        assert answer < chart < inputs


def test_a_line_chart_tooltip_shows_the_nearest_point_without_touching_the_line(page, server):
    goto(page, server.url)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")
    chart = page.locator("[data-testid=stVegaLiteChart]").first  # cumulative cost
    box = chart.bounding_box()
    # the middle of the plot, between the lines, where the 2 px lines themselves are not
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.2)
    page.mouse.move(box["x"] + box["width"] * 0.56, box["y"] + box["height"] * 0.21)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "Month" in tooltip.inner_text() and "Cumulative cost" in tooltip.inner_text()


@pytest.mark.parametrize("width", [1440, 390])
def test_the_model_pickers_show_the_chosen_provider_and_model_whole(page, server, width):
    """The boxes show the default provider's longest model whole; the caption under them shows
    even the longest model id of any provider whole (it wraps)."""
    from core.io.prices import chat_models, providers

    page.set_viewport_size({"width": width, "height": 1000})
    goto(page, server.url)
    longest = max(chat_models("openai"), key=len)
    _choose(page, "model", longest)
    for key, name in (("provider", "openai"), ("model", longest)):
        box = page.locator(f".st-key-{key} [data-testid=stSelectbox] input")
        assert box.input_value() == name
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{name!r} is cut in the {key} picker"
    provider, model = max(((p, m) for p in providers() for m in chat_models(p)), key=lambda pm: len(pm[1]))
    _choose(page, "provider", provider)
    _choose(page, "model", model)
    caption = page.get_by_text(f"{provider} · {model}", exact=True)
    assert caption.evaluate(
        "el => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= innerWidth"
    )


def _choose(page, key: str, name: str) -> None:
    """Type ``name`` into the select box keyed ``key`` (a long list draws only the options in
    view) and pick it."""
    before = runs(page)
    box = page.locator(f".st-key-{key} [data-testid=stSelectbox] input")
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name, exact=True).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_rerun(page, before)
