"""Killing the seeder at any moment (SIGKILL included) leaves a database that opens
and holds whole documents: a rebuild is swapped in only when complete, and adding to
a database commits one document at a time."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import query
from seed.pipeline import seed

ARTICLE = ("Port strike, day {n}\n\nThe union said on day {n} that {k} dockworkers had walked out. "
           "\"We stay out until the contract is signed,\" organiser Rosa Lind said. "
           "Shipping firms denied that cargo was being diverted to other ports.\n\n" * 3)


def _corpus(folder: Path, n: int, first: int = 0) -> Path:
    folder.mkdir()
    for i in range(first, first + n):
        (folder / f"day{i:03d}.txt").write_text(ARTICLE.format(n=i, k=100 + i), encoding="utf-8")
    return folder


def _kill_after(args: list[str], progress_line: str) -> None:
    """Run the seeder and SIGKILL it once it reports ``progress_line``."""
    proc = subprocess.Popen([sys.executable, "-m", "seed", *args], stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if line.startswith(progress_line):
                os.kill(proc.pid, signal.SIGKILL)
                break
        else:
            raise AssertionError("the seeder finished before it could be killed")
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _intact(db: Path) -> None:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_a_killed_rebuild_leaves_the_previous_database_as_it_was(tmp_path):
    db = tmp_path / "c.db"
    seed([_corpus(tmp_path / "first", 3)], db)
    before = query(db, "select id, path, sha256 from documents order by id")
    _kill_after([str(_corpus(tmp_path / "big", 40)), "--db", str(db), "--rebuild"], "[3/40]")
    _intact(db)
    assert query(db, "select id, path, sha256 from documents order by id") == before
    # The next run clears away the killed run's partial build.
    assert list(tmp_path.glob(".c.db.building-*"))
    seed([tmp_path / "first"], db, rebuild=True)
    assert not list(tmp_path.glob(".c.db.building-*"))


def test_a_killed_incremental_seed_keeps_every_committed_document_whole(tmp_path):
    db = tmp_path / "c.db"
    seed([_corpus(tmp_path / "first", 3)], db)
    _kill_after([str(_corpus(tmp_path / "more", 40, first=100)), "--db", str(db)], "[5/40]")
    _intact(db)
    docs = query(db, "select count(*) from documents")[0][0]
    assert 3 + 5 <= docs < 3 + 40
    # No document is half written: each has its passages and its claims.
    assert query(db, "select count(*) from documents d where not exists "
                     "(select 1 from passages p where p.document_id = d.id)") == [(0,)]
    assert query(db, "select count(*) from documents d where not exists "
                     "(select 1 from claims c where c.document_id = d.id)") == [(0,)]
    # Seeding again picks up where it stopped.
    report = seed([tmp_path / "more"], db)
    assert len(report.seeded) + len(report.unchanged) == 40
    assert query(db, "select count(*) from documents")[0][0] == 43
