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


class Notes:
    """Read and write annotations through a connection of their own."""

    def __init__(self, path: Path):
        self.con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
        self.con.row_factory = sqlite3.Row
        self.con.execute("PRAGMA busy_timeout = 5000")

    def close(self) -> None:
        self.con.close()

    def _item(self, kind: str, item_id: int) -> sqlite3.Row:
        table = ITEM_TABLES[kind]
        row = self.con.execute(
            f"SELECT d.path, t.text_key, t.text FROM {table} t JOIN documents d ON d.id = t.document_id "
            "WHERE t.id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(f"no {kind} {item_id}")
        return row

    def get(self, kind: str, item_id: int) -> Annotation | None:
        try:
            item = self._item(kind, item_id)
            row = self.con.execute(
                "SELECT * FROM annotations WHERE kind = ? AND document_path = ? AND text_key = ?",
                (kind, item["path"], item["text_key"])).fetchone()
        except sqlite3.OperationalError as e:
            if "no such" in str(e):  # a database seeded before annotations existed
                return None
            raise
        return _annotation(row, item_id) if row else None

    def set(self, kind: str, item_id: int, *, verdict: str | None = None, note: str | None = None) -> Annotation:
        """Set the verdict, the note, or both, of one claim or quote."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        item = self._item(kind, item_id)
        now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.con.execute(
            "INSERT INTO annotations (kind, document_path, text_key, text, verdict, note, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, coalesce(?, 'unverified'), ?, ?, ?) "
            "ON CONFLICT(kind, document_path, text_key) DO UPDATE SET "
            "verdict = CASE WHEN ? THEN excluded.verdict ELSE verdict END, "
            "note = CASE WHEN ? THEN excluded.note ELSE note END, "
            "text = excluded.text, updated_at = excluded.updated_at",
            (kind, item["path"], item["text_key"], item["text"], verdict, note, now, now,
             verdict is not None, note is not None))
        return self.get(kind, item_id)

    def all(self) -> list[Annotation]:
        """Every annotation with its current claim or quote (None: orphaned), newest first."""
        return [_annotation(r, r["item_id"]) for r in self.con.execute(
            "SELECT * FROM annotation_status ORDER BY updated_at DESC, id DESC")]

    def orphaned(self) -> list[Annotation]:
        return [a for a in self.all() if a.item_id is None]


def _annotation(row: sqlite3.Row, item_id: int | None) -> Annotation:
    return Annotation(row["kind"], row["document_path"], row["text"], row["verdict"], row["note"],
                      row["updated_at"], item_id)
