"""Analyst verdicts and notes survive re-seeding, --rebuild, moved files and changed
rules; a note whose claim is gone is kept and listed as orphaned."""
from __future__ import annotations

import shutil

import pytest

from conftest import query, write_small_corpus
from db.notes import VERDICTS, Notes, text_key
from seed.pipeline import seed


def annotate(db, kind: str, item_id: int, **fields):
    notes = Notes(db)
    try:
        return notes.set(notes.key(kind, item_id), **fields)
    finally:
        notes.close()


def _claim(db, like: str) -> int:
    return query(db, "select id from claims where text like ? order by id", f"%{like}%")[0][0]


@pytest.fixture
def seeded(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "n.db"
    seed([corpus], db)
    return corpus, db


def test_text_key_ignores_case_spacing_and_quote_style():
    assert text_key("He said “no”  to it.") == text_key('he said "no" to it.')
    assert text_key("He said no.") != text_key("He said yes.")


def test_a_verdict_and_note_are_stored_and_read_back(seeded):
    _, db = seeded
    notes = Notes(db)
    claim = _claim(db, "dockworkers")
    saved = notes.set(notes.key("claim", claim), verdict="disputed", note="Union figure; port says fewer.")
    assert (saved.verdict, saved.note, saved.item_id) == ("disputed", "Union figure; port says fewer.", claim)
    assert notes.set(notes.key("claim", claim), verdict="corroborated").note == "Union figure; port says fewer."
    assert notes.set(notes.key("claim", claim), note="Checked the port log.").verdict == "corroborated"
    with pytest.raises(ValueError):
        notes.set(notes.key("claim", claim), verdict="maybe")
    assert set(VERDICTS) == {"unverified", "corroborated", "disputed", "false"}


def test_notes_survive_a_rebuild_and_find_their_claim_again(seeded):
    corpus, db = seeded
    annotate(db, "claim", _claim(db, "dockworkers"), verdict="false", note="checked")
    seed([corpus], db, rebuild=True)
    (a,) = Notes(db).all()
    assert a.verdict == "false" and a.item_id == _claim(db, "dockworkers")


def test_notes_follow_a_moved_file(seeded, tmp_path):
    corpus, db = seeded
    annotate(db, "claim", _claim(db, "dockworkers"), verdict="disputed")
    moved = tmp_path / "moved"
    shutil.move(corpus, moved)
    seed([moved], db)
    (a,) = Notes(db).all()
    assert str(moved) in a.document_path and a.item_id is not None


def test_a_note_whose_claim_disappears_is_kept_as_orphaned(seeded):
    corpus, db = seeded
    annotate(db, "claim", _claim(db, "dockworkers"), verdict="disputed", note="keep me")
    f = corpus / "harbour.txt"
    f.write_text(f.read_text().replace("The port authority said on Monday that about 2,000 dockworkers "
                                       "had joined the strike.", "The port was quiet."))
    seed([corpus], db)
    notes = Notes(db)
    (orphan,) = notes.orphaned()
    assert orphan.note == "keep me" and "dockworkers" in orphan.text and orphan.item_id is None


def test_the_seeder_never_writes_annotations(seeded):
    corpus, db = seeded
    assert query(db, "select count(*) from annotations") == [(0,)]
    assert query(db, "select count(*) from claims where text_key is null") == [(0,)]


async def test_the_claim_screen_sets_a_verdict_and_a_note_that_show_and_persist(seeded):
    from explorer.app import ClaimscopeApp
    from explorer_helpers import screen_text, settle

    _, db = seeded
    claim = _claim(db, "dockworkers")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # unverified -> corroborated -> disputed
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"port says fewer", "ctrl+s")
        await settle(pilot)
        assert "disputed — port says fewer" in screen_text(app)
        # The explorer's own connection stayed read-only all along.
        assert app.store.con.execute("pragma query_only").fetchone() is not None
    (a,) = Notes(db).all()
    assert (a.verdict, a.note, a.item_id) == ("disputed", "port says fewer", claim)


def test_an_older_database_gains_the_annotation_columns_when_seeded_again(tmp_path):
    import sqlite3

    from db.connection import open_writer

    db = tmp_path / "old.db"
    con = open_writer(db)
    con.execute("DROP VIEW annotation_status")
    con.execute("DROP INDEX claims_text_key")
    con.execute("DROP INDEX quotes_text_key")
    con.execute("ALTER TABLE claims DROP COLUMN text_key")
    con.execute("ALTER TABLE quotes DROP COLUMN text_key")
    con.close()
    open_writer(db).close()
    cols = {r[1] for r in sqlite3.connect(db).execute("pragma table_info(claims)")}
    assert "text_key" in cols


def test_a_verdict_shows_on_the_search_hit_of_its_claim(seeded):
    from db.connection import open_readonly
    from db.search import Searcher

    _, db = seeded
    claim = _claim(db, "dockworkers")
    annotate(db, "claim", claim, verdict="corroborated")
    con = open_readonly(db)
    try:
        hits = Searcher(con).search("dockworkers kind:claim").hits
    finally:
        con.close()
    assert [(h.id, h.verdict) for h in hits if h.id == claim] == [(claim, "corroborated")]
    assert all(h.verdict is None for h in hits if h.id != claim)


def test_a_verdict_shows_on_the_actor_screen_list(seeded):
    from db.queries import Store

    _, db = seeded
    quote = query(db, "select id, speaker_id from quotes where text like '%contract is signed%'")[0]
    annotate(db, "quote", quote[0], verdict="false")
    store = Store(db)
    try:
        items = store.actor(quote[1]).items
    finally:
        store.close()
    assert [(i.id, i.verdict) for i in items if i.kind == "quote"] == [(quote[0], "false")]


async def test_the_reader_names_the_verdict_of_the_claim_it_marks(seeded):
    from explorer.app import ClaimscopeApp
    from explorer_helpers import settle

    _, db = seeded
    claim = _claim(db, "dockworkers")
    annotate(db, "claim", claim, verdict="disputed")
    doc, start, end = query(db, 'select document_id, start, "end" from claims where id = ?', claim)[0]
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("doc", doc, span=(start, end))
        await settle(pilot)
        assert app.screen.sub_title.endswith("· disputed")
