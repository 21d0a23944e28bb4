"""Session state and the URL: the session's scenario, its analysis, uploads and messages.

Every scenario field lives in ``st.session_state`` under its own name, which is also its widget
key, its URL parameter (headline sliders) and its CLI ``--set`` name. A preset or an uploaded
file restores every widget by writing those keys in a callback, before any widget is drawn.
``_scenario`` keeps the last valid Scenario, so a field whose widget is not on the current page
keeps its value. Pages call ``current_scenario()`` / ``current_analysis()``; ``ui.frame`` draws the
sidebar.

The link carries the whole session (``sync_link``, each run): every field that differs from the
preset (``ui.tokens``), the name of an uploaded file the scenario came from, and Compare's saved
scenarios as far as they fit. A new session (a shared link, or the same browser after a server
restart) rebuilds all of it from the link (``ensure_state``) and says what it could not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import streamlit as st

from core.analyses.compare import MAX_SCENARIOS, closest_preset, differences, saved_name
from core.engine.analysis import Analysis, analyse
from core.io.files import load_file
from core.io.presets import DEFAULT_PRESET, preset, presets
from core.model.errors import ScenarioError, quoted, shorten
from core.model.fields import FIELDS
from core.model.labels import in_words
from core.model.names import check_name
from core.model.scenario import Scenario
from ui import tokens
from ui.messages import show_error

SCENARIO, MESSAGES, PRESET = "_scenario", "_messages", "preset"
ANALYSIS = "_analysis"  # {"analysis": the session's current Analysis}: what downloads read when clicked
CHOSEN = "_preset"  # the preset id, kept apart from its picker (each page draws a picker of its own)
UPLOAD_ERROR = "_upload_error"
ABOUT_OPEN = "open_about"  # key of the Explorer's "About this preset" expander
SAVED = "_saved_scenarios"  # Compare's saved scenarios: name -> Scenario
ORIGIN = "_origin"  # the name of the uploaded file the scenario came from, or None
UNSAVED = "_unsaved"  # how many saved scenarios the link leaves out
# URL parameters besides the fields: the uploaded file's name, one per saved scenario, and how
# many saved scenarios did not fit in the link.
LINK_FILE, LINK_SAVED, LINK_UNSAVED = "file", "saved", "unsaved"
MAX_FILE_NAME = 80  # characters of an uploaded file's name kept as the scenario's origin
MAX_SAVED_LINK = 6_000  # characters of saved scenarios a link carries: it stays easy to share


def current_scenario() -> Scenario:
    """The session's scenario: the widgets' values, validated by core."""
    scenario, error = _widget_scenario()
    if error:
        show_error(
            in_words(f"{error}. The last valid scenario is shown.")
        )  # inputs named as the page names them
    return scenario


def _widget_scenario() -> tuple[Scenario, ScenarioError | None]:
    """The scenario of the widgets' values (kept as the session's), or the last valid one and why."""
    ensure_state()
    last = st.session_state[SCENARIO]
    state = st.session_state.to_dict()  # one pass: each key lookup is a Streamlit call
    flat = last.flat()
    # only the fields whose widgets hold a value (a widget not drawn this session holds none)
    changed = {name: state[name] for name in FIELDS if name in state and state[name] != flat[name]}
    if not changed:
        return last, None
    try:
        scenario = last.updated(changed)
    except ScenarioError as err:
        return last, err
    st.session_state[SCENARIO] = scenario
    return scenario, None


def set_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` the session's scenario and move every widget to it.

    Call it from a widget callback (``on_change`` / ``on_click``) or before the frame is drawn:
    Streamlit refuses to change a widget that this run has already drawn.
    """
    st.session_state[SCENARIO] = scenario
    for name, value in scenario.flat().items():
        st.session_state[name] = widget_value(name, value)


def current_analysis() -> Analysis:
    """The current scenario evaluated by core, computed only when the scenario changed."""
    scenario = current_scenario()
    sync_link()  # again: widgets drawn since the frame's sync may have changed the scenario
    held = st.session_state.setdefault(ANALYSIS, {})  # a holder the downloads read (latest_analysis)
    if held.get("analysis") is None or held["analysis"].scenario != scenario:
        held["analysis"] = analyse(scenario)
    return held["analysis"]


def latest_analysis() -> Callable[[], Analysis]:
    """A function that returns the session's current analysis when it is called. A download is
    built when clicked, outside any script run, and its button sits outside the live fragment
    (``ui.frame.live``), so a slider moved since the button was drawn must still count."""
    held = st.session_state.setdefault(ANALYSIS, {})
    return lambda: held["analysis"]


