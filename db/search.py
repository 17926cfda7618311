"""Search: what the explorer's search box asks, answered without Textual.

Contract (the explorer codes against this; the implementation may change):

    s = Searcher(con)                 # a read-only sqlite3 connection
    s.search("strike by:olsen", limit=50) -> Results
    s.home(limit=50) -> Results       # empty query: recent documents, most-cited actors

Query syntax (``db.search_query``): free words (fuzzy, typo-tolerant), "exact
phrase", and filters ``by:NAME`` (claimant or speaker, fuzzy), ``in:OUTLET``
(fuzzy), ``kind:quote|claim|actor|doc|figure`` (repeatable), ``verdict:VERDICT``
(the analyst's verdict on a claim or quote), combined with AND.  Filters are
applied in SQL.

How a query runs (see ``db.search_index`` for the index, ``db.search_rank``
for scoring):

1. Candidates, bounded.  The query becomes tiers (``db.search_tiers``), best
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
   (``db.search_rank.rank``: only the rows that can still reach the top
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

import re
import sqlite3
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from . import search_tiers
from .search_query import KINDS, VERDICTS, Query, fold as _fold, fts_term as _fts_term, parse, trigrams as _trigrams
from .search_rank import WORD_CUTOFF, rank as _rank, score as _score, snippet as _snippet

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


_TEXT_KINDS = frozenset({"claim", "quote", "figure", "doc"})  # in search_text
_ATTRIBUTED = frozenset({"claim", "quote", "figure"})  # have a claimant or speaker
_ANNOTATED = frozenset({"claim", "quote"})  # can carry a verdict

MAX_ACTORS = 50  # a by: value resolving to more is too vague to be a filter
NAME_CUTOFF = 80.0
MAX_EXPANSIONS = 8  # closest vocabulary words looked up for one query word
MAX_VOCAB_SCAN = 20000  # vocabulary words sharing a trigram, scored per query word
MAX_VERDICT_ITEMS = 100000  # annotated rows taken as a verdict: filter
MAX_DRIVE = 5000  # filtered rows read one by one at most (~5 ms a thousand at a million rows)
# Punctuation read as a word boundary by the SQL pre-rank.
_BOUNDARY = ".,;:!?()[]\"'\u201c\u201d\u2018\u2019-\u2014/"
_PADDED = "' ' || " + "".join("replace(" for _ in _BOUNDARY) + "lower({})" + "".join(
    f", '{c if c != chr(39) else chr(39) * 2}', ' ')" for c in _BOUNDARY) + " || ' '"


class Searcher:
    def __init__(self, con: sqlite3.Connection, *, max_candidates: int = 250, scan_limit: int = 2000,
                 drive_limit: int = 1000):
        self.con = con
        self.max_candidates = max_candidates  # rows scored by rapidfuzz, at most
        self.scan_limit = scan_limit  # matching rows SQLite pre-ranks, at most
        self.drive_limit = drive_limit  # a filter with at most this many rows is read, not matched
        self.last_candidates = 0
        self._outlets: tuple[int, list[str]] | None = None
        self._verdict_items: tuple[tuple, list[int]] | None = None

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
            actor_ids = self._resolve_actors(q.by)
            if not actor_ids:
                return Results(text, message=_join(notes + [f"no actor matches by:{' / by:'.join(q.by)}"]))
            kinds &= _ATTRIBUTED
        if q.outlets:
            outlets = self._resolve_outlets(q.outlets)
            if not outlets:
                return Results(text, message=_join(notes + [f"no outlet matches in:{' / in:'.join(q.outlets)}"]))
            kinds.discard("actor")
        if q.verdicts:
            kinds &= _ANNOTATED
            item_ids = self._resolve_verdicts(q.verdicts, kinds)
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
        if kinds & _TEXT_KINDS:
            tables.append(("search_text", kinds & _TEXT_KINDS, None))
        vocab = _Vocab(self)
        tiers = {"search_names": search_tiers.name_tiers(q), "search_text": search_tiers.text_tiers(q, vocab)}
        drive = self._drive_ids(filters, self._drive_budget(tiers["search_text"][-1]))
        candidates: dict[int, tuple[str, str]] = {}  # item id -> (body, kind)
        precise_total, capped, found_in = 0, False, {}
        for table, table_kinds, share in tables:
            cap = min(share or budget, budget - len(candidates))
            if cap <= 0:
                break
            ids, scanned, stopped = self._candidates(table, tiers[table], table_kinds, filters, cap, drive)
            found_in[table] = len(ids)
            precise_total += scanned
            capped |= stopped
            candidates.update(self._bodies(table, ids))
        precise_ids = set(candidates)
        if len(candidates) < limit:
            fuzzy = {"search_names": search_tiers.name_fuzzy, "search_text": search_tiers.text_fuzzy}
            for table, table_kinds, share in tables:
                cap = min(share or budget, budget - len(candidates))
                fuzzy_tiers = fuzzy[table](q, vocab) if cap > 0 else []
                if not fuzzy_tiers:
                    continue
                ids, scanned, stopped = self._candidates(table, fuzzy_tiers, table_kinds, filters, cap, drive,
                                                         skip=set(candidates))
                # Fuzzy matches left unscored may pass too: total is a floor.
                capped |= stopped or scanned > len(ids) + found_in.get(table, 0)
                candidates.update(self._bodies(table, ids))
        self.last_candidates = len(candidates)
        ranked, matching = _rank(q, [(i, _fold(body), kind) for i, (body, kind) in candidates.items()], limit)
        total = matching + max(0, precise_total - len(precise_ids))
        meta = self._meta([i for _, i in ranked])
        hits = [_hit(meta[i], *_snippet(candidates[i][0], q), value) for value, i in ranked if i in meta]
        if not hits and not notes:
            notes.append("no matches")
        return Results(text, hits, total, _join(notes), capped)

    def _vocab(self, where: str, args: tuple) -> list[tuple[str, int]]:
        try:
            return self.con.execute(
                "SELECT v.word, v.rows FROM search_vocab_grams g JOIN search_vocab v ON v.id = g.rowid "
                f"WHERE search_vocab_grams MATCH ? AND {where} LIMIT ?", (*args, MAX_VOCAB_SCAN)).fetchall()
        except sqlite3.OperationalError as e:
            if _interrupted(e) or "no such table" not in str(e):
                raise
            return []  # an index from before the vocabulary

    def _containing(self, word: str) -> list[str]:
        """The vocabulary words that hold ``word`` inside them: the shortest
        first (a row scores by its closest whole word), then the commonest."""
        if len(word) < 3 or not re.fullmatch(r"\w+", word):
            return []
        rows = self._vocab("v.word <> ?", (_fts_term(word), word))
        rows.sort(key=lambda r: (len(r[0]), -r[1], r[0]))
        return [w for w, _ in rows[:search_tiers.MAX_CONTAINING]]

    def _expand(self, word: str) -> list[tuple[str, float]]:
        """The vocabulary words closest to ``word`` that do not contain it, best first."""
        rows = self._vocab("length(v.word) >= ?", (" OR ".join(_fts_term(g) for g in _trigrams(word)),
                                                   len(word) - 2))
        freq = {r[0]: r[1] for r in rows if word not in r[0]}
        # Score a word as a row holding it would be scored: the query word's
        # best window in a longer word, the whole word against a shorter one.
        longer = [w for w in freq if len(w) >= len(word)]
        shorter = [w for w in freq if len(w) < len(word)]
        found = process.extract(word, longer, scorer=fuzz.partial_ratio, score_cutoff=WORD_CUTOFF, limit=None)
        found += process.extract(word, shorter, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None)
        found.sort(key=lambda f: (-f[1], -freq[f[0]], f[0]))
        return [(w, s) for w, s, _ in found[:MAX_EXPANSIONS]]

    def _drive_ids(self, filters, most: int) -> list[int] | None:
        """The rows of a filter, newest first, or None when there are more
        than ``most`` (then the filter is tested on each index match)."""
        _, actor_ids, outlets, item_ids = filters
        if actor_ids is None and outlets is None and item_ids is None:
            return None
        where, args = _filter_sql(filters[0], filters, all_kinds=set(KINDS))
        ids = [r[0] for r in self.con.execute(
            f"SELECT i.id FROM search_items i WHERE 1{where} ORDER BY i.id DESC LIMIT ?", [*args, most + 1])]
        return ids if len(ids) <= most else None

    def _drive_budget(self, widest: list[list[str]]) -> int:
        """How many filtered rows are worth reading one by one: as many as the
        index would walk for the words (a word's row count is in the
        vocabulary), between ``drive_limit`` and MAX_DRIVE."""
        known = []
        for group in widest:
            words = [t for t in group if not isinstance(t, search_tiers.Prefix)]
            if len(words) < len(group):
                continue
            try:
                rows = self.con.execute(
                    f"SELECT sum(rows), count(*) FROM search_vocab WHERE word IN ({','.join('?' * len(words))})",
                    words).fetchone()
            except sqlite3.OperationalError as e:
                if _interrupted(e) or "no such table" not in str(e):
                    raise
                return self.drive_limit
            if rows[1] == len(set(words)):
                known.append(rows[0])
        return max(self.drive_limit, min([MAX_DRIVE, *known]))

    def _candidates(self, table: str, tiers: list[list[list[str]]], kinds: set[str], filters, cap: int,
                    drive: list[int] | None = None, skip: set[int] = frozenset()) -> tuple[list[int], int, bool]:
        """Up to ``cap`` row ids, best tier first, newest first within a tier;
        how many rows the last, widest tier matches; and whether that count
        stopped short (``scan_limit`` index matches looked at).

        Each tier holds the one before it, so the widest is asked first:
        when it has no more than ``cap`` rows they are the answer, and the
        narrower tiers need not run.  Every statement reads row ids only, with
        a LIMIT; bodies are read for the chosen rows alone.  No bm25: its IDF
        walks the whole doclist of every term, so its cost grows with the
        database however small the LIMIT.  With ``drive`` (the ids of a
        filter's rows), those rows are read by id and the strings tested with
        ``instr`` instead."""
        tiers = [t for t in ([g for g in groups if g] for groups in tiers) if t]
        # A tier no wider than the next adds nothing ("drones" has no longer word).
        tiers = [t for n, t in enumerate(tiers) if n + 1 == len(tiers) or t != tiers[n + 1]]
        if not tiers or (drive is not None and table != "search_text"):
            return [], 0, False
        want = cap + len(skip)
        widest, args = self._tier_sql(table, tiers[-1], kinds, filters, drive)
        found = [i for (i,) in self.con.execute(f"{widest} ORDER BY 1 DESC LIMIT ?", [*args, want])]
        if len(found) < want:
            return [i for i in found if i not in skip][:cap], len(found), False
        got: dict[int, None] = {}
        for groups in tiers[:-1]:
            source, tier_args = self._tier_sql(table, groups, kinds, filters, drive)
            for (i,) in self.con.execute(f"{source} ORDER BY 1 DESC LIMIT ?", [*tier_args, want]):
                if i not in skip:
                    got[i] = None
            if len(got) >= cap:
                break
        for i in found:
            if i not in skip:
                got[i] = None
        total, capped = self._count(table, tiers[-1], kinds, filters, drive)
        return list(got)[:cap], total, capped

    def _count(self, table: str, groups: list[list[str]], kinds: set[str], filters, drive) -> tuple[int, bool]:
        """Rows matching ``groups`` and the filters among the first
        ``scan_limit`` index matches (or filter rows, when driven), and
        whether there were more to look at.  Bounded by the index's matches,
        not the filter's: a rare claimant among a common word's rows would
        otherwise walk the word's whole doclist."""
        if drive is not None:
            source, args = self._tier_sql(table, groups, kinds, filters, drive)
            n = self.con.execute(f"SELECT count(*) FROM ({source} LIMIT ?)", [*args, self.scan_limit]).fetchone()[0]
            return n, n >= self.scan_limit
        source, args = self._tier_sql(table, groups, kinds, (kinds, None, None, None), None)
        where, filter_args = _filter_sql(set(), filters, all_kinds=set())
        if not where:
            n = self.con.execute(f"SELECT count(*) FROM ({source} LIMIT ?)", [*args, self.scan_limit]).fetchone()[0]
            return n, n >= self.scan_limit
        seen, n = self.con.execute(
            f"SELECT count(*), coalesce(sum(1{where}), 0) FROM ({source} LIMIT ?) m "
            f"CROSS JOIN search_items i ON i.id = m.rowid", [*filter_args, *args, self.scan_limit]).fetchone()
        return n, seen >= self.scan_limit

    def _tier_sql(self, table: str, groups: list[list[str]], kinds: set[str], filters, drive) -> tuple[str, list]:
        if drive is not None:
            test = " AND ".join("(" + " OR ".join("instr(lower(body), ?) > 0" for _ in g) + ")" for g in groups)
            # Driven from search_items by id; the FTS table is then only
            # asked for single rowids, which it answers without a scan.
            where = f"i.id IN ({','.join('?' * len(drive))}) AND ({test})"
            args = [*drive, *(t for g in groups for t in g)]
            return f"SELECT i.id FROM search_items i CROSS JOIN {table} ON {table}.rowid = i.id WHERE {where}", args
        where, args = _filter_sql(set(), filters, all_kinds=set())
        match = "{body} : (" + " AND ".join("(" + " OR ".join(_term(t) for t in g) + ")" for g in groups) + ")"
        if table == "search_text" and kinds != _TEXT_KINDS:
            match += " AND {kind} : (" + " OR ".join(_fts_term(k) for k in sorted(kinds)) + ")"
        # CROSS JOIN keeps the full-text table as the outer loop: given the choice,
        # SQLite drives from a broad filter's index and re-runs the MATCH for every
        # row it probes (seconds at 10k rows).
        join = f"CROSS JOIN search_items i ON i.id = {table}.rowid " if where else ""
        return f"SELECT {table}.rowid FROM {table} {join}WHERE {table} MATCH ?{where}", [match, *args]

    def _bodies(self, table: str, ids: list[int]) -> dict[int, tuple[str, str]]:
        """(body, kind) of each row, in the order of ``ids``."""
        if not ids:
            return {}
        kind = "kind" if table == "search_text" else "'actor'"
        found = {r[0]: (r[1], r[2]) for r in self.con.execute(
            f"SELECT rowid, body, {kind} FROM {table} WHERE rowid IN ({','.join('?' * len(ids))})", ids)}
        return {i: found[i] for i in ids if i in found}

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
        where, args = _filter_sql(filters[0], filters, all_kinds=set(KINDS))
        rows = self.con.execute(
            "SELECT i.id, coalesce(t.body, n.body) FROM search_items i "
            "LEFT JOIN search_text t ON t.rowid = i.id AND i.kind <> 'actor' "
            "LEFT JOIN search_names n ON n.rowid = i.id AND i.kind = 'actor' "
            f"WHERE 1{where} ORDER BY i.id DESC LIMIT ?", [*args, self.max_candidates]).fetchall()
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
        ids = self._actors_by_prefix(prefix, limit)
        if not ids:
            return Results(text, message=_join(notes + ["no actor name starts so"]))
        rows = self.con.execute(
            "SELECT i.id, n.body FROM search_items i JOIN search_names n ON n.rowid = i.id "
            f"WHERE i.kind = 'actor' AND i.ref_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY i.weight DESC, i.id", ids).fetchall()
        self.last_candidates = len(rows)
        meta = self._meta([r[0] for r in rows])
        q = Query(words=[prefix])
        hits = [_hit(meta[r[0]], *_snippet(r[1], q), 0.0) for r in rows if r[0] in meta]
        return Results(text, hits[:limit], len(hits), _join(notes))

    def _actors_by_prefix(self, prefix: str, limit: int) -> list[int]:
        # aliases(alias) is a binary-collated index: one range per common casing.
        ids: dict[int, None] = {}
        for form in dict.fromkeys((prefix, prefix.lower(), prefix.upper(), prefix.title())):
            for (actor_id,) in self.con.execute(
                    "SELECT actor_id FROM aliases WHERE alias >= ? AND alias < ? LIMIT ?",
                    (form, form + "\U0010ffff", limit)):
                ids[actor_id] = None
        return list(ids)[:limit]

    # -- filters -------------------------------------------------------------------------

    def _resolve_actors(self, names: list[str]) -> list[int]:
        """Actor ids whose name or an alias is close to one of ``names``."""
        actor_ids: dict[int, None] = {}
        items: dict[int, None] = {}
        for name in names:
            if len(name) < 3:
                actor_ids.update(dict.fromkeys(self._actors_by_prefix(name, MAX_ACTORS)))
                continue
            words = [w for w in name.split() if len(w) >= 3] or [name]
            tiers = [[[name]], [[name] + [g for w in words for g in _trigrams(w)]]]
            ids, _, _ = self._candidates("search_names", tiers, {"actor"}, (set(), None, None, None), 100)
            for item_id, (body, _) in self._bodies("search_names", ids).items():
                forms = [_fold(f) for f in body.split(" · ")]
                # partial_ratio: a surname or a misspelt one against the full
                # name ("by:olsen" is Maria Olsen); WRatio: reordered words.
                if max(max(fuzz.partial_ratio(name, f), fuzz.WRatio(name, f)) for f in forms) >= NAME_CUTOFF:
                    items[item_id] = None
        if items:
            ids = list(items)
            actor_ids.update(dict.fromkeys(r[0] for r in self.con.execute(
                f"SELECT ref_id FROM search_items WHERE kind = 'actor' AND id IN ({','.join('?' * len(ids))})",
                ids)))
        return list(actor_ids)[:MAX_ACTORS]

    def _resolve_verdicts(self, verdicts: set[str], kinds: set[str]) -> list[int]:
        """Item ids of the claims and quotes whose annotation has one of ``verdicts``.

        Annotations are few (an analyst writes them by hand) and keyed by
        document path and text key, both indexed, so this is a short walk, as
        long as it starts from them (CROSS JOIN): SQLite would rather walk every
        search item of the kind (1.5 s at a million)."""
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        key = (version, frozenset(verdicts), frozenset(kinds & _ANNOTATED))
        # Typing after "verdict:false " asks the same again at every keystroke.
        if self._verdict_items is None or self._verdict_items[0] != key:
            self._verdict_items = (key, self._verdict_rows(verdicts, kinds))
        return self._verdict_items[1]

    def _verdict_rows(self, verdicts: set[str], kinds: set[str]) -> list[int]:
        marks = ",".join("?" * len(verdicts))
        parts, args = [], []
        for kind, table in (("claim", "claims"), ("quote", "quotes")):
            if kind in kinds:
                parts.append(
                    f"SELECT i.id FROM annotations a CROSS JOIN documents d ON d.path = a.document_path "
                    f"CROSS JOIN {table} t ON t.document_id = d.id AND t.text_key = a.text_key "
                    f"CROSS JOIN search_items i ON i.kind = '{kind}' AND i.ref_id = t.id "
                    f"WHERE a.kind = '{kind}' AND a.verdict IN ({marks})")
                args += sorted(verdicts)
        if not parts:
            return []
        return [r[0] for r in self.con.execute(" UNION ".join(parts) + " LIMIT ?", [*args, MAX_VERDICT_ITEMS])]

    def _resolve_outlets(self, values: list[str]) -> list[str]:
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        if self._outlets is None or self._outlets[0] != version:
            outlets = [r[0] for r in self.con.execute(
                "SELECT DISTINCT outlet FROM search_items WHERE kind = 'doc' AND outlet IS NOT NULL LIMIT 10000")]
            self._outlets = (version, outlets)
        chosen = []
        for outlet in self._outlets[1]:
            folded = _fold(outlet)
            for v in values:
                if len(v) < 3:
                    ok = re.search(r"(?<!\w)" + re.escape(v), folded) is not None
                else:
                    ok = fuzz.partial_ratio(v, folded) >= (90 if len(v) < 5 else 80)
                if ok:
                    chosen.append(outlet)
                    break
        return chosen

    # -- home ----------------------------------------------------------------------------

    def _recent_documents(self, n: int) -> list[Hit]:
        if n <= 0:
            return []
        select = ("SELECT i.id, t.body FROM documents d JOIN search_items i ON i.kind = 'doc' AND i.ref_id = d.id "
                  "JOIN search_text t ON t.rowid = i.id ")
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
            "SELECT i.id, n.body FROM search_items i JOIN search_names n ON n.rowid = i.id "
            "WHERE i.kind = 'actor' AND i.weight > 0 ORDER BY i.weight DESC, i.id LIMIT ?", (n,)).fetchall()
        meta = self._meta([r[0] for r in rows])
        return [_hit(meta[r[0]], *_snippet(r[1], Query()), 0.0) for r in rows if r[0] in meta]


