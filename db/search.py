"""Search: what the explorer's search box asks, answered without Textual.

Contract (the explorer codes against this; the implementation may change):

    s = Searcher(con)                 # a read-only sqlite3 connection
    s.search("strike by:olsen", limit=50) -> Results
    s.home(limit=50) -> Results       # empty query: recent documents, most-cited actors

Query syntax: free words (fuzzy, typo-tolerant), "exact phrase", and filters
``by:NAME`` (claimant or speaker, fuzzy), ``in:OUTLET`` (fuzzy), ``kind:quote|claim|
actor|doc|figure`` (repeatable), combined with AND.  Filters are applied in SQL.

A Hit carries what a results row shows: its kind, a one-line snippet, the
character offsets within that snippet that matched (for highlighting), the
claimant or speaker, the outlet and the date.

How a query runs (see ``db.search_index`` for the index):

1. Candidates, bounded.  Words of 3+ characters and phrases become an FTS5
   query on the trigram tables (every term quoted, so no input is ever FTS
   syntax).  First every term must occur as a substring ("precise"); if that
   finds fewer rows than ``limit``, each word may instead share any of its
   trigrams ("fuzzy": typos, transpositions).  Either way SQLite walks at most
   ``scan_limit`` matching rows (newest first), pre-ranks only those by a
   cheap count of query words and trigrams present, and hands the best
   ``max_candidates`` to Python.  Filters are in that same statement (``kind:``
   as an FTS column, ``by:``/``in:`` as column tests), so they narrow before
   the limits apply.
2. Ranking, in Python, of at most ``max_candidates`` rows with rapidfuzz:
   ``partial_ratio`` per query word (the best-matching window, so it does not
   punish a long claim for being long, and scores a typo or a prefix by how
   close it is), ``token_set_ratio`` to lift rows holding the words whole, and
   ``partial_ratio`` of the whole query to lift rows holding them together.
   A row where some word scores below the cut-off is dropped: words combine
   with AND.  ``WRatio`` was rejected for text: it scales a long string's score
   down by its length, so claims would always lose to short actor names.
3. A query with no term of 3+ characters cannot use a trigram index; it
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
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

KINDS = ("claim", "quote", "actor", "doc", "figure")


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


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # how many matched in all (hits is capped)
    message: str | None = None  # a gentle note for a query that could not run as typed
    total_capped: bool = False  # total is a lower bound ("500+"): the scan stopped there


_KIND_WORDS = {
    "claim": "claim", "claims": "claim", "quote": "quote", "quotes": "quote",
    "actor": "actor", "actors": "actor", "doc": "doc", "docs": "doc", "document": "doc",
    "documents": "doc", "figure": "figure", "figures": "figure",
}
_TEXT_KINDS = frozenset({"claim", "quote", "figure", "doc"})  # in search_text
_ATTRIBUTED = frozenset({"claim", "quote", "figure"})  # have a claimant or speaker
# Equal scores: the analyst's main objects first.
_KIND_ORDER = {"claim": 0, "quote": 1, "figure": 2, "actor": 3, "doc": 4}

MAX_QUERY_CHARS = 300  # a paste longer than this is cut, with a message
MAX_WORDS = 8
MAX_GRAMS = 12  # trigrams per word in a fuzzy query, spread along the word
SNIPPET_CHARS = 160
MAX_ACTORS = 50  # a by: value resolving to more is too vague to be a filter
WORD_CUTOFF = 72.0  # partial_ratio a word needs for a row to count as matching it
NAME_CUTOFF = 80.0

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TOKEN = re.compile(
    r'(?P<key>by|in|kind):(?:"(?P<qval>[^"]*)"?|(?P<val>[^\s"]*))'
    r'|"(?P<phrase>[^"]*)"?'
    r'|(?P<word>[^\s"]+)', re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _fold(s: str) -> str:
    """Lowercase without changing length, so offsets in the folded text are
    offsets in the original ("İ".lower() is two code points)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def _one_line(s: str) -> str:
    return _CONTROL.sub(" ", s)


