"""Unnamed sources in the database: one actor per document and description,
flagged ``named = 0``, never merged across documents, stable across re-seeds,
and never among the most-cited actors."""
from __future__ import annotations

from conftest import query
from db.connection import open_readonly
from db.search import Searcher
from seed.pipeline import seed

PORT = ("Port talks stall\n\nA senior official said the harbour would stay closed until May. "
        "The official added that ferries would not run.\n")
RAIL = ("Rail strike ends\n\nA senior official said the trains would run again on Monday. "
        "Union leader Mara Voss said the deal was fair.\n")


def _corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "port.txt").write_text(PORT, encoding="utf-8")
    (corpus / "rail.txt").write_text(RAIL, encoding="utf-8")
    return corpus


def test_each_document_has_its_own_unnamed_source_shown_as_unnamed(tmp_path):
    db = tmp_path / "u.db"
    seed([_corpus(tmp_path)], db)
    rows = query(db, "SELECT a.name, a.named, count(c.id), count(DISTINCT c.document_id) FROM actors a "
                     "JOIN claims c ON c.claimant_id = a.id WHERE a.named = 0 GROUP BY a.id ORDER BY a.id")
    assert [(name, named, docs) for name, named, _, docs in rows] == [
        ("A senior official (unnamed)", 0, 1), ("A senior official (unnamed)", 0, 1)]
    assert rows[0][2] == 2  # "The official added ..." is the same source
    assert query(db, "SELECT count(*) FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE a.named = 0") == [(0,)]


def test_a_reseed_keeps_the_unnamed_sources_rows(tmp_path):
    db = tmp_path / "u.db"
    corpus = _corpus(tmp_path)
    seed([corpus], db)
    before = query(db, "SELECT id, key FROM actors WHERE named = 0 ORDER BY id")
    (corpus / "rail.txt").write_text(RAIL + "\nA senior official said buses would also run.\n", encoding="utf-8")
    seed([corpus], db)
    assert query(db, "SELECT id, key FROM actors WHERE named = 0 ORDER BY id") == before


def test_unnamed_sources_are_found_by_search_but_not_most_cited(tmp_path):
    db = tmp_path / "u.db"
    seed([_corpus(tmp_path)], db)
    con = open_readonly(db)
    try:
        s = Searcher(con)
        home = [h.snippet for h in s.home(limit=50).hits if h.kind == "actor"]
        found = [h.snippet for h in s.search("senior official kind:actor").hits]
    finally:
        con.close()
    assert any(t.startswith("Mara Voss") for t in home) and not any("unnamed" in t for t in home)
    assert any("unnamed" in t for t in found)
