"""Search: what the explorer's search box asks, answered without Textual.

Contract (the explorer codes against this; the implementation may change):

    s = Searcher(con)                 # a read-only sqlite3 connection
    s.search("strike by:olsen", limit=50) -> Results
    s.home(limit=50) -> Results       # empty query: recent documents, most-cited actors

Query syntax (``db.search.query``): free words (fuzzy, typo-tolerant), "exact
phrase", and filters ``by:NAME`` (claimant or speaker, fuzzy), ``in:OUTLET``
(fuzzy), ``kind:quote|claim|actor|doc|figure`` (repeatable), ``verdict:VERDICT``
(the analyst's verdict on a claim or quote), combined with AND.  Filters are
applied in SQL.

How a query runs (see ``db.search.index`` for the index, ``db.search.rank``
for scoring):

1. Candidates, bounded.  The query becomes tiers (``db.search.tiers``), best
   first: the words together, each as a word, each inside a longer word of
   the vocabulary; and, when those find fewer rows than ``limit``, each or
   one of its closest vocabulary words ("minsiter" becomes "minister").
   Every term is quoted, so no input is ever FTS syntax.  The widest tier is
   asked first; when it holds no more than ``max_candidates`` rows they are
   the candidates, else the tiers fill them in order, newest first within
   each.  Counting how many match stops after ``scan_limit`` index matches.
   Filters are in the same statement, so they narrow before the limits
   apply.  A filter whose rows are fewer than the words' (the vocabulary
   says how many rows hold each word) drives instead: its rows are read
   through the filter's index and tested with ``instr``, so a rare claimant
   is not looked for among a million rows of a common word.
2. Ranking, in Python, of at most ``max_candidates`` rows with rapidfuzz
   (``db.search.rank.rank``: only the rows that can still reach the top
   ``limit`` are scored in full).
3. A query with no term of 3+ characters cannot use the vocabulary; it
   finds actors by name prefix (an index range on ``aliases``), or, with
   filters, browses the filtered rows newest first, always with a LIMIT.

``last_candidates`` is how many rows the last search scored in Python; it never
exceeds ``max_candidates``.

Cancellation: the explorer may call ``con.interrupt()`` from another thread.
The statement in flight then raises ``sqlite3.OperationalError("interrupted")``,
which ``search`` and ``home`` let propagate untouched, so the caller can tell a
cancelled search from a finished one.  Any other database error (for example a
database seeded before the search index existed) becomes a ``message``.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace

from . import tiers as search_tiers
from .candidates import TEXT_KINDS, Candidates, Vocabulary, filter_sql, interrupted as _interrupted
from .filters import ANNOTATED as _ANNOTATED, Filters
from .query import KINDS, VERDICTS, Query, fold as _fold, parse
from .rank import rank as _rank, score as _score, snippet as _snippet

__all__ = ["Searcher", "Hit", "Results", "Query", "parse", "KINDS", "VERDICTS"]


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    id: int  # row id in its table (documents.id for kind "doc")
    snippet: str  # one line of text to show
    matches: tuple[int, ...] = ()  # offsets into snippet of matched characters
    score: float = 0.0
    who: str | None = None  # claimant / speaker / actor kind
    outlet: str | None = None
    published: str | None = None
    document_id: int | None = None
    verdict: str | None = None  # the analyst's verdict on a claim or quote, if any


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # how many matched in all (hits is capped)
    message: str | None = None  # a gentle note for a query that could not run as typed
    total_capped: bool = False  # total is a lower bound ("500+"): the scan stopped there


_ATTRIBUTED = frozenset({"claim", "quote", "figure"})  # have a claimant or speaker


class Searcher:
    def __init__(self, con: sqlite3.Connection, *, max_candidates: int = 150, scan_limit: int = 2000,
                 drive_limit: int = 1000):
        self.con = con
        self.max_candidates = max_candidates  # rows scored by rapidfuzz, at most
        self.last_candidates = 0
        self._index = Candidates(con, scan_limit=scan_limit, drive_limit=drive_limit)
        self._filters = Filters(con, self._index)

    # -- public ------------------------------------------------------------------

    def search(self, q: str, limit: int = 50) -> Results:
        self.last_candidates = 0
        q = q if isinstance(q, str) else ""
        if not q.strip():
            return self.home(limit)
        try:
            return self._with_verdicts(self._search(q, max(1, int(limit))))
        except sqlite3.OperationalError as e:
            if _interrupted(e):
                raise
            return Results(q, message=_db_message(e))

    def home(self, limit: int = 50) -> Results:
        """The most recent documents, then the most-cited actors."""
        limit = max(1, int(limit))
        try:
            docs = self._recent_documents((limit + 1) // 2)
            actors = self._cited_actors(limit - len(docs))
        except sqlite3.OperationalError as e:
            if _interrupted(e):
                raise
            return Results("", message=_db_message(e))
        hits = docs + actors
        return Results("", hits, len(hits))

    def _with_verdicts(self, results: Results) -> Results:
        """The analyst's verdict on each claim and quote shown (a bounded lookup: the
        hits are already capped)."""
        found: dict[tuple[str, int], str] = {}
        for kind, table in (("claim", "claims"), ("quote", "quotes")):
            ids = [h.id for h in results.hits if h.kind == kind]
            if not ids:
                continue
            try:
                # CROSS JOIN: from the hits outwards.  Left to choose, SQLite
                # walks every annotation of the kind (0.3 s at 10k annotations).
                found.update(((kind, r[0]), r[1]) for r in self.con.execute(
                    f"SELECT t.id, a.verdict FROM {table} t CROSS JOIN documents d ON d.id = t.document_id "
                    "CROSS JOIN annotations a ON a.kind = ? AND a.document_path = d.path AND a.text_key = t.text_key "
                    f"WHERE t.id IN ({','.join('?' * len(ids))})", (kind, *ids)))
            except sqlite3.OperationalError as e:
                if _interrupted(e) or "no such" not in str(e):
                    raise
                return results  # a database from before annotations
        if not found:
            return results
        hits = [replace(h, verdict=found.get((h.kind, h.id))) for h in results.hits]
        return replace(results, hits=hits)

    # -- the query -----------------------------------------------------------------

    def _search(self, text: str, limit: int) -> Results:
        q = parse(text)
        notes = list(q.notes)
        kinds = set(q.kinds) or set(KINDS)
        actor_ids = outlets = item_ids = None
        if q.by:
            actor_ids = self._filters.actors(q.by)
            if not actor_ids:
                return Results(text, message=_join(notes + [f"no actor matches by:{' / by:'.join(q.by)}"]))
            kinds &= _ATTRIBUTED
        if q.outlets:
            outlets = self._filters.outlets(q.outlets)
            if not outlets:
                return Results(text, message=_join(notes + [f"no outlet matches in:{' / in:'.join(q.outlets)}"]))
            kinds.discard("actor")
        if q.verdicts:
            kinds &= _ANNOTATED
            item_ids = self._filters.verdict_items(q.verdicts, kinds)
            if not item_ids:
                return Results(text, message=_join(
                    notes + [f"no claim or quote has verdict:{' / verdict:'.join(sorted(q.verdicts))}"]))
        if not kinds:
            return Results(text, message=_join(notes + ["no kind of row can meet all these filters"]))
        filters = (kinds, actor_ids, outlets, item_ids)
        if not q.terms:
            if not (q.words or q.phrases):
                if not (q.by or q.outlets or q.kinds or q.verdicts):
                    return Results(text, message=_join(notes + ["nothing to search for: type a word"]))
                return self._browse(text, q, filters, limit, notes)
            if actor_ids is None and outlets is None and item_ids is None and not (q.kinds - {"actor"}):
                notes.append("type 3 or more characters to search text; showing actors by name")
                return self._actor_prefix(text, " ".join(q.words + q.phrases), limit, notes)
            return self._browse(text, q, filters, limit, notes)
        return self._ranked(text, q, filters, limit, notes)

    def _ranked(self, text: str, q: Query, filters, limit: int, notes: list[str]) -> Results:
        kinds = filters[0]
        budget = self.max_candidates
        tables = []
        if "actor" in kinds:
            tables.append(("search_names", {"actor"}, max(1, budget // 4)))
        if kinds & TEXT_KINDS:
            tables.append(("search_text", kinds & TEXT_KINDS, None))
        self._index.cut_short = False
        vocab = Vocabulary(self._index)
        tiers = {"search_names": search_tiers.name_tiers(q), "search_text": search_tiers.text_tiers(q, vocab)}
        drive = self._index.drive_ids(filters, self._index.drive_budget(tiers["search_text"][-1]))
        candidates: dict[int, tuple[str, str]] = {}  # item id -> (body, kind)
        precise_total, capped, found_in = 0, False, {}
        for table, table_kinds, share in tables:
            cap = min(share or budget, budget - len(candidates))
            if cap <= 0:
                break
            ids, scanned, stopped = self._index.find(table, tiers[table], table_kinds, filters, cap, drive)
            found_in[table] = len(ids)
            precise_total += scanned
            capped |= stopped
            candidates.update(self._index.bodies(ids))
        precise_ids = set(candidates)
        if len(candidates) < limit:
            fuzzy = {"search_names": search_tiers.name_fuzzy, "search_text": search_tiers.text_fuzzy}
            for table, table_kinds, share in tables:
                cap = min(share or budget, budget - len(candidates))
                fuzzy_tiers = fuzzy[table](q, vocab) if cap > 0 else []
                if not fuzzy_tiers:
                    continue
                ids, scanned, stopped = self._index.find(table, fuzzy_tiers, table_kinds, filters, cap, drive,
                                                         skip=set(candidates))
                # Fuzzy matches left unscored may pass too: total is a floor.
                capped |= stopped or scanned > len(ids) + found_in.get(table, 0)
                candidates.update(self._index.bodies(ids))
        self.last_candidates = len(candidates)
        capped |= self._index.cut_short
        ranked, matching = _rank(q, [(i, _fold(body), kind) for i, (body, kind) in candidates.items()], limit)
        total = matching + max(0, precise_total - len(precise_ids))
        meta = self._meta([i for _, i in ranked])
        hits = [_hit(meta[i], *_snippet(candidates[i][0], q), value) for value, i in ranked if i in meta]
        if not hits and not notes:
            notes.append("no matches")
        return Results(text, hits, total, _join(notes), capped)

    def _meta(self, ids: list[int]) -> dict[int, tuple]:
        """kind, ref_id, document_id, who, outlet, published for each item."""
        out: dict[int, tuple] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            for r in self.con.execute(
                "SELECT i.id, i.kind, i.ref_id, i.document_id, "
                "CASE WHEN i.kind = 'actor' THEN a.kind ELSE a.name END, d.outlet, d.published "
                "FROM search_items i LEFT JOIN actors a ON a.id = i.actor_id "
                "LEFT JOIN documents d ON d.id = i.document_id "
                f"WHERE i.id IN ({','.join('?' * len(part))})", part):
                out[r[0]] = tuple(r)[1:]
        return out

    # -- queries the trigram index cannot narrow -------------------------------------

    def _browse(self, text: str, q: Query, filters, limit: int, notes: list[str]) -> Results:
        """Filtered rows, newest first; short words checked on a bounded page."""
        where, args = filter_sql(filters[0], filters, all_kinds=set(KINDS))
        rows = self.con.execute(
            f"SELECT i.id, i.body FROM search_items i WHERE 1{where} ORDER BY i.id DESC LIMIT ?", [*args, self.max_candidates]).fetchall()
        self.last_candidates = len(rows)
        meta = self._meta([r[0] for r in rows])
        kept = [(r[0], r[1] or "") for r in rows
                if r[0] in meta and _score(q, _fold(r[1] or ""), meta[r[0]][0]) is not None]
        hits = [_hit(meta[i], *_snippet(body, q), 0.0) for i, body in kept[:limit] if i in meta]
        capped = len(rows) >= self.max_candidates
        if not hits:
            notes.append("no matches")
        return Results(text, hits, len(kept), _join(notes), capped)

    def _actor_prefix(self, text: str, prefix: str, limit: int, notes: list[str]) -> Results:
        ids = self._filters.actors_by_prefix(prefix, limit)
        if not ids:
            return Results(text, message=_join(notes + ["no actor name starts so"]))
        rows = self.con.execute(
            f"SELECT i.id, i.body FROM search_items i WHERE i.kind = 'actor' AND i.ref_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY i.weight DESC, i.id", ids).fetchall()
        self.last_candidates = len(rows)
        meta = self._meta([r[0] for r in rows])
        q = Query(words=[prefix])
        hits = [_hit(meta[r[0]], *_snippet(r[1], q), 0.0) for r in rows if r[0] in meta]
        return Results(text, hits[:limit], len(hits), _join(notes))

    # -- home ----------------------------------------------------------------------------

    def _recent_documents(self, n: int) -> list[Hit]:
        if n <= 0:
            return []
        # CROSS JOIN: down the date index, a probe per document; SQLite would
        # rather sort every document first (0.15 s at 50k documents).
        select = "SELECT i.id, i.body FROM documents d CROSS JOIN search_items i ON i.kind = 'doc' AND i.ref_id = d.id "
        rows = self.con.execute(select + "WHERE d.published IS NOT NULL ORDER BY d.published DESC, d.id DESC LIMIT ?",
                                (n,)).fetchall()
        if len(rows) < n:
            rows += self.con.execute(select + "WHERE d.published IS NULL ORDER BY d.id DESC LIMIT ?",
                                     (n - len(rows),)).fetchall()
        meta = self._meta([r[0] for r in rows])
        return [_hit(meta[r[0]], *_snippet(r[1], Query()), 0.0) for r in rows if r[0] in meta]

    def _cited_actors(self, n: int) -> list[Hit]:
        if n <= 0:
            return []
        rows = self.con.execute(
            "SELECT i.id, i.body FROM search_items i WHERE i.kind = 'actor' AND i.weight > 0 ORDER BY i.weight DESC, i.id LIMIT ?", (n,)).fetchall()
        meta = self._meta([r[0] for r in rows])
        return [_hit(meta[r[0]], *_snippet(r[1], Query()), 0.0) for r in rows if r[0] in meta]


# -- helpers ------------------------------------------------------------------------------


def _hit(meta: tuple, snippet: str, matches: tuple[int, ...], score: float) -> Hit:
    kind, ref_id, doc_id, who, outlet, published = meta
    return Hit(kind, ref_id, snippet, matches, score, who, outlet, published, doc_id)


def _db_message(e: sqlite3.OperationalError) -> str:
    if "no such table" in str(e) and "search_" in str(e):
        return "this database has no search index yet: run `claimscope seed` again to build it"
    if "no such column" in str(e):
        return "this database's search index is of an older layout: run `claimscope seed` again to rebuild it"
    return f"search could not run: {e}"


def _join(notes: list[str]) -> str | None:
    return "; ".join(dict.fromkeys(notes)) or None
