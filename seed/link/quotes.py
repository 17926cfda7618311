"""Quoted words that appear in another document: a later article quoting an
earlier one, or a wire story reprinted.

A quote long enough to mean something is looked for in every other document's
paragraphs.  Shared word shingles narrow the candidates (an index, not a scan
of every paragraph per quote); rapidfuzz then aligns the quote on the
paragraph to find the exact span.  The earlier document (by publication date,
then id) is the origin, whichever side had quotation marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

MIN_WORDS = 8
MIN_CHARS = 40
SHINGLE = 4  # words
MIN_SHARED = 0.3  # of the quote's shingles found in a paragraph before aligning
SAME_WORDS = 90.0  # partial_ratio on the aligned span: the same words, give or take punctuation

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteIn:
    id: int
    document_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ParagraphIn:
    document_id: int
    start: int
    text: str


@dataclass(frozen=True)
class Reuse:
    origin_document_id: int
    origin_start: int
    origin_end: int
    origin_quote_id: int | None
    reuse_document_id: int
    reuse_start: int
    reuse_end: int
    reuse_quote_id: int | None
    score: float

    @property
    def key(self) -> str:
        return (f"{self.origin_document_id}:{self.origin_start}:{self.origin_end}>"
                f"{self.reuse_document_id}:{self.reuse_start}:{self.reuse_end}")


def long_enough(text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_WORDS or len(text.strip()) >= MIN_CHARS


def shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def _align(quote: str, paragraph: str) -> tuple[float, int, int]:
    """(score, start, end) of the quote's best match inside the paragraph."""
    if len(quote) > len(paragraph):
        return 0.0, 0, 0
    q, p = quote.lower(), paragraph.lower()
    if len(q) != len(quote) or len(p) != len(paragraph):  # lower() changed lengths: offsets would drift
        q, p = quote, paragraph
    found = fuzz.partial_ratio_alignment(q, p)
    if found is None:
        return 0.0, 0, 0
    return found.score, found.dest_start, found.dest_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the spaces and punctuation an alignment may take in at its edges."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def quote_reuse(quotes: list[QuoteIn], paragraphs: list[ParagraphIn],
                order: dict[int, tuple], touched: set[int] | None = None) -> list[Reuse]:
    """Links between a quote and the same words in another document.  ``order``
    sorts documents by first appearance (publication date, then id).  With
    ``touched``, only the links with a side in one of those documents: a link
    depends on its two documents alone, so the others are as they were."""
    index: dict[tuple[str, ...], set[int]] = {}
    for i, p in enumerate(paragraphs):
        for sh in shingles(p.text):
            index.setdefault(sh, set()).add(i)
    quotes_by_doc: dict[int, list[QuoteIn]] = {}
    for q in quotes:
        quotes_by_doc.setdefault(q.document_id, []).append(q)

    def quote_at(doc_id: int, start: int, end: int) -> int | None:
        best = None
        for q in quotes_by_doc.get(doc_id, ()):
            if q.start < end and start < q.end:
                overlap = min(end, q.end) - max(start, q.start)
                if best is None or overlap > best[0]:
                    best = (overlap, q.id)
        return best[1] if best else None

    links: dict[tuple, Reuse] = {}
    for q in sorted(quotes, key=lambda q: q.id):
        if not long_enough(q.text):
            continue
        mine = shingles(q.text)
        if not mine:
            continue
        hits: dict[int, int] = {}
        for sh in mine:
            for i in index.get(sh, ()):
                if paragraphs[i].document_id != q.document_id and (
                        touched is None or q.document_id in touched or paragraphs[i].document_id in touched):
                    hits[i] = hits.get(i, 0) + 1
        for i, n in sorted(hits.items()):
            if n < MIN_SHARED * len(mine):
                continue
            p = paragraphs[i]
            score, s, e = _align(q.text, p.text)
            if score < SAME_WORDS:
                continue
            s, e = _trim(p.text, s, e)
            other = (p.document_id, p.start + s, p.start + e)
            other_quote = quote_at(*other)
            here = (q.document_id, q.start, q.end)
            if order[q.document_id] <= order[p.document_id]:
                origin, origin_q, reuse, reuse_q = here, q.id, other, other_quote
            else:
                origin, origin_q, reuse, reuse_q = other, other_quote, here, q.id
            link = Reuse(*origin, origin_q, *reuse, reuse_q, round(score, 1))
            # Both sides quoting the words finds the pair twice: keep one.
            pair = (origin[0], reuse[0], origin_q or origin[1], reuse_q or reuse[1])
            if pair not in links or links[pair].score < link.score:
                links[pair] = link
    return sorted(links.values(), key=lambda r: (r.origin_document_id, r.origin_start, r.reuse_document_id, r.reuse_start))
