"""The SQL of what linking remembers between seed runs (link_claims,
link_claim_pairs, link_figures) and of the rows a re-link reads for the
documents it touches; seed/link/incremental.py decides what to do with them.

Sets of ids travel as one JSON parameter (``IN (SELECT value FROM
json_each(?))``), so a statement stays one statement whatever their number.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

_IDS = "(SELECT value FROM json_each(?))"


def _ids(ids) -> str:
    return json.dumps(sorted(ids))


@dataclass(frozen=True)
class ClaimState:
    id: int
    document_id: int
    start: int
    end: int
    length: int
    terms: dict  # term -> count, in text order
    actors: frozenset
    figures: tuple


def reset(con: sqlite3.Connection) -> None:
    for table in ("link_claims", "link_claim_pairs", "link_figures", "link_terms", "link_postings",
                  "link_documents", "link_shingles"):
        con.execute(f"DELETE FROM {table}")


def consistent(con: sqlite3.Connection, touched: set[int], stale: set[int]) -> bool:
    """Does the remembered state cover exactly the claims and figures of the
    documents left alone?  (It cannot drift in a seed run; a database edited
    by hand, or a run cut short, makes the next re-link a full one.)"""
    for state, table, stale_ids, live_ids in (("link_claims", "claims", stale, touched),
                                              ("link_figures", "figures", stale, touched)):
        kept = con.execute(f"SELECT count(*) FROM {state} WHERE document_id NOT IN {_IDS}",
                           (_ids(stale_ids),)).fetchone()[0]
        live = con.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN {_IDS}",
                           (_ids(live_ids),)).fetchone()[0]
        if kept != live:
            return False
    return True


# -- claims ------------------------------------------------------------------------


def claims_of(con: sqlite3.Connection, documents: set[int]) -> list[dict]:
    """The claims of ``documents`` with what pairing needs: the actors they
    name (the spans of named people and organisations, and of states and
    places with their actor), their figures (ids, and the unit and value of
    each)."""
    ids = _ids(documents)
    claims = {r["id"]: {**dict(r), "actors": set(), "figures": [], "names": [], "places": []} for r in con.execute(
        f'SELECT id, document_id, start, "end", text, claimant_id FROM claims '
        f'WHERE document_id IN {_IDS} ORDER BY id', (ids,))}
    for claim_id, actor_id, kind, start, end in con.execute(
            'SELECT c.id, m.actor_id, a.kind, m.start, m."end" FROM claims c '
            'JOIN mentions m ON m.document_id = c.document_id AND m.start >= c.start AND m."end" <= c."end" '
            f'JOIN actors a ON a.id = m.actor_id WHERE c.document_id IN {_IDS} ORDER BY c.id, m.start', (ids,)):
        claims[claim_id]["actors"].add(actor_id)
        if kind in ("person", "organization", "media", "group"):
            claims[claim_id]["names"].append((start, end))
        elif kind in ("country", "place"):
            claims[claim_id]["places"].append((start, end, actor_id))
    for c in claims.values():
        if c["claimant_id"] is not None:
            c["actors"].add(c["claimant_id"])
    for figure_id, claim_id, unit, low in con.execute(
            f'SELECT id, claim_id, unit, low FROM figures WHERE document_id IN {_IDS} AND claim_id IS NOT NULL '
            'ORDER BY document_id, start, id', (ids,)):
        if claim_id in claims:
            claims[claim_id]["figures"].append(figure_id)
            if unit and low is not None:
                claims[claim_id].setdefault("values", []).append((unit, low))
    return list(claims.values())


def drop_claims(con: sqlite3.Connection, documents: set[int]) -> tuple[dict[int, dict], set[int]]:
    """Forget the claims of ``documents`` and every pair with one of them;
    returns their term bags (claim id -> {term: count}) and the claims they
    were linked with (score >= SAME_CLAIM)."""
    ids = _ids(documents)
    dropped = {cid: dict(json.loads(terms)) for cid, terms in con.execute(
        f"SELECT claim_id, terms FROM link_claims WHERE document_id IN {_IDS}", (ids,))}
    partners: set[int] = set()
    if dropped:
        gone = _ids(dropped)
        for a, b in con.execute(f"SELECT a, b FROM link_claim_pairs WHERE linked = 1 AND (a IN {_IDS} OR b IN {_IDS})",
                                (gone, gone)):
            partners |= {a, b}
        con.execute(f"DELETE FROM link_claim_pairs WHERE a IN {_IDS} OR b IN {_IDS}", (gone, gone))
        con.execute(f"DELETE FROM link_claims WHERE document_id IN {_IDS}", (ids,))
    return dropped, partners - set(dropped)


def add_claims(con: sqlite3.Connection, claims: list[ClaimState]) -> None:
    con.executemany(
        'INSERT INTO link_claims (claim_id, document_id, start, "end", length, terms, actors, figures) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(c.id, c.document_id, c.start, c.end, c.length, json.dumps(list(c.terms.items())),
          json.dumps(sorted(c.actors)), json.dumps(list(c.figures))) for c in claims])


def _plain(con: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving tuples: a re-link reads every pair, and Row objects cost."""
    cur = con.cursor()
    cur.row_factory = None
    return cur


