"""``claimscope seed``: the seeding command line (also ``python -m seed``)."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from db.connection import DatabaseError, default_db_path, shown

from .ingest import InputError, Skipped
from .pipeline import seed
from .report import Progress, WriteError

DEFAULT_CORPUS = Path(__file__).parent / "corpus"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="claimscope seed",
        description="Seed a Claimscope database from article files (.txt, .md, .html) and folders of them.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders (recursively); a sources.toml in a folder gives metadata. "
                        "Default: the bundled corpus")
    p.add_argument("--db", type=Path, help="database file (default: $CLAIMSCOPE_DB, else the user data directory)")
    p.add_argument("--rebuild", action="store_true", help="build the database afresh and swap it in when complete")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes for the language model (default 1)")
    p.add_argument("--quiet", action="store_true", help="print only the summary and problems")
    p.add_argument("--timings", action="store_true", help="also print the seconds spent in each stage")
    return p


class LineProgress(Progress):
    """Plain lines, for logs and pipes."""

    def __init__(self, quiet: bool):
        self.quiet, self.done, self.total = quiet, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        if not self.quiet and total:
            print(f"seeding {total} document{'s' * (total != 1)}", file=sys.stderr)

    def advance(self, path: Path) -> None:
        self.done += 1
        if not self.quiet:
            print(f"[{self.done}/{self.total}] {shown(path)}", file=sys.stderr)

    def skipped(self, item: Skipped) -> None:
        if not self.quiet:  # quiet: listed once, in the summary
            print(f"skipped {shown(item.path)}: {item.reason}", file=sys.stderr)

    def waiting(self, holder: str) -> None:
        print(waiting_message(holder), file=sys.stderr, flush=True)


class BarProgress(Progress):
    """A rich progress bar, for a terminal."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Bar(TextColumn("seeding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       TextColumn("{task.fields[name]}", markup=False), console=self.console, transient=True)
        self.task = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("seed", total=total, name="")

    def advance(self, path: Path) -> None:
        self.bar.update(self.task, advance=1, name=path.name)

    def skipped(self, item: Skipped) -> None:
        from rich.text import Text

        self.console.print(Text(f"skipped {shown(item.path)}: {item.reason}", style="yellow"))

    def waiting(self, holder: str) -> None:
        self.console.print(waiting_message(holder), markup=False, highlight=False)

    def stop(self) -> None:
        self.bar.stop()


def waiting_message(holder: str) -> str:
    who = f" (process {holder})" if holder.isdigit() else ""
    return (f"claimscope seed: another seed run{who} is writing this database; "
            "waiting for it to finish (ctrl+c stops)")


def summary(report, timings: bool = False, list_skipped: bool = True) -> str:
    c = report.counts
    lines = [
        f"{shown(report.db_path)}: {len(report.seeded)} seeded, {len(report.unchanged)} unchanged, "
        f"{len(report.moved)} moved, {len(report.skipped)} skipped in {report.seconds:.1f}s",
    ]
    if timings and report.stages:
        lines.append("stages: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.stages.items()))
    if c:
        lines.append("database: " + ", ".join(f"{v} {k}" for k, v in c.items()))
    if list_skipped:
        lines += [f"  skipped {shown(s.path)}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 all seeded (or unchanged), 3 seeded but some files were
    skipped, 1 nothing could be seeded or the database could not be written,
    2 bad arguments, paths or database file, 130 interrupted."""
    args = build_parser().parse_args(argv)
    paths = args.paths or [DEFAULT_CORPUS]
    db_path = args.db or default_db_path()
    if args.workers < 1:
        print("claimscope seed: --workers must be at least 1", file=sys.stderr)
        return 2
    for stop in (signal.SIGTERM, signal.SIGHUP):
        # Stopped like ctrl+c: a fresh build removes its partial file on the way out.
        signal.signal(stop, signal.default_int_handler)
    progress = BarProgress() if sys.stderr.isatty() and not args.quiet else LineProgress(args.quiet)
    try:
        report = seed(paths, db_path, rebuild=args.rebuild, workers=args.workers, progress=progress)
    except (InputError, DatabaseError) as e:
        print(f"claimscope seed: {e}", file=sys.stderr)
        return 2
    except WriteError as e:
        print(f"claimscope seed: {e}; stopped (the database keeps every document committed before)",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimscope seed: interrupted; the database holds every document committed before", file=sys.stderr)
        return 130
    finally:
        if isinstance(progress, BarProgress):
            progress.stop()
    print(summary(report, args.timings, list_skipped=args.quiet))
    if not (report.seeded or report.unchanged or report.moved):
        print("claimscope seed: nothing could be seeded", file=sys.stderr)
        return 1
    return 3 if report.skipped else 0
