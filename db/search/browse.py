"""The newest rows of a filter, read down an index: what a filter alone lists.

A filter's column (``kind``, ``actor_id``, ``outlet``) has an index whose
entries are in row id order within one value (SQLite appends the rowid), so
"the newest N rows of one value" is N index steps backwards, whatever the
size.  Several values (``kind:claim kind:quote``, a surname shared by three
actors) are walked one by one and merged: an ``IN`` over the column would
make SQLite sort every row of every value first (4 s for ``kind:claim`` at a
million claims).

With several filters the narrowest drives: its rows are walked newest first,
at most ``MAX_WALK`` of them, and the other filters tested on them a page at
a time.  Nothing here reads more than a bounded number of rows, so a filter
whose newest ``MAX_WALK`` rows meet none of the others says so (``capped``)
rather than reading on.
"""
from __future__ import annotations

import heapq
import itertools
import sqlite3
from collections.abc import Iterator

MAX_WALK = 20000  # rows of the driving filter looked at, at most
MAX_COUNTED = 200_000  # a filter's rows counted, at most, to weigh it against the words
_PAGE = 500
FILTERS_KEPT = 8  # filters whose rows read so far are kept (a few MB each at most)


def newest(con: sqlite3.Connection, filters, all_kinds: set[str], n: int) -> tuple[list[tuple[int, str]], bool]:
    """Up to ``n`` (id, body) rows meeting ``filters``, newest first, and
    whether there may be more (or older ones not looked at)."""
    found: list[tuple[int, str]] = []
    for page in pages(con, filters, all_kinds, n + 1):
        if page is STOPPED:
            return found[:n], True
        found += page
        if len(found) > n:
            return found[:n], True
    return found, False


class FilterRows:
    """A filter's rows, newest first, read a page at a time as they are
    asked for, each as (id, folded body): what a query under a
    filter tests its words on when the filter holds fewer rows than the
    words.  Kept by the searcher while the filter stays the same, so the
    next keystroke reads no row twice."""

    def __init__(self, con: sqlite3.Connection, filters, all_kinds: set[str]):
        self._pages = pages(con, filters, all_kinds, _PAGE)
        self.rows: list[tuple[int, str]] = []
        self.complete = False  # no more rows to read
        self.cut = False  # ... because MAX_WALK of them were looked at

    @classmethod
    def already(cls, rows: list[tuple[int, str]]) -> FilterRows:
        """The rows of a filter read by some other walk, newest first: complete."""
        done = cls.__new__(cls)
        done._pages, done.rows, done.complete, done.cut = iter(()), [(i, b.lower()) for i, b in rows], True, False
        return done

    def upto(self, n: int) -> list[tuple[int, str]]:
        while len(self.rows) < n and not self.complete:
            page = next(self._pages, None)
            if page is None or page is STOPPED:
                self.complete, self.cut = True, page is STOPPED
                break
            self.rows += [(i, body.lower()) for i, body in page]
        return self.rows


class UntilChanged:
    """Values made by ``make(key)``, the ``kept`` most recently used, kept
    while the database stays the same (``PRAGMA data_version`` moves when
    another connection commits)."""

    def __init__(self, con: sqlite3.Connection, kept: int):
        self.con, self.kept = con, kept
        self._version, self._values = None, {}

    def peek(self, key):
        """The value kept for ``key``, or None; it does not count as a use."""
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        return self._values.get(key) if version == self._version else None

    def get(self, key, make):
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._version, self._values = version, {}
        value = self._values.pop(key, None)
        if value is None:
            value = make(key)
            while len(self._values) >= self.kept:
                self._values.pop(next(iter(self._values)))
        self._values[key] = value  # the most recent last
        return value


class RecentFilters:
    """The ``FilterRows`` of the last few filters, kept while the database
    stays the same: typing after ``by:NAME`` tests each next keystroke's words
    on the rows already read, and going back to a filter used a moment ago
    (an analyst switching between two verdicts) reads none of them again."""

    def __init__(self, con: sqlite3.Connection, kept: int = FILTERS_KEPT, known=None):
        # ``known(filters)``: the filter's rows when another walk read them
        # already (a verdict's, ``Filters.verdict_rows``), else None.
        self.con, self._known = con, known or (lambda filters: None)
        self._rows = UntilChanged(con, kept)
        self._sizes = UntilChanged(con, 4 * kept)

    def __call__(self, filters) -> FilterRows:
        return self._rows.get(_key(filters), lambda _: self._read(filters))

    def read(self, filters) -> int:
        """How many of the filter's rows are already read (and kept)."""
        rows = self._rows.peek(_key(filters))
        if rows is None:
            known = self._known(filters)
            return 0 if known is None else len(known)
        return len(rows.rows)

    def size(self, filters) -> int:
        """How many rows the narrowest filter holds, up to MAX_COUNTED: what
        deciding between reading them and the words' index matches needs
        (counted once: 2 ms for an outlet of 50,000 rows)."""
        from .query import KINDS

        return self._sizes.get(_key(filters), lambda _: size(self.con, filters, set(KINDS), MAX_COUNTED))

    def _read(self, filters) -> FilterRows:
        from .query import KINDS

        known = self._known(filters)
        return FilterRows.already(known) if known is not None else FilterRows(self.con, filters, set(KINDS))