def all_claims(con: sqlite3.Connection, ids=None) -> dict[int, ClaimState]:
    """The remembered state of every claim, or of the claims ``ids``."""
    loads = json.loads
    where, args = ("", ()) if ids is None else (f"WHERE claim_id IN {_IDS} ", (_ids(ids),))
    return {r[0]: ClaimState(r[0], r[1], r[2], r[3], r[4], dict(loads(r[5])), frozenset(loads(r[6])),
                             tuple(loads(r[7]))) for r in _plain(con).execute(
        'SELECT claim_id, document_id, start, "end", length, terms, actors, figures FROM link_claims '
        f"{where}ORDER BY claim_id", args)}


def claims_of_figures(con: sqlite3.Connection, figures) -> set[int]:
    return {c for (c,) in con.execute(f"SELECT claim_id FROM figures WHERE id IN {_IDS} AND claim_id IS NOT NULL",
                                      (_ids(figures),))}


def pairs(con: sqlite3.Connection) -> dict[tuple[int, int], float | None]:
    return {(a, b): s for a, b, s in _plain(con).execute("SELECT a, b, similarity FROM link_claim_pairs")}


def add_pairs(con: sqlite3.Connection, new: set[tuple[int, int]]) -> None:
    con.executemany("INSERT OR IGNORE INTO link_claim_pairs (a, b) VALUES (?, ?)", sorted(new))


def remove_pairs(con: sqlite3.Connection, gone: set[tuple[int, int]]) -> None:
    # One statement: a word crossing the posting-length cap can take 100,000 pairs with it.
    con.execute("DELETE FROM link_claim_pairs WHERE (a, b) IN "
                "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))", (json.dumps(sorted(gone)),))


def set_similarity(con: sqlite3.Connection, values: dict[tuple[int, int], float]) -> None:
    con.executemany("UPDATE link_claim_pairs SET similarity = ? WHERE a = ? AND b = ?",
                    [(v, a, b) for (a, b), v in sorted(values.items())])


def claim_texts(con: sqlite3.Connection, ids) -> dict[int, str]:
    return dict(con.execute(f"SELECT id, text FROM claims WHERE id IN {_IDS}", (_ids(ids),)))


# -- figures -----------------------------------------------------------------------


_FIGURE_COLUMNS = ('f.id, f.document_id, f.claim_id, f.start, f."end", f.text, f.low, f.high, f.unit, '
                   'f.subject, f.qualifier, d.published, '
                   '(SELECT s.start FROM passages s WHERE s.document_id = f.document_id AND s.kind = \'sentence\' '
                   '   AND s.start <= f.start AND s."end" >= f."end" ORDER BY s.start DESC LIMIT 1) AS sentence_start, '
                   '(SELECT s.text FROM passages s WHERE s.document_id = f.document_id AND s.kind = \'sentence\' '
                   '   AND s.start <= f.start AND s."end" >= f."end" ORDER BY s.start DESC LIMIT 1) AS sentence')


