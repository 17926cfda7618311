"""Quotation marks paired into quoted spans.

Marks are paired per paragraph, so one stray mark costs at most the rest of its
paragraph.  Straight marks are told apart from apostrophes and from each other
by what flanks them; curly marks say which way they face, though sloppy text
mixes the two (`"advisers”`).  Only outermost quotes are kept: a title in single
marks inside a longer double-quoted passage is part of that passage.
"""
from __future__ import annotations

import re

from ..text.sentences import hard_breaks

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
# What may stand before an opening mark / after a closing one besides a space.
_BEFORE_OPEN = "([{—–-/:;,…" + ALL_MARKS
_AFTER_CLOSE = ".,;:!?)]}—–-…/" + ALL_MARKS
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for b in hard_breaks(text):
        if text[start:b].strip():
            out.append((start, b))
        start = b + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _flanks(text: str, i: int, a: int, b: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) in the CommonMark sense, within [a, b)."""
    prev = text[i - 1] if i > a else " "
    nxt = text[i + 1] if i + 1 < b else " "
    left = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN)
    right = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    return left, right


def _pair_marks(text: str, a: int, b: int, next_opens: bool) -> list[tuple[int, int, bool]]:
    """Quoted spans (inner start, inner end, closed) in the paragraph [a, b)."""
    stack: list[tuple[str, int]] = []  # (kind "d"/"s", offset after the mark)
    spans: list[tuple[int, int, bool]] = []

    def close(kind: str, i: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                spans.append((stack[k][1], i, True))
                del stack[k:]  # inner openers never closed were apostrophes or typos
                return True
        return False

    def is_open(kind: str) -> bool:
        return any(k == kind for k, _ in stack)

    for m in _MARK.finditer(text, a, b):  # only the marks: a loop over every character is slow
        i = m.start()
        ch = text[i]
        left, right = _flanks(text, i, a, b)
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        if ch == '"':
            if left and not right:
                stack.append(("d", i + 1))
            elif right and not left:
                close("d", i)
            elif left and right or (not left and not right and not (prev.isspace() and nxt.isspace())):
                if not (is_open("d") and close("d", i)):
                    stack.append(("d", i + 1))
        elif ch in DOUBLE_OPEN:
            if right and not left and is_open("d"):
                close("d", i)
            else:
                stack.append(("d", i + 1))
        elif ch in DOUBLE_CLOSE:
            if not (is_open("d") and close("d", i)) and left and not right:
                stack.append(("d", i + 1))
        elif ch in SINGLE_OPEN:
            stack.append(("s", i + 1))
        else:  # ' or ’: an apostrophe unless it faces a quote
            if prev.isalnum() and nxt.isalnum():
                continue  # don't, Norway’s
            if ch == "'" and left and not right:
                stack.append(("s", i + 1))
            elif right and is_open("s"):
                close("s", i)
    # What is still open at the paragraph's end: a double quote carries on into
    # the next paragraph (which repeats the opening mark) or lost its closing
    # mark; either way it ends here.  An open single mark is most likely an
    # apostrophe, unless the next paragraph continues a single-quoted passage.
    for kind, start in stack:
        if kind == "d" or next_opens:
            spans.append((start, b, False))
            break
    return spans


def find_quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Outermost quoted spans (start, end, closed), whitespace trimmed."""
    paras = paragraphs(text)
    raw = []
    for n, (a, b) in enumerate(paras):
        nxt = paras[n + 1][0] if n + 1 < len(paras) else None
        next_opens = nxt is not None and text[nxt:nxt + 40].lstrip()[:1] in SINGLE_OPEN + "'"
        raw.extend(_pair_marks(text, a, b, next_opens))
    raw.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, bool]] = []
    for s, e, closed in raw:
        if out and s < out[-1][1]:
            continue  # nested in the previous outer quote
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append((s, e, closed))
    return out
