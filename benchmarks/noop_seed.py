"""A seed run with nothing to do: how long ``claimscope seed`` takes to find that
every file is unchanged, and where that time goes.

    python benchmarks/noop_seed.py [--runs 11] [--profile 25] [PATH ...]

Seeds PATH (default: the bundled corpus) into a new database once, then runs
``claimscope seed PATH --db DB --quiet`` ``--runs`` times, each in a process of
its own as a user runs it (``python -m seed``, which is what ``claimscope seed``
execs), and prints the median wall time, the fastest and the slowest, and the median CPU
time of a run (steadier than the wall time on a machine others share).  Then one
more run in this process under cProfile, with its imports (each module is
imported afresh in a child process, so import time shows), printing the
``--profile`` functions with the most cumulative time.  The runs may write
bytecode caches (``__pycache__``), as on a user's machine, even where
``PYTHONDONTWRITEBYTECODE`` is set (without them every run compiles the
project's modules again, some 0.13 s).  Run it from the checkout to measure:
``python -m seed`` imports the project from the current folder.  Target (issue 17): a run
with nothing to do returns in at most 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "seed" / "corpus"

PROFILE = """
import cProfile, pstats, sys
sys.argv = ["claimscope seed", *{args!r}]
profiler = cProfile.Profile()
profiler.enable()
from seed.cli import main
code = main(sys.argv[1:])
profiler.disable()
assert code in (0, 3), code
pstats.Stats(profiler).sort_stats("cumulative").print_stats({top})
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--profile", type=int, default=25, metavar="N", help="functions to list (0: no profile)")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: modules compiled once
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "noop.db"
        command = [sys.executable, "-m", "seed", *map(str, args.paths), "--db", str(db), "--quiet"]
        first = subprocess.run(command, capture_output=True, text=True, env=env)
        assert first.returncode in (0, 3), first.stderr
        times, cpu = [], []
        for _ in range(args.runs):
            began, used = time.perf_counter(), _children_cpu()
            done = subprocess.run(command, capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - began)
            cpu.append(_children_cpu() - used)
            assert done.returncode in (0, 3) and " 0 seeded" in done.stdout, done.stdout + done.stderr
        print(f"no-op seed of {', '.join(map(str, args.paths))}: median {statistics.median(times):.3f} s "
              f"(fastest {min(times):.3f}, slowest {max(times):.3f}, {args.runs} runs, "
              f"interpreter start included); CPU median {statistics.median(cpu):.3f} s")
        bare = []
        for _ in range(5):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], env=env)
            bare.append(time.perf_counter() - began)
        print(f"  (the interpreter alone, `python -c pass`: median {statistics.median(bare):.3f} s)")
        if args.profile:
            script = PROFILE.format(args=[*map(str, args.paths), "--db", str(db), "--quiet"], top=args.profile)
            out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env)
            assert out.returncode == 0, out.stderr
            print(out.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
