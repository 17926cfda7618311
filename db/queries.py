"""Every query the explorer runs, over a read-only connection.

Returns the plain dataclasses of ``db.records`` so the explorer never sees SQL
or sqlite3 rows.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import threading

from .links import LinkQueries
from .session import Session
from .records import (ActorDetail, ActorItem, ActorRef, Comparison, Document, DocumentMeta, DocumentSummary, Figure,
                      FigurePair, Item, Related, SharedItem, Span)


def _serial(method):
    """Workers on several threads share one connection: one query at a time,
    so that no two threads interleave their cursors."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._read_lock:
            return method(self, *args, **kwargs)
    return wrapper


def _meta(r: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(r["id"], r["title"], r["outlet"], r["published"], r["url"],
                        tuple(json.loads(r["authors"] or "[]")), r["lead"])


def _actor(con: sqlite3.Connection, actor_id: int | None) -> ActorRef | None:
    if actor_id is None:
        return None
    r = con.execute("SELECT id, name, kind, description FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return ActorRef(r["id"], r["name"], r["kind"], r["description"]) if r else None


def _figure(r: sqlite3.Row) -> Figure:
    return Figure(r["id"], r["document_id"], r["claim_id"], r["start"], r["end"], r["text"],
                  r["low"], r["high"], r["unit"], r["subject"])


_FIGURE_COLUMNS = 'id, document_id, claim_id, start, "end", text, low, high, unit, subject'


class _Drill:
    """Store's drill-down queries: one claim or quote, one figure (mixed in to keep Store readable)."""

    con: sqlite3.Connection
    _read_lock: threading.RLock

    @_serial
    def document_meta(self, doc_id: int) -> DocumentMeta | None:
        r = self.con.execute(
            "SELECT id, title, outlet, published, url, authors, substr(text, 1, 120) AS lead "
            "FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return _meta(r) if r else None

    @_serial
    def item(self, kind: str, item_id: int) -> Item | None:
        """A claim (``kind='claim'``) or quote (``kind='quote'``) with its paragraph."""
        if kind == "claim":
            r = self.con.execute(
                'SELECT id, document_id, passage_id, start, "end", text, cue, stance, '
                "claimant_id AS actor_id, quote_id FROM claims WHERE id = ?", (item_id,)).fetchone()
        elif kind == "quote":
            r = self.con.execute(
                'SELECT id, document_id, passage_id, start, "end", text, cue, NULL AS stance, '
                "speaker_id AS actor_id, NULL AS quote_id FROM quotes WHERE id = ?", (item_id,)).fetchone()
        else:
            raise ValueError(f"not a claim or quote kind: {kind!r}")
        if r is None:
            return None
        doc = self.document_meta(r["document_id"])
        para = None
        if r["passage_id"] is not None:
            para = self.con.execute(
                'SELECT start, "end", text FROM passages WHERE id = ?', (r["passage_id"],)).fetchone()
        if para is None or not (para["start"] <= r["start"] and r["end"] <= para["end"]):
            # No stored paragraph around the span: the smallest block containing it.
            para = self.con.execute(
                'SELECT start, "end", text FROM passages WHERE document_id = ? AND kind != \'sentence\' '
                'AND start <= ? AND "end" >= ? ORDER BY "end" - start LIMIT 1',
                (r["document_id"], r["start"], r["end"])).fetchone()
        if para is None:
            para_start, para_text = r["start"], r["text"]
        else:
            para_start, para_text = para["start"], para["text"]
        if kind == "claim":
            related = (("quote", r["quote_id"]),) if r["quote_id"] is not None else ()
        else:
            related = tuple(("claim", c[0]) for c in self.con.execute(
                "SELECT id FROM claims WHERE quote_id = ? ORDER BY start", (item_id,)))
        return Item(kind, r["id"], doc, r["start"], r["end"], r["text"], r["cue"], r["stance"],
                    _actor(self.con, r["actor_id"]), para_start, para_text, related)

    @_serial
    def figure(self, figure_id: int) -> Figure | None:
        r = self.con.execute(f"SELECT {_FIGURE_COLUMNS} FROM figures WHERE id = ?", (figure_id,)).fetchone()
        return _figure(r) if r else None

    @_serial
    def figures(self, doc_id: int) -> list[Figure]:
        return [_figure(r) for r in self.con.execute(
            f"SELECT {_FIGURE_COLUMNS} FROM figures WHERE document_id = ? ORDER BY start", (doc_id,))]


class _Actors:
    """Store's query for one actor: who, under which names, and every claim and quote."""

    con: sqlite3.Connection
    _read_lock: threading.RLock

    @_serial
    def actor(self, actor_id: int) -> ActorDetail | None:
        ref = _actor(self.con, actor_id)
        if ref is None:
            return None
        aliases = tuple(a[0] for a in self.con.execute(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY length(alias) DESC, alias", (actor_id,)))
        mentions, documents = self.con.execute(
            "SELECT count(*), count(DISTINCT document_id) FROM mentions WHERE actor_id = ?", (actor_id,)).fetchone()
        rows = self.con.execute(
            "SELECT * FROM (SELECT 'claim' AS kind, c.id, c.document_id, c.start, c.text, c.cue, c.stance, "
            "d.title, d.outlet, d.published, n.verdict FROM claims c JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN annotations n ON n.kind = 'claim' AND n.document_path = d.path AND n.text_key = c.text_key "
            "WHERE c.claimant_id = :a "
            "UNION ALL "
            "SELECT 'quote', q.id, q.document_id, q.start, q.text, q.cue, NULL, "
            "d.title, d.outlet, d.published, n.verdict FROM quotes q JOIN documents d ON d.id = q.document_id "
            "LEFT JOIN annotations n ON n.kind = 'quote' AND n.document_path = d.path AND n.text_key = q.text_key "
            "WHERE q.speaker_id = :a) "
            "ORDER BY published IS NULL, published DESC, document_id, start, kind",
            {"a": actor_id})
        items = tuple(ActorItem(r["kind"], r["id"], r["document_id"], r["text"], r["cue"], r["stance"],
                                r["title"], r["outlet"], r["published"], r["verdict"]) for r in rows)
        return ActorDetail(ref.id, ref.name, ref.kind, ref.description, aliases, mentions, documents, items)

    @_serial
    def actor_named(self, name: str) -> int | None:
        """The actor who goes by ``name`` (any of their written forms)."""
        row = self.con.execute("SELECT actor_id FROM aliases WHERE alias = ? ORDER BY actor_id LIMIT 1",
                               (name,)).fetchone()
        return row[0] if row else None


class _Compare:
    """Store's queries for putting two documents side by side."""

    con: sqlite3.Connection
    _read_lock: threading.RLock

    @_serial
    def related_documents(self, doc_id: int) -> list[Related]:
        """Every other document, those sharing most actors and figure units first."""
        shared = {r[0]: (r[1], r[2]) for r in self.con.execute(
            "SELECT d.id, "
            " (SELECT count(DISTINCT m.actor_id) FROM mentions m WHERE m.document_id = d.id "
            "   AND m.actor_id IN (SELECT actor_id FROM mentions WHERE document_id = :d)), "
            " (SELECT count(DISTINCT f.unit) FROM figures f WHERE f.document_id = d.id "
            "   AND f.unit IN (SELECT unit FROM figures WHERE document_id = :d)) "
            "FROM documents d WHERE d.id != :d", {"d": doc_id})}
        out = [Related(s, *shared[s.id]) for s in self.documents() if s.id in shared]  # type: ignore[attr-defined]
        out.sort(key=lambda r: -(2 * r.shared_actors + 3 * r.shared_units))
        return out

    def _group_table(self) -> str | None:
        """A table of stored claim groups, if the database has one (``group_id``,
        ``claim_id`` columns), which pairs claims better than fuzzy text can."""
        names = {r[0] for r in self.con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("claim_group_members", "claim_groups"):
            if table in names:
                cols = {r[1] for r in self.con.execute(f"PRAGMA table_info({table})")}
                if {"group_id", "claim_id"} <= cols:
                    return table
        return None

    def _texts(self, table: str, doc_id: int) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.con.execute(
            f"SELECT id, text FROM {table} WHERE document_id = ? ORDER BY start", (doc_id,))]

    @_serial
    def compare(self, left_id: int, right_id: int) -> Comparison | None:
        from .matching import pair_texts

        left, right = self.document_meta(left_id), self.document_meta(right_id)  # type: ignore[attr-defined]
        if left is None or right is None:
            return None
        shared: list[SharedItem] = []
        table = self._group_table()
        if table:
            shared += [SharedItem("claim", a, b, 100.0) for a, b in self.con.execute(
                f"SELECT DISTINCT ga.claim_id, gb.claim_id FROM {table} ga "
                f"JOIN {table} gb ON gb.group_id = ga.group_id "
                "JOIN claims ca ON ca.id = ga.claim_id JOIN claims cb ON cb.id = gb.claim_id "
                "WHERE ca.document_id = ? AND cb.document_id = ? ORDER BY ca.start", (left_id, right_id))]
        else:
            shared += [SharedItem("claim", a, b, s) for a, b, s in pair_texts(
                self._texts("claims", left_id), self._texts("claims", right_id))]
        shared += [SharedItem("quote", a, b, s) for a, b, s in pair_texts(
            self._texts("quotes", left_id), self._texts("quotes", right_id))]
        lf, rf = self.figures(left_id), self.figures(right_id)  # type: ignore[attr-defined]
        units = sorted({f.unit for f in lf if f.unit} & {f.unit for f in rf if f.unit})
        figures = tuple(FigurePair(u, tuple(f for f in lf if f.unit == u), tuple(f for f in rf if f.unit == u))
                        for u in units)
        return Comparison(left, right, tuple(shared), figures, table is not None)


class _Documents:
    """Store's queries for reading documents: the list, one document, its marked spans."""

    con: sqlite3.Connection
    _read_lock: threading.RLock

    @_serial
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

    @_serial
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

    @_serial
    def document_again(self, doc_id: int | None, path: str) -> Document | None:
        """The document a screen showed, after a refresh: the one of this id if it
        is still the one seeded from ``path``, else the one from ``path`` (a
        rebuild may renumber documents; the path is what stays)."""
        doc = self.document(doc_id) if doc_id is not None else None
        if doc is None or doc.path != path:
            row = self.con.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
            doc = self.document(row[0]) if row else None
        return doc

    @_serial
    def spans(self, doc_id: int) -> list[Span]:
        """Mentions, quotes, claims and figures of a document, by start."""
        out: list[Span] = []
        for table, kind in (("mentions", "mention"), ("quotes", "quote"), ("claims", "claim"), ("figures", "figure")):
            verdict, join = "NULL", ""
            if kind in ("claim", "quote"):
                verdict = "n.verdict"
                join = (f"JOIN documents d ON d.id = t.document_id LEFT JOIN annotations n ON n.kind = '{kind}' "
                        "AND n.document_path = d.path AND n.text_key = t.text_key ")
            out.extend(Span(kind, r[0], r[1], r[2], r[3]) for r in self.con.execute(
                f'SELECT t.id, t.start, t."end", {verdict} FROM {table} t {join}'
                "WHERE t.document_id = ? ORDER BY t.start", (doc_id,)))
        out.sort(key=lambda s: (s.start, -s.end))
        return out


class Store(Session, _Documents, _Drill, _Actors, _Compare, LinkQueries):
    """The explorer's view of one database file (its connections: ``db.session``)."""

    @_serial
    def export_rows(self, kind: str, ids: list[int]) -> tuple[list[str], list[dict]]:
        """The columns and rows ``claimscope export KIND`` writes for ``ids`` (a
        list on screen, so a bounded one), in the order of ``ids``."""
        from .export import columns, rows

        found = list(rows(self.con, kind, ids=ids))
        if kind not in ("figure-groups", "claim-groups"):
            at = {row["id"]: row for row in found}
            found = [at[i] for i in dict.fromkeys(ids) if i in at]
        return columns(self.con, kind), found
