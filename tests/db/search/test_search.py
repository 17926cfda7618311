"""Search: ranked, typo-tolerant, filtered in SQL, bounded, and unbreakable by input."""
from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from db.connection import open_readonly, open_writer
from db.search import KINDS, Searcher
from db.search.index import refresh
from db.writer import SeedWriter
from seed.pipeline import seed

ARTICLES = {
    "dam.txt": """\
Grendavik dam holds after record rainfall

Energy Minister Tobias Wexler said on Monday that the Grendavik dam was safe. "The dam is safe and the spillway is working as designed," Wexler told reporters in the capital.

Engineers estimated that about 4,500 residents live below the reservoir. Local officials denied that the valley had been evacuated.
""",
    "reservoir.txt": """\
Residents question reservoir figures

Ingrid Solberg, a spokeswoman for the regional water board, said that some 12 villages had received flood warnings. "We have never hidden the water levels from anyone," Solberg said.

Tobias Wexler dismissed the reports of cracks as a fabrication spread by rivals.
""",
    "turbines.txt": """\
Turbine contract draws scrutiny

Auditor Petra Lindqvist said the turbine contract was worth roughly $80 million. "Nobody could tell us who approved the payment," Lindqvist said on Thursday.

Wexler rejected the claim that the tender had been rigged.

Lindqvist said that the ministry had signed the agreement without a public tender, without an independent review of the costs, and without consulting the regional councils that would host the machines.
""",
}
MANIFEST = """\
["dam.txt"]
outlet = "Valley Courier"
published = "2025-03-10"

["reservoir.txt"]
outlet = "Northern Ledger"
published = "2025-04-02"

["turbines.txt"]
outlet = "Harbor Wire"
published = "2025-01-15"
"""

HOSTILE = [
    '"', "NEAR(", "NEAR(a b", "*", "AND OR", "OR", "NOT", "-", "-dam", "^", "(", ")", ":", "{body}: dam",
    "body:dam", "kind:", "by:", "in:", 'by:"', 'in:"Valley', '"unbalanced phrase', '""', "x" * 10_000,
    "dam " * 3_000, "'; drop table claims; --", "%", "_", "\\", "a\x00b", "\x1b[31mdam\x1b[0m", "dam\nsafe\r\t",
    "İstanbul", "🙂", "a", "ab", "1", "kind:bogus", "kind:doc kind:actor by:wexler", "by:nobodyhere",
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    db = root / "search.db"
    report = seed([write_corpus(root / "corpus")], db)
    assert len(report.seeded) == 3, report.skipped
    return db


@pytest.fixture(scope="module")
def con(db_path):
    con = open_readonly(db_path)
    yield con
    con.close()


@pytest.fixture
def s(con) -> Searcher:
    return Searcher(con)


def marked(hit) -> str:
    return "".join(hit.snippet[i] for i in hit.matches)


def runs(hit) -> list[str]:
    """The highlighted stretches of a snippet."""
    out, prev = [], None
    for i in hit.matches:
        if prev is not None and i == prev + 1:
            out[-1] += hit.snippet[i]
        else:
            out.append(hit.snippet[i])
        prev = i
    return out


def who_of(con, hit) -> int | None:
    column = {"claim": "claimant_id", "quote": "speaker_id", "figure": "claimant_id"}[hit.kind]
    table = hit.kind + "s"
    return con.execute(f"SELECT {column} FROM {table} WHERE id = ?", (hit.id,)).fetchone()[0]


# -- words, typos, partial words --------------------------------------------------


def test_a_word_finds_the_rows_holding_it_and_ranks_whole_matches_first(s):
    r = s.search("spillway")
    assert {h.kind for h in r.hits} == {"claim", "quote"}
    assert all("spillway" in h.snippet for h in r.hits)
    assert r.hits[0].kind == "claim"  # equal scores: claims before quotes
    assert r.total == len(r.hits) and not r.total_capped


def test_two_words_rank_rows_with_both_together_first(s):
    r = s.search("dam safe")
    assert r.hits and all("dam" in h.snippet.lower() and "safe" in h.snippet.lower() for h in r.hits)
    assert r.hits[0].score >= r.hits[-1].score
    assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)


