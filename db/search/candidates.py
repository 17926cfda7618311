"""Candidates: the rows a query's tiers find in the search index, bounded.

``db.search.engine`` decides what to look for (``db.search.tiers``) and ranks what is
found (``db.search.rank``); this module asks the index.  Every statement
reads row ids only, with a LIMIT, so its cost is the index's, bounded; bodies
are read for the chosen rows alone.  No bm25: its IDF walks the whole doclist
of every term, so its cost grows with the database however small the LIMIT.

A filter (``by:``, ``in:``, ``verdict:``) is in the same statement as the
MATCH, so it narrows before the limits apply; a filter with fewer rows than
the words' drives instead (``should_drive``): its rows are read newest first
(``db.search.browse.FilterRows``), only as many as it takes, and the words
tested on them here.
"""
from __future__ import annotations

import re
import sqlite3

from . import tiers as search_tiers
from . import browse
from .browse import FilterRows
from .index import KIND_PREFIX, indexed_kind_prefix
from .query import KINDS, fts_term as _fts_term

MAX_DRIVE = 3000  # a filter's rows read and tested for one query, at most (~10 ms a thousand at a million rows)
DRIVE_COST = 3  # reading and testing a filter's row, against testing the filter on an index match
TEXT_KINDS = frozenset({"claim", "quote", "figure", "doc"})  # in search_text


