"""Where the database lives, how it is opened, and how a foreign file is refused.

Readers open ``mode=ro`` (never ``immutable=1``: the seeder may still be
writing); the writer uses WAL so an open explorer keeps reading while a seed
runs.  A file is ours when its ``application_id`` says so; anything else is
refused by name and never written to.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

APPLICATION_ID = 0x436C5343  # "ClSC"
SCHEMA_VERSION = 1


class DatabaseError(Exception):
    """A database file Claimscope will not open or write; the message names it."""


def default_db_path() -> Path:
    """``CLAIMSCOPE_DB`` if set, else ``claimscope.db`` in the user data directory."""
    env = os.environ.get("CLAIMSCOPE_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: a run given --db never needs it

    return Path(platformdirs.user_data_dir("claimscope", appauthor=False)) / "claimscope.db"


def schema_sql() -> str:
    beside = Path(__file__).with_name("schema.sql")
    if beside.is_file():  # an installed package or a checkout: no importlib.resources to import
        return beside.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("db").joinpath("schema.sql").read_text(encoding="utf-8")


def check_database(path: Path) -> bool:
    """True when ``path`` holds a Claimscope database, False when there is nothing
    there yet (no file, an empty one, or an empty SQLite database); raises
    DatabaseError for anything else.

    The file is read through SQLite alone.  Opening and closing any descriptor of
    a file drops every POSIX lock this process holds on it, so a plain ``open()``
    beside a live connection lets the next process to close its connection
    believe it is the last, and delete the ``-wal`` and ``-shm`` files still in
    use (SQLite's "How To Corrupt", section 2.2).  SQLite's own opens and closes
    of the same file are coordinated with the process's other connections."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{shown(path)}: is a directory, not a database file")
    try:
        if path.stat().st_size == 0:
            return False
    except FileNotFoundError:
        return False
    except OSError as e:
        raise DatabaseError(f"{shown(path)}: cannot be read ({e.strerror or e})") from e
    try:
        con = sqlite3.connect(_uri(path, "ro"), uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(f"{shown(path)}: cannot be read ({e})") from e
    try:
        app_id, tables, version = _header(con, path)
    finally:
        con.close()
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{shown(path)}: was written by a newer Claimscope (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        return True
    if tables == 0 and app_id == 0:
        return False
    raise DatabaseError(
        f"{shown(path)}: is a SQLite database but not Claimscope's ("
        + (f"application id {app_id:#x}" if app_id else f"{tables} schema objects and no Claimscope application id")
        + "); refusing to touch it"
    )


def _header(con: sqlite3.Connection, path: Path) -> tuple[int, int, int]:
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e):
            raise DatabaseError(f"{shown(path)}: is not a SQLite database; refusing to touch it") from e
        if "unable to open" in str(e):
            raise DatabaseError(f"{shown(path)}: cannot be read ({e})") from e
        raise DatabaseError(f"{shown(path)}: is damaged ({e}); refusing to touch it") from e
    return app_id, tables, version


def _uri(path: Path, mode: str) -> str:
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device and inode), None if none: a file
    replaced by another (``mv``, ``cp`` over it, an older rebuild) shows as a
    change.  A ``stat``, never an ``open``."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def shown(path: Path | str) -> str:
    """A path as it may be printed: control characters (an escape sequence in a
    file name could retitle or reprogram the terminal) and undecodable bytes are
    shown as escapes."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection for the explorer; DatabaseError if the file is not ours."""
    path = Path(path)
    if not check_database(path):
        raise DatabaseError(f"{shown(path)}: no Claimscope database here yet; run `claimscope seed` first")
    con = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
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
    con.execute("PRAGMA busy_timeout = 30000")  # a note saved in the explorer, a sqlite3 user
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
ADDED_COLUMNS = [("claims", "text_key", "TEXT"), ("quotes", "text_key", "TEXT"),
                 ("actors", "named", "INTEGER NOT NULL DEFAULT 1"),
                 ("link_claim_pairs", "cos", "REAL"), ("link_claim_pairs", "score", "REAL"),
                 ("link_claim_pairs", "linked", "INTEGER NOT NULL DEFAULT 0"), ("link_claim_pairs", "due", "REAL"),
                 ("link_claim_pairs", "ra", "REAL"), ("link_claim_pairs", "rb", "REAL"),
                 ("link_claims", "extra", "REAL NOT NULL DEFAULT 0")]


def _add_missing_columns(con: sqlite3.Connection) -> None:
    for table, column, decl in ADDED_COLUMNS:
        have = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        if have and column not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
