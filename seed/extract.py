"""One document's extraction: actors, quotes, claims and figures, tied together.

Each stage lives in its own package and is testable alone; this module only
runs them in order and links what one stage needs from another (a claim's
quote, a figure's enclosing claim and claimant).
"""
from __future__ import annotations

from dataclasses import dataclass

from .actors import extract_actors
from .attribution import extract_claims, extract_quotes
from .figures import extract_figures
from .records import Claim, DocActors, Figure, Quote


@dataclass
class Extraction:
    actors: DocActors
    quotes: list[Quote]
    claims: list[Claim]
    figures: list[Figure]
    figure_claims: list[int | None]  # index into claims of each figure's enclosing claim


def own_voice(actors: DocActors, authors: list[str], outlet: str | None) -> str | None:
    """The actor an article's unattributed assertions belong to: its author, or
    its outlet when it names no author."""
    if authors:
        return actors.ensure(authors[0], "person")
    if outlet:
        return actors.ensure(outlet, "media")
    return None


def enclosing_claim(claims: list[Claim], start: int, end: int) -> int | None:
    best = None
    for i, c in enumerate(claims):
        if c.start <= start and end <= c.end and (best is None or c.end - c.start < claims[best].end - claims[best].start):
            best = i
    return best


def extract(doc, authors: list[str], outlet: str | None) -> Extraction:
    actors = extract_actors(doc)
    own = own_voice(actors, authors, outlet)
    quotes = extract_quotes(doc, actors)
    claims = extract_claims(doc, actors, quotes, own)
    figures = extract_figures(doc)
    return Extraction(actors, quotes, claims, figures,
                      [enclosing_claim(claims, f.start, f.end) for f in figures])
