"""One file that is one long paragraph, at two sizes: whether seeding time
grows with the text or faster than it.

    python benchmarks/large_file.py [--sizes 250000 1000000]

Joins the bundled corpus's articles into a single paragraph (no blank line, as
a scraped page or a transcript can be), repeats it to each size, seeds each
into a new database with ``claimscope seed --timings`` in a process of its
own, and prints each stage's seconds, the peak memory and, for each size after
the first, the ratio of times beside the ratio of sizes.  The largest size is
the file limit (``seed.ingest.files.MAX_BYTES``): up to it the time stays about
proportional to the text; past it, extraction and linking grow faster.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "seed" / "corpus"


def one_paragraph(size: int) -> str:
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(CORPUS.glob("*.txt")))
    return ((text + " ") * (size // len(text) + 1))[:size]


def seed_timed(folder: Path, db: Path) -> tuple[float, str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-m", "seed", str(folder), "--db", str(db), "--timings"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    seconds = float(re.search(r"in ([\d.]+)s", out).group(1))
    stages = re.search(r"stages: (.*)", out).group(1)
    return seconds, stages, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    args = ap.parse_args()
    first: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            (folder / "one.txt").write_text(one_paragraph(size), encoding="utf-8")
            seconds, stages, peak = seed_timed(folder, Path(tmp) / f"{size}.db")
            ratio = f"  time x{seconds / first[1]:.1f} for size x{size / first[0]:.1f}" if first else ""
            print(f"{size:>9,} chars: {seconds:6.1f} s, peak {peak:,.0f} MB ({stages}){ratio}")
            first = first or (size, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
