"""Text in and out of scenario files: what an uploaded file must be to be read, and CSV cells
that a spreadsheet will not run (OWASP: cells starting with = + - @ tab or CR get an apostrophe)."""

from __future__ import annotations

from typing import Any

from core.model.errors import ScenarioError

MAX_FILE_BYTES = 1_000_000  # a scenario file is a few KB; anything near this is not one
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula: text whose first character
    after any apostrophes starts a formula gets one more apostrophe (undone on import)."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def unsafe_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


def decode(data: bytes, name: str) -> str:
    """Bytes of an uploaded file as text, or a ScenarioError saying why not."""
    if not data:
        raise ScenarioError(f"{name}: the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(f"{name}: {len(data):,} bytes is too large (at most {MAX_FILE_BYTES:,})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(f"{name}: UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise ScenarioError(f"{name}: binary data, not a CSV or TOML text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScenarioError(f"{name}: not UTF-8 text (byte {err.start}); save it as UTF-8") from None