class Candidates:
    def __init__(self, con: sqlite3.Connection, *, scan_limit: int = 2000, drive_limit: int = 1000):
        self.con = con
        self.scan_limit = scan_limit  # index matches a count looks at, at most
        self.drive_limit = drive_limit  # a filter with at most this many rows is always read, not matched
        self.kinds_as = kind_terms(con)

    def find(self, table: str, tiers: list[list[list[str]]], kinds: set[str], filters, cap: int,
             drive: FilterRows | None = None, skip: set[int] = frozenset()) -> tuple[list[int], int, bool]:
        """Up to ``cap`` row ids, best tier first, newest first within a tier;
        how many rows the last, widest tier matches; and whether that count
        stopped short (``scan_limit`` index matches looked at).

        Each tier holds the one before it, so the widest is asked first:
        when it has no more than ``cap`` rows they are the answer, and the
        narrower tiers need not run.  Every statement reads row ids only, with
        a LIMIT; bodies are read for the chosen rows alone.  No bm25: its IDF
        walks the whole doclist of every term, so its cost grows with the
        database however small the LIMIT.  With ``drive`` (a filter's rows),
        those rows are tested instead (``_driven``)."""
        tiers = [t for t in ([g for g in groups if g] for groups in tiers) if t]
        # A tier no wider than the next adds nothing ("drones" has no longer word).
        tiers = [t for n, t in enumerate(tiers) if n + 1 == len(tiers) or t != tiers[n + 1]]
        if not tiers or (drive is not None and table != "search_text"):
            return [], 0, False
        if drive is not None:
            return _driven(tiers, drive, cap, skip)
        want = cap + len(skip)
        widest, args = tier_sql(table, tiers[-1], kinds, filters, self.kinds_as)
        found = [i for (i,) in self.con.execute(f"{widest} ORDER BY 1 DESC LIMIT ?", [*args, want])]
        if len(found) < want:
            return [i for i in found if i not in skip][:cap], len(found), False
        got: dict[int, None] = {}
        for groups in tiers[:-1]:
            source, tier_args = tier_sql(table, groups, kinds, filters, self.kinds_as)
            for (i,) in self.con.execute(f"{source} ORDER BY 1 DESC LIMIT ?", [*tier_args, want]):
                if i not in skip:
                    got[i] = None
            if len(got) >= cap:
                break
        for i in found:
            if i not in skip:
                got[i] = None
        total, capped = self._count(table, tiers[-1], kinds, filters)
        return list(got)[:cap], total, capped

    def _count(self, table: str, groups: list[list[str]], kinds: set[str], filters) -> tuple[int, bool]:
        """Rows matching ``groups`` and the filters among the first
        ``scan_limit`` index matches, and whether there were more to look
        at.  Bounded by the index's matches, not the filter's: a rare
        claimant among a common word's rows would otherwise walk the word's
        whole doclist."""
        source, args = tier_sql(table, groups, kinds, (kinds, None, None, None), self.kinds_as)
        where, filter_args = filter_sql(set(), filters, all_kinds=set())
        if not where:
            n = self.con.execute(f"SELECT count(*) FROM ({source} LIMIT ?)", [*args, self.scan_limit]).fetchone()[0]
            return n, n >= self.scan_limit
        seen, n = self.con.execute(
            f"SELECT count(*), coalesce(sum(1{where}), 0) FROM ({source} LIMIT ?) m "
            f"CROSS JOIN search_items i ON i.id = m.rowid", [*filter_args, *args, self.scan_limit]).fetchone()
        return n, seen >= self.scan_limit

    def bodies(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """(body, kind) of each item, in the order of ``ids``."""
        if not ids:
            return {}
        found = {r[0]: (r[1], r[2]) for r in self.con.execute(
            f"SELECT id, body, kind FROM search_items WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return {i: found[i] for i in ids if i in found}


def _driven(tiers: list[list[list[str]]], drive: FilterRows, cap: int,
            skip: set[int]) -> tuple[list[int], int, bool]:
    """``find`` over a filter's rows, newest first, read only as far as
    the widest tier needs to fill ``cap`` (at most MAX_DRIVE rows) and
    tested here on their words: an SQL ``instr`` per term per row cost
    45 ms for 2,500 rows and two dozen terms, this a few.  Each tier
    holds the next, so the narrower ones are tested on the widest's rows."""
    tests = [_tests(groups) for groups in tiers]
    want = cap + len(skip)
    widest: list[tuple[int, str]] = []
    seen, n = 0, 2 * want
    while True:
        rows = drive.upto(n)
        widest += [r for r in rows[seen:] if r[0] not in skip and _holds(tests[-1], r[1])]
        seen = len(rows)
        if len(widest) >= cap or drive.complete or seen >= MAX_DRIVE:
            break
        n = min(2 * n, MAX_DRIVE)
    more = not drive.complete or drive.cut
    if len(widest) <= cap or len(tiers) == 1:
        return [r[0] for r in widest][:cap], len(widest), more
    got: dict[int, None] = {}
    for groups in tests[:-1]:
        got.update((i, None) for i, low in widest if _holds(groups, low))
        if len(got) >= cap:
            break
    got.update((r[0], None) for r in widest)
    return list(got)[:cap], len(widest), more


def _tests(groups: list[list[str]]) -> list[tuple[tuple[str, ...], re.Pattern | None, tuple[str, ...]]]:
    """Each group as (words to find as words of the row, the pattern that
    finds them there, strings to find anywhere in it): a word as the index
    has it, a phrase or a word's beginning (``Prefix``) as a substring."""
    out = []
    for g in _near_as_words(groups):
        whole = tuple(t for t in g if _WORDS.fullmatch(t) and not isinstance(t, search_tiers.Prefix))
        bounded = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, whole)) + r")(?!\w)") if whole else None
        out.append((whole, bounded, tuple(t for t in g if t not in whole)))
    return out


def _near_as_words(groups: list[list[str]]) -> list[list[str]]:
    """Words near each other (a group of one ``Near``) tested as all there:
    the ranking tests how near."""
    out = []
    for g in groups:
        out += [[w] for w in g[0].split()] if len(g) == 1 and isinstance(g[0], search_tiers.Near) else [g]
    return out


def _holds(tests, low: str) -> bool:
    """Whether a (folded) row holds every group of ``tests``.  A substring
    test first, in C, and the word boundaries checked only on a hit: most
    rows hold none of the words, and splitting every row into its words
    cost more than reading it (12-18 ms for 2,500 rows)."""
    return all(any(t in low for t in parts) or (bounded is not None and any(w in low for w in whole)
                                                 and bounded.search(low) is not None)
               for whole, bounded, parts in tests)


