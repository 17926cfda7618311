"""Exhaustive ranking: every row of the index scored with the search's own
scorer (``db.search.rank``), filters applied to every row, for recall@10.

The filters' values (which actors ``by:olsen`` stands for, which outlets,
which rows carry a verdict) are resolved by the engine itself: recall
measures which rows the search finds and ranks, not how it reads a name.
The per-word scores come from ``rapidfuzz.process.cdist`` with the scorer
``db.search.rank.word_score`` uses, over only the rows still in the running,
and rows are scored in full in order of the same upper bound ``rank`` uses,
so a common word at a million rows costs seconds, not minutes.
"""
from __future__ import annotations

import re
import sqlite3

import numpy as np
from rapidfuzz import fuzz, process

from db.search.query import fold, parse
from db.search.rank import WORD_CUTOFF, combine, score


class Rows:
    """Every search item in memory: kinds, filter columns, folded bodies."""

    def __init__(self, db):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = con.execute("SELECT id, kind, actor_id, outlet, body, ref_id FROM search_items ORDER BY id").fetchall()
        con.close()
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.kinds = [r[1] for r in rows]
        self.kind_arr = np.array(self.kinds)
        self.actors = np.array([r[2] if r[2] is not None else -1 for r in rows], dtype=np.int64)
        codes: dict[str | None, int] = {}
        self.outlet_code = codes
        self.outlets = np.array([codes.setdefault(r[3], len(codes)) for r in rows], dtype=np.int64)
        self.bodies = [r[4] or "" for r in rows]
        self.folded = [fold(b) for b in self.bodies]
        self.at = {(r[1], r[5]): n for n, r in enumerate(rows)}  # a hit's (kind, id) -> row

    def mask(self, filters) -> np.ndarray:
        kinds, actor_ids, outlets, item_ids = filters
        m = np.isin(self.kind_arr, sorted(kinds))
        if actor_ids is not None:
            m &= np.isin(self.actors, list(actor_ids))
        if outlets is not None:
            m &= np.isin(self.outlets, [self.outlet_code[o] for o in outlets if o in self.outlet_code])
        if item_ids is not None:
            m &= np.isin(self.ids, list(item_ids))
        return m


def cut(rows: Rows, text: str, filters, k: int = 10) -> tuple[float | None, int]:
    """The ``k``-th best exhaustive score for ``text`` under ``filters`` (None
    when nothing matches) and how many rows match."""
    q = parse(text)
    idx = np.nonzero(rows.mask(filters))[0]
    for p in q.phrases:
        idx = idx[[p in rows.folded[i] for i in idx]]
    per: list[np.ndarray] = []
    for w in q.words:
        if not len(idx):
            break
        if len(w) < 3:
            pattern = re.compile(r"(?<!\w)" + re.escape(w))
            s = np.array([100.0 if pattern.search(rows.folded[i]) else 0.0 for i in idx])
        else:
            s = process.cdist([w], [f" {rows.folded[i]} " for i in idx], scorer=fuzz.partial_ratio,
                              score_cutoff=WORD_CUTOFF, workers=-1, dtype=np.float32)[0].astype(float)
        keep = s >= WORD_CUTOFF
        idx, per = idx[keep], [a[keep] for a in per] + [s[keep]]
    matching = len(idx)
    if not matching:
        return None, 0
    if not q.words:
        return 100.0, matching
    base = np.mean(per, axis=0)
    actor = np.array([rows.kinds[i] == "actor" for i in idx])
    bound = 0.6 * base + 25.0 + (15.0 if len(q.words) > 1 else 0.15 * base) + 3.0 * actor
    top: list[float] = []
    for j in np.argsort(-bound, kind="stable"):
        if len(top) >= k and round(bound[j], 1) < top[k - 1]:
            break
        i = idx[j]
        value = combine(q, rows.folded[i], rows.kinds[i], [float(a[j]) for a in per])
        top = sorted(top + [round(value, 1)], reverse=True)[:k]
    return top[-1] if len(top) >= min(k, matching) else None, matching


def recall(rows: Rows, text: str, filters, hits, k: int = 10) -> float | None:
    """Share of the true top ``k`` (ties at the cut-off all count) among the
    first ``k`` hits; None when nothing matches and nothing was found."""
    threshold, matching = cut(rows, text, filters, k)
    if threshold is None:
        return None if not hits else 0.0
    q = parse(text)
    m = rows.mask(filters)
    good = 0
    for h in hits[:k]:
        n = rows.at.get((h.kind, h.id))
        if n is None or not m[n]:
            continue
        s = score(q, rows.folded[n], rows.kinds[n])
        if s is not None and round(s, 1) >= threshold - 0.05:
            good += 1
    return min(1.0, good / min(k, matching))