def _key(filters) -> tuple:
    kinds, actor_ids, outlets, item_ids = filters
    return (frozenset(kinds), *(None if v is None else tuple(v) for v in (actor_ids, outlets, item_ids)))


def size(con: sqlite3.Connection, filters, all_kinds: set[str], most: int = MAX_WALK) -> int:
    """How many rows the narrowest of ``filters`` holds, counted up to ``most``;
    the kind counts only alone (it is the widest there is)."""
    columns = _columns(filters, all_kinds)
    if len(columns) > 1:
        columns.pop("kind", None)
    if not columns:
        return most
    return min(_size(con, col, values, most) for col, values in columns.items())


def pages(con: sqlite3.Connection, filters, all_kinds: set[str], first: int) -> Iterator[list[tuple[int, str]]]:
    """The (id, body) rows meeting ``filters``, newest first, a page at a
    time (``first`` rows, then more), down the narrowest filter's index: at
    most MAX_WALK of its rows are looked at."""
    columns = _columns(filters, all_kinds)
    if not columns:
        below = 1 << 62
        while True:
            rows = con.execute("SELECT id, body FROM search_items WHERE id < ? ORDER BY id DESC LIMIT ?",
                               (below, first)).fetchall()
            if not rows:
                return
            yield [(r[0], r[1] or "") for r in rows]
            below, first = rows[-1][0], min(2 * first, _PAGE)
    sizes = {col: _size(con, col, values) for col, values in columns.items()}
    # Counts stop at MAX_WALK, so a tie may hide a far larger filter: the kind
    # (every claim) never drives over an outlet or a claimant it ties with.
    driver = min(sizes, key=lambda c: (sizes[c], c == "kind"))
    rest = {c: v for c, v in columns.items() if c not in (driver, "id")}
    # Tested here, not in SQL: a verdict's rows may be more than a statement takes parameters.
    wanted = set(columns["id"]) if driver != "id" and "id" in columns else None
    where, args = _where(rest)
    walked = 0
    for page in _pages(_walk(con, driver, columns[driver], first), first):
        walked += len(page)
        page = [i for i in page if wanted is None or i in wanted]
        if page:
            rows = con.execute(f"SELECT id, body FROM search_items WHERE id IN ({','.join('?' * len(page))}){where} "
                               "ORDER BY id DESC", [*page, *args]).fetchall()
            yield [(r[0], r[1] or "") for r in rows]
        if walked >= MAX_WALK:
            yield STOPPED
            return


STOPPED: list = []  # the last page of a walk cut short at MAX_WALK


def _columns(filters, all_kinds: set[str]) -> dict[str, list]:
    """Each filtered column and its values (``id`` for the rows of a verdict)."""
    kinds, actor_ids, outlets, item_ids = filters
    columns: dict[str, list] = {}
    if set(kinds) != set(all_kinds):
        columns["kind"] = sorted(kinds)
    if actor_ids is not None:
        columns["actor_id"] = list(actor_ids)
    if outlets is not None:
        columns["outlet"] = list(outlets)
    if item_ids is not None:
        columns["id"] = sorted(item_ids, reverse=True)
    return columns


def _size(con: sqlite3.Connection, column: str, values: list, most: int = MAX_WALK) -> int:
    """How many rows the column's values hold, counted up to ``most``."""
    if column == "id":
        return len(values)
    marks = ",".join("?" * len(values))
    return con.execute(f"SELECT count(*) FROM (SELECT 1 FROM search_items WHERE {column} IN ({marks}) LIMIT ?)",
                       [*values, most]).fetchone()[0]


def _walk(con: sqlite3.Connection, column: str, values: list, first: int) -> Iterator[int]:
    """The column's values' row ids, newest first, read a page at a time
    (the first of ``first`` rows, each next one twice as long)."""
    if column == "id":
        return iter(values)
    return heapq.merge(*(_stream(con, column, v, first) for v in values), reverse=True)


def _stream(con: sqlite3.Connection, column: str, value, size: int) -> Iterator[int]:
    below = None
    while True:
        rows = con.execute(f"SELECT id FROM search_items WHERE {column} = ? AND id < ? ORDER BY id DESC LIMIT ?",
                           (value, below if below is not None else 1 << 62, size)).fetchall()
        yield from (r[0] for r in rows)
        if len(rows) < size:
            return
        below, size = rows[-1][0], min(2 * size, MAX_WALK)


def _pages(ids: Iterator[int], size: int) -> Iterator[list[int]]:
    """Lists of ``size`` ids (then twice as many each time, up to _PAGE)."""
    while True:
        page = list(itertools.islice(ids, size))
        if not page:
            return
        yield page
        size = min(2 * size, _PAGE)


def _where(columns: dict[str, list]) -> tuple[str, list]:
    where, args = "", []
    for column, values in columns.items():
        # "+": these are tests on rows already chosen, never an index to walk.
        where += f" AND +{column} IN ({','.join('?' * len(values))})"
        args += list(values)
    return where, args
