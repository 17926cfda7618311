"""Seeding a folder of articles: documents, passages, metadata, idempotence."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import sqlite_utils

from conftest import query
from seed.pipeline import seed


def test_seeds_txt_md_and_html_files_of_a_folder(small_corpus, tmp_path):
    report = seed([small_corpus], tmp_path / "a.db")
    assert sorted(p.name for p in report.seeded) == ["council.html", "ferry.md", "harbour.txt"]
    assert report.skipped == []
    formats = dict(query(tmp_path / "a.db", "select format, count(*) from documents group by format"))
    assert formats == {"html": 1, "md": 1, "txt": 1}


def test_manifest_values_are_stored_and_not_marked_inferred(small_db):
    row = query(small_db, "select title, outlet, authors, published, inferred from documents where path like '%ferry.md'")[0]
    title, outlet, authors, published, inferred = row
    assert (title, outlet, json.loads(authors), published) == ("Ferry routes cut", "Island Weekly", ["Lee Park"], "2025-04")
    assert json.loads(inferred) == []


def test_missing_metadata_is_read_from_the_text_and_marked_inferred(small_db):
    title, authors, published, outlet, inferred = query(
        small_db, "select title, authors, published, outlet, inferred from documents where path like '%harbour.txt'")[0]
    assert title == "Harbour strike enters its second week"
    assert json.loads(authors) == ["Maria Olsen", "Tom Reyes"]
    assert published == "2025-03-03" and outlet == "Coastal Times"  # from the manifest
    assert set(json.loads(inferred)) == {"title", "authors"}


def test_html_goes_through_the_article_extractor(small_db):
    text, title = query(small_db, "select text, title from documents where path like '%council.html'")[0]
    assert "approved a budget of $4 million" in text
    assert "tracking" not in text and "color: red" not in text
    assert title and "Council approves new budget" in title


def test_markdown_links_are_unwrapped_and_chrome_dropped(small_db):
    text = query(small_db, "select text from documents where path like '%ferry.md'")[0][0]
    assert "cut three routes from April, citing fuel costs." in text
    assert "https://example.com" not in text
    assert "Share this article" not in text and "Do you like this article" not in text


def test_passages_are_paragraphs_headings_and_sentences_within_them(small_db):
    kinds = dict(query(small_db, "select kind, count(*) from passages group by kind"))
    assert kinds["paragraph"] >= 6 and kinds["heading"] >= 2 and kinds["sentence"] > kinds["paragraph"]
    orphans = query(small_db, """
        select count(*) from passages s join passages p on p.id = s.parent_id
        where s.kind = 'sentence' and not (s.start >= p.start and s."end" <= p."end")""")[0][0]
    assert orphans == 0
    assert query(small_db, "select count(*) from passages where kind = 'sentence' and parent_id is null")[0][0] == 0


def test_full_text_search_is_enabled_the_sqlite_utils_way(small_db):
    db = sqlite_utils.Database(small_db)
    assert db["passages"].detect_fts() == "passages_fts"
    hits = list(db["passages"].search("dockworkers"))
    assert hits and all("dockworkers" in h["text"] for h in hits)


def test_seeding_twice_leaves_the_same_rows_and_ids(small_corpus, tmp_path):
    db = tmp_path / "a.db"
    seed([small_corpus], db)
    tables = ["documents", "passages", "actors", "aliases", "mentions", "quotes", "claims", "figures"]
    before = {t: query(db, f"select * from {t} order by 1, 2") for t in tables}
    again = seed([small_corpus], db)
    assert again.seeded == [] and len(again.unchanged) == 3
    assert {t: query(db, f"select * from {t} order by 1, 2") for t in tables} == before


def test_a_changed_file_replaces_its_rows_and_keeps_its_id(small_corpus, tmp_path):
    db = tmp_path / "a.db"
    seed([small_corpus], db)
    doc_id = query(db, "select id from documents where path like '%harbour.txt'")[0][0]
    f = small_corpus / "harbour.txt"
    f.write_text(f.read_text().replace("about 2,000 dockworkers", "about 3,500 dockworkers"))
    report = seed([small_corpus], db)
    assert [p.name for p in report.seeded] == ["harbour.txt"]
    text = query(db, "select text from documents where id = ?", doc_id)[0][0]
    assert "3,500" in text and "2,000" not in text
    assert query(db, "select count(*) from passages where document_id = ? and text like '%2,000%'", doc_id)[0][0] == 0
    assert query(db, "select count(*) from documents")[0][0] == 3


def test_a_moved_file_keeps_its_document(small_corpus, tmp_path):
    db = tmp_path / "a.db"
    seed([small_corpus], db)
    ids = query(db, "select id from documents order by id")
    moved = tmp_path / "elsewhere"
    shutil.move(small_corpus, moved)
    report = seed([moved], db)
    assert len(report.moved) == 3 and report.seeded == []
    assert query(db, "select id from documents order by id") == ids
    assert all(str(moved) in p for (p,) in query(db, "select path from documents"))


def test_rebuild_starts_fresh(small_corpus, tmp_path):
    db = tmp_path / "a.db"
    seed([small_corpus], db)
    (small_corpus / "ferry.md").unlink()
    report = seed([small_corpus], db, rebuild=True)
    assert len(report.seeded) == 2
    assert query(db, "select count(*) from documents")[0][0] == 2
    assert not list(tmp_path.glob(".a.db.building-*"))


def test_seeding_an_unchanged_corpus_commits_nothing(small_corpus, tmp_path):
    import sqlite3

    db = tmp_path / "a.db"
    seed([small_corpus], db)
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        version = reader.execute("pragma data_version").fetchone()[0]
        seed([small_corpus], db)
        # An open explorer watches data_version: nothing changed, so nothing to refresh.
        assert reader.execute("pragma data_version").fetchone()[0] == version
    finally:
        reader.close()


def test_a_run_reports_the_time_of_each_stage_and_a_run_with_nothing_new_only_reading(small_corpus, tmp_path):
    first = seed([small_corpus], tmp_path / "a.db")
    assert set(first.stages) == {"parse", "extract", "write", "index", "link"}
    assert all(s >= 0 for s in first.stages.values())
    assert sum(first.stages.values()) <= first.seconds
    again = seed([small_corpus], tmp_path / "a.db")
    assert not again.stages  # nothing was parsed, extracted, written, indexed or linked


def test_a_run_stopped_before_its_final_step_is_caught_up_by_the_next(small_corpus, tmp_path, monkeypatch):
    import seed.pipeline as pipeline
    from db.connection import open_readonly
    from db.links import needs_relink
    from db.search import Searcher

    corpus, db = small_corpus, tmp_path / "a.db"
    seed([corpus], db)
    harbour = corpus / "harbour.txt"
    harbour.write_text(harbour.read_text(encoding="utf-8") + "\n\nHarbour quartermaster Ilse Brandt said the tally was wrong.\n",
                       encoding="utf-8")

    def stopped(con):
        raise KeyboardInterrupt

    # The changed document is written and committed; the index refresh and the
    # re-link that follow are rolled back.
    monkeypatch.setattr(pipeline, "relink", stopped)
    try:
        seed([corpus], db)
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()

    again = seed([corpus], db)
    assert not again.seeded  # every file is as the database has it...
    con = open_readonly(db)
    try:
        assert Searcher(con).search("quartermaster").hits  # ... and yet its index and links caught up
        assert not needs_relink(con)
    finally:
        con.close()
