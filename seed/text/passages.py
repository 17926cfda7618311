"""Passages: the cleaned blocks (paragraphs, headings) and spaCy's sentences.

A sentence never crosses a block boundary: where the parser runs one on past a
paragraph break, it is cut there.  Each sentence points at its block.
"""
from __future__ import annotations

from bisect import bisect_right

from ..ingest.clean import Block


def passages(text: str, blocks: list[Block], doc) -> list[dict]:
    """Rows for the ``passages`` table: every block, then every sentence with
    ``parent`` = the index of its block in the returned list."""
    rows = [
        {"kind": b.kind, "seq": i, "start": b.start, "end": b.end, "text": text[b.start:b.end]}
        for i, b in enumerate(blocks)
    ]
    seq = 0
    bi = 0
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while bi < len(blocks) and blocks[bi].end <= s:
            bi += 1
        j = bi
        while j < len(blocks) and blocks[j].start < e:
            start, end = max(s, blocks[j].start), min(e, blocks[j].end)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                rows.append({"kind": "sentence", "seq": seq, "start": start, "end": end,
                             "text": text[start:end], "parent": j})
                seq += 1
            j += 1
    return rows


def block_locator(rows: list[dict]):
    """A function from an offset to the index of the block row holding it (None
    outside every block).  Blocks come first in ``rows``, in text order, so a
    lookup is a bisection rather than a scan per quote and claim."""
    blocks = [r for r in rows if r["kind"] != "sentence"]
    starts = [r["start"] for r in blocks]

    def locate(start: int) -> int | None:
        i = bisect_right(starts, start) - 1
        if i < 0:
            return None
        r = blocks[i]
        return i if start < r["end"] or (start == r["end"] and r["start"] < start) else None

    return locate