def test_a_misspelt_name_still_finds_its_actor_and_their_claims(s):
    r = s.search("lindqvits")
    assert r.hits[0].kind == "actor" and r.hits[0].snippet.startswith("Petra Lindqvist")
    assert any(h.kind == "claim" and h.who == "Petra Lindqvist" for h in r.hits)
    typo_place = s.search("grendavick")
    assert any(h.kind == "doc" and "Grendavik" in h.snippet for h in typo_place.hits)


def test_a_partial_word_finds_rows(s):
    r = s.search("turbi")
    assert {h.kind for h in r.hits} >= {"doc", "claim"}
    assert all("turbi" in h.snippet.lower() for h in r.hits)
    assert any("evacuated" in h.snippet for h in s.search("evacu").hits)


def test_an_unrelated_word_finds_nothing_and_says_so(s):
    r = s.search("zeppelin")
    assert r.hits == [] and r.total == 0 and r.message


# -- filters ------------------------------------------------------------------------


def test_by_filter_keeps_only_rows_of_that_claimant_even_misspelt(s, con):
    wexler = con.execute("SELECT id FROM actors WHERE name = 'Tobias Wexler'").fetchone()[0]
    for query in ("by:wexler", "by:Wexlr", 'by:"tobias wexler"', "dam by:wexler"):
        r = s.search(query)
        assert r.hits, query
        assert all(h.kind in ("claim", "quote", "figure") for h in r.hits)
        assert all(who_of(con, h) == wexler and h.who == "Tobias Wexler" for h in r.hits), query
    assert all("dam" in h.snippet.lower() for h in s.search("dam by:wexler").hits)


def test_by_filter_naming_nobody_says_so(s):
    r = s.search("dam by:zzyzx")
    assert r.hits == [] and "by:zzyzx" in r.message


def test_in_filter_keeps_only_rows_from_that_outlet_even_misspelt(s):
    for query, outlet in (("in:courier", "Valley Courier"), ("in:ledgr", "Northern Ledger"),
                          ('reservoir in:"harbor wire"', None)):
        r = s.search(query)
        if outlet is None:
            assert r.hits == []  # the reservoir is not mentioned in the Harbor Wire article
            continue
        assert r.hits and all(h.outlet == outlet for h in r.hits), query
        assert all(h.kind != "actor" for h in r.hits)


def test_kind_filter_is_repeatable_and_accepts_document(s):
    assert {h.kind for h in s.search("kind:quote safe").hits} == {"quote"}
    both = s.search("kind:doc kind:actor grendavik")
    assert {h.kind for h in both.hits} == {"doc", "actor"}
    assert {h.kind for h in s.search("kind:document reservoir").hits} == {"doc"}
    assert {h.kind for h in s.search("kind:figure").hits} == {"figure"}


def test_an_unknown_kind_gives_a_gentle_message_and_still_searches(s):
    r = s.search("kind:banana spillway")
    assert "kind:banana" in r.message
    assert r.hits and all("spillway" in h.snippet for h in r.hits)


def test_an_exact_phrase_must_appear_as_written(s):
    r = s.search('"water levels"')
    assert r.hits and all("water levels" in h.snippet.lower() for h in r.hits)
    assert s.search('"levels water"').hits == []
    assert all("Water levels".lower() in h.snippet.lower() for h in s.search('"WATER LEVELS" never').hits)


@pytest.mark.parametrize("query", [
    "by:solberg", "in:courier dam", "kind:claim kind:quote wexler", "by:lindqvist kind:figure",
    "in:wire by:lindqvist tender", '"the dam" kind:quote', "kind:actor kind:doc res",
])
def test_a_search_never_returns_a_row_that_fails_its_own_filter(s, con, query):
    r = s.search(query)
    assert r.hits, query
    for h in r.hits:
        if "kind:" in query:
            allowed = {w.split(":")[1] for w in query.split() if w.startswith("kind:")}
            assert h.kind in allowed
        if "by:" in query:
            name = next(w for w in query.split() if w.startswith("by:"))[3:]
            speaker = who_of(con, h)
            assert speaker is not None
            assert name in con.execute("SELECT lower(name) FROM actors WHERE id = ?", (speaker,)).fetchone()[0]
        if "in:" in query:
            outlet = next(w for w in query.split() if w.startswith("in:"))[3:]
            assert outlet in h.outlet.lower()
        if '"' in query:
            assert "the dam" in h.snippet.lower()


