"""Messages on the page that may quote the user (a link, a file, a name): shown as literal text.

Streamlit draws an alert's text as markdown, so a link's ``[sign in](http://...)`` or a file's
``![](http://...)`` would become a live link or a remote image. ``literal`` escapes every ASCII
punctuation mark (CommonMark lets a backslash escape any of them, so no link, image, HTML, code
or Streamlit directive survives) and cuts the text to ``MAX_CHARS``. Escapes do not stop GitHub's
autolinks (``http://…``, ``www.…``, ``a@b.c``), which are found in the text after parsing: a
zero-width space after each ``:`` and ``@`` and inside ``www.`` breaks them without a visible change.
"""

from __future__ import annotations

import re
import string

import streamlit as st

MAX_CHARS = 400  # core already cuts each quoted value to 40 characters; this bounds the whole
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"\s+")
_AUTOLINK = re.compile(r"([:@])|(?i:(www)\.)")
ZWSP = "\u200b"


def literal(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` as markdown that renders exactly as ``text`` reads, on one line, cut with an ellipsis."""
    flat = _BREAKS.sub(" ", str(text)).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    unlinked = _AUTOLINK.sub(lambda m: f"{m[1]}{ZWSP}" if m[1] else f"{m[2]}{ZWSP}.", flat)
    return _PUNCTUATION.sub(r"\\\1", unlinked)


def show_error(message: str) -> None:
    """An error in the page, as literal text."""
    st.error(literal(message), icon=":material/error:")


def show_warning(message: str, icon: str = ":material/link:") -> None:
    """A warning in the page, as literal text."""
    st.warning(literal(message), icon=icon)


def show_note(message: str) -> None:
    """A small note under a widget, as literal text."""
    st.caption(literal(message))
