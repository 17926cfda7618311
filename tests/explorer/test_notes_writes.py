"""The explorer's one write, the analyst's verdicts and notes: saved to the claim
the screen showed, kept while a seed run holds the file, and never able to
write anything but annotations."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from textual.widgets import TextArea

from conftest import query, write_small_corpus
from db.notes import Notes
from explorer.app import ClaimscopeApp
from explorer.widgets.annotate import NoteEditor
from explorer_helpers import row_id, screen_text, settle
from processes import seed_process

HOLD_SECONDS = 6  # longer than a save's single wait for the lock (5 s)


@pytest.fixture
def seeded(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "notes.db"
    seed_process(str(corpus), "--db", str(db))
    return corpus, db


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_verdict_never_lands_on_another_claim_that_took_the_id(seeded):
    corpus, db = seeded
    claim = row_id(db, "select id from claims where text like '%diverted%'")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        f = corpus / "harbour.txt"
        f.write_text(f.read_text().replace("cargo was being diverted to other ports", "wages had been cut"))
        seed_process(str(corpus), "--db", str(db))
        assert query(db, "select text like '%wages%' from claims where id = ?", claim) == [(1,)]  # the id, reused
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert any("Not saved" in n and "no longer in the database" in n for n in _notices(app))
    assert query(db, "select count(*) from annotations") == [(0,)]


async def test_a_note_typed_while_a_seed_holds_the_lock_waits_and_is_saved(seeded):
    _, db = seeded
    claim = row_id(db, "select id from claims where text like '%dockworkers%'")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3, sys, time\n"
             f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
             "c.execute('BEGIN IMMEDIATE'); print('held', flush=True)\n"
             f"time.sleep({HOLD_SECONDS}); c.execute('COMMIT')"],
            stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "held"
        await pilot.press(*"union figure", "ctrl+s")
        for _ in range(20):  # the save keeps trying; the editor keeps the text
            await pilot.pause(0.1)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "union figure"
        holder.wait(timeout=30)
        for _ in range(200):
            await pilot.pause(0.05)
            if not isinstance(app.screen, NoteEditor):
                break
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert "union figure" in screen_text(app)
    assert query(db, "select note from annotations") == [("union figure",)]


def test_the_notes_connection_can_write_nothing_but_annotations(seeded):
    _, db = seeded
    claims = query(db, "select count(*) from claims")
    con = sqlite3.connect(db)
    con.execute("CREATE TRIGGER spill AFTER INSERT ON annotations BEGIN DELETE FROM claims; END")
    con.commit()
    con.close()
    notes = Notes(db)
    try:
        key = notes.key("claim", row_id(db, "select id from claims where text like '%dockworkers%'"))
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            notes.set(key, verdict="false")
        for statement in ("DELETE FROM claims", "DROP TABLE claims", "UPDATE documents SET title = 'x'",
                          "CREATE TABLE extra (x)", "PRAGMA journal_mode = DELETE"):
            with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
                notes.con.execute(statement)
    finally:
        notes.close()
    assert query(db, "select count(*) from claims") == claims
    assert query(db, "select count(*) from annotations") == [(0,)]


async def test_a_save_refused_by_the_file_says_so_on_screen(seeded):
    _, db = seeded
    con = sqlite3.connect(db)
    con.execute("CREATE TRIGGER spill AFTER INSERT ON annotations BEGIN DELETE FROM claims; END")
    con.commit()
    con.close()
    claim = row_id(db, "select id from claims where text like '%dockworkers%'")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert any(n.startswith("Not saved") and "not authorized" in n for n in _notices(app))
        assert not any(n.startswith("Saved") for n in _notices(app))