# -- hits: snippets, offsets, metadata --------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    ("spillway", "spillway"), ("SPILLWAY", "spillway"), ("councils", "councils"),
    ('"water levels"', "water levels"), ("4,500", "4,500"),
])
def test_matches_point_at_the_query_characters_in_the_snippet(s, query, expected):
    r = s.search(query)
    assert r.hits
    for h in r.hits:
        assert h.matches and all(0 <= i < len(h.snippet) for i in h.matches)
        assert {run.lower() for run in runs(h)} == {expected}


def test_a_fuzzy_match_highlights_the_whole_word_it_matched(s):
    h = next(h for h in s.search("lindqvits").hits if h.kind == "claim")
    assert marked(h) == "Lindqvist"


def test_a_long_row_is_cut_to_one_line_around_its_first_match(s):
    h = s.search("councils").hits[0]
    assert len(h.snippet) <= 162 and h.snippet.startswith("…")
    assert "\n" not in h.snippet
    assert h.snippet[h.matches[0]:h.matches[-1] + 1] == "councils"


def test_a_hit_carries_its_document_outlet_date_and_speaker(s, con):
    h = next(h for h in s.search("spillway").hits if h.kind == "quote")
    assert (h.outlet, h.published, h.who) == ("Valley Courier", "2025-03-10", "Tobias Wexler")
    assert con.execute("SELECT document_id FROM quotes WHERE id = ?", (h.id,)).fetchone()[0] == h.document_id
    actor = next(h for h in s.search("solberg").hits if h.kind == "actor")
    assert actor.who == "person" and actor.outlet is None and actor.document_id is None
    assert con.execute("SELECT name FROM actors WHERE id = ?", (actor.id,)).fetchone()[0] == "Ingrid Solberg"


def test_a_figure_is_found_with_its_context_and_claimant(s):
    r = s.search("kind:figure villages")
    assert [h.who for h in r.hits] == ["Ingrid Solberg"]
    assert r.hits[0].snippet.startswith("some 12 — ")


def test_an_untitled_document_is_found_by_its_first_line(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "note.txt").write_text(
        "The lighthouse keeper reported that the lamp had failed twice this winter.\n\n"
        "Coast guard officials said repairs would begin in May.\n", encoding="utf-8")
    seed([corpus], tmp_path / "u.db")
    con = open_readonly(tmp_path / "u.db")
    try:
        docs = [h for h in Searcher(con).search("lighthouse kind:doc").hits]
    finally:
        con.close()
    assert docs and docs[0].snippet.startswith("The lighthouse keeper")


# -- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_gives_results_or_a_message_never_an_exception(s, con, query):
    claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    r = s.search(query)
    assert r.hits or r.message
    assert all(0 <= i < len(h.snippet) for h in r.hits for i in h.matches)
    assert all("\n" not in h.snippet and "\x1b" not in h.snippet for h in r.hits)
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == claims > 0  # nothing dropped


def test_short_queries_fall_back_to_actor_names(s):
    r = s.search("li")
    assert [h.kind for h in r.hits] == ["actor"] and "Lindqvist" in r.hits[0].snippet
    assert "3 or more" in r.message


def test_an_empty_query_is_the_home_screen(s):
    assert s.search("   ").hits == s.home().hits


# -- home ----------------------------------------------------------------------------------------


def test_home_lists_recent_documents_then_most_cited_actors(s):
    r = s.home(limit=10)
    docs = [h for h in r.hits if h.kind == "doc"]
    assert [h.published for h in docs] == ["2025-04-02", "2025-03-10", "2025-01-15"]
    assert docs[0].snippet == "Residents question reservoir figures"
    actors = [h for h in r.hits if h.kind == "actor"]
    assert actors[0].snippet.startswith("Tobias Wexler")  # 3 claims + 1 quote
    assert [h.kind for h in r.hits] == ["doc"] * len(docs) + ["actor"] * len(actors)
    assert len(s.home(limit=2).hits) == 2


