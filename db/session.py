"""The explorer's connections to one database file: opened, watched, reopened, closed.

Four connections, each for a reason: the main one for the screens' queries, one
for search (interrupting a stale search must never cancel another screen's query),
one to watch for change (it must never wait behind a slow query), and the notes
connection, the only one that writes.  All but the last are read-only.

Two kinds of change are told apart.  A seed run commits into the same file: the
data is new, and a refresh shows it.  A file replaced at the path (``mv``, ``cp``
over it) leaves every connection on the old, unlinked file: only reopening them
all shows what is there, and until then a note can no longer be saved.  The
explorer's own notes are neither: they do not move the seed ``generation``.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .connection import file_identity, open_readonly

REPLACED = "replaced"
SEEDED = "seeded"


class _Watch:
    """What changed in the file since the screens last showed it (see the module
    docstring); asked on the watch connection, which no slow query holds up."""

    path: Path
    identity: tuple[int, int] | None
    _lock: threading.Lock
    _watch_con: sqlite3.Connection

    def replaced(self) -> bool:
        return file_identity(self.path) != self.identity

    def changed(self) -> str | None:
        """``REPLACED`` when another file is at the path than the one opened,
        ``SEEDED`` when a seed run has committed since ``mark_seen``, else None.
        Cheap enough to ask every second: a ``stat``, a pragma, and one row read
        only when the pragma says another connection committed."""
        if self.replaced():
            return REPLACED
        with self._lock:
            version = self._watch_con.execute("PRAGMA data_version").fetchone()[0]
            if version != self._watch_version:
                self._watch_version = version
                self._generation = self._read_generation()
            return SEEDED if self._generation != self._seen_generation else None

    def mark_seen(self) -> None:
        """What is in the file now is what the screens show."""
        with self._lock:
            self._generation = self._seen_generation = self._read_generation()

    def _read_generation(self) -> str | None:
        try:
            row = self._watch_con.execute(
                "SELECT value FROM claimscope_meta WHERE key = 'generation'").fetchone()
        except sqlite3.OperationalError:  # a file from before the table existed
            return None
        return row[0] if row else None


class Session(_Watch):
    """Opens, watches and closes the connections a Store queries through."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._read_lock = threading.RLock()
        self._search_lock = threading.Lock()
        self._open()

    def _open(self) -> None:
        self.con: sqlite3.Connection = open_readonly(self.path)
        self.identity = file_identity(self.path)
        self._search_con: sqlite3.Connection | None = None
        self._watch_con = open_readonly(self.path)
        self._notes = None
        self._searcher = None
        self._watch_version: int | None = None
        self._generation = self._seen_generation = self._read_generation()

    def close(self) -> None:
        """Close every connection, once the queries in flight on other threads
        have stopped: they are interrupted, then waited for.  Closing a
        connection under a running statement crashes the process."""
        self.con.interrupt()
        self.interrupt()
        with self._read_lock, self._search_lock, self._lock:
            self._close_all()

    def reopen(self) -> None:
        """Close every connection and open them again on the file at the path now
        (after a replace), with the same waiting as ``close``.  Raises
        ``DatabaseError`` if what is there now is not a Claimscope database; the
        old connections are closed either way."""
        self.con.interrupt()
        self.interrupt()
        with self._read_lock, self._search_lock, self._lock:
            self._close_all()
            self._open()

    def _close_all(self) -> None:
        for con in (self.con, self._watch_con, self._search_con, self._notes):
            if con is not None:
                con.close()

    @contextmanager
    def search_slot(self) -> Iterator[None]:
        """Held while a query runs on the search connection: one at a time, and
        ``close`` waits for it."""
        with self._search_lock:
            yield

    def searcher(self):
        """The search engine, on its own connection so that interrupting a stale
        search never cancels another screen's query.  Use it inside ``search_slot``."""
        with self._lock:
            if self._searcher is None:
                from .search import Searcher

                self._search_con = open_readonly(self.path)
                self._searcher = Searcher(self._search_con)
            return self._searcher

    def notes(self):
        """The analyst's annotations, on a writable connection of their own: the only
        thing the explorer writes, and only to the file the store opened (see db.notes)."""
        with self._lock:
            if self._notes is None:
                from .notes import Notes

                self._notes = Notes(self.path, identity=self.identity)
            return self._notes

    def interrupt(self) -> None:
        """Cancel the search statement in flight (called from another thread);
        the search then raises ``sqlite3.OperationalError: interrupted``."""
        if self._search_con is not None:
            self._search_con.interrupt()
