"""Scoring, snippets and highlights: what happens to the bounded candidate set.

Scores are *local*: they depend on the best-matching stretch of a row, not on
its length, so that among thousands of rows holding the query equally well,
any is as good as another, and an index that finds some of them finds a true
top ten (what ``benchmarks/search_bench.py`` checks against exhaustive ranking).

- ``partial_ratio`` per query word: the best window, so a typo or a prefix
  scores by how close it is, and a long claim is not punished for being long;
- per query word, ``ratio`` against the row's word that holds it best, so a
  whole word beats a part of one and a typo scores by how close it is (a local stand-in for ``token_set_ratio``, which compares against the
  whole row and so would prefer short rows among equals);
- ``ratio`` of the whole query against runs of the row's words, to lift rows
  holding the words together and in order.
A row where some word scores below ``WORD_CUTOFF`` is dropped: words combine
with AND.  ``WRatio`` was rejected for text: it scales a long string's score
down by its length, so claims would always lose to short actor names.
"""
from __future__ import annotations

import bisect
import re

from rapidfuzz import fuzz, process

from .query import Query, fold, one_line

SNIPPET_CHARS = 160
WORD_CUTOFF = 72.0  # partial_ratio a word needs for a row to count as matching it


def word_score(word: str, body: str) -> float:
    if len(word) < 3:
        # Too short to be fuzzy: it must start a word.
        return 100.0 if re.search(r"(?<!\w)" + re.escape(word), body) else 0.0
    # Padded: without it rapidfuzz also tries windows cut short by the row's
    # edges, so a typo at the start of a row would outscore the same typo
    # anywhere else.
    return fuzz.partial_ratio(word, f" {body} ")


def matches(q: Query, body: str) -> list[float] | None:
    """Each query word's score in a (folded) row holding every phrase and every
    word well enough, else None: the cheap half of ``score``."""
    if any(p not in body for p in q.phrases):
        return None
    per = [word_score(w, body) for w in q.words]
    return None if per and min(per) < WORD_CUTOFF else per


def score(q: Query, body: str, kind: str) -> float | None:
    """0..~103 for a (folded) row matching every word and phrase, None for one that does not."""
    per = matches(q, body)
    if per is None:
        return None
    return combine(q, body, kind, per) if per else 100.0


_TOKENS = re.compile(r"\w+")


def combine(q: Query, body: str, kind: str, per: list[float]) -> float:
    """The score of a row from its per-word scores (split out so that an
    exhaustive ranking can compute ``per`` in bulk and then call this)."""
    words = " ".join(q.words)
    base = sum(per) / len(per)
    tokens = _TOKENS.findall(body)
    whole = sum(_whole(w, body, tokens) for w in q.words) / len(q.words)
    together = _together(words, len(q.words), tokens) if len(q.words) > 1 else base
    # A name that is mostly the query is the better hit.  Only names: they are
    # few, so every one that matches is a candidate and this stays exact.
    coverage = 3.0 * min(1.0, len(words) / max(1, len(body))) if kind == "actor" else 0.0
    return 0.6 * base + 0.25 * whole + 0.15 * together + coverage


def _whole(word: str, body: str, tokens: list[str]) -> float:
    """How nearly ``word`` is a whole word of the row: its ratio to the row's
    words that hold it as written, or else to those under its best match
    ("negot" is 59 in "negotiations"; "noted", which holds it less well, does
    not count, close as it is in length)."""
    holding = [t for t in tokens if word in t]  # the usual case, and the quick one: it is there as written
    if not holding:
        # Misspelt: the words under the stretch of the row that matches it best
        # (the window ``word_score`` scores, found again by one alignment).
        padded = f" {body} "
        at = fuzz.partial_ratio_alignment(word, padded)
        if at is None or at.score < WORD_CUTOFF:
            return 0.0
        start, end = at.dest_start, at.dest_end
        while start > 0 and padded[start - 1].isalnum():
            start -= 1
        while end < len(padded) and padded[end].isalnum():
            end += 1
        holding = _TOKENS.findall(padded, start, end)
    return max((fuzz.ratio(word, t) for t in holding), default=0.0)


