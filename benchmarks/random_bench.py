"""The random-query half of ``search_bench.py`` (``--random N --seed S``).

Each query is timed once, the first time it is asked, on a connection warmed
by ten queries of another seed: a query typed for the first time is what a
user waits for.  Recall@10 is against ``benchmarks.exhaustive`` on a seeded
subset (``--recall-queries``) when exhaustive scoring is too slow for all;
queries with no word of 3+ letters and no filter are left out of recall,
since the search answers them with actors by name prefix, by design, not by
score.  fzf gets the query without its filter tokens.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.random_queries import CLASSES, draw


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def timed(db: Path, qs: list[tuple[str, str]], seed: int) -> list[dict]:
    from db.connection import open_readonly
    from db.search import Searcher

    con = open_readonly(db)
    s = Searcher(con)
    for _, q in draw(con, 10, seed + 1):
        s.search(q)
    out = []
    for cls, q in qs:
        t = time.perf_counter()
        r = s.search(q)
        ms = (time.perf_counter() - t) * 1000
        out.append({"class": cls, "query": q, "ms": ms, "hits": r.hits, "scored": s.last_candidates,
                    "filters": s._filter_values(q, _parse(q), [])})
    con.close()
    return out


def _parse(q: str):
    from db.search.query import parse

    return parse(q)


def _rankable(q: str) -> bool:
    p = _parse(q)
    return bool(p.terms or p.by or p.outlets or p.kinds or p.verdicts)


def recalls(db: Path, runs: list[dict], n: int | None) -> None:
    """Sets ``recall`` on each run of a seeded subset of the rankable ones."""
    from benchmarks.exhaustive import Rows, recall

    rows = Rows(db)
    pool = [r for r in runs if _rankable(r["query"])]
    chosen = pool if n is None or n >= len(pool) else random.Random(3).sample(pool, n)
    for r in chosen:
        filters = r["filters"]
        if not isinstance(filters, tuple):  # the engine found no row can match (no such actor...)
            r["recall"] = None if not r["hits"] else 0.0
        else:
            r["recall"] = recall(rows, r["query"], filters, r["hits"])


def fzf_times(db: Path, runs: list[dict], n: int | None) -> None:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for (body,) in con.execute("SELECT body FROM search_items ORDER BY id"):
            fh.write((body or "").replace("\n", " ") + "\n")
        lines = Path(fh.name)
    con.close()
    chosen = runs if n is None or n >= len(runs) else random.Random(4).sample(runs, n)
    for r in chosen:
        words = [w for w in re.findall(r'\S+:"[^"]*"|"[^"]*"|\S+', r["query"])
                 if not re.match(r"(by|in|kind|verdict):", w)]
        text = " ".join(w.strip('"') for w in words)
        t = time.perf_counter()
        with lines.open("rb") as fh:
            subprocess.run(["fzf", "--filter", text], stdin=fh, stdout=subprocess.DEVNULL, check=False)
        r["fzf_ms"] = (time.perf_counter() - t) * 1000
    lines.unlink()


def table(runs: list[dict]) -> list[dict]:
    out = []
    for cls in (*CLASSES, "all"):
        rs = [r for r in runs if cls in (r["class"], "all")]
        if not rs:
            continue
        ms = [r["ms"] for r in rs]
        rec = [r["recall"] for r in rs if r.get("recall") is not None]
        fz = [r["fzf_ms"] for r in rs if "fzf_ms" in r]
        worst = max(rs, key=lambda r: r["ms"])
        out.append({"class": cls, "n": len(rs), "p50": _pct(ms, 50), "p95": _pct(ms, 95), "p99": _pct(ms, 99),
                    "max": max(ms), "recall": statistics.mean(rec) if rec else None, "recall_n": len(rec),
                    "fzf_p50": _pct(fz, 50) if fz else None, "worst": worst["query"],
                    "scored": max(r["scored"] for r in rs)})
    return out


def run(db: Path, n: int, seed: int, recall_n: int | None, fzf_n: int | None, json_out: Path | None) -> None:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    qs = draw(con, n, seed)
    con.close()
    runs = timed(db, qs, seed)
    if recall_n != 0:
        recalls(db, runs, recall_n)
    have_fzf = shutil.which("fzf") is not None
    if have_fzf and fzf_n != 0:
        fzf_times(db, runs, fzf_n)
    rows = table(runs)
    print(f"{db}: {claims:,} claims, {n} random queries, seed {seed}" + ("" if have_fzf else "; fzf not installed"))
    print(f"{'class':<20} {'n':>4} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} {'recall@10':>9} {'(n)':>4} "
          f"{'fzf p50':>8}  worst query")
    for t in rows:
        rec = f"{t['recall']:.3f}" if t["recall"] is not None else "-"
        fz = f"{t['fzf_p50']:.0f}" if t["fzf_p50"] is not None else "-"
        print(f"{t['class']:<20} {t['n']:>4} {t['p50']:>6.1f} {t['p95']:>6.1f} {t['p99']:>6.1f} {t['max']:>6.1f} "
              f"{rec:>9} {t['recall_n']:>4} {fz:>8}  {t['worst']!r}")
    misses = [(r["query"], round(r["recall"], 2)) for r in runs if r.get("recall") is not None and r["recall"] < 1]
    print(f"recall below 1: {misses}", flush=True)
    if json_out:
        keep = [{k: v for k, v in r.items() if k not in ("hits", "filters")} for r in runs]
        json_out.write_text(json.dumps({"db": str(db), "claims": claims, "table": rows, "runs": keep}, indent=1))
