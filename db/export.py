"""Rows to export: claims, quotes, figures, figure groups, claim groups, actors
or documents, chosen with the search box's syntax, streamed off a cursor.

``rows(con, kind, query)`` parses ``query`` with the explorer's own parser
(``db.search.parse``) and reads it this way, the same for every kind:

- words and "exact phrases" go to the kind's full-text table (``claims_fts``,
  ``quotes_fts``, ``actors_fts``, ``documents_fts``; a figure by the paragraph
  it stands in, ``passages_fts``): every word must be there, as a word or the
  start of one (stemmed: ``troops`` finds ``troop``); a phrase must also stand
  in the text as written (case aside);
- ``by:NAME``: the claimant or speaker, an actor whose name or one of whose
  written forms has a word starting with NAME (``by:olsen`` is Maria Olsen);
- ``in:OUTLET``: a document whose outlet has a word starting with OUTLET;
- ``verdict:V``: the analyst's verdict on the claim or quote (on a figure: on
  its claim);
- ``kind:`` must agree with the kind exported.

A group (figure or claim) is exported whole when any of its members is chosen,
so that what the sources say stays side by side.  Unlike the explorer's search,
nothing is fuzzy or ranked: the same query gives the same rows, in document
order (groups: conflicts first).  Rows come off the cursor one at a time (no
``fetchall``), so a million rows take the memory of one.

Each claim, quote or figure row carries its document (path, title, url),
outlet, date, claimant or speaker, the analyst's verdict and note
(``annotations``, by document path and ``text_key``), its offsets into
``documents.text`` and the paragraph it stands in with that paragraph's offsets.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence

from .search import Query, parse
from .search.query import fold

KINDS = ("claims", "quotes", "figures", "figure-groups", "claim-groups", "actors", "documents")
_SEARCH_KIND = {"claims": "claim", "quotes": "quote", "figures": "figure", "figure-groups": "figure",
                "claim-groups": "claim", "actors": "actor", "documents": "doc"}


class ExportError(ValueError):
    """A query the export cannot apply as written; the message says why."""


# The paragraph (or heading) a span stands in: its stored one, else the last
# block starting at or before it (passages_document_id is on document_id, start).
_BLOCK = ("(SELECT s.id FROM passages s WHERE s.document_id = t.document_id AND s.kind != 'sentence' "
          "AND s.start <= t.start ORDER BY s.start DESC LIMIT 1)")
_PLACE = ('n.verdict, n.note, d.outlet, d.published, d.title AS document_title, d.path AS document_path, d.url, '
          't.start, t."end", p.start AS paragraph_start, p."end" AS paragraph_end, p.text AS paragraph')
_SOURCE = "JOIN documents d ON d.id = t.document_id LEFT JOIN passages p ON p.id = coalesce({passage}, " + _BLOCK + ")"
_NOTE = "LEFT JOIN annotations n ON n.kind = '{kind}' AND n.document_path = d.path AND n.text_key = {key}"

_CLAIM = ("t.id, t.text, a.name AS claimant, t.stance, t.cue, t.quote_id, " + _PLACE,
          "FROM claims t " + _SOURCE.format(passage="t.passage_id") + " LEFT JOIN actors a ON a.id = t.claimant_id "
          + _NOTE.format(kind="claim", key="t.text_key"))
_QUOTE = ("t.id, t.text, a.name AS speaker, t.cue, " + _PLACE,
          "FROM quotes t " + _SOURCE.format(passage="t.passage_id") + " LEFT JOIN actors a ON a.id = t.speaker_id "
          + _NOTE.format(kind="quote", key="t.text_key"))
_SENTENCE = ("(SELECT s.text FROM passages s WHERE s.document_id = t.document_id AND s.kind = 'sentence' "
             "AND s.start <= t.start AND s.\"end\" >= t.\"end\" ORDER BY s.start DESC LIMIT 1) AS sentence")
_FIGURE = ("t.id, t.text, t.low, t.high, t.unit, t.subject, t.qualifier, a.name AS claimant, t.claim_id, "
           + _SENTENCE + ", " + _PLACE,
           "FROM figures t " + _SOURCE.format(passage="NULL") + " LEFT JOIN actors a ON a.id = t.claimant_id "
           "LEFT JOIN claims c ON c.id = t.claim_id " + _NOTE.format(kind="claim", key="c.text_key"))

# kind -> (columns, FROM ..., ORDER BY ..., FTS table, rowid it matches, text a phrase must stand in,
#          the actor a by: names)
_SPECS = {
    "claims": (*_CLAIM, "t.document_id, t.start, t.id", "claims_fts", "t.id", "t.text", "t.claimant_id"),
    "quotes": (*_QUOTE, "t.document_id, t.start, t.id", "quotes_fts", "t.id", "t.text", "t.speaker_id"),
    "figures": (*_FIGURE, "t.document_id, t.start, t.id", "passages_fts", "p.id", "p.text", "t.claimant_id"),
    "figure-groups": (
        "g.id AS group_id, g.label AS group_label, g.unit AS group_unit, g.scope, g.counted, g.status, "
        "g.low AS group_low, g.high AS group_high, m.range_low, m.range_high, m.conflicts, " + _FIGURE[0],
        "FROM figure_groups g JOIN figure_group_members m ON m.group_id = g.id JOIN figures t ON t.id = m.figure_id "
        + _FIGURE[1][len("FROM figures t "):],
        "g.status = 'conflict' DESC, g.id, d.published IS NULL, d.published, t.document_id, t.start",
        "passages_fts", "p.id", "p.text", "t.claimant_id"),
    "claim-groups": (
        "g.id AS group_id, g.label AS group_label, g.documents AS group_documents, g.claims AS group_claims, "
        "m.score, " + _CLAIM[0],
        "FROM claim_groups g JOIN claim_group_members m ON m.group_id = g.id JOIN claims t ON t.id = m.claim_id "
        + _CLAIM[1][len("FROM claims t "):],
        "g.id, d.published IS NULL, d.published, t.document_id, t.start",
        "claims_fts", "t.id", "t.text", "t.claimant_id"),
    "actors": (
        "t.id, t.name, t.kind, t.description, "
        "(SELECT group_concat(alias, ' · ') FROM (SELECT alias FROM aliases WHERE actor_id = t.id ORDER BY alias)) "
        "AS aliases, (SELECT count(*) FROM claims WHERE claimant_id = t.id) AS claims, "
        "(SELECT count(*) FROM quotes WHERE speaker_id = t.id) AS quotes, "
        "(SELECT count(*) FROM mentions WHERE actor_id = t.id) AS mentions, "
        "(SELECT count(DISTINCT document_id) FROM mentions WHERE actor_id = t.id) AS documents",
        "FROM actors t", "t.id", "actors_fts", "t.id", "t.name || ' ' || coalesce(t.description, '')", "t.id"),
    "documents": (
        "t.id, t.path, t.title, t.outlet, t.published, t.authors, t.url, t.format, t.words, "
        "(SELECT count(*) FROM claims WHERE document_id = t.id) AS claims, "
        "(SELECT count(*) FROM quotes WHERE document_id = t.id) AS quotes, "
        "(SELECT count(*) FROM figures WHERE document_id = t.id) AS figures, t.text",
        "FROM documents t", "t.id", "documents_fts", "t.id", "coalesce(t.title, '') || ' ' || t.text", None),
}
GROUPS = {"figure-groups": ("figure_group_members", "figure_id"), "claim-groups": ("claim_group_members", "claim_id")}
MEMBERS = {"figure-groups": "figures", "claim-groups": "claims"}


def columns(con: sqlite3.Connection, kind: str) -> list[str]:
    """The columns of ``kind``'s rows, in order (what a CSV header says)."""
    select, source = _SPECS[_known(kind)][:2]
    cur = con.execute(f"SELECT {select} {source} LIMIT 0")
    return [c[0] for c in cur.description]


