"""The ``claimscope`` command.

``claimscope`` alone opens the explorer on the default database, seeding the
bundled corpus first if there is no database yet.  Seeding runs as its own
process (``python -m seed``): the explorer never imports the seeder, and a
crash in one cannot take the other down.
"""
from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

from db.connection import DatabaseError, check_database, default_db_path, shown


def _seed_instead(args: list[str]) -> None:
    """``claimscope seed``: become the seeder.  Exec, not a child: a child outlives
    a parent killed with SIGKILL and would still swap its rebuild in later, and
    two interpreters cost twice the start-up and memory."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "seed", *args])


def _seed_first(args: list[str]) -> int:
    """Seed before exploring: a child process, which dies with this one (Linux's
    parent-death signal) rather than seed on after the user killed the command."""
    return subprocess.call([sys.executable, "-m", "seed", *args], preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the child may outlive a killed parent
        pass


def _explore(db_path: Path) -> int:
    try:
        present = check_database(db_path)
    except DatabaseError as e:
        print(f"claimscope: {e}", file=sys.stderr)
        return 2
    if not present:
        print(f"claimscope: no database at {shown(db_path)} yet; make it with: "
              f"claimscope seed PATH --db {shlex.quote(shown(db_path))}", file=sys.stderr)
        return 2
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual would write escape codes into a pipe or a log and wait for keys
        # that never come.
        print(f"claimscope: the explorer needs a terminal; the database is {shown(db_path)} "
              "(query it with sqlite3, or run claimscope in a terminal)", file=sys.stderr)
        return 2
    from .app import ClaimscopeApp

    try:
        app = ClaimscopeApp(db_path)
    except DatabaseError as e:
        print(f"claimscope: {e}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["seed"]:
        _seed_instead(argv[1:])
    parser = argparse.ArgumentParser(
        prog="claimscope",
        description="Who claims what across news sources: seed a database from articles, explore it in the terminal.",
        epilog="claimscope seed --help: options for seeding.",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("seed", help="seed a database from article files (see claimscope seed --help)")
    explore = sub.add_parser("explore", help="open the explorer on a database")
    explore.add_argument("--db", type=Path)
    locate = sub.add_parser("locate", help="print the path of the database")
    locate.add_argument("--db", type=Path)
    parser.add_argument("--db", type=Path, help="database file (default: $CLAIMSCOPE_DB, else the user data directory)")
    args = parser.parse_args(argv)
    db_path = args.db or default_db_path()
    if args.command == "locate":
        print(db_path)
        return 0
    if args.command is None:
        try:
            present = check_database(db_path)
        except DatabaseError as e:
            print(f"claimscope: {e}", file=sys.stderr)
            return 2
        if not present:
            print(f"claimscope: no database at {shown(db_path)} yet; seeding the bundled corpus first",
                  file=sys.stderr)
            code = _seed_first(["--db", str(db_path)])
            if code not in (0, 3):  # 3: seeded, with some files skipped (and said so)
                return code
    return _explore(db_path)
