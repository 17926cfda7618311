"""Per-keystroke latency in the explorer: from a key to the results list redrawn.

    python benchmarks/explorer_latency.py /tmp/cs_1m.db [--per-class 20] [--seed 17]

The explorer runs headless (Textual's ``run_test``, 120x40) on the search
screen.  For each query drawn by ``benchmarks/random_queries.py`` (the
classes of ``search_bench.py --random``), the box is given the query less its
last character and left to settle (results shown, screen idle), then the last
character is posted to the box as a key event; the time is from the key to
the screen holding that query's results and the refresh after them done
(the list redrawn).  Also reported: the search call alone for the same query, on the
explorer's own searcher, and the time to build the results list
(``ResultList.show_hits``) for 50 hits.
"""
from __future__ import annotations

import argparse
import asyncio
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.random_queries import CLASSES, draw  # noqa: E402


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def pick(db: Path, per_class: int, seed: int) -> list[tuple[str, str]]:
    """``per_class`` queries of each class whose last character is a plain
    letter or digit (pressed as itself)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        pool = draw(con, per_class * len(CLASSES) * 3, seed)
    finally:
        con.close()
    out, have = [], dict.fromkeys(CLASSES, 0)
    for cls, q in pool:
        q = q.rstrip()
        if have[cls] < per_class and len(q) > 1 and re.fullmatch(r"[A-Za-z0-9]", q[-1]):
            out.append((cls, q))
            have[cls] += 1
    return out


async def _settle(pilot, screen, query: str, most: float = 10.0) -> bool:
    """Wait for ``query``'s results on screen and nothing left to do; False after ``most`` seconds."""
    end = time.perf_counter() + most
    while not screen.shown or screen.shown[-1] != query:
        if time.perf_counter() > end:
            return False
        await asyncio.sleep(0.0005)
    await pilot.pause()
    return True


async def _key_to_redraw(app, screen, box, q: str, most: float = 10.0) -> float | None:
    """The key posted to the box as a terminal would send it, then the time
    until the screen holds the query's results and has been refreshed.  Not
    ``pilot.press``: it waits for the process to look idle in 20 ms steps,
    which would be measured too."""
    from textual import events

    t = time.perf_counter()
    box.post_message(events.Key(q[-1], q[-1]))
    while not screen.shown or screen.shown[-1] != q:
        if time.perf_counter() - t > most:
            return None
        await asyncio.sleep(0.0002)
    drawn = asyncio.Event()
    app.call_after_refresh(drawn.set)
    await drawn.wait()
    return (time.perf_counter() - t) * 1000


async def measure(db: Path, queries: list[tuple[str, str]]) -> list[dict]:
    # The explorer first, as `claimscope` imports it: it sets Textual's frame rate.
    from explorer.app import ClaimscopeApp
    from explorer.screens.search import SearchScreen
    from textual.widgets import Input

    app = ClaimscopeApp(db, keymap={})
    out = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, SearchScreen) and app.screen.shown):
            await asyncio.sleep(0.005)
        screen = app.screen
        box = screen.query_one(Input)
        for cls, q in queries:
            box.value = q[:-1]
            box.cursor_position = len(box.value)
            if not await _settle(pilot, screen, q[:-1]):
                continue
            t = time.perf_counter()
            key_ms = await _key_to_redraw(app, screen, box, q)
            if key_ms is None:
                print(f"no results on screen for {q!r} (box holds {box.value!r})", flush=True)
                continue
            await _settle(pilot, screen, q)
            searcher = app.store.searcher()
            t = time.perf_counter()
            with app.store.search_slot():
                searcher.search(q, 50)
            out.append({"class": cls, "query": q, "key_ms": key_ms, "search_ms": (time.perf_counter() - t) * 1000})
        out.append({"build_ms": await _build_time(pilot, screen)})
    return out


async def _build_time(pilot, screen) -> float:
    """Median time to put 50 hits into the results list."""
    from explorer.widgets.results import ResultList

    results = screen.query_one(ResultList)
    hits = (screen.results.hits * 50)[:50] if screen.results and screen.results.hits else []
    times = []
    for _ in range(5):
        t = time.perf_counter()
        results.show_hits(hits)
        times.append((time.perf_counter() - t) * 1000)
        await pilot.pause()
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--per-class", type=int, default=20)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args(argv)
    runs = asyncio.run(measure(a.db, pick(a.db, a.per_class, a.seed)))
    build = runs.pop()["build_ms"]
    print(f"{a.db}: {len(runs)} queries, seed {a.seed}; show_hits(50 hits) {build:.1f} ms")
    print(f"{'class':<20} {'n':>3} {'key p50':>8} {'key p95':>8} {'search p50':>10} {'search p95':>10}  worst key")
    for cls in (*CLASSES, "all"):
        rs = [r for r in runs if cls in (r["class"], "all")]
        if not rs:
            continue
        keys, calls = [r["key_ms"] for r in rs], [r["search_ms"] for r in rs]
        worst = max(rs, key=lambda r: r["key_ms"])
        print(f"{cls:<20} {len(rs):>3} {_pct(keys, 50):>8.1f} {_pct(keys, 95):>8.1f} {_pct(calls, 50):>10.1f} "
              f"{_pct(calls, 95):>10.1f}  {worst['query']!r} {worst['key_ms']:.0f} ms")


if __name__ == "__main__":
    main()
