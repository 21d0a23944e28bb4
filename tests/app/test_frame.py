"""The frame and the layout Streamlit sees: pages/ holds pages only, each draws the frame first."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from pagetest import open_page

from ui.frame import PAGES
from ui.tokens import URL_FIELDS

ROOT = Path(__file__).resolve().parents[2]


def test_pages_holds_exactly_the_listed_pages_in_file_name_order():
    on_disk = sorted(f"pages/{p.name}" for p in (ROOT / "pages").iterdir() if p.name != "__pycache__")
    assert on_disk == [entry.path for entry in PAGES[1:]]
    assert PAGES[0].path == "app.py"


def test_streamlits_own_page_list_is_hidden_in_favour_of_ours():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False


@pytest.mark.parametrize("entry", PAGES, ids=[e.title for e in PAGES])
def test_every_page_calls_the_frame_with_its_own_title_before_drawing_anything(entry):
    tree = ast.parse((ROOT / entry.path).read_text(encoding="utf-8"))
    calls = [n.value for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    first = calls[0]
    assert isinstance(first.func, ast.Name) and first.func.id == "frame"
    assert [a.value for a in first.args] == [entry.title]


@pytest.mark.parametrize("entry", PAGES, ids=[e.title for e in PAGES])
def test_every_page_shows_our_navigation_the_preset_and_the_headline_sliders(entry):
    at = open_page(entry.title, "klarna")
    assert not at.exception
    links = [el for el in at.get("page_link")]
    assert [link.proto.label for link in links] == [e.title for e in PAGES]
    assert at.selectbox(key="preset").value == "klarna"
    keys = {w.key for w in (*at.select_slider, *at.slider)}
    assert set(URL_FIELDS) <= keys