# -- keeping the index current -------------------------------------------------------------------


def test_reseeding_a_changed_article_reindexes_only_it(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "a.db"
    seed([corpus], db)
    (corpus / "dam.txt").write_text(ARTICLES["dam.txt"].replace("spillway", "floodgate"), encoding="utf-8")
    seed([corpus], db)
    con = open_readonly(db)
    try:
        s = Searcher(con)
        assert s.search("spillway").hits == []
        assert {h.kind for h in s.search("floodgate").hits} == {"claim", "quote"}
        assert len(s.search("kind:doc").hits) == 3
        dupes = con.execute("SELECT count(*) FROM (SELECT kind, ref_id FROM search_items "
                            "GROUP BY kind, ref_id HAVING count(*) > 1)").fetchone()[0]
        assert dupes == 0
        # The word and name indexes agree with the rows they index (the check
        # is an INSERT, so it needs a connection that may write)...
        raw = sqlite3.connect(db)
        for fts in ("search_text", "search_names"):
            raw.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
        raw.close()
        # ... and the vocabulary with a recount of the words they hold.
        recount = Counter(w for (body,) in con.execute("SELECT body FROM search_items WHERE kind <> 'actor'")
                          for w in set(re.findall(r"\w{3,40}", body.lower())))
        assert dict(con.execute("SELECT word, rows FROM search_vocab")) == dict(recount)
    finally:
        con.close()


# -- bounds and cancellation -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """Thousands of claims sharing words, written directly (no spaCy)."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    con = open_writer(path)
    writer = SeedWriter(con)
    with writer.transaction():
        speaker = writer.insert_actor("harriet vance", "Harriet Vance", "person", None)
        writer.add_aliases(speaker, ["Harriet Vance", "Vance"])
        for d in range(4):
            doc = writer.write_document(None, {
                "path": f"/synthetic/{d}.txt", "title": f"Harbour bulletin {d}", "outlet": "Port Gazette",
                "published": f"2025-0{d + 1}-01", "text": "x", "sha256": f"sha{d}"})
            writer.insert_claims(doc, [
                {"start": 0, "end": 1, "text": f"The harbour authority reported {n} tonnes of cargo on pier {n % 40}.",
                 "claimant_id": speaker if n % 2 else None, "stance": "asserts"} for n in range(1500)])
        refresh(con)
    con.close()
    return path


@pytest.mark.parametrize("query", ["harbour", "harbor cargo", "tonnes by:vance", "cargo kind:claim", "h", "pier 7"])
def test_rows_scored_in_python_are_bounded_however_many_match(big_db, query):
    con = open_readonly(big_db)
    try:
        s = Searcher(con, max_candidates=40, scan_limit=400)
        r = s.search(query, limit=20)
    finally:
        con.close()
    assert 0 < s.last_candidates <= 40 or r.message
    assert len(r.hits) <= 20
    if query in ("harbour", "cargo kind:claim"):
        assert r.total_capped and r.total >= 400


class _Interrupted:
    """A connection whose next statement is cancelled, as con.interrupt() does."""

    def __init__(self, con):
        self.con = con

    def execute(self, *args):
        raise sqlite3.OperationalError("interrupted")


def test_a_cancelled_search_raises_interrupted_for_the_caller(con):
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        Searcher(_Interrupted(con)).search("dam")
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        Searcher(_Interrupted(con)).home()


def test_interrupt_from_another_thread_cancels_a_real_statement(big_db):
    con = open_readonly(big_db)
    try:
        # A deliberately slow statement on the same connection: interrupt() must
        # reach it and surface as OperationalError, the same path search takes.
        timer = threading.Timer(0.05, con.interrupt)
        timer.start()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                        "SELECT count(*) FROM n").fetchone()
        timer.join()
        assert Searcher(con).search("harbour").hits  # the connection still works afterwards
    finally:
        con.close()


def test_a_database_without_the_search_index_gets_a_message(tmp_path, db_path):
    copy = tmp_path / "old.db"
    shutil.copy(db_path, copy)
    raw = sqlite3.connect(copy)
    raw.execute("DROP TABLE search_items")
    raw.commit()
    raw.close()
    con = open_readonly(copy)
    try:
        r = Searcher(con).search("dam")
    finally:
        con.close()
    assert r.hits == [] and "claimscope seed" in r.message


