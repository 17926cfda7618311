"""Seeding throughput against the bare language model, measured in one run.

    python benchmarks/seed_throughput.py [--copies 6] [--workers 1] [--repeat 3]

Writes ``--copies`` copies of the bundled corpus (each made unique by one
line, so none is skipped as a duplicate) and times, alternately:
  model:    ``nlp.pipe`` over the cleaned texts (the floor: spaCy alone);
  pipeline: ``claimscope seed`` of the same files into a new database
            (loading, cleaning, the model, extraction, actor resolution, writing).
Reports words per second for both and the pipeline's overhead over the model,
the median of ``--repeat`` rounds, and where it goes, from the run's own stage
timings (``Report.stages``).  The target (issue 3): extraction and writing cost
at most 15% on top of the model; cross-source linking, a later stage of its own
(issue 5), is reported beside it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seed.cli import DEFAULT_CORPUS  # noqa: E402
from seed.ingest.clean import clean  # noqa: E402
from seed.ingest.files import load  # noqa: E402
from seed.text.model import load_model  # noqa: E402
from seed.pipeline import seed  # noqa: E402


def make_corpus(folder: Path, copies: int) -> list[str]:
    sources = [s for s in load([DEFAULT_CORPUS]) if hasattr(s, "text")]
    texts = []
    for n in range(copies):
        for s in sources:
            text = f"Copy {n}.\n\n{s.text}"
            (folder / f"{n:03d}_{s.path.name}").write_text(text, encoding="utf-8")
            texts.append(clean(text, s.format).text)
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp = load_model()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        texts = make_corpus(corpus, args.copies)
        words = sum(len(t.split()) for t in texts)
        kwargs = {"n_process": args.workers} if args.workers > 1 else {}
        model_times, pipeline_times, stages = [], [], []
        for r in range(args.repeat):
            t = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=8, **kwargs):
                pass
            model_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            report = seed([corpus], Path(tmp) / f"bench{r}.db", workers=args.workers)
            pipeline_times.append(time.perf_counter() - t)
            assert len(report.seeded) == len(texts), report.skipped
            stages.append(report.stages)
        m, p = statistics.median(model_times), statistics.median(pipeline_times)
        stage = {name: statistics.median(s.get(name, 0.0) for s in stages) for name in stages[0]}
    print(f"documents {len(texts)}, words {words}, workers {args.workers}, rounds {args.repeat}")
    print(f"model only   {m:7.2f} s  {words / m:9.0f} words/s")
    print(f"full seeding {p:7.2f} s  {words / p:9.0f} words/s")
    print(f"overhead     {100 * (p - m) / m:+.1f}% over the model")
    print("stages       " + ", ".join(f"{name} {sec:.2f} s" for name, sec in stage.items()))
    ours = sum(stage.get(name, 0.0) for name in ("extract", "write", "index"))
    link = stage.get("link", 0.0)
    print(f"  extraction and writing (extract + write + index): {100 * ours / m:+.1f}% (target <= 15%)")
    print(f"  cross-source linking:                             {100 * link / m:+.1f}%")
    print(f"  the rest (cleaning, metadata, the model in the pipeline against alone, set-up): "
          f"{100 * (p - m - ours - link) / m:+.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
