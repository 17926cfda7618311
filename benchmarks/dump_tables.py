"""Every table of a Claimscope database as text, for telling two builds apart.

    python benchmarks/dump_tables.py DB > before.txt
    ... change the code, seed again ...
    python benchmarks/dump_tables.py DB > after.txt && diff before.txt after.txt

Prints the schema (sqlite_master, sorted by name) and then each table's rows in
primary-key order (rowid where none is declared), FTS5
shadow tables included, so a change in what was indexed shows too.  Values are
printed with ``repr`` so 1 and 1.0, '' and NULL stay apart.

Only what a second run necessarily writes differently is left out: the clock
time of a run (``documents.seeded_at`` and the ``seeded_at`` row of
``claimscope_meta``).  Nothing else is skipped.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys

# (table, column) pairs holding the time of the run.
VOLATILE_COLUMNS = {("documents", "seeded_at")}
# (table, key) rows of key/value tables holding the time of the run.
VOLATILE_META = {("claimscope_meta", "seeded_at")}


def _order(con: sqlite3.Connection, table: str) -> str:
    """The primary key's columns, or rowid where none is declared."""
    pk = [r[1] for r in sorted(con.execute(f'PRAGMA table_info("{table}")'), key=lambda r: r[5]) if r[5]]
    return ", ".join(f'"{c}"' for c in pk) if pk else "rowid"


def dump(path: str, out) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for kind, name, sql in con.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"):
        print(f"schema {kind} {name}: {sql}", file=out)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0] or ""
        if sql.upper().startswith("CREATE VIRTUAL TABLE"):
            continue  # its rows are its shadow tables', dumped on their own
        columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        keep = [c for c in columns if (table, c) not in VOLATILE_COLUMNS]
        select = ", ".join(f'"{c}"' for c in keep)
        rows = con.execute(f'SELECT {select} FROM "{table}" ORDER BY {_order(con, table)}')
        print(f"table {table} ({', '.join(keep)})", file=out)
        for row in rows:
            if table == "claimscope_meta" and (table, row[0]) in VOLATILE_META:
                continue
            print("  " + repr(tuple(row)), file=out)
    con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    args = ap.parse_args(argv)
    dump(args.db, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