def test_every_kind_is_searchable(s):
    found = {h.kind for q in ("wexler", "grendavik", "4,500", "reservoir", "spillway") for h in s.search(q).hits}
    assert found == set(KINDS)


# -- the word index ---------------------------------------------------------------


def test_a_phrase_cut_off_at_both_ends_still_finds_its_row(s):
    hits = s.search('"ngineers estimat"').hits
    assert hits and all("engineers estimated" in h.snippet.lower() for h in hits)


def test_a_word_inside_a_longer_word_is_found(s):
    # "pillwa" is neither a word of the text nor the start of one.
    hits = s.search("pillwa").hits
    assert hits and all("spillway" in h.snippet.lower() for h in hits)


@pytest.mark.parametrize("edited", [False, True])
def test_an_index_of_an_older_layout_asks_for_a_seed_run_which_rebuilds_it(tmp_path, edited):
    corpus, old = write_corpus(tmp_path / "corpus"), tmp_path / "old.db"
    seed([corpus], old)
    raw = sqlite3.connect(old)
    items = raw.execute("SELECT id, kind, ref_id, document_id, actor_id, outlet, weight, body "
                        "FROM search_items").fetchall()
    # The layout of earlier releases: trigrams, bodies inside the index.
    for table in ("search_text", "search_names", "search_items"):
        raw.execute(f"DROP TABLE {table}")
    raw.execute("CREATE TABLE search_items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id INTEGER NOT NULL, "
                "document_id INTEGER, actor_id INTEGER, outlet TEXT, weight INTEGER NOT NULL DEFAULT 0)")
    raw.execute("CREATE VIRTUAL TABLE search_text USING fts5(body, kind, tokenize = 'trigram')")
    raw.execute("CREATE VIRTUAL TABLE search_names USING fts5(body, tokenize = 'trigram')")
    raw.executemany("INSERT INTO search_items VALUES (?, ?, ?, ?, ?, ?, ?)", [i[:7] for i in items])
    raw.executemany("INSERT INTO search_text (rowid, body, kind) VALUES (?, ?, ?)",
                    [(i[0], i[7], i[1]) for i in items if i[1] != "actor"])
    raw.executemany("INSERT INTO search_names (rowid, body) VALUES (?, ?)",
                    [(i[0], i[7]) for i in items if i[1] == "actor"])
    raw.commit()
    raw.close()
    con = open_readonly(old)
    try:
        message = Searcher(con).search("spillway").message
    finally:
        con.close()
    assert "claimscope seed" in message

    if edited:
        (corpus / "dam.txt").write_text(ARTICLES["dam.txt"].replace("spillway", "floodgate"), encoding="utf-8")
    report = seed([corpus], old)
    # Nothing changed, or one document did: either way the index is rebuilt.
    assert len(report.seeded) == edited and not report.moved
    con = open_readonly(old)
    try:
        after = con.execute("SELECT count(*) FROM search_items").fetchone()[0]
        hits = Searcher(con).search("floodgate" if edited else "spillway").hits
    finally:
        con.close()
    assert hits and (after == len(items) or edited)


def test_a_partial_word_in_more_words_than_are_looked_up_gives_a_total_marked_as_a_floor(s, monkeypatch):
    from db.search import tiers as search_tiers

    monkeypatch.setattr(search_tiers, "MAX_CONTAINING", 1)  # "ing" is inside many words here
    r = s.search("ing", limit=1000)
    assert r.hits and r.total_capped


def test_closing_the_store_waits_for_the_search_in_flight_instead_of_pulling_its_connection(big_db):
    from db.queries import Store

    store = Store(big_db)
    started, outcome = threading.Event(), []

    def search() -> None:
        with store.search_slot():
            started.set()
            try:
                for _ in range(20):
                    store.searcher().search("harbour strike")
                outcome.append("finished")
            except sqlite3.OperationalError as e:
                outcome.append(str(e))

    worker = threading.Thread(target=search)
    worker.start()
    started.wait()
    store.close()  # closing under a running statement would crash the process
    worker.join()
    assert outcome and outcome[0] in ("finished", "interrupted")
