"""What linking all at once and re-linking share beyond scoring: the order in
which documents first appeared, the stored figure rows turned into link
inputs, and the results turned into the plain dicts ``db.links`` writes.

Both ways of linking go through these, so their rows are the same.
"""
from __future__ import annotations

import math

from .claims import ClaimGroup
from .figures import FigureGroup, FigureIn
from .quotes import Reuse


def document_order(published: dict[int, str | None]) -> dict[int, tuple]:
    """First appearance: by publication date ("2025-02" sorts before any day of
    that month), undated documents last, then by id."""
    return {d: (p is None, p or "", d) for d, p in published.items()}


def figure_context(figures: list[dict]) -> list[FigureIn]:
    """FigureIn for stored figure rows: the words of its sentence before it (back
    to the previous figure) and after it (up to the next one), so that a cue
    such as "a second wave of" belongs to the number it precedes."""
    out = []
    by_sentence: dict[tuple, list[dict]] = {}
    for f in figures:
        by_sentence.setdefault((f["document_id"], f.get("sentence_start")), []).append(f)
    for (_, s_start), group in by_sentence.items():
        group.sort(key=lambda f: f["start"])
        for i, f in enumerate(group):
            text = f.get("sentence") or f["text"]
            base = s_start if s_start is not None else f["start"]
            left_end = f["start"] - base
            left_start = group[i - 1]["end"] - base if i else 0
            right_end = group[i + 1]["start"] - base if i + 1 < len(group) else len(text)
            out.append(FigureIn(f["id"], f["document_id"], f["text"], f["low"], f["high"], f["unit"],
                                f["subject"], f["qualifier"], text[max(0, left_start):max(0, left_end)],
                                text[f["end"] - base:right_end], f.get("published"),
                                (base, base + len(text)) if s_start is not None else None))
    out.sort(key=lambda f: f.id)
    return out


def claim_rows(groups: list[ClaimGroup], claims: dict[int, int], published: dict[int, str | None]) -> list[dict]:
    """Claim groups as the plain dicts db/links.py writes; ``claims`` maps a
    claim id to its document."""
    out = []
    for g in groups:
        doc = claims[g.first_claim_id]
        out.append({"key": g.key, "label": g.label, "first_claim_id": g.first_claim_id,
                    "first_document_id": doc, "first_published": published.get(doc),
                    "documents": len({claims[c] for c, _ in g.members}), "claims": len(g.members),
                    "members": [{"claim_id": c, "document_id": claims[c], "score": s} for c, s in g.members]})
    return out


def figure_rows(groups: list[FigureGroup]) -> list[dict]:
    return [{"key": g.key, "label": g.label, "unit": g.unit, "scope": g.scope, "counted": g.role,
             "status": "conflict" if g.conflict else "agree", "documents": g.documents,
             "figures": len(g.members), "low": g.low, "high": g.high,
             "members": [{"figure_id": m.figure_id, "document_id": m.document_id,
                          "range_low": m.lo, "range_high": None if math.isinf(m.hi) else m.hi,
                          "conflicts": int(m.conflicts)} for m in g.members]}
            for g in groups]


def reuse_rows(reuse: list[Reuse]) -> list[dict]:
    return [{"key": r.key, "origin_document_id": r.origin_document_id, "origin_start": r.origin_start,
             "origin_end": r.origin_end, "origin_quote_id": r.origin_quote_id,
             "reuse_document_id": r.reuse_document_id, "reuse_start": r.reuse_start,
             "reuse_end": r.reuse_end, "reuse_quote_id": r.reuse_quote_id, "score": r.score}
            for r in reuse]
