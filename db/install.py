"""A database built beside its target takes the target's place.

With no database there yet, the finished file is renamed into place.  Over an
existing one, the new content is copied *into* the existing file through SQLite's
backup API instead, in one write transaction:

- an open explorer keeps valid connections: renaming a WAL database under a
  reader leaves it on the unlinked file, and its ``-wal`` and ``-shm`` pair by
  name with whatever file is at the path next (a reader then reads, and a last
  closer deletes, the wrong file's log);
- readers see the old content or the new, never a mix, and a seed killed mid-copy
  leaves the old content (the copy is one transaction of the target's WAL);
- the analyst's annotations are read from the old content while the copy holds
  the target's write lock, so a note saved in the explorer during the rebuild is
  either in what is copied or written after, into the new content.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .connection import check_database

# Pages per backup step: the first step takes the target's write lock, which the
# copy holds to the end; between the first and second step the annotations are
# carried over.  A step of at most 1/8 of the file guarantees that moment exists.
MAX_STEP_PAGES = 8192


def install(building: Path, target: Path) -> None:
    """Put the finished database ``building`` in ``target``'s place, carrying the
    analyst's annotations over from ``target`` if it holds a database."""
    _to_wal(building)
    if check_database(target):
        try:
            _copy_into(building, target)
        except sqlite3.DatabaseError:
            # A target too damaged to write through SQLite has no reader to
            # protect: fall back to the rename.
            _rename(building, target)
            return
        for suffix in ("", "-wal", "-shm"):
            Path(str(building) + suffix).unlink(missing_ok=True)
    else:
        _rename(building, target)


def _to_wal(path: Path) -> None:
    """Every live database is WAL, so an explorer reads while a seed writes."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = WAL").fetchall()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        con.close()


def _rename(building: Path, target: Path) -> None:
    # A stale -wal beside the target would be replayed into the new file.
    if check_database(target):
        old = sqlite3.connect(target, isolation_level=None)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            old.close()
    os.replace(building, target)
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)


def _copy_into(building: Path, target: Path) -> None:
    src = sqlite3.connect(f"{building.resolve().as_uri()}", uri=True, isolation_level=None)
    dst = sqlite3.connect(target, isolation_level=None, timeout=30)
    try:
        src.execute("ATTACH DATABASE ? AS previous", (f"{Path(target).resolve().as_uri()}?mode=ro",))
        pages = src.execute("PRAGMA page_count").fetchone()[0]
        step = max(1, min(MAX_STEP_PAGES, pages // 8))
        carried = False

        def carry(status: int, remaining: int, total: int) -> None:
            nonlocal carried
            if not carried:
                # Written through the backup's own source connection, so the
                # pages already copied are updated too.
                carry_over_annotations(src)
                carried = True

        src.backup(dst, pages=step, progress=carry)
        if not carried:
            raise RuntimeError("backup finished before the annotations were carried over")
        dst.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        src.close()
        dst.close()


def carry_over_annotations(con: sqlite3.Connection) -> int:
    """Make ``main.annotations`` what ``previous.annotations`` holds: the file a
    rebuild replaces is the one the analyst has been writing to."""
    has = con.execute(
        "SELECT 1 FROM previous.sqlite_master WHERE type = 'table' AND name = 'annotations'").fetchone()
    if not has:
        return 0
    con.execute("DELETE FROM main.annotations")
    return con.execute(
        "INSERT INTO main.annotations (id, kind, document_path, text_key, text, verdict, note, "
        "created_at, updated_at) SELECT id, kind, document_path, text_key, text, verdict, note, "
        "created_at, updated_at FROM previous.annotations ORDER BY id").rowcount