def _fts_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _trigrams(word: str) -> list[str]:
    grams = list(dict.fromkeys(word[i:i + 3] for i in range(len(word) - 2)))
    if len(grams) > MAX_GRAMS:
        step = (len(grams) - 1) / (MAX_GRAMS - 1)
        grams = [grams[round(i * step)] for i in range(MAX_GRAMS)]
    return grams


@dataclass
class Query:
    words: list[str] = field(default_factory=list)  # folded
    phrases: list[str] = field(default_factory=list)  # folded
    by: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # empty: every kind
    notes: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """What the trigram index can look up: 3+ characters."""
        return [t for t in self.words + self.phrases if len(t) >= 3]


def parse(text: str) -> Query:
    q = Query()
    text = _one_line(text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        q.notes.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
    for m in _TOKEN.finditer(text):
        if m.group("key"):
            key, value = m.group("key").lower(), (m.group("qval") or m.group("val") or "").strip()
            if not value:
                q.notes.append(f"{key}: needs a value, e.g. {key}:{'claim' if key == 'kind' else 'name'}")
            elif key == "kind":
                kind = _KIND_WORDS.get(value.lower())
                if kind:
                    q.kinds.add(kind)
                else:
                    q.notes.append(f"unknown kind:{value} (try claim, quote, actor, doc or figure)")
            else:
                (q.by if key == "by" else q.outlets).append(_fold(value))
        elif m.group("word") is not None:
            word = _fold(_EDGE_PUNCT.sub("", m.group("word")))
            if word and word not in q.words:
                q.words.append(word)
        else:
            phrase = _fold(" ".join(m.group("phrase").split()))
            if phrase and phrase not in q.phrases:
                q.phrases.append(phrase)
    if len(q.words) > MAX_WORDS:
        q.notes.append(f"searched for the first {MAX_WORDS} words only")
        del q.words[MAX_WORDS:]
    return q


class Searcher:
    def __init__(self, con: sqlite3.Connection, *, max_candidates: int = 250, scan_limit: int = 2000):
        self.con = con
        self.max_candidates = max_candidates
        self.scan_limit = scan_limit
        self.last_candidates = 0
        self._outlets: tuple[int, list[str]] | None = None

    # -- public ------------------------------------------------------------------

    def search(self, q: str, limit: int = 50) -> Results:
        self.last_candidates = 0
        q = q if isinstance(q, str) else ""
        if not q.strip():
            return self.home(limit)
        try:
            return self._search(q, max(1, int(limit)))
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

    # -- the query -----------------------------------------------------------------

    def _search(self, text: str, limit: int) -> Results:
        q = parse(text)
        notes = list(q.notes)
        kinds = set(q.kinds) or set(KINDS)
        actor_ids = outlets = None
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
        if not kinds:
            return Results(text, message=_join(notes + ["no kind of row can meet all these filters"]))
        filters = (kinds, actor_ids, outlets)
        if not q.terms:
            if not (q.words or q.phrases):
                if not (q.by or q.outlets or q.kinds):
                    return Results(text, message=_join(notes + ["nothing to search for: type a word"]))
                return self._browse(text, q, filters, limit, notes)
            if actor_ids is None and outlets is None and not (q.kinds - {"actor"}):
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
        precise = " AND ".join(_fts_term(t) for t in q.terms)
        fuzzy = " AND ".join(
            [f"({' OR '.join(_fts_term(g) for g in _trigrams(w))})" for w in q.words if len(w) >= 3]
            + [_fts_term(p) for p in q.phrases if len(p) >= 3])
        # Pre-rank needles: precise rows hold every word, so prefer the words
        # together, then at a word start; fuzzy rows, the most shared trigrams.
        together = [(" ".join(q.words), 4)] if len(q.words) > 1 else []
        precise_needles = together + [(" " + w, 1) for w in q.words]
        fuzzy_needles = together + [(w, 3) for w in q.words] + [
            (g, 1) for w in q.words if len(w) >= 3 for g in _trigrams(w)]
        candidates: dict[int, str] = {}  # item id -> body
        precise_total, capped, unscored = 0, False, 0
        for table, table_kinds, share in tables:
            cap = min(share or budget, budget - len(candidates))
            if cap <= 0:
                break
            ids, scanned = self._candidates(table, precise, precise_needles, table_kinds, filters, cap)
            precise_total += scanned
            capped |= scanned >= self.scan_limit
            unscored += scanned - len(ids)
            candidates.update(self._bodies(table, ids))
        precise_ids = set(candidates)
        if len(candidates) < limit and fuzzy != precise:
            for table, table_kinds, share in tables:
                cap = min(share or budget, budget - len(candidates))
                if cap <= 0:
                    break
                ids, scanned = self._candidates(table, fuzzy, fuzzy_needles, table_kinds, filters,
                                                cap + len(precise_ids))
                fresh = [i for i in ids if i not in candidates][:cap]
                # Fuzzy matches left unscored may pass too: total is a floor.
                capped |= scanned > len(ids)
                candidates.update(self._bodies(table, fresh))
        self.last_candidates = len(candidates)
        meta = self._meta(list(candidates))
        scored = []
        for item_id, body in candidates.items():
            if item_id in meta:
                score = _score(q, _fold(body), meta[item_id][0])
                if score is not None:
                    scored.append((score, item_id, body))
        total = len(scored) + (unscored if precise_total > len(precise_ids) else 0)
        scored.sort(key=lambda s: (-round(s[0], 1), _KIND_ORDER[meta[s[1]][0]], -s[1]))
        hits = []
        for score, item_id, body in scored:
            snippet, matches = _snippet(body, q)
            hits.append(_hit(meta[item_id], snippet, matches, round(score, 1)))
            if len(hits) >= limit:
                break
        if not hits and not notes:
            notes.append("no matches")
        return Results(text, hits, total, _join(notes), capped)

    def _candidates(self, table: str, match: str, needles: list[tuple[str, int]], kinds: set[str], filters,
                    cap: int) -> tuple[list[int], int]:
        """The ``cap`` best of the first ``scan_limit`` matches (newest first),
        and how many matches that scan saw.

        "Best" is a cheap pre-rank in SQL: the weighted count of ``needles``
        (query words, trigrams) present in the lowercased body.  Not bm25: its
        IDF walks the whole doclist of every phrase, so its cost grows with the
        database however small the LIMIT."""
        where, args = _filter_sql(set(), filters, all_kinds=set())
        match = "{body} : (" + match + ")"
        if table == "search_text" and kinds != _TEXT_KINDS:
            match += " AND {kind} : (" + " OR ".join(_fts_term(k) for k in sorted(kinds)) + ")"
        prerank = " + ".join(f"{w} * (instr(b, ?) > 0)" for _, w in needles) or "id"
        join = f"JOIN search_items i ON i.id = {table}.rowid " if where else ""
        rows = self.con.execute(
            f"WITH m AS MATERIALIZED (SELECT {table}.rowid AS id, lower({table}.body) AS b FROM {table} "
            f"{join}WHERE {table} MATCH ?{where} "
            f"ORDER BY {table}.rowid DESC LIMIT ?) "
            f"SELECT id, (SELECT count(*) FROM m) FROM m ORDER BY {prerank} DESC, id DESC LIMIT ?",
            [match, *args, self.scan_limit, *(n for n, _ in needles), cap]).fetchall()
        return [r[0] for r in rows], (rows[0][1] if rows else 0)

    def _bodies(self, table: str, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        found = dict(tuple(r) for r in self.con.execute(
            f"SELECT rowid, body FROM {table} WHERE rowid IN ({','.join('?' * len(ids))})", ids))
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
            match = " OR ".join([_fts_term(name)] + [_fts_term(g) for w in words for g in _trigrams(w)])
            needles = [(name, 3)] + [(g, 1) for w in words for g in _trigrams(w)]
            ids, _ = self._candidates("search_names", match, needles, {"actor"}, (set(), None, None), 100)
            for item_id, body in self._bodies("search_names", ids).items():
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


def _filter_sql(kinds: set[str], filters, all_kinds) -> tuple[str, list]:
    _, actor_ids, outlets = filters
    where, args = "", []
    wanted = sorted(set(kinds) & set(all_kinds))
    if wanted and set(wanted) != set(all_kinds):
        where += f" AND i.kind IN ({','.join('?' * len(wanted))})"
        args += wanted
    if actor_ids is not None:
        where += f" AND i.actor_id IN ({','.join('?' * len(actor_ids))})"
        args += list(actor_ids)
    if outlets is not None:
        where += f" AND i.outlet IN ({','.join('?' * len(outlets))})"
        args += list(outlets)
    return where, args


def _word_score(word: str, body: str) -> float:
    if len(word) < 3:
        # Too short to be fuzzy: it must start a word.
        return 100.0 if re.search(r"(?<!\w)" + re.escape(word), body) else 0.0
    return fuzz.partial_ratio(word, body)


def _score(q: Query, body: str, kind: str) -> float | None:
    """0..~103 for a row matching every word and phrase, None for one that does not."""
    if any(p not in body for p in q.phrases):
        return None
    if not q.words:
        return 100.0
    per = [_word_score(w, body) for w in q.words]
    if min(per) < WORD_CUTOFF:
        return None
    words = " ".join(q.words)
    base = sum(per) / len(per)
    whole = fuzz.token_set_ratio(words, body, processor=default_process)
    together = fuzz.partial_ratio(words, body) if len(q.words) > 1 else base
    # A name or title that is mostly the query is the better hit; a short
    # quote is not (the claim around it says more).
    coverage = 3.0 * min(1.0, len(words) / max(1, len(body))) if kind in ("actor", "doc") else 0.0
    return 0.6 * base + 0.25 * whole + 0.15 * together + coverage


def _spans(line: str, q: Query) -> list[tuple[int, int]]:
    folded = _fold(line)
    spans = []
    for p in q.phrases:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(p), folded)]
    for w in q.words:
        pattern = re.escape(w) if len(w) >= 3 else r"(?<!\w)" + re.escape(w)
        found = [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
        if not found and len(w) >= 3:
            a = fuzz.partial_ratio_alignment(w, folded)
            if a is not None and a.score >= WORD_CUTOFF:
                start, end = (a.dest_start, a.dest_end) if len(w) <= len(folded) else (a.src_start, a.src_end)
                found = [_whole_words(line, max(0, start), min(len(line), end))]
        spans += found
    return spans


def _whole_words(line: str, start: int, end: int) -> tuple[int, int]:
    """A fuzzy alignment's window, trimmed of spaces and widened to whole words,
    so "lindqvits" marks all of "Lindqvist", not " Lindqvis"."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    while start > 0 and line[start - 1].isalnum() and start < end and line[start].isalnum():
        start -= 1
    while end < len(line) and line[end].isalnum() and end > start and line[end - 1].isalnum():
        end += 1
    return start, end


def _snippet(body: str, q: Query) -> tuple[str, tuple[int, ...]]:
    """One line, cut around the first match when long, and the matched offsets in it."""
    line = _one_line(body)
    spans = _spans(line, q)
    start, end = 0, len(line)
    if len(line) > SNIPPET_CHARS:
        first = min((s for s, _ in spans), default=0)
        start = max(0, first - SNIPPET_CHARS // 4)
        if start:
            space = line.find(" ", start, first)
            start = space + 1 if space != -1 else start
        end = min(len(line), start + SNIPPET_CHARS)
        start = max(0, min(start, end - SNIPPET_CHARS))
    lead = "…" if start > 0 else ""
    snippet = lead + line[start:end] + ("…" if end < len(line) else "")
    shift = len(lead) - start
    marked = {i + shift for s, e in spans for i in range(max(s, start), min(e, end))}
    return snippet, tuple(sorted(marked))


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
