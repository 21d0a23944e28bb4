"""Names people give (scenario titles, compare names, provider and model ids): printable and visible.

Control, format and separator characters (Unicode categories Cc, Cf, Zl, Zp: a CR or tab could
break a CSV row or a log line, U+202E reverses the text around it, U+200B is invisible) are
refused, and so is a name that is empty once trimmed.
"""

from __future__ import annotations

import unicodedata

from core.model.errors import ScenarioError, quoted

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})  # Cs: a lone surrogate is not text
NAME_RULE = "no control or invisible characters"


def is_printable(text: str) -> bool:
    """True if no character of ``text`` is a control, format or line/paragraph separator."""
    return text.isprintable() or not any(unicodedata.category(c) in HIDDEN_CATEGORIES for c in text)


def check_name(label: str, value: str, max_length: int) -> str:
    """``value`` trimmed, or a ScenarioError naming ``label``, the value and what is allowed."""
    name = value.strip()
    if not 1 <= len(name) <= max_length or not is_printable(value):
        raise ScenarioError(
            f"{label} = {quoted(value)} is not allowed: expected text of 1 to {max_length} characters, {NAME_RULE}"
        )
    return name
