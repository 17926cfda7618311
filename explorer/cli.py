"""The ``claimscope`` command.

``claimscope`` alone opens the explorer on the default database, seeding the
bundled corpus first if there is no database yet.  Seeding runs as its own
process (``python -m seed``): the explorer never imports the seeder, and a
crash in one cannot take the other down.
"""
from __future__ import annotations

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


def _open(db_path: Path):
    """A read-only connection for a command that reads the file, or None after
    saying why not (and how to make it, when there is none yet)."""
    from db.connection import open_readonly

    try:
        if not check_database(db_path):
            print(f"claimscope: no database at {shown(db_path)} yet; make it with: "
                  f"claimscope seed PATH --db {shlex.quote(shown(db_path))}", file=sys.stderr)
            return None
        return open_readonly(db_path)
    except DatabaseError as e:
        print(f"claimscope: {e}", file=sys.stderr)
        return None


def _export(args) -> int:
    """``claimscope export``: 0 written, 2 a bad query or database file."""
    from db.export import ExportError, columns, rows

    from .export import output, write

    con = _open(args.db_path)
    if con is None:
        return 2
    query = " ".join(args.query)
    try:
        chosen = rows(con, args.kind, query)
        about = f"From {shown(args.db_path.name)}" + (f", chosen by: {query}" if query.strip() else "")
        try:
            with output(args.out) as out:
                n = write(out, args.kind, columns(con, args.kind), chosen, args.format, about)
        finally:
            chosen.close()  # its cursor, before the connection
    except BrokenPipeError:
        raise
    except ExportError as e:
        print(f"claimscope export: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"claimscope export: cannot write {shown(args.out or '-')}: {e.strerror or e}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if args.out is not None:
        print(f"claimscope export: {n} {args.kind} row{'s' * (n != 1)} written to {shown(args.out)}",
              file=sys.stderr)
    return 0


def _datasette_metadata(args) -> int:
    import json

    from db.datasette import metadata

    text = json.dumps(metadata(args.db_path.stem), indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as e:
        print(f"claimscope datasette-metadata: cannot write {shown(args.out)}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["seed"]:
        _seed_instead(argv[1:])
    from .arguments import build_parser

    args = build_parser().parse_args(argv)
    db_path = args.db_path = args.db or default_db_path()
    if args.command == "locate":
        print(db_path)
        return 0
    if args.command == "export":
        try:
            return _export(args)
        except BrokenPipeError:  # `claimscope export ... | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if args.command == "datasette-metadata":
        return _datasette_metadata(args)
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
