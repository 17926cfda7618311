"""The explorer open beside other processes on the same file: seed runs, the
``sqlite3`` command line, sqlite-utils, Datasette and a rebuild.  Each leaves the
file intact, the explorer searching, and every document and note in place.

The explorer is a pilot in this process; everything else is a real process of
its own, because SQLite coordinates locks within one process and only another
process shows whether this one kept them."""
from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import EXPLORER_BUDGET, write_small_corpus
from db.connection import check_database
from db.queries import Store
from explorer.app import ClaimscopeApp
from explorer.screens.item import ItemScreen
from explorer_helpers import row_id, screen_text, settle
from processes import datasette, integrity, posix_locks, read_only_count, seed_process, tool

LIGHTHOUSE = "Lighthouse keepers return\n\nThe coast guard said 14 lighthouse keepers were rehired on Tuesday."


@pytest.fixture
def live(tmp_path) -> tuple[Path, Path]:
    corpus = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "live.db"
    seed_process(str(corpus), "--db", str(db))
    return corpus, db


def _wal(db: Path) -> Path:
    return Path(f"{db}-wal")


async def _search(pilot, text: str) -> list:
    app = pilot.app
    while len(app.screen_stack) > 2:
        app.pop_screen()
    box = app.screen.query_one(Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)
    await settle(pilot)
    assert "search failed" not in screen_text(app)
    return app.screen.results.hits


async def _verdict(pilot, claim: int, downs: int) -> None:
    """Open a claim and pick the verdict ``downs`` below unverified."""
    pilot.app.open("claim", claim)
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    await pilot.press(*["down"] * downs, "enter")
    await settle(pilot)


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_seeding_twice_with_a_verdict_between_loses_nothing(live, tmp_path):
    corpus, db = live
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    claim = row_id(db, "select id from claims where text like '%dockworkers%'")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _search(pilot, "dockworkers")
        run = subprocess.Popen([tool("claimscope"), "seed", "--quiet", str(extra), "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while run.poll() is None:  # searching while the other process writes
            assert await _search(pilot, "strike")
        assert run.returncode == 0, run.stderr.read()
        await _verdict(pilot, claim, downs=2)
        assert "Saved: disputed" in _notices(app)
        (corpus / "ferry.md").write_text((corpus / "ferry.md").read_text() + "\nThe operator said fares would rise.\n")
        seed_process(str(corpus), "--db", str(db))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert await _search(pilot, "lighthouse")
        assert await _search(pilot, "fares")
    assert integrity(db) == "ok"
    assert read_only_count(db, "documents") == 4
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("select verdict, item_id is not null from annotation_status").fetchall() == [("disputed", 1)]
    con.close()


async def test_the_sqlite3_command_line_and_sqlite_utils_leave_the_explorer_working(live):
    corpus, db = live
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _search(pilot, "dockworkers")
        held = posix_locks(os.getpid(), db)
        assert held, "an open explorer holds SQLite's shared lock on the file"
        for command in ([tool("sqlite3"), str(db), "select count(*) from claims"],
                        [tool("sqlite-utils"), "query", str(db), "select title from documents"],
                        [tool("sqlite-utils"), "search", str(db), "passages", "strike", "-c", "text"]):
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            # The last process to close deletes the log: it must not think it was.
            assert _wal(db).exists() and Path(f"{db}-shm").exists()
            assert await _search(pilot, "dockworkers")
        assert posix_locks(os.getpid(), db) == held
        (corpus / "extra.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
        seed_process(str(corpus), "--db", str(db))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert await _search(pilot, "cranes")
    assert integrity(db) == "ok"
    assert read_only_count(db, "documents") == 4


async def test_datasette_serving_the_file_beside_the_explorer(live):
    corpus, db = live
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _search(pilot, "dockworkers")
        with datasette(db) as get:
            name = db.stem
            rows = get(f"/{name}/documents.json?_shape=array")
            assert len(rows) == 3
            found = get(f"/{name}/passages.json?_search=dockworkers&_shape=array")
            assert found and all("dockworkers" in r["text"].lower() for r in found)
            assert await _search(pilot, "strike")
        assert _wal(db).exists()
        assert await _search(pilot, "dockworkers")
        (corpus / "extra.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
        seed_process(str(corpus), "--db", str(db))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert await _search(pilot, "cranes")
    assert integrity(db) == "ok"


async def test_a_rebuild_is_seen_and_a_note_saved_after_it_is_kept(live, tmp_path):
    corpus, db = live
    claim = row_id(db, "select id from claims where text like '%dockworkers%'")
    app = ClaimscopeApp(db, keymap={})
    app.WATCH_SECONDS = 0.1
    async with app.run_test(size=(100, 30)) as pilot:
        await _verdict(pilot, claim, downs=1)
        (corpus / "extra.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
        seed_process(str(corpus), "--db", str(db), "--rebuild")
        for _ in range(60):
            await pilot.pause(0.05)
            if any("ctrl+r" in n for n in _notices(app)):
                break
        assert any("ctrl+r" in n for n in _notices(app))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and "corroborated" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"checked after the rebuild", "ctrl+s")
        await settle(pilot)
        assert "checked after the rebuild" in screen_text(app)
        assert await _search(pilot, "cranes")
    assert integrity(db) == "ok"
    assert read_only_count(db, "documents") == 4
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("select verdict, note from annotations").fetchall() == [
        ("corroborated", "checked after the rebuild")]
    con.close()


async def test_a_file_replaced_under_the_explorer_is_noticed_and_reopened(live, tmp_path):
    corpus, db = live
    other_corpus = tmp_path / "other"
    other_corpus.mkdir()
    (other_corpus / "budget.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
    other = tmp_path / "other.db"
    seed_process(str(other_corpus), "--db", str(other))
    budget_claim = row_id(other, "select id from claims where text like '%budget%'")
    app = ClaimscopeApp(db, keymap={})
    app.WATCH_SECONDS = 0.1
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _search(pilot, "dockworkers")
        claim = row_id(db, "select id from claims where text like '%dockworkers%'")
        app.open("claim", claim)
        await settle(pilot)
        os.replace(other, db)  # as `mv other.db live.db` does
        for _ in range(60):
            await pilot.pause(0.05)
            if any("replaced" in n for n in _notices(app)):
                break
        assert any("replaced" in n for n in _notices(app))
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert any("Not saved" in n and "replaced" in n for n in _notices(app))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert await _search(pilot, "cranes")
        assert not await _search(pilot, "dockworkers")
        await _verdict(pilot, budget_claim, downs=3)
        assert "Saved: false" in _notices(app)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("select verdict, text like '%budget%' from annotations").fetchall() == [("false", 1)]
    con.close()
    assert integrity(db) == "ok"


def test_checking_a_file_keeps_the_locks_this_process_holds_on_it(live):
    _, db = live
    store = Store(db)
    try:
        with store.search_slot():
            store.searcher().search("dockworkers", 5)
        store.notes()
        held = posix_locks(os.getpid(), db)
        assert held
        assert check_database(db) is True
        assert posix_locks(os.getpid(), db) == held
        # And a second process sees it: closing its connection leaves the log.
        subprocess.run([tool("sqlite3"), str(db), "insert into annotations (kind, document_path, text_key, text,"
                        " created_at, updated_at) select 'claim', 'x', 'y', 'z', 'now', 'now' where 0"],
                       check=True, timeout=60)
        assert _wal(db).exists()
        with store.search_slot():
            assert store.searcher().search("dockworkers", 5).hits
    finally:
        store.close()
