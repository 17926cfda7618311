"""Fuzzy matching the explorer needs and SQL cannot do: pairing the claims and
quotes two documents share, and ranking documents for a picker.

Pure functions over plain values; no database, no Textual.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

# Two sources rarely quote or paraphrase with the same punctuation and case;
# below this a pair is more often two different statements on one topic.
SAME_THING = 85.0

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)  # linking compares each claim with many others
def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def similarity(a: str, b: str) -> float:
    """0..100: how nearly ``a`` and ``b`` say the same words.

    A short quote reused inside a longer sentence scores by partial match, but
    only when the shorter one is long enough to mean something on its own."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:  # a reprinted wire story: common, and the costly comparisons add nothing
        return 100.0
    score = fuzz.ratio(na, nb)
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 25 and len(short) >= 0.4 * len(long_):
        score = max(score, fuzz.partial_ratio(short, long_) - 5)
    if len(short.split()) >= 6 and len(short) >= 0.6 * len(long_):
        # The same report with the attribution worded differently ("X said
        # ..." / "..., X told reporters"): the shared words carry it.
        score = max(score, fuzz.token_set_ratio(na, nb) - 5)
    return float(score)


def pair_texts(
    left: Sequence[tuple[int, str]],
    right: Sequence[tuple[int, str]],
    threshold: float = SAME_THING,
) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(left_id, right_id, score)`` scoring at least
    ``threshold``, best first; each id is used at most once."""
    candidates = []
    for lid, ltext in left:
        for rid, rtext in right:
            score = similarity(ltext, rtext)
            if score >= threshold:
                candidates.append((score, lid, rid))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for score, lid, rid in candidates:
        if lid in used_l or rid in used_r:
            continue
        used_l.add(lid)
        used_r.add(rid)
        pairs.append((lid, rid, score))
    return pairs


def rank_choices(query: str, choices: Iterable[tuple[int, str]], limit: int = 50) -> list[tuple[int, float]]:
    """``(id, score)`` of the choices best matching ``query``, best first; an
    empty query keeps the given order."""
    choices = list(choices)
    if not query.strip():
        return [(cid, 0.0) for cid, _ in choices[:limit]]
    by_id = {cid: normalise(text) for cid, text in choices}
    found = process.extract(normalise(query), by_id, scorer=fuzz.WRatio, limit=limit, score_cutoff=40)
    return [(cid, float(score)) for _, score, cid in found]
