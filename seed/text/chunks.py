"""Parsing long texts in pieces, so memory stays bounded.

The model's memory grows with the length of one text: a scraped page that is one
enormous paragraph took gigabytes.  A long text is cut at paragraph breaks (or,
inside a paragraph, after a sentence-ending full stop), the pieces go through
``nlp.pipe`` like separate texts, and ``Doc.from_docs`` joins them back into one
Doc whose text is exactly the original, so every offset still holds.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

CHUNK = 20_000  # characters; well inside what the small model handles cheaply
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z\"“‘(\[])")


def split(text: str, size: int = CHUNK) -> list[str]:
    """Pieces of ``text`` no longer than about ``size`` that concatenate back to it."""
    if len(text) <= size:
        return [text]
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n\n")
        if cut > size // 4:
            cut += 2
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends and ends[-1] > size // 4 else window.rfind(" ") + 1 or size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def pipe(nlp, items: Iterable[tuple[str, object]], **kwargs) -> Iterator[tuple[Doc, object]]:
    """Like ``nlp.pipe(items, as_tuples=True)``, with long texts parsed in pieces."""

    def pieces():
        for text, context in items:
            parts = split(text)
            for i, part in enumerate(parts):
                yield part, (context, i == len(parts) - 1)

    parts: list[Doc] = []
    for doc, (context, last) in nlp.pipe(pieces(), as_tuples=True, **kwargs):
        parts.append(doc)
        if last:
            yield (parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)), context
            parts = []
