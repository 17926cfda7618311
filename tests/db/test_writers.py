"""Writers of one file: seed runs take turns, a rebuild's new content goes into
the file the readers have open, and what is not Claimscope's is refused."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from conftest import EXPLORER_BUDGET, query, write_small_corpus
from db.connection import APPLICATION_ID
from db.install import install
from db.lock import lock_path
from processes import integrity, read_only_count, seed_process, tool

RUN_LONG = 80  # documents: seeding them outlasts the second run's start-up
ARTICLE = ("Quarry dispute, day {n}\n\nThe council said on day {n} that {k} residents had signed the petition. "
           "\"We will keep the road closed,\" organiser Ines Holm said.\n\n") * 4


def test_two_seed_runs_on_one_file_take_turns(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    for i in range(RUN_LONG):
        (first / f"day{i:02d}.txt").write_text(ARTICLE.format(n=i, k=300 + i), encoding="utf-8")
    second = tmp_path / "second"
    second.mkdir()
    (second / "budget.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
    db = tmp_path / "turns.db"
    seed_process(str(second), "--db", str(db))
    rebuild = subprocess.Popen([tool("claimscope"), "seed", str(first), str(second), "--db", str(db), "--rebuild"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while lock_path(db).read_text().strip() != str(rebuild.pid):  # the rebuild holds the file
        assert time.monotonic() < deadline and rebuild.poll() is None
        time.sleep(0.05)
    (second / "more.txt").write_text(ARTICLE.format(n=99, k=999), encoding="utf-8")
    adding = seed_process(str(second), "--db", str(db))
    assert rebuild.wait(timeout=300) == 0, rebuild.stderr.read()
    assert "another seed run" in adding.stderr and str(rebuild.pid) in adding.stderr
    assert integrity(db) == "ok"
    # The rebuild's documents, then the one the waiting run added after it.
    assert read_only_count(db, "documents") == RUN_LONG + 2


def _db_with(path: Path, rows: list[str], note: str | None = None) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE t (x)")
    con.execute("CREATE TABLE annotations (id INTEGER PRIMARY KEY, kind, document_path, text_key, text, "
                "verdict, note, created_at, updated_at)")
    con.executemany("INSERT INTO t VALUES (?)", [(r,) for r in rows])
    if note:
        con.execute("INSERT INTO annotations (kind, document_path, text_key, text, verdict, note, created_at, "
                    "updated_at) VALUES ('claim', 'a.txt', 'k', 'w', 'false', ?, 'now', 'now')", (note,))
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.close()


def test_a_rebuild_is_copied_into_the_open_file_with_the_notes_it_held(tmp_path):
    target, building = tmp_path / "live.db", tmp_path / "building.db"
    _db_with(target, ["old"] * 3, note="the analyst's")
    _db_with(building, [f"new {i}" for i in range(5000)])
    reader = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    inode = os.stat(target).st_ino
    assert reader.execute("select count(*) from t").fetchone() == (3,)
    install(building, target)
    assert os.stat(target).st_ino == inode  # the same file: open connections stay valid
    assert reader.execute("select count(*) from t").fetchone() == (5000,)
    assert reader.execute("select note from annotations").fetchall() == [("the analyst's",)]
    reader.close()
    assert not building.exists()
    assert integrity(target) == "ok"


def test_a_first_build_is_renamed_into_place(tmp_path):
    target, building = tmp_path / "new.db", tmp_path / "building.db"
    _db_with(building, ["a", "b"])
    install(building, target)
    assert query(target, "select count(*) from t") == [(2,)]
    assert query(target, "pragma journal_mode") == [("wal",)]
    assert not building.exists()


def test_a_sqlite_file_of_another_application_is_refused_even_when_empty(tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA application_id = 42")
    con.close()
    before = db.read_bytes()
    corpus = write_small_corpus(tmp_path / "corpus")
    done = seed_process(str(corpus), "--db", str(db), check=False)
    assert done.returncode == 2 and "not Claimscope's" in done.stderr and "0x2a" in done.stderr
    assert db.read_bytes() == before