def _together(words: str, n: int, tokens: list[str]) -> float:
    """How nearly the query's ``n`` words stand together, in order: the query
    against each run of ``n`` or ``n + 1`` consecutive words of the row, so
    one word between two of them still counts ("troops had crossed").  Word
    runs, not a character window: a window bridges punctuation and scores
    "troops — prosecutor" above "troops had crossed" for "troops crossed"."""
    runs = [" ".join(tokens[i:i + k]) for k in (n, n + 1) for i in range(len(tokens) - k + 1)]
    best = process.extractOne(words, runs, scorer=fuzz.ratio)
    return best[1] if best else 0.0


KIND_ORDER = {"claim": 0, "quote": 1, "figure": 2, "actor": 3, "doc": 4}  # equal scores: the analyst's main objects first


def rank(q: Query, rows: list[tuple[int, str, str]], limit: int) -> tuple[list[tuple[float, int]], int]:
    """The best ``limit`` of ``rows`` (id, folded body, kind) as (score, id),
    best first (equal scores: by KIND_ORDER, then newest), and how many rows
    match at all.

    The same order as scoring every row with ``score``, for less: the words'
    own scores are cheap and bound the combined score from above, so rows
    are scored in full in order of their bound, until no bound left can
    reach the ``limit``-th best.  When the rows all hold the word, that is
    ``limit`` rows scored in full, not all of them."""
    multi = len(q.words) > 1
    bounded = []
    for item_id, body, kind in rows:
        per = matches(q, body)
        if per is None:
            continue
        base = sum(per) / len(per) if per else 100.0
        bound = 0.6 * base + 25.0 + (15.0 if multi else 0.15 * base) + (3.0 if kind == "actor" else 0.0)
        bounded.append(((-round(bound, 1), KIND_ORDER[kind], -item_id), body, kind, per))
    bounded.sort(key=lambda b: b[0])
    top: list[tuple] = []
    for best, body, kind, per in bounded:
        if len(top) >= limit and best > top[-1]:
            break
        value = combine(q, body, kind, per) if per else 100.0
        bisect.insort(top, (-round(value, 1), best[1], best[2]))
        del top[limit:]
    return [(-key[0], -key[2]) for key in top], len(bounded)


def spans(line: str, q: Query) -> list[tuple[int, int]]:
    folded = fold(line)
    out = []
    for p in q.phrases:
        out += [(m.start(), m.end()) for m in re.finditer(re.escape(p), folded)]
    for w in q.words:
        pattern = re.escape(w) if len(w) >= 3 else r"(?<!\w)" + re.escape(w)
        found = [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
        if not found and len(w) >= 3:
            a = fuzz.partial_ratio_alignment(w, folded)
            if a is not None and a.score >= WORD_CUTOFF:
                start, end = (a.dest_start, a.dest_end) if len(w) <= len(folded) else (a.src_start, a.src_end)
                found = [_whole_words(line, max(0, start), min(len(line), end))]
        out += found
    return out


def _whole_words(line: str, start: int, end: int) -> tuple[int, int]:
    """A fuzzy alignment's window, trimmed of spaces and widened to whole words,
    so "lindqvits" marks all of "Lindqvist", not " Lindqvis"."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    while start > 0 and line[start - 1].isalnum() and start < end and line[start].isalnum():
        start -= 1
    while end < len(line) and line[end].isalnum() and end > start and line[end - 1].isalnum():
        end += 1
    return start, end


def snippet(body: str, q: Query) -> tuple[str, tuple[int, ...]]:
    """One line, cut around the first match when long, and the matched offsets in it."""
    line = one_line(body)
    found = spans(line, q)
    start, end = 0, len(line)
    if len(line) > SNIPPET_CHARS:
        first = min((s for s, _ in found), default=0)
        start = max(0, first - SNIPPET_CHARS // 4)
        if start:
            space = line.find(" ", start, first)
            start = space + 1 if space != -1 else start
        end = min(len(line), start + SNIPPET_CHARS)
        start = max(0, min(start, end - SNIPPET_CHARS))
    lead = "…" if start > 0 else ""
    text = lead + line[start:end] + ("…" if end < len(line) else "")
    shift = len(lead) - start
    marked = {i + shift for s, e in found for i in range(max(s, start), min(e, end))}
    return text, tuple(sorted(marked))
