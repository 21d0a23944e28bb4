"""Messages that may quote the user render literally: no markup survives, and they stay short."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ui.messages import MAX_CHARS, ZWSP, literal

ROOT = Path(__file__).resolve().parents[2]
ALERTS = {"error", "warning", "info", "success", "toast", "caption", "markdown"}
# Alert calls whose text is built from core's own words only (input names, numbers, labels).
CORE_TEXT_ONLY = {("pages/2_sensitivity.py", "warning"), ("pages/2_sensitivity.py", "success")}


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace(ZWSP, "")


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_literal_text_reads_back_as_the_original_with_every_punctuation_mark_escaped(text):
    shown = literal(text)
    assert unescaped(shown) == " ".join(text.split())
    assert not re.search(r"(?<!\\)[" + re.escape(string.punctuation) + "]", re.sub(r"\\.", "", shown))


def test_links_images_html_and_autolinks_lose_their_markup():
    for text in ("[sign in](http://evil.example)", "![](http://evil.example/p.png)", "<img src=x>",
                 "www.evil.example", "a@evil.example", ":red[x] **b** `c`"):  # fmt: skip
        shown = literal(text)
        assert "](" not in shown and "<" not in shown.replace("\\<", "")
        assert "http://" not in shown and "www." not in shown and "@e" not in shown


def test_a_megabyte_of_text_is_cut_to_a_short_line_with_an_ellipsis():
    shown = unescaped(literal("x" * 1_000_000 + "\n" * 10))
    assert len(shown) == MAX_CHARS and shown.endswith("…")


def test_every_message_with_computed_text_goes_through_ui_messages():
    offenders = []
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        name = str(path.relative_to(ROOT))
        if name == "ui/messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            kind = node.func.attr
            if kind in ALERTS - {"caption", "markdown"} and (name, kind) not in CORE_TEXT_ONLY:
                if not (node.args and isinstance(node.args[0], ast.Constant)):
                    offenders.append(f"{name}:{node.lineno} {kind}")
    assert offenders == []
