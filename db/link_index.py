"""The SQL of the indexes a re-link reads instead of every row: each term's
df and postings (link_terms, link_postings), each pair's last score and when
it is due again (link_claim_pairs), each document's story (link_documents)
and the shingles of paragraphs and quotes (link_shingles).
seed/link/incremental.py and seed/link/rescore.py decide what to do with them.
"""
from __future__ import annotations

import json
import sqlite3

from .link_state import _IDS, _ids, _plain

_DRIFT = "links_drift"


# -- terms -------------------------------------------------------------------------


def add_postings(con: sqlite3.Connection, rows: list[tuple[str, int, int]]) -> None:
    """(term, claim id, document id) of new claims; df follows."""
    con.executemany("INSERT INTO link_postings (term, claim_id, document_id) VALUES (?, ?, ?)", rows)
    moved: dict[str, int] = {}
    for t, _, _ in rows:
        moved[t] = moved.get(t, 0) + 1
    con.executemany("INSERT INTO link_terms (term, df) VALUES (?, ?) "
                    "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df", sorted(moved.items()))


def drop_postings(con: sqlite3.Connection, claims: dict[int, dict]) -> None:
    """Forget the postings of dropped claims (id -> bag)."""
    moved: dict[str, int] = {}
    for bag in claims.values():
        for t in bag:
            moved[t] = moved.get(t, 0) + 1
    con.execute(f"DELETE FROM link_postings WHERE claim_id IN {_IDS}", (_ids(claims),))
    con.executemany("UPDATE link_terms SET df = df - ? WHERE term = ?", [(k, t) for t, k in sorted(moved.items())])
    con.execute("DELETE FROM link_terms WHERE df <= 0")


def df_of(con: sqlite3.Connection, terms) -> dict[str, int]:
    return dict(_plain(con).execute(f"SELECT term, df FROM link_terms WHERE term IN {_IDS}",
                                    (json.dumps(sorted(terms)),)))


def terms_between(con: sqlite3.Connection, low: int, high: int) -> dict[str, int]:
    """Terms in more than ``low`` and at most ``high`` claims."""
    return dict(_plain(con).execute("SELECT term, df FROM link_terms WHERE df > ? AND df <= ?", (low, high)))


def postings(con: sqlite3.Connection, terms) -> dict[str, list[tuple[int, int]]]:
    """term -> [(claim id, document id)], claim ids ascending."""
    out: dict[str, list[tuple[int, int]]] = {t: [] for t in terms}
    for t, c, d in _plain(con).execute(
            f"SELECT term, claim_id, document_id FROM link_postings WHERE term IN {_IDS} ORDER BY term, claim_id",
            (json.dumps(sorted(terms)),)):
        out[t].append((c, d))
    return out


def claims_holding(con: sqlite3.Connection, terms) -> set[int]:
    return {c for (c,) in _plain(con).execute(f"SELECT DISTINCT claim_id FROM link_postings WHERE term IN {_IDS}",
                                              (json.dumps(sorted(terms)),))}


def claim_count(con: sqlite3.Connection) -> int:
    return con.execute("SELECT count(*) FROM link_claims").fetchone()[0]


def drift(con: sqlite3.Connection) -> float:
    row = con.execute("SELECT value FROM claimscope_meta WHERE key = ?", (_DRIFT,)).fetchone()
    return float(row[0]) if row else 0.0


