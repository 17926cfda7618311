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
3. A word of one or two letters stands for the vocabulary words it starts
   (an index range on ``search_vocab``) and the word itself, like any other
   word; alone, without a filter, it finds actors by name prefix (an index
   range on ``aliases``).  A filter with no word lists its newest rows down
   the filter's index (``db.search.browse``), reading a bounded number.

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
from .browse import RecentFilters, UntilChanged, newest
from .candidates import TEXT_KINDS, Candidates, interrupted as _interrupted, should_drive
from .filters import ANNOTATED as _ANNOTATED, Filters, actors_by_prefix, matching_actors
from .query import KINDS, VERDICTS, Query, fold as _fold, parse
from .rank import rank as _rank, score as _score, snippet as _snippet
from .vocabulary import CLOSE_KEPT, ShortWords, Vocabulary

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
        self.con, self.last_candidates, self.max_candidates = con, 0, max_candidates  # scored by rapidfuzz, at most
        self._index = Candidates(con, scan_limit=scan_limit, drive_limit=drive_limit)
        self._filters = Filters(con)
        self._filter_rows = RecentFilters(con, known=self._filters.verdict_rows)
        self._words = ShortWords(con), UntilChanged(con, CLOSE_KEPT)  # kept until the file changes

    def search(self, q: str, limit: int = 50) -> Results:
        self.last_candidates = 0
        q = q if isinstance(q, str) else ""
        if not q.strip():
            return self.home(limit)
        try:
            return _with_verdicts(self.con, self._search(q, max(1, int(limit))))
        except sqlite3.OperationalError as e:
            if _interrupted(e):
                raise
            return Results(q, message=_db_message(e))

    def home(self, limit: int = 50) -> Results:
        """The most recent documents, then the most-cited actors."""
        limit = max(1, int(limit))
        try:
            docs = _recent_documents(self.con, (limit + 1) // 2)
            actors = _cited_actors(self.con, limit - len(docs))
        except sqlite3.OperationalError as e:
            if _interrupted(e):
                raise
            return Results("", message=_db_message(e))
        hits = docs + actors
        return Results("", hits, len(hits))

    def _search(self, text: str, limit: int) -> Results:
        q = parse(text)
        notes = list(q.notes)
        filters = self._filter_values(text, q, notes)
        if isinstance(filters, Results):
            return filters
        _, actor_ids, outlets, item_ids = filters
        filtered = actor_ids is not None or outlets is not None or item_ids is not None or bool(q.kinds - {"actor"})
        if q.terms or (q.words and filtered and filters[0] & TEXT_KINDS):
            # A short word under a filter: ranked like any (tiers._fixed).
            results, self.last_candidates = _ranked(self.con, self._index, text, q, filters, limit, notes,
                                                    self.max_candidates, Vocabulary(self.con, *self._words),
                                                    self._filter_rows)
        elif not (q.words or q.phrases) and not (q.by or q.outlets or q.kinds or q.verdicts):
            return Results(text, message=_join(notes + ["nothing to search for: type a word"]))
        elif (q.words or q.phrases) and not filtered:
            notes.append("type 3 or more characters to search text; showing actors by name")
            results, self.last_candidates = _actor_prefix(self.con, text, " ".join(q.words + q.phrases), limit, notes)
        else:
            results, self.last_candidates = _browse(self.con, text, q, filters, limit, notes, self.max_candidates)
        return results

    def _filter_values(self, text: str, q: Query, notes: list[str]):
        """(kinds, actor ids, outlets, item ids) the query's filters stand for,
        None where there is no such filter; or the Results saying why no row can match."""
        kinds = set(q.kinds) or set(KINDS)
        actor_ids = outlets = item_ids = None
        if q.by:
            actor_ids = matching_actors(self.con, self._index, q.by)
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
        return kinds, actor_ids, outlets, item_ids


def _with_verdicts(con: sqlite3.Connection, results: Results) -> Results:
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
            found.update(((kind, r[0]), r[1]) for r in con.execute(
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


def _ranked(con: sqlite3.Connection, index: Candidates, text: str, q: Query, filters, limit: int, notes: list[str],
            budget: int, vocab: Vocabulary, rows_of) -> tuple[Results, int]:
    """The best ``limit`` of at most ``budget`` candidates, and how many were scored."""
    kinds = filters[0]
    tables = []
    if "actor" in kinds:
        tables.append(("search_names", {"actor"}, max(1, budget // 4)))
    if kinds & TEXT_KINDS:
        tables.append(("search_text", kinds & TEXT_KINDS, None))
    tiers = {"search_names": search_tiers.name_tiers(q, vocab), "search_text": search_tiers.text_tiers(q, vocab)}
    filtered = any(f is not None for f in filters[1:])
    use = filtered and should_drive(con, filters, tiers["search_text"][-1], index.drive_limit, budget,
                                    rows_of.size(filters), rows_of.read(filters))
    drive = rows_of(filters) if use else None
    candidates: dict[int, tuple[str, str]] = {}  # item id -> (body, kind)
    precise_total, capped, found_in = 0, False, {}
    for table, table_kinds, share in tables:
        cap = min(share or budget, budget - len(candidates))
        if cap <= 0:
            break
        ids, scanned, stopped = index.find(table, tiers[table], table_kinds, filters, cap, drive)
        found_in[table] = len(ids)
        precise_total += scanned
        capped |= stopped
        candidates.update(index.bodies(ids))
    precise_ids = set(candidates)
    if len(candidates) < limit:
        capped |= _add_misspelt(index, q, vocab, tables, filters, candidates, budget, drive, found_in)
    capped |= vocab.cut_short
    ranked, matching = _rank(q, [(i, _fold(body), kind) for i, (body, kind) in candidates.items()], limit)
    total = matching + max(0, precise_total - len(precise_ids))
    meta = _meta(con, [i for _, i in ranked])
    hits = [_hit(meta[i], *_snippet(candidates[i][0], q), value) for value, i in ranked if i in meta]
    if not hits and not notes:
        notes.append("no matches")
    return Results(text, hits, total, _join(notes), capped), len(candidates)


def _add_misspelt(index: Candidates, q: Query, vocab: Vocabulary, tables, filters, candidates: dict, budget: int,
                  drive, found_in: dict) -> bool:
    """Adds to ``candidates`` the rows holding a word's close vocabulary words
    ("minsiter": "minister"); whether there may be more than were added."""
    capped = False
    fuzzy = {"search_names": search_tiers.name_fuzzy, "search_text": search_tiers.text_fuzzy}
    for table, table_kinds, share in tables:
        cap = min(share or budget, budget - len(candidates))
        fuzzy_tiers = fuzzy[table](q, vocab) if cap > 0 else []
        if not fuzzy_tiers:
            continue
        ids, scanned, stopped = index.find(table, fuzzy_tiers, table_kinds, filters, cap, drive,
                                           skip=set(candidates))
        # Fuzzy matches left unscored may pass too: total is a floor.
        capped |= stopped or scanned > len(ids) + found_in.get(table, 0)
        candidates.update(index.bodies(ids))
    return capped


def _meta(con: sqlite3.Connection, ids: list[int]) -> dict[int, tuple]:
    """kind, ref_id, document_id, who, outlet, published for each item."""
    out: dict[int, tuple] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for r in con.execute(
            "SELECT i.id, i.kind, i.ref_id, i.document_id, "
            "CASE WHEN i.kind = 'actor' THEN a.kind ELSE a.name END, d.outlet, d.published "
            "FROM search_items i LEFT JOIN actors a ON a.id = i.actor_id "
            "LEFT JOIN documents d ON d.id = i.document_id "
            f"WHERE i.id IN ({','.join('?' * len(part))})", part):
            out[r[0]] = tuple(r)[1:]
    return out


# -- queries the trigram index cannot narrow -------------------------------------


def _browse(con: sqlite3.Connection, text: str, q: Query, filters, limit: int, notes: list[str],
            budget: int) -> tuple[Results, int]:
    """Filtered rows, newest first, read down the filter's index
    (``db.search.browse``); short phrases checked on that bounded page."""
    # A filter alone needs only the rows it shows; short phrases a page to test.
    rows, more = newest(con, filters, set(KINDS), budget if q.words or q.phrases else limit)
    meta = _meta(con, [r[0] for r in rows])
    kept = [(i, body) for i, body in rows if i in meta and _score(q, _fold(body), meta[i][0]) is not None]
    hits = [_hit(meta[i], *_snippet(body, q), 0.0) for i, body in kept[:limit]]
    if not hits:
        notes.append("no matches")
    return Results(text, hits, len(kept), _join(notes), more), len(rows)


def _actor_prefix(con: sqlite3.Connection, text: str, prefix: str, limit: int,
                  notes: list[str]) -> tuple[Results, int]:
    ids = actors_by_prefix(con, prefix, limit)
    if not ids:
        return Results(text, message=_join(notes + ["no actor name starts so"])), 0
    rows = con.execute(
        f"SELECT i.id, i.body FROM search_items i WHERE i.kind = 'actor' AND i.ref_id IN ({','.join('?' * len(ids))}) "
        "ORDER BY i.weight DESC, i.id", ids).fetchall()
    meta = _meta(con, [r[0] for r in rows])
    q = Query(words=[prefix])
    hits = [_hit(meta[r[0]], *_snippet(r[1], q), 0.0) for r in rows if r[0] in meta]
    return Results(text, hits[:limit], len(hits), _join(notes)), len(rows)


# -- home ----------------------------------------------------------------------------


def _recent_documents(con: sqlite3.Connection, n: int) -> list[Hit]:
    if n <= 0:
        return []
    # CROSS JOIN: down the date index, a probe per document; SQLite would
    # rather sort every document first (0.15 s at 50k documents).
    select = "SELECT i.id, i.body FROM documents d CROSS JOIN search_items i ON i.kind = 'doc' AND i.ref_id = d.id "
    rows = con.execute(select + "WHERE d.published IS NOT NULL ORDER BY d.published DESC, d.id DESC LIMIT ?",
                       (n,)).fetchall()
    if len(rows) < n:
        rows += con.execute(select + "WHERE d.published IS NULL ORDER BY d.id DESC LIMIT ?",
                            (n - len(rows),)).fetchall()
    meta = _meta(con, [r[0] for r in rows])
    return [_hit(meta[r[0]], *_snippet(r[1], Query()), 0.0) for r in rows if r[0] in meta]


def _cited_actors(con: sqlite3.Connection, n: int) -> list[Hit]:
    if n <= 0:
        return []
    rows = con.execute(
        "SELECT i.id, i.body FROM search_items i WHERE i.kind = 'actor' AND i.weight > 0 ORDER BY i.weight DESC, i.id LIMIT ?", (n,)).fetchall()
    meta = _meta(con, [r[0] for r in rows])
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