_WORDS = re.compile(r"\w+")


def should_drive(con: sqlite3.Connection, filters, widest: list[list[str]], drive_limit: int, want: int,
                 held: int, read: int = 0) -> bool:
    """Whether the words are best tested on a filter's rows, newest first,
    than looked up in the index and the filter tested on each match, to find
    ``want`` rows: whichever reads less, the filter (``by:``, ``in:``,
    ``verdict:``) holding ``held`` rows, of which ``read`` are already read
    and kept (``browse.RecentFilters``), or the words (a word's row count is
    in the vocabulary; an AND holds at most its rarest group's) ``words``,
    of ``total``.  A filter of at most ``drive_limit`` rows is always read."""
    _, actor_ids, outlets, item_ids = filters
    if actor_ids is None and outlets is None and item_ids is None:
        return False
    if held <= max(drive_limit, read):
        return True
    words = min(_group_rows(con, widest), default=None)
    if words is None:
        return held <= MAX_DRIVE
    total = con.execute("SELECT max(id) FROM search_items").fetchone()[0] or 1
    # Matches are spread evenly, as far as anyone knows: to find ``want``
    # of them the filter's rows are read at the words' rate, and the
    # words' index matches at the filter's.
    rate = want * total / max(1, words)
    unread = max(0, min(held, rate) - read)
    matched = min(words, want * total / max(1, held))
    return DRIVE_COST * unread < matched


def _group_rows(con: sqlite3.Connection, widest: list[list[str]]) -> list[int]:
    """The rows each group holds at least, as far as the vocabulary knows
    its words (a word of one or two letters is not in it, the longer words
    it starts are): enough to tell a common word from a rare one."""
    known = []
    for group in widest:
        words = [t for t in group if not isinstance(t, search_tiers.Prefix)]
        if not words:
            continue
        try:
            rows = con.execute(
                f"SELECT sum(rows) FROM search_vocab WHERE word IN ({','.join('?' * len(words))})",
                words).fetchone()[0]
        except sqlite3.OperationalError as e:
            if interrupted(e) or "no such table" not in str(e):
                raise
            return []
        if rows:
            known.append(rows)
    return known


def kind_terms(con: sqlite3.Connection) -> str:
    """What the index prefixes a kind with: a read-only explorer searches a
    file indexed before kinds had one until the next seed run rebuilds it."""
    try:
        prefix = indexed_kind_prefix(con)
    except sqlite3.DatabaseError:
        prefix = None
    return KIND_PREFIX if prefix is None else prefix


def tier_sql(table: str, groups: list[list[str]], kinds: set[str], filters,
             kinds_as: str = KIND_PREFIX) -> tuple[str, list]:
    where, args = filter_sql(set(), filters, all_kinds=set())
    match = "{body} : (" + " AND ".join("(" + " OR ".join(_term(t) for t in g) + ")" for g in groups) + ")"
    if table == "search_text" and kinds != TEXT_KINDS:
        match += " AND {kind} : (" + " OR ".join(_fts_term(kinds_as + k) for k in sorted(kinds)) + ")"
    # CROSS JOIN keeps the full-text table as the outer loop: given the choice,
    # SQLite drives from a broad filter's index and re-runs the MATCH for every
    # row it probes (seconds at 10k rows).
    join = f"CROSS JOIN search_items i ON i.id = {table}.rowid " if where else ""
    return f"SELECT {table}.rowid FROM {table} {join}WHERE {table} MATCH ?{where}", [match, *args]

def _term(term: str) -> str:
    if isinstance(term, search_tiers.Near):
        return f"NEAR({' '.join(map(_fts_term, term.split()))}, {term.span})"
    return _fts_term(term) + ("*" if isinstance(term, search_tiers.Prefix) else "")


def filter_sql(kinds: set[str], filters, all_kinds) -> tuple[str, list]:
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


def interrupted(e: sqlite3.OperationalError) -> bool:
    return "interrupt" in str(e).lower()
