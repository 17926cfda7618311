"""Linking everything at once, on plain values: the claim groups, figure groups
and quote reuse of a whole database.  ``incremental`` gets the same result
redoing only what changed; this is what it is checked against.
"""
from __future__ import annotations

from dataclasses import dataclass

from db.matching import similarity

from .claims import ClaimGroup, ClaimIn, claim_groups
from .figures import FigureGroup, FigureIn, bucket, figure_groups
from .quotes import ParagraphIn, QuoteIn, Reuse, quote_reuse
from .stories import places, signature
from .rows import claim_rows, document_order, figure_context, figure_rows, reuse_rows


@dataclass
class Links:
    claim_groups: list[ClaimGroup]
    figure_groups: list[FigureGroup]
    reuse: list[Reuse]


def compute(claims: list[ClaimIn], figures: list[FigureIn], quotes: list[QuoteIn],
            paragraphs: list[ParagraphIn], published: dict[int, str | None],
            signatures: dict[int, dict[str, float]] | None = None,
            places: dict[int, list[tuple[int, int, str]]] | None = None, *,
            touched: set[int] | None = None, kept: list[Reuse] = (), similar=similarity) -> Links:
    """Everything at once, or with ``touched`` (the documents added or changed
    since ``kept``, the quote links among the others, was computed) the same
    result with only the touched documents' quotes aligned again."""
    order = document_order(published)
    figs = figure_groups(figures, signatures, places)
    reuse = [*kept, *quote_reuse(quotes, paragraphs, order, touched)]
    reuse.sort(key=lambda r: (r.origin_document_id, r.origin_start, r.reuse_document_id, r.reuse_start))
    units = {f.id: key[0] for f in figures if (key := bucket(f)) is not None}
    return Links(claim_groups(claims, figs, order, similar, signatures, units), figs, reuse)


def compute_from_rows(rows: dict, *, touched: set[int] | None = None, kept: list[dict] = (),
                      similar=similarity) -> Links:
    claims = [ClaimIn(c["id"], c["document_id"], c["start"], c["end"], c["text"],
                      frozenset(c["actors"]), tuple(c["figures"]),
                      tuple(c["names"]), tuple(map(tuple, c.get("places", ()))),
                      tuple(map(tuple, c.get("values", ())))) for c in rows["claims"]]
    quotes = [QuoteIn(q["id"], q["document_id"], q["start"], q["end"], q["text"]) for q in rows["quotes"]]
    paragraphs = [ParagraphIn(p["document_id"], p["start"], p["text"]) for p in rows["paragraphs"]]
    stories = rows.get("stories", {})
    signatures = {d: signature(text, mentions) for d, (text, mentions) in stories.items()}
    named = {d: places(text, mentions) for d, (text, mentions) in stories.items()}
    return compute(claims, figure_context(rows["figures"]), quotes, paragraphs, rows["published"], signatures,
                   named, touched=touched, kept=[Reuse(**r) for r in kept], similar=similar)


def rows_to_store(links: Links, claims: dict[int, int], published: dict[int, str | None]) -> tuple[list, list, list]:
    """The result as the plain dicts db/links.py writes; ``claims`` maps a
    claim id to its document."""
    return claim_rows(links.claim_groups, claims, published), figure_rows(links.figure_groups), \
        reuse_rows(links.reuse)
