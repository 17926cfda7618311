"""Search: takes a query as typed and gives ranked hits over claims, quotes,
actors, documents and figures; ``index`` keeps the index a seed run ends with.

``Searcher`` (engine) is what the explorer calls, ``refresh`` (index) what a
seed run calls; the modules below them parse (query), plan (tiers), find
(candidates, filters) and score (rank).
"""
from .engine import KINDS, VERDICTS, Hit, Query, Results, Searcher, parse
from .index import behind, refresh

__all__ = ["Searcher", "Hit", "Results", "Query", "parse", "KINDS", "VERDICTS", "refresh", "behind"]
