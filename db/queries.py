"""Every query the explorer runs, over a read-only connection.

Returns plain dataclasses so the explorer never sees SQL or sqlite3 rows.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .connection import open_readonly


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    authors: tuple[str, ...]
    words: int | None
    lead: str  # the opening words, to stand in for a missing title


@dataclass(frozen=True)
class Span:
    kind: str  # paragraph | heading | sentence | mention | quote | claim | figure
    id: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    id: int
    path: str
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    published: str | None
    url: str | None
    text: str
    inferred: tuple[str, ...]
    blocks: tuple[Span, ...]  # paragraphs and headings, in order


class Store:
    """The explorer's view of one database file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.con: sqlite3.Connection = open_readonly(self.path)

    def close(self) -> None:
        self.con.close()

    def interrupt(self) -> None:
        """Cancel the statement in flight (from another thread)."""
        self.con.interrupt()

    def documents(self) -> list[DocumentSummary]:
        rows = self.con.execute(
            "SELECT id, title, outlet, published, authors, words, substr(text, 1, 120) AS lead FROM documents "
            "ORDER BY published IS NULL, published DESC, id"
        )
        return [
            DocumentSummary(r["id"], r["title"], r["outlet"], r["published"],
                            tuple(json.loads(r["authors"] or "[]")), r["words"], r["lead"])
            for r in rows
        ]

    def document(self, doc_id: int) -> Document | None:
        r = self.con.execute(
            "SELECT id, path, title, outlet, authors, published, url, text, inferred "
            "FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        blocks = tuple(
            Span(b["kind"], b["id"], b["start"], b["end"]) for b in self.con.execute(
                'SELECT id, kind, start, "end" FROM passages WHERE document_id = ? '
                "AND kind != 'sentence' ORDER BY start", (doc_id,))
        )
        return Document(r["id"], r["path"], r["title"], r["outlet"],
                        tuple(json.loads(r["authors"] or "[]")), r["published"], r["url"],
                        r["text"], tuple(json.loads(r["inferred"] or "[]")), blocks)

    def spans(self, doc_id: int) -> list[Span]:
        """Mentions, quotes, claims and figures of a document, by start."""
        out: list[Span] = []
        for table, kind in (("mentions", "mention"), ("quotes", "quote"), ("claims", "claim"), ("figures", "figure")):
            out.extend(Span(kind, r[0], r[1], r[2]) for r in self.con.execute(
                f'SELECT id, start, "end" FROM {table} WHERE document_id = ? ORDER BY start', (doc_id,)))
        out.sort(key=lambda s: (s.start, -s.end))
        return out
