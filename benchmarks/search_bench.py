"""Search at scale: latency, quality, explorer start-up and memory, against fzf.

    python benchmarks/synthetic.py --claims 10000 --db /tmp/cs_10k.db     # and 100000, 1000000
    python benchmarks/search_bench.py /tmp/cs_10k.db /tmp/cs_100k.db /tmp/cs_1m.db [--recall-queries 20]

For each database, over a fixed set of 50 queries (words, phrases, typos,
prefixes, names, filters, one- and two-character queries) built from the head
of the synthetic vocabulary (the same at every size):

- latency: each query run ``--repeat`` times on a warm connection; p50 and p95
  over all runs, and the worst query;
- recall@10 against exhaustive ranking: every row of the index
  (search_items) scored with the very scorer the search uses
  (``db.search.rank.score``); a hit counts when its exhaustive score reaches the
  10th best (ties at the cut-off are all "top ten").  Queries with filters or
  no word of 3+ characters are left out (the exhaustive side would need the
  filters re-implemented).  ``--recall-queries N`` uses a random (seeded) N of
  the rest, for the largest databases where exhaustive ranking is slow;
- fzf: ``fzf --filter`` over the same rows written one per line, the same
  query without its filter tokens; the ratio is fzf time / our time;
- explorer: a subprocess launches ``ClaimscopeApp`` headless (``run_test``) and
  reports the time from process start to the search screen's first results
  on screen, then runs the 50 queries through the app's own searcher and
  reports its peak RSS (``resource.getrusage``).

``--random N --seed S`` instead draws N queries from each database's own text
(``benchmarks/random_queries.py``) and reports latency per query class,
recall@10 and fzf (``benchmarks/random_bench.py``).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent


def queries() -> list[str]:
    from benchmarks.synthetic import Vocabulary

    v = Vocabulary(random.Random(7), people=200, places=100, outlets=10, orgs=50, seed=7)
    surname = [p[1] for p in v.people]
    full = [f"{p[0]} {p[1]}" for p in v.people]
    places = v.places

    def swap(w: str, i: int) -> str:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]

    def drop(w: str, i: int) -> str:
        return w[:i] + w[i + 1:]

    q = [
        # words
        "ceasefire", "pipeline", "drones", "confirmed", "evacuation", "reservoir", "tribunal", "withdrew",
        "minister", "embargo",
        # phrases and several words
        '"peace talks"', '"supply route" reviewed', '"under control"', "troops crossed", "blockade collapsed",
        # typos
        "ceasfire", "evacuaton", "satelite", "tribnual", "pipleine", "reservior",
        swap(surname[0].lower(), 2), drop(surname[1].lower(), 3), swap(surname[2].lower(), 1),
        swap(places[0].lower(), 2), drop(places[1].lower(), 2), swap(full[3].lower().split()[1], 3),
        # prefixes
        "evacu", "satell", "negot", "reinforc", surname[0][:5].lower(), surname[5][:4].lower(),
        places[0][:4].lower(), places[2][:5].lower(),
        # names
        full[0], full[1], full[2].lower(), full[3], surname[4], surname[6], places[3],
        # filters
        f"drones by:{surname[0]}", f"ceasefire in:{v.outlets[0].split()[0]}", "kind:figure troops",
        "verdict:disputed", "verdict:false ceasefire", "kind:quote evidence",
        # too short for the index
        surname[0][:2].lower(), "z",
    ]
    assert len(q) == 50, len(q)
    return q


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def latency(db: Path, qs: list[str], repeat: int) -> dict:
    from db.connection import open_readonly
    from db.search import Searcher

    con = open_readonly(db)
    s = Searcher(con)
    per, samples, cands, results = {}, [], [], {}
    for q in qs:
        s.search(q)  # warm: first touch of its pages
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            r = s.search(q)
            runs.append(time.perf_counter() - t)
        cands.append(s.last_candidates)
        per[q] = statistics.median(runs)
        samples += runs
        results[q] = r
    con.close()
    worst = max(per, key=per.get)
    return {"p50": _pct(samples, 50) * 1000, "p95": _pct(samples, 95) * 1000, "worst": (worst, per[worst] * 1000),
            "per": per, "max_candidates": max(cands), "results": results}


def load_rows(db: Path):
    import sqlite3

    from db.search.query import fold

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT i.id, i.kind, i.ref_id, i.body FROM search_items i ORDER BY i.id").fetchall()
    con.close()
    kinds = [r[1] for r in rows]
    key = {(r[1], r[2]): n for n, r in enumerate(rows)}
    bodies = [r[3] or "" for r in rows]
    return kinds, key, bodies, [fold(b) for b in bodies]


def exhaustive(q: str, kinds, folded) -> list[float]:
    """Every row's score, None-free: rows that do not match get -1."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from db.search.query import parse
    from db.search.rank import WORD_CUTOFF, score

    pq = parse(q)
    ok = np.ones(len(folded), dtype=bool)
    padded = None
    for w in pq.words:
        if len(w) < 3:
            continue
        if padded is None:
            padded = [f" {b} " for b in folded]
        m = process.cdist([w], padded, scorer=fuzz.partial_ratio, score_cutoff=WORD_CUTOFF, workers=-1,
                          dtype=np.float32)[0]
        ok &= m >= WORD_CUTOFF
    out = np.full(len(folded), -1.0)
    for i in np.nonzero(ok)[0]:
        s = score(pq, folded[i], kinds[i])
        if s is not None:
            out[i] = round(s, 1)
    return out


