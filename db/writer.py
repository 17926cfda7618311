"""Every statement the seeder runs.

The seeder hands over plain dicts; this module owns the SQL.  One document is
written in one transaction: its old rows go, its new rows come, so a crash
leaves either the old version or the new one, never a mix.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .notes import text_key

from .search import index as search_index

# Tables whose text search reads, and the columns indexed.  sqlite-utils makes
# the <table>_fts tables and triggers, which is what Datasette looks for.
FTS = {
    "documents": ["title", "text"],
    "passages": ["text"],
    "quotes": ["text"],
    "claims": ["text"],
    "actors": ["name", "description"],
}
SPAN_TABLES = ("figures", "claims", "quotes", "mentions", "passages")  # children first


class _Connection:
    """The writer's connection, its full-text tables and its transactions."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._id_tables: dict[str, bool] = {}
        self._suspended_triggers: list[str] = []
        missing = [table for table in FTS if not _has_fts(con, table)]
        if missing:
            # Only a new file makes them: sqlite-utils (and what it imports) is
            # then loaded, never on a run that finds the tables in place.
            import sqlite_utils

            db = sqlite_utils.Database(con)
            for table in missing:
                db[table].enable_fts(FTS[table], create_triggers=True, tokenize="porter")

    def suspend_text_index(self) -> None:
        """Stop keeping the full-text tables row by row, for a database being built
        from nothing.  Each trigger firing tokenises one row and each commit writes
        a small FTS segment that later merges rewrite; one ``rebuild`` pass per table
        in ``resume_text_index`` indexes the same rows once.  Only for a file no one
        else reads until the run ends: until then its text search is empty."""
        if self._suspended_triggers:
            return
        names = [f"{table}_{op}" for table in FTS for op in ("ai", "ad", "au")]
        rows = self.con.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({', '.join('?' * len(names))}) "
            "ORDER BY name", names).fetchall()
        for name, _ in rows:
            self.con.execute(f'DROP TRIGGER "{name}"')
        self._suspended_triggers = [sql for _, sql in rows]

    def resume_text_index(self) -> None:
        """Fill each full-text table from its content table, as the triggers would
        have, and put the triggers back so later runs keep the tables row by row."""
        if not self._suspended_triggers:
            return
        for table in FTS:
            self.con.execute(f'INSERT INTO "{table}_fts" ("{table}_fts") VALUES (\'rebuild\')')
        for sql in self._suspended_triggers:
            self.con.execute(sql)
        self._suspended_triggers = []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield
            # A new token with every commit of a seed run: an open explorer tells
            # a seed's data from its own notes by it (see db.session).
            self.set_meta("generation", secrets.token_hex(8))
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")


class _Documents(_Connection):
    """A document's row: found by path or content, moved, cleared, written."""

    def document_state(self, path: str) -> tuple[int, str] | None:
        row = self.con.execute("SELECT id, sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def documents_with_sha(self, sha256: str) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.con.execute(
            "SELECT id, path FROM documents WHERE sha256 = ? ORDER BY id", (sha256,))]

    def move_document(self, doc_id: int, path: str) -> None:
        """A file found at a new path: its document, and the analyst's notes on it, follow."""
        old = self.con.execute("SELECT path FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        self.con.execute("UPDATE documents SET path = ? WHERE id = ?", (path, doc_id))
        self.con.execute("UPDATE OR IGNORE annotations SET document_path = ? WHERE document_path = ?", (path, old))

    def clear_document(self, doc_id: int) -> None:
        """Remove everything extracted from a document, keeping its row and id."""
        search_index.forget_document(self.con, doc_id)
        self.con.execute("UPDATE claims SET quote_id = NULL WHERE document_id = ?", (doc_id,))
        for table in SPAN_TABLES:
            if table == "passages":
                self.con.execute("UPDATE passages SET parent_id = NULL WHERE document_id = ?", (doc_id,))
            self.con.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))

    def write_document(self, doc_id: int | None, fields: dict) -> int:
        """Insert the document, or update it in place so its id stays."""
        fields = dict(fields)
        fields["authors"] = json.dumps(fields.get("authors") or [], ensure_ascii=False)
        fields["inferred"] = json.dumps(fields.get("inferred") or [])
        cols = list(fields)
        if doc_id is None:
            cur = self.con.execute(
                f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [fields[c] for c in cols],
            )
            return cur.lastrowid
        self.con.execute(
            f"UPDATE documents SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
            [*(fields[c] for c in cols), doc_id],
        )
        return doc_id


