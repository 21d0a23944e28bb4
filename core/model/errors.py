"""Domain errors: raised in core, turned into a message at the edge (page, CLI)."""

QUOTE_LIMIT = 40  # characters of user text a message quotes: enough to recognise, never a flood


class ScenarioError(ValueError):
    """An input that cannot form a valid scenario.

    The message names the field, the value given and what is allowed, so the edge can show
    it as it is.
    """


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "..." when it was cut."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 3, 0)] + "..."


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: text quoted with its escapes visible (``'x\\u202e'``) and cut,
    a number as written, a huge whole number described rather than printed in full."""
    if isinstance(value, str):
        return repr(shorten(value, limit))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of about {value.bit_length() * 3 // 10:,} digits"
    if isinstance(value, float):
        return str(value)  # nan, inf and -inf as TOML writes them
    return shorten(repr(value), limit)
