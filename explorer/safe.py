"""Document text is data: it must reach the screen as text and nothing else.

Rich ``Text`` objects are never parsed for markup, and control characters (ESC
starting an ANSI or OSC sequence, NUL, BEL, ...) are shown as visible symbols
instead of being sent to the terminal.
"""
from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(m: re.Match) -> str:
    code = ord(m.group(0))
    # The Unicode "control pictures" block has a glyph for each C0 code and DEL.
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def inert(text: str | None) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    return _CONTROL.sub(_visible, text or "")


def plain(text: str | None, style: str = "") -> Text:
    """A Rich Text holding ``text`` literally: no markup, no escapes."""
    return Text(inert(text), style=style)
