"""What the claims rules read of one document: its tokens, its quotes found by
span, and the resolver of its source phrases (quotes excluded)."""
from __future__ import annotations

from bisect import bisect_right

from ..records import DocActors, Quote
from ..text.columns import tokens
from .resolver import Resolver


class ClaimContext:
    def __init__(self, doc, actors: DocActors, quotes: list[Quote], own: str | None):
        self.doc = doc
        self.actors = actors
        self.quotes = quotes
        self._quote_ends = [q.end for q in quotes]  # quotes are disjoint and in text order
        self.own = own  # the author's or outlet's key: the writer's own voice
        self.res = Resolver(doc, actors, [(q.start, q.end) for q in quotes], own)
        self.toks = tokens(doc)
        self.quoted = self.res.token_quoted

    def overlapping(self, a: int, b: int):
        """Indexes of the quotes that overlap [a, b)."""
        i = bisect_right(self._quote_ends, a)
        while i < len(self.quotes) and self.quotes[i].start < b:
            yield i
            i += 1

    def in_quote(self, tok) -> bool:
        return self.quoted[tok.i]
