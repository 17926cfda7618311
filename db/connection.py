"""Where the database lives, how it is opened, and how a foreign file is refused.

Readers open ``mode=ro`` (never ``immutable=1``: the seeder may still be
writing); the writer uses WAL so an open explorer keeps reading while a seed
runs.  A file is ours when its ``application_id`` says so; anything else is
refused by name and never written to.
"""
from __future__ import annotations

import os
import sqlite3
from importlib import resources
from pathlib import Path

import platformdirs

APPLICATION_ID = 0x436C5343  # "ClSC"
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """A database file Claimscope will not open or write; the message names it."""


def default_db_path() -> Path:
    """``CLAIMSCOPE_DB`` if set, else ``claimscope.db`` in the user data directory."""
    env = os.environ.get("CLAIMSCOPE_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("claimscope", appauthor=False)) / "claimscope.db"


def schema_sql() -> str:
    return resources.files("db").joinpath("schema.sql").read_text(encoding="utf-8")


def check_database(path: Path) -> bool:
    """True when ``path`` holds a Claimscope database, False when there is nothing
    there yet (no file, or an empty one); raises DatabaseError for anything else.
    Only reads the file."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except OSError as e:
        raise DatabaseError(f"{path}: cannot be read ({e.strerror or e})") from e
    if not header:
        return False
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path}: is not a SQLite database; refusing to touch it")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{path}: is damaged or not a SQLite database ({e})") from e
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{path}: was written by a newer Claimscope (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        return True
    if tables == 0:
        return False
    raise DatabaseError(
        f"{path}: is a SQLite database but not Claimscope's (it has {tables} schema objects "
        "and no Claimscope application id); refusing to touch it"
    )


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection for the explorer; DatabaseError if the file is not ours."""
    path = Path(path)
    if not check_database(path):
        raise DatabaseError(f"{path}: no Claimscope database here yet; run `claimscope seed` first")
    con = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    con.row_factory = sqlite3.Row
    return con


def open_writer(path: Path, *, fresh: bool = False) -> sqlite3.Connection:
    """A connection for the seeder, with the schema in place.  ``fresh`` marks a
    file being built from nothing beside the real one, where durability can wait
    for the final swap."""
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    if fresh:
        # MEMORY, not OFF: a document that fails mid-write is rolled back, and
        # ROLLBACK without a journal is undefined (it can corrupt the file).
        con.execute("PRAGMA journal_mode = MEMORY")
        con.execute("PRAGMA synchronous = OFF")
    else:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA busy_timeout = 5000")
    _add_missing_columns(con)
    con.executescript(schema_sql())
    # Setting a header field commits even when the value is the same: only write
    # what differs, so opening to find nothing new leaves readers undisturbed.
    if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return con


# Columns added to the contract after a database may have been made; the schema
# script's indexes on them need them in place first.
ADDED_COLUMNS = [("claims", "text_key", "TEXT"), ("quotes", "text_key", "TEXT")]


def _add_missing_columns(con: sqlite3.Connection) -> None:
    for table, column, decl in ADDED_COLUMNS:
        have = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        if have and column not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def finish_fresh(con: sqlite3.Connection, building: Path, target: Path) -> None:
    """Swap a database built beside ``target`` into place atomically.

    A stale ``-wal`` beside the old file would be replayed into the new one, so
    the old file is checkpointed first."""
    # Closing finalizes any statement a caller left open; a fresh connection then
    # switches the finished file to WAL, as every live database is.
    con.close()
    done = sqlite3.connect(building, isolation_level=None)
    try:
        done.execute("PRAGMA journal_mode = WAL").fetchall()
        done.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        done.close()
    if check_database(target):
        old = sqlite3.connect(target, isolation_level=None)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            old.close()
    os.replace(building, target)
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)