# -- helpers ------------------------------------------------------------------------------


class _Vocab:
    """The vocabulary as one query's tiers ask it: each word looked up once."""

    def __init__(self, searcher: Searcher):
        self._searcher, self._memo = searcher, {}

    def containing(self, word: str) -> list[str]:
        if ("in", word) not in self._memo:
            self._memo["in", word] = self._searcher._containing(word)
        return self._memo["in", word]

    def close(self, word: str) -> list[str]:
        if ("close", word) not in self._memo:
            self._memo["close", word] = [w for w, _ in self._searcher._expand(word)]
        return self._memo["close", word]


def _term(term: str) -> str:
    return _fts_term(term) + ("*" if isinstance(term, search_tiers.Prefix) else "")


def _filter_sql(kinds: set[str], filters, all_kinds) -> tuple[str, list]:
    _, actor_ids, outlets, item_ids = filters
    where, args = "", []
    wanted = sorted(set(kinds) & set(all_kinds))
    if wanted and set(wanted) != set(all_kinds):
        # With another filter, never walk the kind index: it holds a million
        # claims, the other filter's index a few rows ("+" rules an index out).
        narrower = actor_ids is not None or outlets is not None or item_ids is not None
        where += f" AND {'+' if narrower else ''}i.kind IN ({','.join('?' * len(wanted))})"
        args += wanted
    if actor_ids is not None:
        where += f" AND i.actor_id IN ({','.join('?' * len(actor_ids))})"
        args += list(actor_ids)
    if outlets is not None:
        where += f" AND i.outlet IN ({','.join('?' * len(outlets))})"
        args += list(outlets)
    if item_ids is not None:
        where += f" AND i.id IN ({','.join('?' * len(item_ids))})"
        args += list(item_ids)
    return where, args


def _hit(meta: tuple, snippet: str, matches: tuple[int, ...], score: float) -> Hit:
    kind, ref_id, doc_id, who, outlet, published = meta
    return Hit(kind, ref_id, snippet, matches, score, who, outlet, published, doc_id)


def _interrupted(e: sqlite3.OperationalError) -> bool:
    return "interrupt" in str(e).lower()


def _db_message(e: sqlite3.OperationalError) -> str:
    if "no such table" in str(e) and "search_" in str(e):
        return "this database has no search index yet: run `claimscope seed` again to build it"
    return f"search could not run: {e}"


def _join(notes: list[str]) -> str | None:
    return "; ".join(dict.fromkeys(notes)) or None