def rows(con: sqlite3.Connection, kind: str, query: str = "", ids: Sequence[int] | None = None) -> Iterator[dict]:
    """``kind``'s rows that ``query`` chooses (every row for an empty one), or
    those of ``ids`` (in that order; for a group kind, ids of groups).  Raises
    ExportError for a query that cannot be applied, before any row."""
    select, source, order, *_ = _SPECS[_known(kind)]
    where, args = _where(con, kind, parse(query)) if query.strip() else ([], [])
    if ids is not None:
        where.append(("g.id" if kind in GROUPS else "t.id") + " IN (SELECT value FROM json_each(?))")
        args.append(json.dumps([int(i) for i in ids]))
    sql = f"SELECT {select} {source}" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    return _stream(con, sql, args)


def _stream(con: sqlite3.Connection, sql: str, args: list) -> Iterator[dict]:
    cur = con.cursor()
    cur.row_factory = None
    cur.execute(sql, args)
    names = [c[0] for c in cur.description]
    try:
        for row in cur:
            yield dict(zip(names, row))
    finally:
        cur.close()


def _known(kind: str) -> str:
    if kind not in _SPECS:
        raise ExportError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    return kind


def _where(con: sqlite3.Connection, kind: str, q: Query) -> tuple[list[str], list]:
    """The conditions ``q`` puts on ``kind``'s rows; a group kind's are put on
    its members, and the groups with a member chosen are taken whole."""
    if q.notes:
        raise ExportError("; ".join(q.notes))
    if q.kinds and _SEARCH_KIND[kind] not in q.kinds:
        raise ExportError(f"kind:{','.join(sorted(q.kinds))} does not agree with the kind exported ({kind})")
    if kind in GROUPS:
        table, column = GROUPS[kind]
        source = _SPECS[MEMBERS[kind]][1]
        where, args = _conditions(con, MEMBERS[kind], q)
        inner = f"SELECT t.id {source}" + (" WHERE " + " AND ".join(where) if where else "")
        return [f"g.id IN (SELECT group_id FROM {table} WHERE {column} IN ({inner}))"], args
    return _conditions(con, kind, q)