def remembered(name: str, compute: Callable[[], Any], *key: Any) -> Any:
    """``compute()``, kept in the session with ``key`` (hashable values that decide the result):
    a rerun with the same key (a page's view or display option changed, a visit back) reuses it.
    One result per ``name`` and session, so memory stays bounded. Callers must not mutate it."""
    held = st.session_state.get(f"_remembered_{name}")
    if held is not None and held[0] == key:
        return held[1]
    result = compute()
    st.session_state[f"_remembered_{name}"] = (key, result)
    return result


def load_upload(name: str, data: bytes) -> str | None:
    """Restore the scenario of an exported CSV or TOML file; the error text if it is not one.

    The file becomes the scenario's origin (the caption names it, the preset picker shows none);
    the closest preset is its base, so the link carries the fewest changes."""
    try:
        _, scenario = load_file(name, data)
    except ScenarioError as err:
        return f"{err}. The current scenario is unchanged."
    chosen = closest_preset(scenario, prefer=st.session_state[CHOSEN])
    st.session_state.update({CHOSEN: chosen, PRESET: None, ORIGIN: shorten(name.strip(), MAX_FILE_NAME)})
    set_scenario(scenario)
    return None


def restore_upload() -> None:
    """``on_change`` of the uploader keyed ``upload``: restore its file, or keep the error for the page."""
    uploaded = st.session_state.get("upload")
    error = None if uploaded is None else load_upload(uploaded.name, uploaded.getvalue())
    st.session_state[UPLOAD_ERROR] = error


def ensure_state() -> None:
    """First run of a session: the preset, every changed field, the file name and the saved
    scenarios from the link, else the default preset; a message for each part the link could not
    restore."""
    if SCENARIO in st.session_state:
        _fill_missing(st.session_state[SCENARIO])
        return
    messages = []
    preset_id = st.query_params.get(PRESET, DEFAULT_PRESET)
    if preset_id not in presets():
        messages.append(
            f"The link's preset was ignored: {preset_id[:60]!r} is not one. {DEFAULT_PRESET} is shown."
        )
        preset_id = DEFAULT_PRESET
    given = {name: st.query_params.get_all(name) for name in st.query_params if name in FIELDS}
    scenario, problems = apply_link(preset(preset_id).scenario, {k: v[-1] for k, v in given.items()})
    messages += [f"The link's {problem}. The preset's value is shown." for problem in problems]
    origin = _origin_from_link(messages)
    st.session_state.update({PRESET: None if origin else preset_id, CHOSEN: preset_id, ORIGIN: origin,
                             SAVED: _saved_from_link(messages), MESSAGES: messages, SCENARIO: scenario})  # fmt: skip
    for name, value in scenario.flat().items():
        if name not in browser_first():
            st.session_state[name] = widget_value(name, value)
    if _respell_sliders(scenario, given):
        # A bound slider takes its first value from the link as the page opened; rerun with the
        # respelled link (one value per slider, as the slider writes it) so it keeps it in the URL.
        st.rerun()


def start_value(name: str) -> Any:
    """The value a detail widget starts at when it has none: the session's scenario's. A new
    session leaves these widgets' keys unset (``browser_first``), so a value the browser sends
    wins: after a server restart, an edit made in the page is newer than the link."""
    return widget_value(name, st.session_state[SCENARIO].flat()[name])


@cache
def browser_first() -> frozenset[str]:
    """The fields whose widget is ``ui.inputs.field`` (the groups of ``ui.inputs.GROUPS``), which
    starts at ``start_value``: a new session leaves their keys to the widgets, so the browser's own
    value (sent after a server restart) is kept. Any other field's key is written as before."""
    from ui.inputs import GROUPS  # ui.inputs imports this module: read at first use

    return frozenset(name for fields in GROUPS.values() for name in fields)


def apply_link(scenario: Scenario, raw: dict[str, str]) -> tuple[Scenario, list[str]]:
    """``scenario`` with each field of ``raw`` (name -> URL token) applied in field order; a value
    that is refused is left out and described ("<name> was ignored: <why>"), the rest still apply."""
    problems = []
    for name in (n for n in FIELDS if n in raw):
        try:
            scenario = scenario.updated({name: tokens.parse_field(name, raw[name])})
        except ScenarioError as err:
            problems.append(f"{name} was ignored: {err}")
    problems += [
        f"{quoted(name)} was ignored: not an input of the scenario" for name in raw if name not in FIELDS
    ]
    return scenario, problems


