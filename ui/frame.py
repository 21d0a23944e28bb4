"""The frame every page draws first: page config, our navigation, the preset picker, the sliders.

Streamlit runs ``app.py`` (the Explorer) and each file of ``pages/`` as pages of its own
(``pages/`` ordered by file name); its built-in page list is hidden by
``client.showSidebarNavigation = false`` and this frame lists the pages instead, with the titles
and icons of ``PAGES``.

A page is two calls: ``frame("Decision map")`` (navigation, preset picker, the link's messages),
then ``live(draw)``, which draws the headline sliders and runs ``draw``, the part of the page they
drive, as one fragment (``st.fragment``): moving a slider reruns only that part, not the
navigation, the preset picker or what the page draws outside ``draw`` (the Explorer's inputs and
exports).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import streamlit as st
from PIL import Image, ImageDraw

from core.io.presets import DEFAULT_PRESET, preset, presets
from core.model.strategies import COLOURS
from ui import inputs
from ui.messages import literal, show_warning
from ui.state import (
    ABOUT_OPEN,
    CHOSEN,
    MESSAGES,
    ORIGIN,
    PRESET,
    SCENARIO,
    ensure_state,
    set_scenario,
    sync_link,
    widget_value,
)
from ui.tokens import URL_FIELDS

APP_TITLE = "RAG vs Fine-Tuning Scenario Explorer"
PAGE = "_page"  # the title of the page the session drew last


class PageEntry(NamedTuple):
    """One page of the app: its script (relative to app.py), the title and icon our navigation shows."""

    path: str
    title: str
    icon: str

    @property
    def url_path(self) -> str:
        """The page's URL path as Streamlit serves it: ``""`` for app.py, else the file name without
        its order prefix and ``.py`` (``pages/1_decision_map.py`` -> ``decision_map``)."""
        return "" if self.path == "app.py" else Path(self.path).stem.split("_", 1)[1]


PAGES = (
    PageEntry("app.py", "Explorer", ":material/tune:"),
    PageEntry("pages/1_decision_map.py", "Decision map", ":material/map:"),
    PageEntry("pages/2_sensitivity.py", "Sensitivity", ":material/swap_vert:"),
    PageEntry("pages/3_uncertainty.py", "Uncertainty", ":material/casino:"),
    PageEntry("pages/4_compare.py", "Compare", ":material/compare_arrows:"),
    PageEntry("pages/5_method.py", "Method and sources", ":material/menu_book:"),
)
_BY_TITLE = {entry.title: entry for entry in PAGES}


def frame(title: str) -> None:
    """Draw the shared frame of the page titled ``title`` (a title in ``PAGES``), before anything else."""
    entry = _BY_TITLE[title]
    st.set_page_config(page_title=f"{entry.title} · {APP_TITLE}", page_icon=app_icon(), layout="wide")
    ensure_state()
    _carry_over(entry.title)
    with st.sidebar:
        for page in PAGES:
            st.page_link(page.path, label=page.title, icon=page.icon)
        st.divider()
        st.selectbox(
            "Preset",
            list(presets()),
            key=PRESET,
            format_func=lambda pid: presets()[pid].title,
            on_change=_on_preset,
            placeholder="From an uploaded file",
            help="A case study from the seed articles. Choosing one loads every input.",
        )
    _sync_preset_param()
    for message in st.session_state.pop(MESSAGES, []):
        show_warning(message)


def live(draw: Callable[[], None]) -> None:
    """Draw the headline sliders in the sidebar, keep the link in step, and run ``draw``: all
    three as one fragment, rerun alone when a slider (or a widget ``draw`` draws) changes.

    A slider move then reruns this part alone (Explorer, measured on the server: 65 instead of
    84 ms a move). One catch is handled by ``_full_run_on_reconnect``: after a server restart the
    browser would send a slider move as a rerun of a fragment the new session has never drawn,
    and Streamlit drops such a rerun, so the sliders would do nothing until another widget was
    touched."""
    _full_run_on_reconnect()
    _live(draw)


@st.fragment
def _live(draw: Callable[[], None]) -> None:
    with st.sidebar:
        inputs.headline_sliders(preset(st.session_state[CHOSEN]).scenario)
    sync_link()
    draw()


RECONNECT_GUARD_SECONDS = 86_400  # a day: any interval works; see _full_run_on_reconnect


@st.fragment(run_every=RECONNECT_GUARD_SECONDS)
def _full_run_on_reconnect() -> None:
    """Draws nothing. Because a fragment with ``run_every`` exists, the browser asks for a full
    run when its connection comes back (Streamlit's frontend does so whenever it holds an
    auto-rerun timer, or its last run was a fragment run), so a new session after a server restart
    draws ``_live`` again and restores the scenario from the link before the next slider move.
    Its own rerun, once a day, costs nothing. A browser test restarts the server and moves a
    slider."""


@cache
def app_icon() -> Image.Image:
    """The tab icon, a balance in the RAG and fine-tuning colours, drawn here: a ``:material/...:``
    page icon would make every browser fetch it from fonts.gstatic.com (no network at run time)."""
    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    pen = ImageDraw.Draw(icon)
    pen.rectangle((30, 10, 34, 54), fill="#444444")  # the post
    pen.rectangle((18, 52, 46, 57), fill="#444444")  # the foot
    pen.line((8, 18, 56, 18), fill="#444444", width=4)  # the beam
    pen.pieslice((0, 16, 24, 40), 0, 180, fill=COLOURS["rag"])  # left pan
    pen.pieslice((40, 16, 64, 40), 0, 180, fill=COLOURS["fine_tune"])  # right pan
    return icon


def _carry_over(title: str) -> None:
    # A widget's identity includes its page, so each page's frame widgets are new to Streamlit,
    # and a page change may drop the last page's values: hand them the session's own.
    changed = st.session_state.get(PAGE, title) != title
    if changed or PRESET not in st.session_state:
        st.session_state[PRESET] = None if st.session_state.get(ORIGIN) else st.session_state[CHOSEN]
    if changed:
        flat = st.session_state[SCENARIO].flat()
        for name in URL_FIELDS:
            st.session_state[name] = widget_value(name, flat[name])
    st.session_state[PAGE] = title


def origin_caption() -> str:
    """Markdown of where the scenario comes from: the preset, or the uploaded file (named
    literally) and the preset closest to it."""
    chosen = preset(st.session_state[CHOSEN])
    origin = st.session_state.get(ORIGIN)
    if not origin:
        return f"Preset: {chosen.title}. {chosen.summary}"
    return f"From the file {literal(origin)}, uploaded; the closest preset is {chosen.title}."


def _on_preset() -> None:
    if st.session_state[PRESET] is None:
        return
    st.session_state[ORIGIN] = None
    st.session_state[CHOSEN] = st.session_state[PRESET]
    set_scenario(preset(st.session_state[CHOSEN]).scenario)
    st.session_state[ABOUT_OPEN] = True  # the Explorer shows the new preset's story and sources


def _sync_preset_param() -> None:
    # The preset is not a bound widget (its URL token is the id, not the title shown).
    chosen = st.session_state[CHOSEN]
    if chosen == DEFAULT_PRESET:
        if PRESET in st.query_params:
            del st.query_params[PRESET]
    elif st.query_params.get_all(PRESET) != [chosen]:  # also one value for a repeated parameter
        st.query_params[PRESET] = chosen
