"""Analyst verdicts and notes on claims and quotes: the only thing the explorer writes.

An annotation is keyed by what it is about, not by row id: its kind, its document's
path and a hash of its normalised text (``text_key``, stored on every claim and quote
at seed time).  Re-seeding, ``--rebuild`` and new extraction rules renumber rows but
leave that key alone, so a verdict finds its claim again; one whose claim no longer
exists is kept and listed as orphaned, never dropped.

The explorer writes through ``Notes``, a connection of its own that touches only the
``annotations`` table; everything else it reads stays read-only.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .connection import file_identity

VERDICTS = ("unverified", "corroborated", "disputed", "false")
ITEM_TABLES = {"claim": "claims", "quote": "quotes"}


def text_key(text: str | None) -> str:
    """A stable key for a span's words: case, spacing and quotation-mark style do not count."""
    t = unicodedata.normalize("NFKC", text or "")
    t = t.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"}))
    t = re.sub(r"\s+", " ", t).strip().casefold()
    return hashlib.sha256(t.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Annotation:
    kind: str  # claim | quote
    document_path: str
    text: str  # the words when last annotated, to show an orphan
    verdict: str
    note: str | None
    updated_at: str
    item_id: int | None = None  # the current claim or quote; None when orphaned


@dataclass(frozen=True)
class ItemKey:
    """What an annotation is about, as it stays through re-seeding: row ids are
    reused when a document is seeded again, so a screen saves by this key, taken
    when it showed the item, never by the id it was opened with."""
    kind: str  # claim | quote
    document_path: str
    text_key: str
    text: str


class NotesError(Exception):
    """A verdict or note that was not saved; the message says why and what to do."""


class NotesBusy(NotesError):
    """Another process (a seed run) holds the database's write lock: try again."""


# Writes the notes connection may make: rows of ``annotations``, by its own
# statements.  Everything else is denied, so a crafted file (a trigger on
# annotations that deletes every claim) cannot use the explorer to write.
_WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
_SCHEMA_CHANGES = {getattr(sqlite3, name) for name in dir(sqlite3) if name.startswith((
    "SQLITE_CREATE_", "SQLITE_DROP_", "SQLITE_ALTER_")) or name in (
    "SQLITE_ATTACH", "SQLITE_DETACH", "SQLITE_PRAGMA", "SQLITE_REINDEX", "SQLITE_ANALYZE")}


def _annotations_only(action: int, arg1, arg2, database, trigger) -> int:
    if action in _WRITES:
        ok = arg1 == "annotations" and database == "main" and trigger is None
        return sqlite3.SQLITE_OK if ok else sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_DENY if action in _SCHEMA_CHANGES else sqlite3.SQLITE_OK


class Notes:
    """Read and write annotations through a connection of their own, which may
    write nothing but ``annotations`` rows, and only to the file it opened."""

    def __init__(self, path: Path, identity: tuple[int, int] | None = None):
        self.path = Path(path)
        self.con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
        self.con.row_factory = sqlite3.Row
        self.con.execute("PRAGMA busy_timeout = 5000")
        self.con.set_authorizer(_annotations_only)
        # The file the caller opened (the explorer's store), else the one here now.
        self.identity = identity or file_identity(self.path)

    def close(self) -> None:
        self.con.close()

    def key(self, kind: str, item_id: int) -> ItemKey | None:
        """The stable key of a claim or quote as it is now; None if there is no such row."""
        row = self.con.execute(
            f"SELECT d.path, t.text_key, t.text FROM {ITEM_TABLES[kind]} t JOIN documents d ON d.id = t.document_id "
            "WHERE t.id = ?", (item_id,)).fetchone()
        return ItemKey(kind, row["path"], row["text_key"], row["text"]) if row else None

    def get(self, key: ItemKey) -> Annotation | None:
        try:
            row = self.con.execute(
                "SELECT * FROM annotations WHERE kind = ? AND document_path = ? AND text_key = ?",
                (key.kind, key.document_path, key.text_key)).fetchone()
        except sqlite3.OperationalError as e:
            if "no such" in str(e):  # a database seeded before annotations existed
                return None
            raise
        return _annotation(row, self.current(key)) if row else None

    def current(self, key: ItemKey) -> int | None:
        row = self.con.execute(
            f"SELECT t.id FROM {ITEM_TABLES[key.kind]} t JOIN documents d ON d.id = t.document_id "
            "WHERE d.path = ? AND t.text_key = ? ORDER BY t.id LIMIT 1", (key.document_path, key.text_key)).fetchone()
        return row[0] if row else None

    def set(self, key: ItemKey, *, verdict: str | None = None, note: str | None = None) -> Annotation:
        """Set the verdict, the note, or both, of one claim or quote.  Raises
        NotesBusy while a seed run holds the write lock, NotesError when the file
        was replaced or the item is gone: never a silent save to the wrong place."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        _begin(self.con)
        try:
            self._check_target(key)
            _upsert(self.con, key, verdict, note)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return self.get(key)

    def _check_target(self, key: ItemKey) -> None:
        # Under the write lock: no rebuild can install itself between this check
        # and the commit (db.install copies the annotations under the same lock).
        if file_identity(self.path) != self.identity:
            raise NotesError("Not saved: the database file was replaced since the explorer opened it "
                             "(a rebuild or a copy); press ctrl+r to reopen it, then save again")
        if self.current(key) is None:
            raise NotesError(f"Not saved: this {key.kind} is no longer in the database (its document was "
                             "seeded again and changed); press ctrl+r to see what is there now")

    def all(self) -> list[Annotation]:
        """Every annotation with its current claim or quote (None: orphaned), newest first."""
        return [_annotation(r, r["item_id"]) for r in self.con.execute(
            "SELECT * FROM annotation_status ORDER BY updated_at DESC, id DESC")]

    def orphaned(self) -> list[Annotation]:
        return [a for a in self.all() if a.item_id is None]


def _begin(con: sqlite3.Connection) -> None:
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise NotesBusy("The database is busy (a seed run is writing to it); not saved yet") from e
        raise NotesError(f"Not saved: {e}") from e


def _upsert(con: sqlite3.Connection, key: ItemKey, verdict: str | None, note: str | None) -> None:
    """Set what is given (verdict, note or both) and leave the other as it was."""
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    con.execute(
        "INSERT INTO annotations (kind, document_path, text_key, text, verdict, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, coalesce(?, 'unverified'), ?, ?, ?) "
        "ON CONFLICT(kind, document_path, text_key) DO UPDATE SET "
        "verdict = CASE WHEN ? THEN excluded.verdict ELSE verdict END, "
        "note = CASE WHEN ? THEN excluded.note ELSE note END, "
        "text = excluded.text, updated_at = excluded.updated_at",
        (key.kind, key.document_path, key.text_key, key.text, verdict, note, now, now,
         verdict is not None, note is not None))


def _annotation(row: sqlite3.Row, item_id: int | None) -> Annotation:
    return Annotation(row["kind"], row["document_path"], row["text"], row["verdict"], row["note"],
                      row["updated_at"], item_id)