def figures_of(con: sqlite3.Connection, documents: set[int]) -> list[dict]:
    """The figures of ``documents`` with the sentence each sits in."""
    return [dict(r) for r in con.execute(
        f'SELECT {_FIGURE_COLUMNS} '
        f'FROM figures f JOIN documents d ON d.id = f.document_id WHERE f.document_id IN {_IDS} '
        'ORDER BY f.document_id, f.start, f.id', (_ids(documents),))]


def drop_figures(con: sqlite3.Connection, documents: set[int]) -> set[str]:
    """Forget the figures of ``documents``; returns the buckets they were in."""
    ids = _ids(documents)
    buckets = {b for (b,) in con.execute(
        f"SELECT DISTINCT bucket FROM link_figures WHERE document_id IN {_IDS} AND bucket IS NOT NULL", (ids,))}
    con.execute(f"DELETE FROM link_figures WHERE document_id IN {_IDS}", (ids,))
    return buckets


def add_figures(con: sqlite3.Connection, rows: list[tuple[int, int, str | None]]) -> None:
    con.executemany("INSERT INTO link_figures (figure_id, document_id, bucket) VALUES (?, ?, ?)", rows)


def bucket_figures(con: sqlite3.Connection, bucket: str) -> list[dict]:
    """The figures of one bucket: their ids and documents."""
    return [dict(r) for r in con.execute(
        "SELECT f.id, f.document_id FROM link_figures l JOIN figures f ON f.id = l.figure_id "
        "JOIN documents d ON d.id = f.document_id WHERE l.bucket = ? ORDER BY f.id", (bucket,))]


def figure_ranges(con: sqlite3.Connection) -> dict[int, tuple[int, float, float]]:
    """figure id -> (its group, the range it admits), for every grouped figure."""
    inf = float("inf")
    return {f: (g, lo, inf if hi is None else hi) for f, g, lo, hi in con.execute(
        "SELECT figure_id, group_id, range_low, range_high FROM figure_group_members")}


def figure_units(con: sqlite3.Connection) -> dict[int, str]:
    """figure id -> its unit, for every figure compared at all (in a bucket)."""
    return {f: json.loads(b)[0] for f, b in con.execute(
        "SELECT figure_id, bucket FROM link_figures WHERE bucket IS NOT NULL")}


# -- quotes ------------------------------------------------------------------------


def quote_rows(con: sqlite3.Connection) -> tuple[list[dict], list[dict]]:
    """Every quote and every paragraph: a touched document's quote may be
    found in any paragraph, an untouched quote in the touched documents'."""
    quotes = [dict(r) for r in con.execute('SELECT id, document_id, start, "end", text FROM quotes ORDER BY id')]
    paragraphs = [dict(r) for r in con.execute(
        "SELECT document_id, start, text FROM passages WHERE kind != 'sentence' ORDER BY document_id, start")]
    return quotes, paragraphs


# -- stories -----------------------------------------------------------------------


def story_rows(con: sqlite3.Connection, documents: set[int]) -> dict[int, tuple[str, list[tuple]]]:
    """Each document's text and its name mentions (actor id, kind, start,
    end): what seed/link/stories.py reads a document's story from."""
    ids = _ids(documents)
    out = {i: (text, []) for i, text in con.execute(f"SELECT id, text FROM documents WHERE id IN {_IDS}", (ids,))}
    for doc, actor, kind, start, end in con.execute(
            'SELECT m.document_id, m.actor_id, a.kind, m.start, m."end" FROM mentions m '
            f'JOIN actors a ON a.id = m.actor_id WHERE m.document_id IN {_IDS} ORDER BY m.document_id, m.start, m.id',
            (ids,)):
        if doc in out:
            out[doc][1].append((actor, kind, start, end))
    return out
