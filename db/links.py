"""The SQL of the cross-source tables: reading what linking needs, storing its
result with stable ids, and the explorer's queries over it.

seed/link/ decides the groups; this module only moves rows.  A group is
found again by its natural key (``key``): kept groups keep their id, their
members are rewritten only when they changed, and groups no longer found go.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass

from .link_state import claims_of, story_rows

LINKS_VERSION = "4"  # bump when the linking rules or the remembered state change: old links are redone
_FINGERPRINT = "links_fingerprint"


# -- the seeder's side ---------------------------------------------------------


@dataclass
class Inputs:
    claims: list
    figures: list
    quotes: list
    paragraphs: list
    published: dict


def _fingerprint(con: sqlite3.Connection) -> str:
    h = hashlib.sha1(LINKS_VERSION.encode())
    for doc_id, sha, published in con.execute("SELECT id, sha256, published FROM documents ORDER BY id"):
        h.update(f"{doc_id}:{sha}:{published}|".encode())
    return h.hexdigest()


def needs_relink(con: sqlite3.Connection) -> bool:
    """False when the documents are those the stored links were computed on."""
    row = con.execute("SELECT value FROM claimscope_meta WHERE key = ?", (_FINGERPRINT,)).fetchone()
    return row is None or row[0] != _fingerprint(con)


_DOCUMENTS = "links_documents"


def _document_states(con: sqlite3.Connection) -> dict[str, str]:
    return {str(i): f"{sha}|{published}" for i, sha, published in
            con.execute("SELECT id, sha256, published FROM documents")}


def touched_documents(con: sqlite3.Connection) -> set[int] | None:
    """Documents added or changed (text or date) since the links were last
    computed, or None when nothing is known of that run (everything is new)."""
    row = con.execute("SELECT value FROM claimscope_meta WHERE key = ?", (_DOCUMENTS,)).fetchone()
    version = con.execute("SELECT value FROM claimscope_meta WHERE key = ?", (_FINGERPRINT,)).fetchone()
    if row is None or version is None:
        return None
    try:
        stored_version, states = json.loads(row[0])
    except (ValueError, TypeError):
        return None
    if stored_version != LINKS_VERSION:
        return None
    return {int(i) for i, state in _document_states(con).items() if states.get(i) != state}


def removed_documents(con: sqlite3.Connection) -> set[int]:
    """Documents the stored links were computed with that are gone since."""
    row = con.execute("SELECT value FROM claimscope_meta WHERE key = ?", (_DOCUMENTS,)).fetchone()
    if row is None:
        return set()
    try:
        _, states = json.loads(row[0])
    except (ValueError, TypeError):
        return set()
    return {int(i) for i in states} - {i for (i,) in con.execute("SELECT id FROM documents")}


def present_documents(con: sqlite3.Connection) -> set[int]:
    return {i for (i,) in con.execute("SELECT id FROM documents")}


def published(con: sqlite3.Connection) -> dict[int, str | None]:
    return {r[0]: r[1] for r in con.execute("SELECT id, published FROM documents")}


def forget_document(con: sqlite3.Connection, doc_id: int) -> None:
    """Drop the link rows that point at a document about to be deleted (its
    groups are re-derived by the next re-link, which finds it gone)."""
    con.execute("DELETE FROM quote_links WHERE origin_document_id = ? OR reuse_document_id = ?", (doc_id, doc_id))
    con.execute("DELETE FROM claim_groups WHERE first_document_id = ?", (doc_id,))
    con.execute("DELETE FROM claim_group_members WHERE document_id = ?", (doc_id,))
    con.execute("DELETE FROM figure_group_members WHERE document_id = ?", (doc_id,))


def load_rows(con: sqlite3.Connection) -> dict[str, list[dict]]:
    """Plain rows for the linking stage: claims (with the actors they name),
    figures (with their sentence), long quotes, paragraphs, document dates."""
    documents = {i for (i,) in con.execute("SELECT id FROM documents")}
    claims = {c["id"]: c for c in claims_of(con, documents)}
    figures = [dict(r) for r in con.execute(
        'SELECT f.id, f.document_id, f.claim_id, f.start, f."end", f.text, f.low, f.high, f.unit, '
        'f.subject, f.qualifier, d.published, '
        '(SELECT s.start FROM passages s WHERE s.document_id = f.document_id AND s.kind = \'sentence\' '
        '   AND s.start <= f.start AND s."end" >= f."end" ORDER BY s.start DESC LIMIT 1) AS sentence_start, '
        '(SELECT s.text FROM passages s WHERE s.document_id = f.document_id AND s.kind = \'sentence\' '
        '   AND s.start <= f.start AND s."end" >= f."end" ORDER BY s.start DESC LIMIT 1) AS sentence '
        'FROM figures f JOIN documents d ON d.id = f.document_id ORDER BY f.document_id, f.start, f.id')]
    quotes = [dict(r) for r in con.execute(
        'SELECT id, document_id, start, "end", text FROM quotes ORDER BY id')]
    paragraphs = [dict(r) for r in con.execute(
        "SELECT document_id, start, text FROM passages WHERE kind != 'sentence' ORDER BY document_id, start")]
    published = {r[0]: r[1] for r in con.execute("SELECT id, published FROM documents")}
    return {"claims": list(claims.values()), "figures": figures, "quotes": quotes,
            "paragraphs": paragraphs, "published": published, "stories": story_rows(con, documents)}


def _sync(con: sqlite3.Connection, group_table: str, member_table: str, member_col: str,
          groups: list[dict], prefixes: set[str] | None = None, keys: set[str] | None = None) -> None:
    """Write ``groups`` (dicts with ``key``, group columns and ``members``, a
    list of member dicts): same key, same id.  With ``prefixes``, ``groups``
    are the groups whose key starts with one of them, and the others stay;
    with ``keys``, they replace the groups of those keys, and the others stay."""
    wanted = {g["key"] for g in groups}
    if keys is not None:
        existing = dict(con.execute(f"SELECT key, id FROM {group_table} WHERE key IN (SELECT value FROM json_each(?))",
                                    (json.dumps(sorted(keys | wanted)),)).fetchall())
    else:
        existing = {k: i for k, i in con.execute(f"SELECT key, id FROM {group_table}")
                    if prefixes is None or any(k.startswith(p) for p in prefixes)}
    for key, gid in existing.items():
        if key not in wanted:
            con.execute(f"DELETE FROM {member_table} WHERE group_id = ?", (gid,))
            con.execute(f"DELETE FROM {group_table} WHERE id = ?", (gid,))
    for g in groups:
        cols = [c for c in g if c not in ("key", "members")]
        gid = existing.get(g["key"])
        if gid is None:
            gid = con.execute(
                f"INSERT INTO {group_table} (key, {', '.join(cols)}) VALUES (?{', ?' * len(cols)})",
                [g["key"], *(g[c] for c in cols)]).lastrowid
        else:
            con.execute(f"UPDATE {group_table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                        [*(g[c] for c in cols), gid])
        # Members are matched on what they point at, so a member whose score
        # moved (idf weights shift as the corpus grows) keeps its row and id.
        stored = {r[member_col]: r for r in con.execute(
            f"SELECT * FROM {member_table} WHERE group_id = ?", (gid,))}
        for m in sorted(g["members"], key=lambda m: m[member_col]):
            mcols = list(m)
            row = stored.pop(m[member_col], None)
            if row is None:
                con.execute(
                    f"INSERT INTO {member_table} (group_id, {', '.join(mcols)}) VALUES (?{', ?' * len(mcols)})",
                    [gid, *(m[c] for c in mcols)])
            elif any(row[c] != m[c] for c in mcols):
                con.execute(f"UPDATE {member_table} SET {', '.join(f'{c} = ?' for c in mcols)} WHERE id = ?",
                            [*(m[c] for c in mcols), row["id"]])
        for row in stored.values():
            con.execute(f"DELETE FROM {member_table} WHERE id = ?", (row["id"],))


def save(con: sqlite3.Connection, claim_groups: list[dict], figure_groups: list[dict],
         reuse: list[dict]) -> None:
    """Store the whole linking result (inside the caller's transaction) and
    remember which documents it was computed on."""
    save_claim_groups(con, claim_groups)
    save_figure_groups(con, figure_groups)
    save_reuse(con, reuse)
    mark_linked(con)


def save_claim_groups(con: sqlite3.Connection, groups: list[dict], keys: set[str] | None = None) -> None:
    """All claim groups, or with ``keys`` those replacing the groups of these
    keys (and groups left with no member go)."""
    _sync(con, "claim_groups", "claim_group_members", "claim_id", groups, keys=keys)
    if keys is not None:
        con.execute("DELETE FROM claim_groups WHERE id NOT IN (SELECT group_id FROM claim_group_members)")


def claim_group_of(con: sqlite3.Connection, claims) -> dict[int, int]:
    """claim id -> its group, for the claims of ``claims`` in one."""
    return dict(con.execute("SELECT claim_id, group_id FROM claim_group_members "
                            "WHERE claim_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(claims)),)))


def claim_group_keys(con: sqlite3.Connection, claims) -> set[str]:
    """The keys of the groups with a member among ``claims``."""
    return {k for (k,) in con.execute(
        "SELECT DISTINCT g.key FROM claim_group_members m JOIN claim_groups g ON g.id = m.group_id "
        "WHERE m.claim_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(claims)),))}


def save_figure_groups(con: sqlite3.Connection, groups: list[dict], prefixes: set[str] | None = None) -> None:
    """``groups`` are all figure groups, or with ``prefixes`` those of the
    buckets whose keys start so (the other buckets' rows are left alone)."""
    _sync(con, "figure_groups", "figure_group_members", "figure_id", groups, prefixes)


def save_reuse(con: sqlite3.Connection, reuse: list[dict], touched: set[int] | None = None) -> None:
    """All quote links, or with ``touched`` the links with a side in one of
    those documents (the others stay as they are)."""
    if touched is not None:
        ids = json.dumps(sorted(touched))
        existing = {k for (k,) in con.execute(
            "SELECT key FROM quote_links WHERE origin_document_id IN (SELECT value FROM json_each(?)) "
            "OR reuse_document_id IN (SELECT value FROM json_each(?))", (ids, ids))}
        reuse = [r for r in reuse if r["origin_document_id"] in touched or r["reuse_document_id"] in touched]
    else:
        existing = {k for (k,) in con.execute("SELECT key FROM quote_links")}
    wanted = {r["key"] for r in reuse}
    for key in existing - wanted:
        con.execute("DELETE FROM quote_links WHERE key = ?", (key,))
    docs = {r["origin_document_id"] for r in reuse} | {r["reuse_document_id"] for r in reuse}
    texts = {r[0]: r[1] for r in con.execute(
        "SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(docs)),))}
    for r in reuse:
        origin_text = texts[r["origin_document_id"]][r["origin_start"]:r["origin_end"]]
        reuse_text = texts[r["reuse_document_id"]][r["reuse_start"]:r["reuse_end"]]
        if r["key"] in existing:
            con.execute("UPDATE quote_links SET origin_quote_id = ?, reuse_quote_id = ?, score = ?, "
                        "origin_text = ?, reuse_text = ? WHERE key = ?",
                        (r["origin_quote_id"], r["reuse_quote_id"], r["score"], origin_text, reuse_text, r["key"]))
            continue
        con.execute(
            "INSERT INTO quote_links (key, origin_document_id, origin_start, origin_end, origin_text, "
            "origin_quote_id, reuse_document_id, reuse_start, reuse_end, reuse_text, reuse_quote_id, score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r["key"], r["origin_document_id"], r["origin_start"], r["origin_end"], origin_text,
             r["origin_quote_id"], r["reuse_document_id"], r["reuse_start"], r["reuse_end"], reuse_text,
             r["reuse_quote_id"], r["score"]))


def mark_linked(con: sqlite3.Connection) -> None:
    """Remember the documents the links now stand for."""
    con.execute("INSERT INTO claimscope_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_FINGERPRINT, _fingerprint(con)))
    con.execute("INSERT INTO claimscope_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_DOCUMENTS, json.dumps([LINKS_VERSION, _document_states(con)], sort_keys=True)))


def counts(con: sqlite3.Connection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("claim_groups", "figure_groups", "quote_links")}


# -- the explorer's side ---------------------------------------------------------


@dataclass(frozen=True)
class OtherSource:
    """The same claim as said in another document."""
    claim_id: int
    document_id: int
    outlet: str | None
    title: str | None
    published: str | None
    claimant: str | None
    text: str
    group_label: str


@dataclass(frozen=True)
class FigureGroupSummary:
    id: int
    label: str
    unit: str
    scope: str
    status: str  # agree | conflict
    documents: int
    figures: int
    low: float | None
    high: float | None


@dataclass(frozen=True)
class FigureSource:
    """One source's figure in a group, with where it stands."""
    figure_id: int
    document_id: int
    outlet: str | None
    title: str | None
    published: str | None
    text: str
    low: float | None
    high: float | None
    qualifier: str | None
    claimant: str | None
    conflicts: bool
    start: int  # of the figure
    end: int
    claim_id: int | None
    sentence: str


@dataclass(frozen=True)
class FigureGroupDetail:
    group: FigureGroupSummary
    sources: tuple[FigureSource, ...]  # by publication date


def _has_links(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'figure_groups'").fetchone() is not None


def _summary(r) -> FigureGroupSummary:
    return FigureGroupSummary(r["id"], r["label"], r["unit"], r["scope"], r["status"], r["documents"],
                              r["figures"], r["low"], r["high"])


class LinkQueries:
    """Store's queries over the cross-source tables (mixed in to Store)."""

    con: sqlite3.Connection
    _read_lock: threading.RLock

    def same_claim(self, claim_id: int) -> list[OtherSource]:
        """The claim as said in other documents, earliest first."""
        with self._read_lock:
            if not _has_links(self.con):
                return []
            return [OtherSource(r["id"], r["document_id"], r["outlet"], r["title"], r["published"],
                                r["claimant"], r["text"], r["label"]) for r in self.con.execute(
                "SELECT c.id, c.document_id, d.outlet, d.title, d.published, a.name AS claimant, c.text, g.label "
                "FROM claim_group_members me JOIN claim_group_members o ON o.group_id = me.group_id "
                "JOIN claim_groups g ON g.id = me.group_id "
                "JOIN claims c ON c.id = o.claim_id JOIN documents d ON d.id = c.document_id "
                "LEFT JOIN actors a ON a.id = c.claimant_id "
                "WHERE me.claim_id = ? AND c.document_id != (SELECT document_id FROM claims WHERE id = ?) "
                "ORDER BY d.published IS NULL, d.published, d.id, c.start", (claim_id, claim_id))]

    def figure_groups(self) -> list[FigureGroupSummary]:
        """Every figure group, conflicts first, then the most sources."""
        with self._read_lock:
            if not _has_links(self.con):
                return []
            return [_summary(r) for r in self.con.execute(
                "SELECT * FROM figure_groups ORDER BY status = 'conflict' DESC, documents DESC, "
                "figures DESC, label, id")]

    def figure_group(self, group_id: int) -> FigureGroupDetail | None:
        with self._read_lock:
            if not _has_links(self.con):
                return None
            g = self.con.execute("SELECT * FROM figure_groups WHERE id = ?", (group_id,)).fetchone()
            if g is None:
                return None
            rows = self.con.execute(
                'SELECT f.id, f.document_id, d.outlet, d.title, d.published, f.text, f.low, f.high, f.qualifier, '
                'a.name AS claimant, m.conflicts, f.start, f."end", f.claim_id, '
                "coalesce((SELECT s.text FROM passages s WHERE s.document_id = f.document_id "
                "  AND s.kind = 'sentence' AND s.start <= f.start AND s.\"end\" >= f.\"end\" "
                "  ORDER BY s.start DESC LIMIT 1), f.text) AS sentence "
                "FROM figure_group_members m JOIN figures f ON f.id = m.figure_id "
                "JOIN documents d ON d.id = f.document_id LEFT JOIN actors a ON a.id = f.claimant_id "
                "WHERE m.group_id = ? ORDER BY d.published IS NULL, d.published, d.id, f.start", (group_id,))
            sources = tuple(FigureSource(r["id"], r["document_id"], r["outlet"], r["title"], r["published"],
                                         r["text"], r["low"], r["high"], r["qualifier"], r["claimant"],
                                         bool(r["conflicts"]), r["start"], r["end"], r["claim_id"],
                                         r["sentence"]) for r in rows)
            return FigureGroupDetail(_summary(g), sources)

    def shared_figure_groups(self, left_id: int, right_id: int) -> list[tuple[str, str, tuple[int, ...], tuple[int, ...]]]:
        """(label, status, left figure ids, right figure ids) of the figure
        groups both documents have a figure in; 'conflict' when one of theirs
        misses the other's range."""
        with self._read_lock:
            if not _has_links(self.con):
                return []
            out = []
            for g in self.con.execute(
                    "SELECT g.id, g.label FROM figure_groups g WHERE "
                    "EXISTS (SELECT 1 FROM figure_group_members WHERE group_id = g.id AND document_id = ?) AND "
                    "EXISTS (SELECT 1 FROM figure_group_members WHERE group_id = g.id AND document_id = ?) "
                    "ORDER BY g.label, g.id", (left_id, right_id)).fetchall():
                members = self.con.execute(
                    "SELECT m.figure_id, m.document_id, m.range_low, m.range_high FROM figure_group_members m "
                    "JOIN figures f ON f.id = m.figure_id WHERE m.group_id = ? AND m.document_id IN (?, ?) "
                    "ORDER BY f.start", (g["id"], left_id, right_id)).fetchall()
                left = [m for m in members if m["document_id"] == left_id]
                right = [m for m in members if m["document_id"] == right_id]
                clash = any(not _overlap(a, b) for a in left for b in right)
                out.append((g["label"], "conflict" if clash else "agree",
                            tuple(m["figure_id"] for m in left), tuple(m["figure_id"] for m in right)))
            return out


def _overlap(a, b) -> bool:
    inf = float("inf")
    a_hi = a["range_high"] if a["range_high"] is not None else inf
    b_hi = b["range_high"] if b["range_high"] is not None else inf
    return a["range_low"] <= b_hi and b["range_low"] <= a_hi