def set_drift(con: sqlite3.Connection, value: float) -> None:
    con.execute("INSERT INTO claimscope_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_DRIFT, repr(value)))


# -- pairs -------------------------------------------------------------------------


def pairs_of(con: sqlite3.Connection, claims) -> dict[tuple[int, int], tuple]:
    """(a, b) -> (similarity, score, linked) of every stored pair with a side in ``claims``."""
    ids, out = _ids(claims), {}
    # Two statements, not a UNION: its duplicate removal sorted every row.
    for side in ("a", "b"):
        out.update(((a, b), (s, sc, ln)) for a, b, s, sc, ln in _plain(con).execute(
            f"SELECT a, b, similarity, score, linked FROM link_claim_pairs WHERE {side} IN {_IDS}", (ids,)))
    return out


def pairs_within(con: sqlite3.Connection, claims) -> dict[tuple[int, int], tuple]:
    """(a, b) -> (similarity, score, linked) of the stored pairs with both sides in ``claims``."""
    inside = set(claims)
    return {(a, b): (s, sc, ln) for a, b, s, sc, ln in _plain(con).execute(
        f"SELECT a, b, similarity, score, linked FROM link_claim_pairs WHERE a IN {_IDS}", (_ids(claims),))
        if b in inside}


def due_pairs(con: sqlite3.Connection, drift_now: float) -> dict[tuple[int, int], tuple]:
    return {(a, b): (s, sc, ln) for a, b, s, sc, ln in _plain(con).execute(
        "SELECT a, b, similarity, score, linked FROM link_claim_pairs WHERE due <= ?", (drift_now,))}


def all_pairs(con: sqlite3.Connection) -> dict[tuple[int, int], tuple]:
    return {(a, b): (s, sc, ln) for a, b, s, sc, ln in _plain(con).execute(
        "SELECT a, b, similarity, score, linked FROM link_claim_pairs")}


def save_scores(con: sqlite3.Connection, rows: list[tuple]) -> None:
    """(cos, score, linked, due, ra, rb, similarity, a, b) of re-scored pairs."""
    con.executemany("UPDATE link_claim_pairs SET cos = ?, score = ?, linked = ?, due = ?, ra = ?, rb = ?, "
                    "similarity = coalesce(?, similarity) WHERE a = ? AND b = ?", rows)


def bring_due(con: sqlite3.Connection, moves: dict[int, float]) -> None:
    """Move the pairs of each claim closer to due by its move (in the units
    of seed/link/drift.py: divided by the pair's ra + rb)."""
    rows = sorted(moves.items())
    con.executemany("UPDATE link_claim_pairs SET due = due - ? / (ra + rb) WHERE a = ?", rows)
    con.executemany("UPDATE link_claim_pairs SET due = due - ? / (ra + rb) WHERE b = ?", rows)


def extras(con: sqlite3.Connection, claims) -> dict[int, float]:
    return dict(_plain(con).execute(f"SELECT claim_id, extra FROM link_claims WHERE claim_id IN {_IDS}",
                                    (_ids(claims),)))


def add_extras(con: sqlite3.Connection, values: dict[int, float]) -> None:
    con.executemany("UPDATE link_claims SET extra = extra + ? WHERE claim_id = ?",
                    [(v, c) for c, v in sorted(values.items())])


def reset_extras(con: sqlite3.Connection) -> None:
    con.execute("UPDATE link_claims SET extra = 0 WHERE extra != 0")


def linked_among(con: sqlite3.Connection, claims) -> list[tuple[int, int]]:
    """The linked pairs (score >= SAME_CLAIM) with a side in ``claims``."""
    ids = _ids(claims)
    # The primary key looks cheaper to the planner without statistics, but reads every pair of a claim.
    return [p for side in ("a", "b") for p in _plain(con).execute(
        f"SELECT a, b FROM link_claim_pairs INDEXED BY link_claim_pairs_linked_{side} "
        f"WHERE {side} IN {_IDS} AND linked = 1", (ids,))]


def scores_within(con: sqlite3.Connection, claims) -> dict[tuple[int, int], float]:
    """The stored scores of the pairs with both sides in ``claims``."""
    # One IN on the key's first column; a second IN made SQLite search the list per row.
    inside = set(claims)
    return {(a, b): s for a, b, s in _plain(con).execute(
        f"SELECT a, b, score FROM link_claim_pairs WHERE a IN {_IDS} AND score IS NOT NULL", (_ids(claims),))
        if b in inside}


# -- documents ---------------------------------------------------------------------


def save_stories(con: sqlite3.Connection, rows: dict[int, tuple[dict, list]]) -> None:
    con.execute(f"DELETE FROM link_documents WHERE document_id IN {_IDS}", (_ids(rows),))
    con.executemany("INSERT INTO link_documents (document_id, signature, places) VALUES (?, ?, ?)",
                    [(d, json.dumps(s), json.dumps(p)) for d, (s, p) in sorted(rows.items())])


def drop_stories(con: sqlite3.Connection, documents) -> None:
    con.execute(f"DELETE FROM link_documents WHERE document_id IN {_IDS}", (_ids(documents),))


def stories(con: sqlite3.Connection) -> tuple[dict[int, dict], dict[int, list]]:
    signatures, named = {}, {}
    for d, s, p in _plain(con).execute("SELECT document_id, signature, places FROM link_documents"):
        signatures[d] = json.loads(s)
        named[d] = [tuple(x) for x in json.loads(p)]
    return signatures, named


# -- shingles ----------------------------------------------------------------------


def drop_shingles(con: sqlite3.Connection, documents) -> None:
    con.execute(f"DELETE FROM link_shingles WHERE document_id IN {_IDS}", (_ids(documents),))


def add_shingles(con: sqlite3.Connection, rows) -> None:
    """(shingle hash, 'p' | 'q', document id, paragraph start | quote id)."""
    con.executemany("INSERT OR IGNORE INTO link_shingles (shingle, kind, document_id, item) VALUES (?, ?, ?, ?)",
                    sorted(rows))


def sharing(con: sqlite3.Connection, kind: str, hashes) -> set[tuple[int, int]]:
    """(document id, item) of the paragraphs ('p') or quotes ('q') holding one of ``hashes``."""
    return set(_plain(con).execute(
        f"SELECT DISTINCT document_id, item FROM link_shingles WHERE kind = ? AND shingle IN {_IDS}",
        (kind, _ids(hashes))).fetchall())


def quote_rows_of(con: sqlite3.Connection, documents, ids) -> list[dict]:
    """The quotes of ``documents`` and the quotes ``ids``."""
    return [dict(r) for r in con.execute(
        f'SELECT id, document_id, start, "end", text FROM quotes WHERE document_id IN {_IDS} OR id IN {_IDS} '
        "ORDER BY id", (_ids(documents), _ids(ids)))]


def paragraph_rows_of(con: sqlite3.Connection, documents, spots) -> list[dict]:
    """The paragraphs of ``documents`` and those at ``spots`` ((document id, start))."""
    rows = {(r["document_id"], r["start"], r["id"]): dict(r) for r in con.execute(
        f"SELECT id, document_id, start, text FROM passages WHERE kind != 'sentence' AND document_id IN {_IDS}",
        (_ids(documents),))}
    for r in con.execute(
            "SELECT p.id, p.document_id, p.start, p.text FROM json_each(?) j JOIN passages p "
            "ON p.document_id = json_extract(j.value, '$[0]') AND p.start = json_extract(j.value, '$[1]') "
            "WHERE p.kind != 'sentence'", (json.dumps(sorted(spots)),)):
        rows[(r["document_id"], r["start"], r["id"])] = dict(r)
    return [rows[k] for k in sorted(rows)]