def _respell_sliders(scenario: Scenario, given: dict[str, list[str]]) -> bool:
    """Write a headline slider's link value as the slider writes it ("20000" -> "20k"); True if any."""
    flat, respelled = scenario.flat(), False
    for name in tokens.URL_FIELDS:
        spelled = tokens.token(name, flat[name])
        if name in given and given[name] != [spelled] and not _refused(name, given[name][-1], flat[name]):
            st.query_params[name] = spelled  # (a bound slider drops a refused value itself)
            respelled = True
    return respelled


def _refused(name: str, raw: str, value: object) -> bool:
    try:
        return tokens.parse_field(name, raw) != value
    except ScenarioError:
        return True


def _origin_from_link(messages: list[str]) -> str | None:
    raw = st.query_params.get(LINK_FILE)
    if raw is None:
        return None
    try:
        return check_name("file", raw, MAX_FILE_NAME)
    except ScenarioError as err:
        messages.append(f"The link's file name was ignored: {err}")
        return None


def _saved_from_link(messages: list[str]) -> dict[str, Scenario]:
    """Compare's saved scenarios from the link; a message for each one or value it refuses, and
    for the saved scenarios the link could not hold."""
    saved: dict[str, Scenario] = {}
    for raw in st.query_params.get_all(LINK_SAVED)[:MAX_SCENARIOS]:
        try:
            name, pairs = tokens.parse_entry(raw)
            name = saved_name(name)
            base = preset(pairs.pop(PRESET, DEFAULT_PRESET)).scenario
        except ScenarioError as err:
            messages.append(f"A saved scenario in the link was ignored: {err}.")
            continue
        saved[name], problems = apply_link(base, pairs)
        messages += [f"Saved scenario {quoted(name)}: {problem}." for problem in problems]
    left = st.query_params.get(LINK_UNSAVED, "")
    if left.isdigit() and 0 < int(left) <= MAX_SCENARIOS:
        messages.append(
            f"{left} saved scenario(s) could not be restored: they did not fit in the link. "
            "Download the saved scenarios as a bundle on the Compare page to keep them all."
        )
    return saved


def sync_link() -> None:
    """Write the session into the URL: each non-slider field that differs from the preset (the
    bound headline sliders write their own), the uploaded file's name, the saved scenarios."""
    scenario, _ = _widget_scenario()
    chosen = st.session_state[CHOSEN]
    want = {
        name: [tokens.field_token(name, value)]
        for name, value in differences(preset(chosen).scenario, scenario).items()
        if name not in tokens.URL_FIELDS
    }
    if origin := st.session_state.get(ORIGIN):
        want[LINK_FILE] = [origin]
    entries, left = saved_tokens(st.session_state.get(SAVED, {}))
    st.session_state[UNSAVED] = left
    if entries:
        want[LINK_SAVED] = entries
    if left:
        want[LINK_UNSAVED] = [str(left)]
    managed = (set(FIELDS) - set(tokens.URL_FIELDS)) | {LINK_FILE, LINK_SAVED, LINK_UNSAVED}
    present = {name: st.query_params.get_all(name) for name in st.query_params if name in managed}
    for name in present.keys() - want.keys():
        del st.query_params[name]
    for name, values in want.items():
        if present.get(name) != values:
            st.query_params[name] = values


def saved_tokens(saved: dict[str, Scenario]) -> tuple[list[str], int]:
    """The URL tokens of the saved scenarios that fit in ``MAX_SAVED_LINK`` characters, in the
    order they were saved, and how many did not fit."""
    entries, used = [], 0
    for name, scenario in saved.items():
        entry = _entry(name, scenario)
        if used + len(entry) > MAX_SAVED_LINK:
            break
        entries.append(entry)
        used += len(entry)
    return entries, len(saved) - len(entries)


@lru_cache(maxsize=1_024)  # a pure function of frozen values, computed again on every run otherwise
def _entry(name: str, scenario: Scenario) -> str:
    base = closest_preset(scenario, prefer=DEFAULT_PRESET)
    return tokens.entry_token(name, base, differences(preset(base).scenario, scenario))


def _fill_missing(scenario: Scenario) -> None:
    # A widget not drawn last run (closed expander, other page) lost its key: restore it.
    present = st.session_state.to_dict()
    for name, value in scenario.flat().items():
        if name not in present and name not in browser_first():  # those start at start_value
            st.session_state[name] = widget_value(name, value)


def widget_value(name: str, value: Any) -> Any:
    """The value as its widget holds it: a float field may hold an int read from TOML (2000); its
    float widget needs 2000.0."""
    return float(value) if FIELDS[name][1].annotation is float else value
