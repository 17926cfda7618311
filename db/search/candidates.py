"""Candidates: the rows a query's tiers find in the search index, bounded.

``db.search.engine`` decides what to look for (``db.search.tiers``) and ranks what is
found (``db.search.rank``); this module asks the index.  Every statement
reads row ids only, with a LIMIT, so its cost is the index's, bounded; bodies
are read for the chosen rows alone.  No bm25: its IDF walks the whole doclist
of every term, so its cost grows with the database however small the LIMIT.

A filter (``by:``, ``in:``, ``verdict:``) is in the same statement as the
MATCH, so it narrows before the limits apply; a filter with fewer rows than
the words' drives instead (``drive_ids``): its rows are read by id and the
words tested with ``instr``.
"""
from __future__ import annotations

import sqlite3

from . import tiers as search_tiers
from .query import KINDS, fts_term as _fts_term

MAX_DRIVE = 5000  # filtered rows read one by one at most (~5 ms a thousand at a million rows)
TEXT_KINDS = frozenset({"claim", "quote", "figure", "doc"})  # in search_text


class Candidates:
    def __init__(self, con: sqlite3.Connection, *, scan_limit: int = 2000, drive_limit: int = 1000):
        self.con = con
        self.scan_limit = scan_limit  # index matches a count looks at, at most
        self.drive_limit = drive_limit  # a filter with at most this many rows is always read, not matched

    def find(self, table: str, tiers: list[list[list[str]]], kinds: set[str], filters, cap: int,
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
        widest, args = tier_sql(table, tiers[-1], kinds, filters, drive)
        found = [i for (i,) in self.con.execute(f"{widest} ORDER BY 1 DESC LIMIT ?", [*args, want])]
        if len(found) < want:
            return [i for i in found if i not in skip][:cap], len(found), False
        got: dict[int, None] = {}
        for groups in tiers[:-1]:
            source, tier_args = tier_sql(table, groups, kinds, filters, drive)
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
            source, args = tier_sql(table, groups, kinds, filters, drive)
            n = self.con.execute(f"SELECT count(*) FROM ({source} LIMIT ?)", [*args, self.scan_limit]).fetchone()[0]
            return n, n >= self.scan_limit
        source, args = tier_sql(table, groups, kinds, (kinds, None, None, None), None)
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


def drive_ids(con: sqlite3.Connection, filters, most: int) -> list[int] | None:
    """The rows of a filter, newest first, or None when there are more
    than ``most`` (then the filter is tested on each index match)."""
    _, actor_ids, outlets, item_ids = filters
    if actor_ids is None and outlets is None and item_ids is None:
        return None
    where, args = filter_sql(filters[0], filters, all_kinds=set(KINDS))
    # Counted before sorted: a filter of several outlets or actors cannot
    # walk one index in id order, and sorting 150,000 rows to learn that
    # there are too many cost 30 ms a keystroke.
    rows = f"SELECT i.id FROM search_items i WHERE 1{where}"
    if con.execute(f"SELECT count(*) FROM ({rows} LIMIT ?)", [*args, most + 1]).fetchone()[0] > most:
        return None
    return [r[0] for r in con.execute(f"{rows} ORDER BY i.id DESC", args)]

def drive_budget(con: sqlite3.Connection, widest: list[list[str]], drive_limit: int) -> int:
    """How many filtered rows are worth reading one by one: as many as the
    index would walk for the words (a word's row count is in the
    vocabulary), between ``drive_limit`` and MAX_DRIVE."""
    known = []
    for group in widest:
        words = [t for t in group if not isinstance(t, search_tiers.Prefix)]
        if len(words) < len(group):
            continue
        try:
            rows = con.execute(
                f"SELECT sum(rows), count(*) FROM search_vocab WHERE word IN ({','.join('?' * len(words))})",
                words).fetchone()
        except sqlite3.OperationalError as e:
            if interrupted(e) or "no such table" not in str(e):
                raise
            return drive_limit
        if rows[1] == len(set(words)):
            known.append(rows[0])
    return max(drive_limit, min([MAX_DRIVE, *known]))

def tier_sql(table: str, groups: list[list[str]], kinds: set[str], filters, drive) -> tuple[str, list]:
    if drive is not None:
        # Read by id from search_items, which holds the bodies: no index is asked.
        test = " AND ".join("(" + " OR ".join("instr(lower(i.body), ?) > 0" for _ in g) + ")" for g in groups)
        where = f"i.id IN ({','.join('?' * len(drive))}) AND ({test})"
        return f"SELECT i.id FROM search_items i WHERE {where}", [*drive, *(t for g in groups for t in g)]
    where, args = filter_sql(set(), filters, all_kinds=set())
    match = "{body} : (" + " AND ".join("(" + " OR ".join(_term(t) for t in g) + ")" for g in groups) + ")"
    if table == "search_text" and kinds != TEXT_KINDS:
        match += " AND {kind} : (" + " OR ".join(_fts_term(k) for k in sorted(kinds)) + ")"
    # CROSS JOIN keeps the full-text table as the outer loop: given the choice,
    # SQLite drives from a broad filter's index and re-runs the MATCH for every
    # row it probes (seconds at 10k rows).
    join = f"CROSS JOIN search_items i ON i.id = {table}.rowid " if where else ""
    return f"SELECT {table}.rowid FROM {table} {join}WHERE {table} MATCH ?{where}", [match, *args]

def _term(term: str) -> str:
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
