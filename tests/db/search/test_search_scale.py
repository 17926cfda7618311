"""Search at scale, checked small: the synthetic generator, the candidate
bound, typo recall through the vocabulary, and recall against exhaustive
ranking with the search's own scorer."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from benchmarks.search_bench import exhaustive, load_rows
from db.connection import open_readonly
from db.search import Searcher


SYNTH_SEED = 3  # of the module's synthetic database (tests/conftest.py: synth)


def test_the_generator_writes_spans_that_point_into_their_documents(con):
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == 3000
    for table in ("claims", "quotes", "figures"):
        bad = con.execute(f"SELECT count(*) FROM {table} t JOIN documents d ON d.id = t.document_id "
                          "WHERE substr(d.text, t.start + 1, t.\"end\" - t.start) <> t.text").fetchone()[0]
        assert bad == 0, table
    items = con.execute("SELECT count(*) FROM search_items WHERE kind = 'claim'").fetchone()[0]
    assert items == 3000
    # The sqlite-utils FTS tables were rebuilt after the bulk load, triggers restored.
    assert con.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'said'").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'claims_ai'"
                       ).fetchone()[0] == 1


def test_the_vocabulary_counts_rows_per_word(con):
    word, rows = con.execute("SELECT word, rows FROM search_vocab ORDER BY rows DESC LIMIT 1").fetchone()
    holding = con.execute("SELECT count(*) FROM search_items WHERE kind <> 'actor' AND instr(lower(body), ?) > 0", (word,)).fetchone()[0]
    assert 0 < rows <= holding


def _surname(con) -> str:
    return con.execute("SELECT a.name FROM actors a JOIN search_items i ON i.kind = 'actor' AND i.ref_id = a.id "
                       "ORDER BY i.weight DESC LIMIT 1").fetchone()[0].split()[-1]


def test_a_transposed_name_finds_the_rows_of_the_real_one(con):
    name = _surname(con)
    typo = name[:2] + name[3] + name[2] + name[4:]
    r = Searcher(con).search(typo.lower())
    assert r.hits and sum(name in h.snippet for h in r.hits[:10]) >= 8


@pytest.mark.parametrize("query", ["said", "ceasefire", "ceasfire", "evacu", "troops crossed", "z", "kind:figure"])
def test_candidates_scored_in_python_never_exceed_the_bound(con, query):
    s = Searcher(con, max_candidates=60, scan_limit=300)
    r = s.search(query, limit=20)
    assert s.last_candidates <= 60 and len(r.hits) <= 20


@pytest.mark.parametrize("query", ["ceasefire", "pipleine", "evacuaton", "negot", '"peace talks"', "troops crossed"])
def test_top_ten_matches_exhaustive_ranking(synth, con, query):
    kinds, key, _, folded = load_rows(synth)
    scores = exhaustive(query, kinds, folded)
    hits = Searcher(con).search(query).hits[:10]
    k = min(10, int((scores >= 0).sum()))
    assert k > 0
    cut = sorted(scores, reverse=True)[k - 1]
    good = sum(1 for h in hits if scores[key[(h.kind, h.id)]] >= cut - 0.05)
    assert good / k >= 0.9, (query, good, k)


# -- verdict: ---------------------------------------------------------------------------------


def _annotate(path: Path, kind: str, item_id: int, verdict: str) -> None:
    from db.notes import Notes

    notes = Notes(path)
    try:
        notes.set(notes.key(kind, item_id), verdict=verdict)
    finally:
        notes.close()


def _copy(synth: Path, to: Path) -> Path:
    src = sqlite3.connect(synth)
    src.execute("VACUUM INTO ?", (str(to),))
    src.close()
    return to


def _unannotated(db: Path) -> sqlite3.Connection:
    """A connection to ``db`` with its annotations gone."""
    raw = sqlite3.connect(db)
    raw.execute("DELETE FROM annotations")
    raw.commit()
    return raw


def test_a_verdict_changed_by_another_process_shows_at_the_next_search(tmp_path, synth):
    # The rows of each verdict are kept between keystrokes; a verdict set in
    # another process (the data_version moves) must not be served from them.
    import subprocess
    import sys
    db = _copy(synth, tmp_path / "w.db")
    raw = _unannotated(db)
    first, second = [r[0] for r in raw.execute("SELECT id FROM claims ORDER BY id LIMIT 2")]
    raw.close()
    _annotate(db, "claim", first, "disputed")
    con = open_readonly(db)
    try:
        s = Searcher(con)
        assert [h.id for h in s.search("verdict:disputed").hits] == [first]
        assert s.search("verdict:false").hits == []
        code = ("import sys; from pathlib import Path; from db.notes import Notes; n = Notes(Path(sys.argv[1])); "
                "n.set(n.key('claim', int(sys.argv[2])), verdict='false'); "
                "n.set(n.key('claim', int(sys.argv[3])), verdict='disputed'); n.close()")
        subprocess.run([sys.executable, "-c", code, str(db), str(first), str(second)], check=True,
                       cwd=Path(__file__).resolve().parents[3])
        assert [h.id for h in s.search("verdict:disputed").hits] == [second]
        assert [h.id for h in s.search("verdict:false").hits] == [first]
    finally:
        con.close()


def test_verdict_filter_keeps_only_rows_the_analyst_gave_that_verdict(tmp_path, synth):
    db = _copy(synth, tmp_path / "v.db")
    raw = _unannotated(db)
    claim, text = raw.execute("SELECT id, text FROM claims WHERE text LIKE '%ceasefire%' ORDER BY id LIMIT 1").fetchone()
    other = raw.execute("SELECT id FROM claims WHERE text LIKE '%ceasefire%' ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
    quote = raw.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    raw.close()
    _annotate(db, "claim", claim, "disputed")
    _annotate(db, "claim", other, "false")
    _annotate(db, "quote", quote, "disputed")
    con = open_readonly(db)
    try:
        s = Searcher(con)
        r = s.search("verdict:disputed")
        assert {(h.kind, h.id) for h in r.hits} == {("claim", claim), ("quote", quote)}
        assert [(h.kind, h.id) for h in s.search("ceasefire verdict:disputed").hits] == [("claim", claim)]
        assert [(h.kind, h.id) for h in s.search("ceasefire verdict:false").hits] == [("claim", other)]
        assert s.search("verdict:corroborated").hits == []
        assert "verdict:corroborated" in s.search("verdict:corroborated").message
        assert "unknown verdict" in s.search("ceasefire verdict:maybe").message
        assert all(h.kind == "quote" for h in s.search("verdict:disputed kind:quote").hits)
    finally:
        con.close()


def test_a_kind_is_not_a_word_of_the_index(con):
    # FTS5 keeps one term list for every column: a kind indexed as "claim"
    # would give the word "claim" every claim's row to walk.
    for kind in ("claim", "quote", "figure", "doc"):
        anywhere = con.execute("SELECT count(*) FROM search_text WHERE search_text MATCH ?", (kind,)).fetchone()[0]
        in_body = con.execute("SELECT count(*) FROM search_text WHERE search_text MATCH ?",
                              (f"body : {kind}",)).fetchone()[0]
        assert anywhere == in_body, kind
    kinds = con.execute("SELECT count(*) FROM search_text WHERE search_text MATCH 'kind : kindclaim'").fetchone()[0]
    assert kinds == con.execute("SELECT count(*) FROM search_items WHERE kind = 'claim'").fetchone()[0]


def test_an_index_that_holds_kinds_as_words_is_still_searched_and_rebuilt_by_the_next_seed(tmp_path, synth):
    from db.search.index import outdated, refresh

    db = _copy(synth, tmp_path / "old.db")
    raw = sqlite3.connect(db)
    raw.execute("DROP VIEW search_text_rows")
    raw.execute("CREATE VIEW search_text_rows AS SELECT id, body, kind FROM search_items WHERE kind <> 'actor'")
    raw.execute("INSERT INTO search_text (search_text) VALUES ('rebuild')")
    raw.commit()
    assert outdated(raw)
    raw.close()
    for _ in range(2):
        con = open_readonly(db)
        try:
            hits = Searcher(con).search("kind:quote people").hits
            assert hits and all(h.kind == "quote" for h in hits)
        finally:
            con.close()
        raw = sqlite3.connect(db)
        raw.execute("BEGIN")
        refresh(raw)
        raw.execute("COMMIT")
        assert not outdated(raw)
        raw.close()
