"""Seeding the same documents serially, with ``--workers 2`` and on a Dask
cluster, and where the single writer becomes the limit.

    python benchmarks/cluster_seed.py [--copies 12] [--cluster local:2] [--repeat 1]

Writes ``--copies`` copies of the bundled corpus (5 articles each, each copy made
unique by one line: 60 documents by default) and seeds them into a new database
three ways: serially, with the model over two processes (``workers=2``), and on
``--cluster`` (a local cluster of two worker processes, started by the run, or
a scheduler's address).  For each: documents per second over the whole run
(the cluster's start included) and without the cluster's start, the CPU
seconds of this process and its children (the model's processes, the local
cluster's workers: what the run costs whatever else the machine runs), and the
writer's share of the run.

The writer is this process: finding, reading and planning the files, writing
each record with actor resolution, the search index and linking, and taking
each record off the wire.  On the cluster that is the run's time less the time
the writer waited for the next record in order and the cluster's start.  The
workers' share is their parse and extract seconds.  With ``w`` the worker
seconds of one document and ``c`` the writer's, one writer keeps up with
``w / c`` workers: past that, documents wait for the writer, not for the model.
Every database is compared with the serial one (benchmarks/dump_tables.py).
"""
from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.dump_tables import dump  # noqa: E402
from seed.cli import DEFAULT_CORPUS  # noqa: E402
from seed.ingest.files import load  # noqa: E402
from seed.pipeline import seed  # noqa: E402


def make_corpus(folder: Path, copies: int) -> int:
    sources = [s for s in load([DEFAULT_CORPUS]) if hasattr(s, "text")]
    for n in range(copies):
        for s in sources:
            (folder / f"{n:03d}_{s.path.name}").write_text(f"Copy {n}.\n\n{s.text}", encoding="utf-8")
    return copies * len(sources)


def tables(db: Path) -> list[str]:
    out = io.StringIO()
    dump(str(db), out)
    return [line for line in out.getvalue().splitlines() if not line.startswith("  ('generation', ")]


def cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its children that have ended (the
    model's processes, a local cluster's workers once it is closed)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run(corpus: Path, db: Path, **options) -> dict:
    began, used = time.perf_counter(), cpu()
    report = seed([corpus], db, **options)
    wall, (own, children) = time.perf_counter() - began, (b - a for a, b in zip(used, cpu()))
    s = report.stages
    start, wait = s.get("cluster start", 0.0), s.get("wait", 0.0)
    models = s.get("parse", 0.0) + s.get("extract", 0.0)
    if "cluster" in options:
        writer = wall - start - wait  # everything this process did itself
    else:
        writer = wall - models  # the rest of a serial run is this process too
    return {"wall": wall, "start": start, "writer": writer, "models": models, "cpu": own + children, "own cpu": own, "docs": len(report.seeded),
            "stages": dict(s)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=12)
    ap.add_argument("--cluster", default="local:2")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = make_corpus(corpus, args.copies)
        ways = {"serial": {}, "--workers 2": {"workers": 2}, f"--cluster {args.cluster}": {"cluster": args.cluster}}
        results: dict[str, list[dict]] = {name: [] for name in ways}
        same = {}
        for r in range(args.repeat):
            for name, options in ways.items():
                db = Path(tmp) / f"{r}-{len(results[name])}-{name.strip('-').replace(' ', '_')}.db"
                results[name].append(run(corpus, db, **options))
                assert results[name][-1]["docs"] == n, results[name][-1]
                if r == 0:
                    same[name] = tables(db)
        serial_tables = same["serial"]
    print(f"documents {n}, rounds {args.repeat} (medians)")
    print(f"{'run':<22} {'wall s':>7} {'docs/s':>7} {'docs/s w/o start':>17} {'CPU s':>6} {'writer s':>9} "
          f"{'writer share':>13}  same as serial")
    for name, rounds in results.items():
        med = {k: statistics.median(x[k] for x in rounds) for k in ("wall", "start", "writer", "models", "cpu", "own cpu")}
        print(f"{name:<22} {med['wall']:7.2f} {n / med['wall']:7.2f} {n / (med['wall'] - med['start']):17.2f} "
              f"{med['cpu']:6.1f} {med['writer']:9.2f} {100 * med['writer'] / (med['wall'] - med['start']):12.1f}%  "
              f"{'yes' if same[name] == serial_tables else 'NO'}")
        print(f"{'':<22} CPU s of this process {med['own cpu']:.1f}; stages: "
              + ", ".join(f"{k} {v:.2f}" for k, v in rounds[0]["stages"].items()))
    serial = {k: statistics.median(x[k] for x in results["serial"]) for k in ("models", "writer")}
    cluster = {k: statistics.median(x[k] for x in results[f"--cluster {args.cluster}"]) for k in ("models", "writer")}
    for label, w, c in (("serial", serial["models"], serial["writer"]), ("cluster", cluster["models"], cluster["writer"])):
        print(f"from the {label} run: worker {w / n * 1000:.0f} ms/doc, writer {c / n * 1000:.0f} ms/doc: "
              f"one writer keeps up with about {w / c:.0f} workers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