def _conditions(con: sqlite3.Connection, kind: str, q: Query) -> tuple[list[str], list]:
    *_, fts, key, text, actor = _SPECS[kind]
    where: list[str] = []
    args: list = []
    terms = [_quoted(w) + "*" for w in q.words] + [_quoted(p) for p in q.phrases]
    if terms:
        where.append(f"{key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")
        args.append(" AND ".join(terms))
    if q.phrases:
        con.create_function("claimscope_fold", 1, fold, deterministic=True)
        for phrase in q.phrases:
            where.append(f"instr(claimscope_fold(replace({text}, char(10), ' ')), ?) > 0")
            args.append(phrase)
    if q.by:
        ids = json.dumps(_actors(con, q.by))
        if actor is not None:
            where.append(f"{actor} IN (SELECT value FROM json_each(?))")
            args.append(ids)
        else:  # a document: one where they make a claim or are quoted
            where.append("t.id IN (SELECT document_id FROM claims WHERE claimant_id IN (SELECT value FROM json_each(?)) "
                         "UNION SELECT document_id FROM quotes WHERE speaker_id IN (SELECT value FROM json_each(?)))")
            args += [ids, ids]
    if q.outlets:
        where.append(_outlet_condition(kind))
        args.append(json.dumps(_outlets(con, q.outlets)))
    if q.verdicts:
        condition, times = _verdict_condition(kind)
        where.append(condition)
        args += [json.dumps(sorted(q.verdicts))] * times
    return where, args


def _outlet_condition(kind: str) -> str:
    chosen = "(SELECT value FROM json_each(?))"
    if kind == "documents":
        return f"t.outlet IN {chosen}"
    if kind == "actors":
        return ("t.id IN (SELECT m.actor_id FROM mentions m JOIN documents o ON o.id = m.document_id "
                f"WHERE o.outlet IN {chosen})")
    return f"d.outlet IN {chosen}"


def _verdict_condition(kind: str) -> tuple[str, int]:
    """The condition for ``verdict:`` on ``kind``'s rows, and how many times it
    takes the verdicts (as a JSON list)."""
    chosen = "(SELECT value FROM json_each(?))"
    if kind == "documents":
        return f"t.path IN (SELECT document_path FROM annotations WHERE verdict IN {chosen})", 1
    if kind == "actors":
        return ("t.id IN (SELECT c.claimant_id FROM annotations v JOIN documents o ON o.path = v.document_path "
                "JOIN claims c ON c.document_id = o.id AND c.text_key = v.text_key "
                f"WHERE v.kind = 'claim' AND v.verdict IN {chosen} "
                "UNION SELECT q.speaker_id FROM annotations v JOIN documents o ON o.path = v.document_path "
                "JOIN quotes q ON q.document_id = o.id AND q.text_key = v.text_key "
                f"WHERE v.kind = 'quote' AND v.verdict IN {chosen})"), 2
    return f"n.verdict IN {chosen}", 1


def _quoted(term: str) -> str:
    """A term for FTS5, quoted so that no input is ever FTS syntax."""
    return '"' + term.replace('"', '""') + '"'


def _starts_a_word(value: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(value), fold(name)) is not None


def _actors(con: sqlite3.Connection, values: list[str]) -> list[int]:
    """Actors one of whose written forms has a word starting with one of ``values``."""
    found: dict[int, None] = {}
    for actor_id, name in con.execute("SELECT id, name FROM actors UNION ALL SELECT actor_id, alias FROM aliases"):
        if actor_id not in found and any(_starts_a_word(v, name) for v in values):
            found[actor_id] = None
    return list(found)


def _outlets(con: sqlite3.Connection, values: list[str]) -> list[str]:
    return [o for (o,) in con.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
            if any(_starts_a_word(v, o) for v in values)]
