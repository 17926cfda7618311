"""Peak memory of ``claimscope export`` on a large database: rows stream off
the cursor, so the peak should not grow with the number of rows.

    python benchmarks/synthetic.py --claims 1000000 --db /tmp/cs_1m.db
    python benchmarks/export_memory.py --db /tmp/cs_1m.db [--kind claims] [--format csv]

Each run is a process of its own (``claimscope export KIND --format F``, its
output to /dev/null); its peak resident set comes from ``getrusage`` of the
children.  A query that matches nothing gives the baseline of the interpreter
and its imports.
"""
from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

EXPORT = "from explorer.cli import main; raise SystemExit(main())"


def peak(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one ``claimscope export`` run in a child process."""
    began = time.perf_counter()
    with open("/dev/null", "w") as sink:
        done = subprocess.run([sys.executable, "-c", EXPORT, "export", *args], stdout=sink,
                              stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    # ru_maxrss of the children: the largest of any child so far, in KB on Linux.
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--kind", default="claims")
    ap.add_argument("--format", default="csv")
    args = ap.parse_args(argv)
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    rows = con.execute(f"SELECT count(*) FROM {args.kind.replace('-', '_')}").fetchone()[0]
    con.close()
    # The baseline first: ru_maxrss only ever grows.
    base_s, base_mb = peak([args.kind, "zzzqxnomatch", "--db", str(args.db), "--format", args.format])
    full_s, full_mb = peak([args.kind, "--db", str(args.db), "--format", args.format])
    print(f"{args.db}: {rows:,} {args.kind} rows")
    print(f"  baseline (no row matches): {base_mb:.0f} MB peak, {base_s:.1f} s")
    print(f"  every row as {args.format}:       {full_mb:.0f} MB peak, {full_s:.1f} s "
          f"({rows / full_s:,.0f} rows/s)")


if __name__ == "__main__":
    main()