class _Spans(_Connection):
    """A document's passages, mentions, quotes, claims and figures."""

    def _insert(self, table: str, doc_id: int, rows: Iterable[dict]) -> list[int]:
        """Insert ``rows`` (dicts with the same keys) in one statement.  The ids are
        given, not left to SQLite, because executemany reports no id per row; they
        are the ones SQLite would pick (the next after the largest), and nothing
        else writes inside the transaction."""
        rows = list(rows)
        if not rows:
            return []
        cols = list(rows[0])
        if any(list(row) != cols for row in rows) or not self._has_id(table):
            return [self._insert_one(table, doc_id, row) for row in rows]
        first = self.con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        ids = list(range(first, first + len(rows)))
        self.con.executemany(
            f"INSERT INTO {table} (id, document_id, {', '.join(_q(c) for c in cols)}) "
            f"VALUES ({', '.join('?' * (len(cols) + 2))})",
            [(i, doc_id, *(row[c] for c in cols)) for i, row in zip(ids, rows)],
        )
        return ids

    def _insert_one(self, table: str, doc_id: int, row: dict) -> int:
        row = {"document_id": doc_id, **row}
        cols = list(row)
        cur = self.con.execute(
            f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        return cur.lastrowid

    def _has_id(self, table: str) -> bool:
        """Is ``id`` the table's integer primary key (the rowid)?"""
        known = self._id_tables
        if table not in known:
            known[table] = any(r[1] == "id" and r[2].upper() == "INTEGER" and r[5] == 1
                               for r in self.con.execute(f'PRAGMA table_info("{table}")'))
        return known[table]

    def insert_passages(self, doc_id: int, rows: list[dict]) -> list[int]:
        """Rows may name their parent by index into ``rows`` (``parent``); a parent
        comes before its children."""
        first = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
        ready = []
        for n, row in enumerate(rows):
            row = dict(row)
            parent = row.pop("parent", None)
            if parent is not None and parent >= n:
                raise ValueError("a passage's parent must come before it")
            row["parent_id"] = first + parent if parent is not None else None
            ready.append(row)
        # Blocks and sentences carry different keys: insert each run of alike rows.
        # Each run's ids follow on from the last, so row n gets id first + n.
        ids: list[int] = []
        i = 0
        while i < len(ready):
            j = i
            while j < len(ready) and list(ready[j]) == list(ready[i]):
                j += 1
            ids.extend(self._insert("passages", doc_id, ready[i:j]))
            i = j
        return ids

    def insert_mentions(self, doc_id: int, rows: list[dict]) -> list[int]:
        return self._insert("mentions", doc_id, rows)

    def insert_quotes(self, doc_id: int, rows: list[dict]) -> list[int]:
        return self._insert("quotes", doc_id, _keyed(rows))

    def insert_claims(self, doc_id: int, rows: list[dict]) -> list[int]:
        return self._insert("claims", doc_id, _keyed(rows))

    def insert_figures(self, doc_id: int, rows: list[dict]) -> list[int]:
        return self._insert("figures", doc_id, rows)


class _Actors(_Connection):
    """Actors and their aliases, across documents."""

    def known_actors(self) -> list[dict]:
        """The named actors, the candidates an incoming name may be."""
        actors = {r["id"]: {**dict(r), "aliases": set()} for r in self.con.execute(
            "SELECT id, key, name, kind, description FROM actors WHERE named ORDER BY id")}
        for actor_id, alias in self.con.execute("SELECT actor_id, alias FROM aliases"):
            if actor_id in actors:
                actors[actor_id]["aliases"].add(alias)
        return list(actors.values())

    def unnamed_actor(self, key: str, name: str, kind: str, description: str) -> int:
        """The id of the unnamed source with natural key ``key`` (one document's
        description of it), made if new: a re-seed finds the same row."""
        row = self.con.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self.con.execute("UPDATE actors SET name = ?, kind = ?, description = ?, named = 0 WHERE id = ?",
                             (name, kind, description, row[0]))
            return row[0]
        return self.con.execute(
            "INSERT INTO actors (key, name, kind, description, named) VALUES (?, ?, ?, ?, 0)",
            (key, name, kind, description)).lastrowid

    def insert_actor(self, key: str, name: str, kind: str, description: str | None) -> int:
        # Two different canonical names may normalise to one key; the key is
        # only a natural key for idempotence, so make it unique.
        base, n = key, 1
        while self.con.execute("SELECT 1 FROM actors WHERE key = ?", (key,)).fetchone():
            n += 1
            key = f"{base}~{n}"
        cur = self.con.execute(
            "INSERT INTO actors (key, name, kind, description) VALUES (?, ?, ?, ?)",
            (key, name, kind, description),
        )
        return cur.lastrowid

    def update_actor(self, actor_id: int, **fields: str) -> None:
        """Set ``name``, ``kind`` or ``description`` of an actor."""
        for column in ("name", "kind", "description"):
            if fields.get(column) is not None:
                self.con.execute(f"UPDATE actors SET {column} = ? WHERE id = ?", (fields[column], actor_id))

    def add_aliases(self, actor_id: int, aliases: Iterable[str]) -> None:
        self.con.executemany(
            "INSERT OR IGNORE INTO aliases (actor_id, alias) VALUES (?, ?)",
            [(actor_id, a) for a in sorted(set(aliases)) if a],
        )

    def prune_actors(self) -> int:
        """Drop actors nothing refers to any more (their documents changed)."""
        unused = "id NOT IN (SELECT actor_id FROM mentions) AND id NOT IN " \
                 "(SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL) AND id NOT IN " \
                 "(SELECT claimant_id FROM claims WHERE claimant_id IS NOT NULL) AND id NOT IN " \
                 "(SELECT claimant_id FROM figures WHERE claimant_id IS NOT NULL)"
        self.con.execute(f"DELETE FROM aliases WHERE actor_id IN (SELECT id FROM actors WHERE {unused})")
        return self.con.execute(f"DELETE FROM actors WHERE {unused}").rowcount


class SeedWriter(_Documents, _Spans, _Actors):
    """Every statement the seeder runs, on one connection."""

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT INTO claimscope_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "passages", "actors", "aliases", "mentions", "quotes", "claims", "figures")}


def _has_fts(con: sqlite3.Connection, table: str) -> bool:
    """Does ``table`` have its full-text table?  sqlite-utils' ``detect_fts``, in
    its own words."""
    return con.execute(
        "SELECT 1 FROM sqlite_master WHERE rootpage = 0 AND (sql LIKE :like OR sql LIKE :like2 "
        "OR (tbl_name = :table AND sql LIKE '%VIRTUAL TABLE%USING FTS%')) LIMIT 1",
        {"like": f"%VIRTUAL TABLE%USING FTS%content=[{table}]%",
         "like2": f'%VIRTUAL TABLE%USING FTS%content="{table}"%', "table": table},
    ).fetchone() is not None


def _q(column: str) -> str:
    return f'"{column}"'


def _keyed(rows: list[dict]) -> list[dict]:
    """Rows with the ``text_key`` analyst annotations find them by (see db.notes)."""
    return [{**r, "text_key": text_key(r["text"])} for r in rows]
