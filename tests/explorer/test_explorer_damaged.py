"""A damaged, truncated or incomplete database file gives one clear message on
whichever screen meets it first, and the explorer keeps running."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

from explorer.app import ClaimscopeApp
from explorer_helpers import row_id, settle


def _problems(app) -> list[str]:
    return [str(n.message) for n in app._notifications if "cannot be read" in str(n.message)]


def test_a_truncated_file_is_refused_by_name_when_the_explorer_starts(explorer_db, tmp_path):
    db = tmp_path / "cut.db"
    shutil.copy(explorer_db, db)
    with open(db, "r+b") as fh:  # no connection is open on this copy
        fh.truncate(fh.seek(0, 2) // 3)
    done = subprocess.run([sys.executable, "-c", "from explorer.cli import main; raise SystemExit(main())",
                           "explore", "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert str(db) in done.stderr and "damaged" in done.stderr and "Traceback" not in done.stderr


async def test_a_damaged_table_gives_one_message_not_a_crash(explorer_db, tmp_path):
    db = tmp_path / "damaged.db"
    shutil.copy(explorer_db, db)
    claim = row_id(db, "select max(id) from claims")
    root = row_id(db, "select rootpage from sqlite_master where name = 'documents'")
    size = row_id(db, "pragma page_size")
    with open(db, "r+b") as fh:  # no connection is open on this copy
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * size)
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("documents", 0)
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        assert app.is_running
        problems = _problems(app)
        assert len(problems) == 1 and "malformed" in problems[0] and "--rebuild" in problems[0]
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.is_running


async def test_a_file_missing_a_table_gives_a_message_on_the_screens_that_need_it(explorer_db, tmp_path):
    db = tmp_path / "partial.db"
    shutil.copy(explorer_db, db)
    claim = row_id(db, "select id from claims limit 1")
    doc = row_id(db, "select id from documents limit 1")
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    for trigger in [r[0] for r in con.execute("select name from sqlite_master where type = 'trigger' "
                                              "and tbl_name = 'passages'")]:
        con.execute(f'DROP TRIGGER "{trigger}"')
    con.execute("DROP TABLE passages")
    con.commit()
    con.close()
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        assert any("no such table: passages" in p for p in _problems(app))
        app.open("doc", doc)
        await settle(pilot)
        assert app.is_running
        assert len(_problems(app)) == 1  # the same problem is said once