def recall(q: str, hits, kinds, key, folded) -> float | None:
    import numpy as np

    scores = exhaustive(q, kinds, folded)
    matching = int((scores >= 0).sum())
    if matching == 0:
        return None if not hits else 0.0
    k = min(10, matching)
    cut = np.partition(scores, -k)[-k]
    good = sum(1 for h in hits[:10] if scores[key[(h.kind, h.id)]] >= cut - 0.05)
    return min(1.0, good / k)


def fzf(lines_file: Path, q: str) -> float:
    words = [w for w in re.findall(r'"[^"]*"|\S+', q) if not re.match(r"(by|in|kind|verdict):", w)]
    text = " ".join(w.strip('"') for w in words) or q
    t = time.perf_counter()
    with lines_file.open("rb") as fh:
        subprocess.run(["fzf", "--filter", text], stdin=fh, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


EXPLORER = r"""
import asyncio, json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from explorer.app import ClaimscopeApp
from explorer.screens.search import SearchScreen
async def main():
    app = ClaimscopeApp(Path(sys.argv[1]), keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, SearchScreen) and app.screen.shown):
            await asyncio.sleep(0.005)
        ready = time.perf_counter() - t0
        s = app.store.searcher()
        for q in json.loads(sys.argv[3]):
            s.search(q, 50)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"ready": ready, "rss_mb": rss}))
asyncio.run(main())
"""


def explorer(db: Path, qs: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", EXPLORER, str(db), str(ROOT), json.dumps(qs)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(db: Path, qs: list[str], repeat: int, recall_n: int | None, fzf_n: int | None) -> dict:
    import sqlite3

    claims = sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT count(*) FROM claims").fetchone()[0]
    lat = latency(db, qs, repeat)
    ex = explorer(db, qs)
    kinds, key, bodies, folded = load_rows(db)
    rankable = [q for q in qs if not re.search(r"\b(by|in|kind|verdict):", q)
                and any(len(w) >= 3 for w in re.findall(r"\w+", q))]
    rng = random.Random(1)
    chosen = rankable if recall_n is None or recall_n >= len(rankable) else rng.sample(rankable, recall_n)
    recalls = {}
    for q in chosen:
        r = recall(q, lat["results"][q].hits, kinds, key, folded)
        if r is not None:
            recalls[q] = r
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for b in bodies:
            fh.write(b.replace("\n", " ") + "\n")
        lines = Path(fh.name)
    fq = qs if fzf_n is None or fzf_n >= len(qs) else random.Random(2).sample(qs, fzf_n)
    fz = {q: fzf(lines, q) for q in fq}
    lines.unlink()
    ratios = [fz[q] / lat["per"][q] for q in fq]
    return {"db": str(db), "claims": claims, "rows": len(bodies), "p50": lat["p50"], "p95": lat["p95"],
            "worst": lat["worst"], "max_candidates": lat["max_candidates"],
            "recall@10": statistics.mean(recalls.values()), "recall_queries": len(recalls),
            "recall_misses": {q: r for q, r in recalls.items() if r < 1.0},
            "fzf_p50": _pct(list(fz.values()), 50) * 1000, "fzf_queries": len(fq),
            "fzf_ratio_median": statistics.median(ratios), "ready_s": ex["ready"], "rss_mb": ex["rss_mb"]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dbs", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--recall-queries", type=int, default=None,
                    help="recall on a seeded random subset of this many queries (default: all)")
    ap.add_argument("--fzf-queries", type=int, default=None, help="fzf on a seeded subset (default: all 50)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--random", type=int, metavar="N", help="N queries drawn from each database's own text "
                    "instead of the fixed 50 (see benchmarks/random_queries.py)")
    ap.add_argument("--seed", type=int, default=17, help="seed of --random's draw")
    a = ap.parse_args(argv)
    if a.random:
        from benchmarks.random_bench import run

        for db in a.dbs:
            run(db, a.random, a.seed, a.recall_queries, a.fzf_queries, a.json)
        return
    qs = queries()
    out = []
    print(f"{'claims':>9} {'rows':>9} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9} {'fzf p50 ms':>10} "
          f"{'fzf/ours':>8} {'ready s':>7} {'RSS MB':>6}")
    for db in a.dbs:
        r = bench(db, qs, a.repeat, a.recall_queries, a.fzf_queries)
        out.append(r)
        print(f"{r['claims']:>9,} {r['rows']:>9,} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['recall@10']:>9.3f} "
              f"{r['fzf_p50']:>10.0f} {r['fzf_ratio_median']:>7.0f}x {r['ready_s']:>7.2f} {r['rss_mb']:>6.0f}")
        print(f"          worst query {r['worst'][0]!r} {r['worst'][1]:.1f} ms; most candidates scored "
              f"{r['max_candidates']}; recall over {r['recall_queries']} queries, below 1: {r['recall_misses']}; "
              f"fzf over {r['fzf_queries']} queries", flush=True)
    if a.json:
        a.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
